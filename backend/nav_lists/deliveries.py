"""The attendance lists that go to the contact person every 14 days, as documents.

When a list is due is the domain's rule (`backend.reminders.deadlines.AttendanceList`, the
same one the reminder pass uses for its "the list goes to NAV" reminder): delivery
dates every 14 days from `Participant.list_start`, moved back to the working day
before when the unit is closed. The list delivered on a date covers the 14 days before
it (`backend.nav_lists.rules.nav_period`).

Once a day from 08:00 (and for days missed since the last run, a week at most) the due
lists are written to the outbox, one row per staff chat under a unique key, in the
window DOCUMENTS_WINDOW that no outbox sender opens: only the staff job claims these
rows (`claim`), makes the PDF and CSV from what is stored at that moment, sends them
and marks the row sent, so each list reaches each chat once.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from backend.calendar.calendars import unit_calendars
from backend.models import (
    JobRun,
    LinkRole,
    OutboxMessage,
    Participant,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.nav_lists.lists import AttendanceList as AttendanceListDoc
from backend.nav_lists.lists import build_list
from backend.nav_lists.rules import nav_period
from backend.outbox import queue as outbox
from backend.reminders.deadlines import AttendanceList, due_between
from backend.shared.clock import utc

TEMPLATE = "attendance_list_documents"
DOCUMENTS_WINDOW = "documents"
JOB = "attendance_list_documents"
STARTS_AT = time(8, 0)
MAX_CATCH_UP = timedelta(days=7)


def _chats(participant: Participant, links: list[TelegramLink]) -> list[TelegramLink]:
    """The contact person's chats, else the unit's leaders' and coordinators'."""
    unit_id = participant.unit_id
    contact = [link for link in links if link.staff_id == participant.contact_id]
    if contact:
        return contact
    return [
        link
        for link in links
        if link.staff.unit_id == unit_id
        and link.staff.role in (StaffRole.LEADER, StaffRole.COORDINATOR)
    ]


async def write_due(now: datetime) -> int:
    """Write the lists due today (and on missed days) to the outbox once; rows written."""
    today = now.date()
    if now.timetz().replace(tzinfo=None) < STARTS_AT:
        return 0
    last = await JobRun.filter(name=JOB).order_by("-day").first()
    if last is not None and last.day >= today:
        return 0
    first = today if last is None else max(last.day + timedelta(days=1), today - MAX_CATCH_UP)
    participants = await Participant.filter(
        active=True, nav_followed=True, list_start__isnull=False
    ).order_by("id")
    written = 0
    if participants:
        unit_ids = list({p.unit_id for p in participants})
        calendars = await unit_calendars(await Unit.filter(id__in=unit_ids))
        links = await TelegramLink.filter(
            Q(role=LinkRole.STAFF, revoked_at=None, blocked_at=None, staff__active=True),
            staff__unit_id__in=unit_ids,
        ).prefetch_related("staff")
        for p in participants:
            assert p.list_start is not None
            rule = AttendanceList(p.code, p.list_start, True, p.decision_end)
            pwd = calendars[p.unit_id].previous_working_day
            for due in due_between(first, today, [rule], pwd):
                start, end = nav_period(due.event_date)
                params: dict[str, Any] = {
                    "participant_id": p.id,
                    "participant": p.name,
                    "first": start.isoformat(),
                    "last": end.isoformat(),
                    "number": due.detail.get("number", ""),
                }
                for link in _chats(p, links):
                    written += await outbox.enqueue(
                        f"attendance-list-docs:{p.code}:{due.event_date.isoformat()}:{link.chat_id}",
                        TEMPLATE,
                        params,
                        due_at=now,
                        chat_id=link.chat_id,
                        language=link.language or "nb",
                        window=DOCUMENTS_WINDOW,
                    )
    with contextlib.suppress(IntegrityError):  # another process recorded the day first
        await JobRun.create(name=JOB, day=today, finished_at=utc(now))
    return written


async def claim(now: datetime, limit: int = 20) -> list[OutboxMessage]:
    """Claim due document rows for this process, as the outbox claims its rows."""
    at = utc(now)
    candidates = (
        await OutboxMessage.filter(window=DOCUMENTS_WINDOW, due_at__lte=at)
        .filter(outbox.claimable(at))
        .order_by("id")
        .limit(limit)
    )
    return await outbox.claim_rows(candidates, at)


def period_of(message: OutboxMessage) -> tuple[int, date, date]:
    params = message.params
    return (
        int(params["participant_id"]),
        date.fromisoformat(params["first"]),
        date.fromisoformat(params["last"]),
    )


async def list_for(message: OutboxMessage, today: date) -> AttendanceListDoc | None:
    """The list a claimed row asks for, made now; None when the chat no longer belongs to
    active staff of the participant's unit (the row is then dropped, not sent)."""
    participant_id, first, last = period_of(message)
    participant = await Participant.get_or_none(id=participant_id)
    if participant is None:
        return None
    allowed = await TelegramLink.exists(
        chat_id=message.chat_id,
        role=LinkRole.STAFF,
        revoked_at=None,
        staff__active=True,
        staff__unit_id=participant.unit_id,
    )
    if not allowed:
        return None
    return await build_list(participant, first, last, today)
