"""Ending a participant's service: no more plan, reminders or bot access from that day."""

from __future__ import annotations

from datetime import date

from tortoise.transactions import in_transaction

from backend.models import Participant
from backend.shared import audit
from backend.shared.errors import N_, RuleError


async def end_service(participant: Participant, ended_on: date, *, actor: str, today: date) -> None:
    """Links stop working at once: services/links.py keeps only active people's links."""
    if not participant.active:
        raise RuleError(N_("Tjenesten er allerede avsluttet"))
    if ended_on > today:
        raise RuleError(N_("Sluttdatoen kan ikke være fram i tid: {day}"), day=ended_on.isoformat())
    async with in_transaction():
        await Participant.filter(id=participant.id).update(active=False, ended_on=ended_on)
        await audit.record(
            actor, "participant.end", f"participant:{participant.code}", day=ended_on.isoformat()
        )
