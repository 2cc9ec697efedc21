"""The drop-in café: its own weekly hours, and the unit's date closures.

The café keeps its own weekday hours but inherits every *date* closure of the unit
calendar (public holidays, extra closures, Christmas, fellesferie). A weekday without
café hours is NOT_OPENING_DAY even if the unit itself is open that day.

Before ``opens_on`` the answer is only "not yet open, opens on <date>", never a
timetable (seed 001: planned from 01.01.2026, postponed, expected 01.06.2026).
``opens_on=None`` means the café is already in operation.

Times are local wall-clock time (Europe/Oslo); the caller converts before asking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType

from backend.calendar.rules import DayKind, UnitCalendar

Hours = tuple[time, time]


@dataclass(frozen=True)
class CafeSettings:
    hours: Mapping[int, Hours] = field(default_factory=dict)  # ISO weekday -> open, close
    opens_on: date | None = None

    def __post_init__(self) -> None:
        for weekday, (opens, closes) in self.hours.items():
            if not 1 <= weekday <= 7:
                raise ValueError(f"café weekday must be ISO 1-7, got {weekday}")
            if not opens < closes:
                raise ValueError(f"café hours for weekday {weekday} must open before closing")
        object.__setattr__(self, "hours", MappingProxyType(dict(self.hours)))


class CafeState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    SCHEDULE = "schedule"


@dataclass(frozen=True)
class CafeDay:
    day: date
    kind: DayKind  # OPEN, or why closed
    hours: Hours | None = None  # set when open
    reasons: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.kind is DayKind.OPEN


@dataclass(frozen=True)
class CafeStatus:
    state: CafeState
    opens_on: date | None = None  # set for NOT_YET_OPEN
    days: tuple[CafeDay, ...] = ()  # set for SCHEDULE


def cafe_day(settings: CafeSettings, calendar: UnitCalendar, day: date) -> CafeDay:
    """One day of the café, assuming it is already in operation."""
    closure = calendar.date_closure(day)
    if closure is not None:
        return CafeDay(day, closure.kind, None, closure.reasons)
    hours = settings.hours.get(day.isoweekday())
    if hours is None:
        return CafeDay(day, DayKind.NOT_OPENING_DAY)
    return CafeDay(day, DayKind.OPEN, hours)


def _not_yet_open(settings: CafeSettings, today: date) -> bool:
    return settings.opens_on is not None and today < settings.opens_on


def cafe_status(
    settings: CafeSettings, calendar: UnitCalendar, today: date, days: int = 7
) -> CafeStatus:
    """ "Opens on ..." before the opening date, else the next ``days`` days from today."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if _not_yet_open(settings, today):
        return CafeStatus(CafeState.NOT_YET_OPEN, opens_on=settings.opens_on)
    schedule = tuple(
        cafe_day(settings, calendar, today + timedelta(days=offset)) for offset in range(days)
    )
    return CafeStatus(CafeState.SCHEDULE, days=schedule)


def is_open_now(settings: CafeSettings, calendar: UnitCalendar, now: datetime) -> bool:
    """True from opening time up to, not including, closing time on an open day."""
    if _not_yet_open(settings, now.date()):
        return False
    hours = cafe_day(settings, calendar, now.date()).hours
    return hours is not None and hours[0] <= now.time() < hours[1]
