"""A reminder the sender could not deliver is reported to the unit's leaders once.

Write-time gaps (no link, no address) are planned with the reminders
(`plan.Planner`); this covers what only sending finds out: the bot blocked, the
chat gone, an address refused. The report's key derives from the failed row's
key, so retries and a second process still make one report. A failed report is
never reported again. The key is the one the planner gives a gap it finds itself
(`plan.report_key`), so a reminder is reported once however its failure is found.
"""

from __future__ import annotations

from datetime import datetime

from backend.models import LinkRole, OutboxMessage, Staff, StaffRole, TelegramLink
from backend.outbox import queue as outbox
from backend.outbox.windows import staff_window
from backend.reminders.plan import UNDELIVERABLE, is_reminder_template, report_key
from backend.shared.i18n import normalise_language


async def _targets(unit_code: str, email: bool) -> list[tuple[str, int | None, str | None, str]]:
    """(name, chat id, e-mail, language) of the leaders, else the coordinators."""
    for role in (StaffRole.LEADER, StaffRole.COORDINATOR):
        staff = await Staff.filter(unit__code=unit_code, role=role, active=True).order_by("code")
        links = await TelegramLink.filter(
            role=LinkRole.STAFF,
            revoked_at=None,
            blocked_at=None,
            staff_id__in=[s.id for s in staff],
        ).order_by("chat_id")
        found: list[tuple[str, int | None, str | None, str]] = []
        for person in staff:
            chats = [link for link in links if link.staff_id == person.id]
            if chats:
                found += [
                    (person.name, c.chat_id, None, normalise_language(c.language)) for c in chats
                ]
            elif email and person.email:
                found.append((person.name, None, person.email, "nb"))
        if found:
            return found
    return []


async def report_undeliverable(
    message: OutboxMessage, reason: str, now: datetime, *, email: bool = False
) -> int:
    """Queue the report for a failed reminder row; returns how many rows were new."""
    unit_code = message.params.get("unit")
    if not is_reminder_template(message.template) or not unit_code:
        return 0
    written = 0
    for name, chat_id, address, language in await _targets(unit_code, email):
        if chat_id is not None and chat_id == message.chat_id:
            continue  # the leader's own chat is the one that failed
        target = f"tg:{chat_id}" if chat_id is not None else f"mail:{address}"
        params = dict(message.params) | {"reason": reason, "leader": name}
        params.pop("attachments", None)
        reminder_key = str(params.get("reminder_key") or message.key)
        who = str(params.get("who") or f"row:{message.id}")
        written += await outbox.enqueue(
            report_key(reminder_key, who, target),
            UNDELIVERABLE,
            params,
            due_at=now,
            chat_id=chat_id,
            email=address,
            language=language,
            window=staff_window(unit_code),
        )
    return written
