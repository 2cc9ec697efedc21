"""Setting the dates of the routines' meetings; their reminders follow from the dates.

Status meetings on school pupils are held in January and September (seed 001); the
NAV cooperation meeting in the second half of April and October (seed 004).
"""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.transactions import in_transaction

from backend.models import Meeting, MeetingKind, Unit
from backend.shared import audit
from backend.shared.errors import N_, RuleError

# A NAV meeting already held may be set up to a year back, to store its minutes (seed 004
# §10) when a unit starts using the product after the meeting.
MINUTES_LOOKBACK = timedelta(days=366)

ALLOWED = {
    MeetingKind.STATUS: (
        N_("Statusmøtet holdes i januar eller september"),
        lambda d: d.month in (1, 9),
    ),
    MeetingKind.NAV: (
        N_("Samarbeidsmøtet med NAV holdes i andre halvdel av april eller oktober"),
        lambda d: d.month in (4, 10) and d.day >= 16,
    ),
}


async def set_meeting(
    unit: Unit, kind: MeetingKind, day: date, *, note: str | None, actor: str, today: date
) -> Meeting:
    message, allowed = ALLOWED[kind]
    if not allowed(day):
        raise RuleError(message)
    if day < today and not (kind is MeetingKind.NAV and day >= today - MINUTES_LOOKBACK):
        raise RuleError(N_("Møtedatoen kan ikke være tilbake i tid: {day}"), day=day.isoformat())
    note = " ".join(note.split())[:500] if note else None
    async with in_transaction():
        if await Meeting.exists(unit_id=unit.id, kind=kind, day=day):
            raise RuleError(N_("Det møtet er satt allerede: {day}"), day=day.isoformat())
        meeting = await Meeting.create(unit=unit, kind=kind, day=day, note=note)
        await audit.record(
            actor, "meeting.set", f"unit:{unit.code}", kind=kind.value, day=day.isoformat()
        )
    return meeting


async def remove_meeting(unit: Unit, meeting_id: int, *, actor: str) -> None:
    async with in_transaction():
        meeting = await Meeting.get_or_none(id=meeting_id, unit_id=unit.id)
        if meeting is None:
            raise RuleError(N_("Fant ikke det møtet"))
        await meeting.delete()
        await audit.record(
            actor,
            "meeting.remove",
            f"unit:{unit.code}",
            kind=meeting.kind,
            day=meeting.day.isoformat(),
        )
