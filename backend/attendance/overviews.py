"""Overviews for staff in chat: a unit's week, and one participant's last weeks.

Both use the attendance list's rules (backend.nav_lists.rules) for what each
day was, so the chat, the PDF and the web agree; both stay within the staff member's
own unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from backend.attendance.marking import attendance_between
from backend.attendance.roster import unit_for_staff
from backend.calendar.calendars import unit_calendars
from backend.calendar.plan import plans_between
from backend.calendar.rules import DayStatus
from backend.models import Absence, Participant, Staff, Unit
from backend.nav_lists.lists import AttendanceList, build_list, participant_for_staff
from backend.nav_lists.rules import (
    ListRow,
    PeriodKind,
    Record,
    Report,
    RowKind,
    build_rows,
    period,
)

AHEAD_DAYS = 28


@dataclass(frozen=True)
class WeekDay:
    day: date
    status: DayStatus
    counts: dict[RowKind, int]


@dataclass(frozen=True)
class WeekView:
    unit: Unit
    monday: date
    days: tuple[WeekDay, ...]  # Monday to Sunday
    participants: tuple[Participant, ...]  # active, by name


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def week(staff: Staff, monday: date, today: date) -> WeekView:
    """What each day of the week holds at the staff member's unit, in seven queries."""
    unit = await unit_for_staff(staff)
    monday = monday_of(monday)
    sunday = monday + timedelta(days=6)
    participants = await Participant.filter(unit_id=unit.id, active=True).order_by("name", "id")
    calendar = (await unit_calendars([unit]))[unit.id]
    plans = (
        await plans_between(participants, monday, sunday, include_off=True) if participants else {}
    )
    records = await attendance_between(participants, monday, sunday) if participants else {}
    reports = await _reports([p.id for p in participants], monday, sunday)
    counts: dict[date, Counter[RowKind]] = {monday + timedelta(days=n): Counter() for n in range(7)}
    for p in participants:
        stored = {
            d: Record(str(r.status), r.hours, r.remark) for d, r in records.get(p.id, {}).items()
        }
        for row in build_rows(plans[p.id], stored, reports.get(p.id, {}), today):
            counts[row.day][row.kind] += 1
    days = tuple(WeekDay(d, calendar.status(d), dict(c)) for d, c in counts.items())
    return WeekView(unit, monday, days, tuple(participants))


async def _reports(ids: list[int], first: date, last: date) -> dict[int, dict[date, Report]]:
    found: dict[int, dict[date, Report]] = {pid: {} for pid in ids}
    if not ids:
        return found
    for a in await Absence.filter(
        participant_id__in=ids, day__gte=first, day__lte=last, withdrawn_at=None
    ):
        found[a.participant_id][a.day] = Report(str(a.category), a.late)
    return found


@dataclass(frozen=True)
class ParticipantOverview:
    recent: AttendanceList  # the last 14 days, today included
    ahead: tuple[Absence, ...]  # absences reported from tomorrow on


async def participant_overview(
    staff: Staff, participant_id: int, today: date
) -> ParticipantOverview:
    participant = await participant_for_staff(staff, participant_id)
    first, last = period(PeriodKind.LAST_14, today)
    recent = await build_list(participant, first, last, today)
    ahead = await Absence.filter(
        participant_id=participant.id,
        day__gt=today,
        day__lte=today + timedelta(days=AHEAD_DAYS),
        withdrawn_at=None,
    ).order_by("day")
    return ParticipantOverview(recent, tuple(ahead))


def recent_rows(overview: ParticipantOverview) -> list[ListRow]:
    return list(overview.recent.rows)
