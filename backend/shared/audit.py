"""The audit log: who saw or changed what, and when."""

from __future__ import annotations

from backend.models import AuditEvent


async def record(actor: str, action: str, subject: str, **detail: object) -> None:
    await AuditEvent.create(actor=actor, action=action, subject=subject, detail=detail)
