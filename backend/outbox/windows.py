"""Delivery windows: when an outbox row may go out.

A row's `window` is None (any time: an absence notice must reach staff at once),
"participant" (never at night, 21:00–08:00 local) or "staff:<unit code>" (the unit's
working days, 08:00–16:00 local). Rows wait in the outbox until their window opens;
`open_windows(now)` names the windows open at an instant, for the senders' claim.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from backend.calendar.calendars import CALENDAR_FIELDS, settings_of
from backend.calendar.rules import UnitCalendar
from backend.models import Closure, Unit

PARTICIPANT = "participant"
STAFF_PREFIX = "staff:"
STAFF_HOURS = (time(8, 0), time(16, 0))  # from, until (exclusive), local
PARTICIPANT_HOURS = (time(8, 0), time(21, 0))


def staff_window(unit_code: str) -> str:
    return f"{STAFF_PREFIX}{unit_code}"


def staff_window_open(local: time, working_day: bool) -> bool:
    start, end = STAFF_HOURS
    return working_day and start <= local < end


def participant_window_open(local: time) -> bool:
    start, end = PARTICIPANT_HOURS
    return start <= local < end


def participant_window_opens(now: datetime) -> datetime:
    """When a participant row made at `now` (aware, in the service's zone) may go out:
    `now` within the window, else the window's next start (this morning or tomorrow's)."""
    local = now.timetz().replace(tzinfo=None)
    if participant_window_open(local):
        return now
    start = PARTICIPANT_HOURS[0]
    day = now.date() if local < start else now.date() + timedelta(days=1)
    return datetime.combine(day, start, tzinfo=now.tzinfo)


def staff_start(day: date, now: datetime) -> datetime:
    """When a staff reminder for `day` becomes due: the start of that working day."""
    return datetime.combine(day, STAFF_HOURS[0], tzinfo=now.tzinfo)


def windows_open_at(now: datetime, units: list[tuple[str, UnitCalendar]]) -> list[str]:
    """The windows open at `now` (aware, in the service's zone)."""
    local = now.timetz().replace(tzinfo=None)
    found = [PARTICIPANT] if participant_window_open(local) else []
    for code, calendar in units:
        if staff_window_open(local, calendar.is_open(now.date())):
            found.append(staff_window(code))
    return found


async def open_windows(now: datetime) -> list[str]:
    """Windows open now. Outside staff hours no query; within them two light ones: the
    units' calendar settings (no rows made into models) and the closures of today only."""
    local = now.timetz().replace(tzinfo=None)
    if not staff_window_open(local, working_day=True):
        return windows_open_at(now, [])
    today = now.date()
    closed = dict(await Closure.filter(day=today).values_list("unit_id", "reason"))
    units = await Unit.all().values_list("id", "code", *CALENDAR_FIELDS)
    calendars = []
    for unit_id, code, *fields in units:
        today_closed = {today: closed[unit_id]} if unit_id in closed else {}
        settings = settings_of(dict(zip(CALENDAR_FIELDS, fields, strict=True)), today_closed)
        calendars.append((code, UnitCalendar(settings)))
    return windows_open_at(now, calendars)
