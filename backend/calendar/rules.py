"""A unit's calendar: which dates are opening days, and why the others are closed.

Pure rules: no I/O, no ORM. Norwegian public holidays come from the ``holidays``
package (``holidays.Norway(language="no")``); ordinary Sundays are *not* holidays
there (the package leaves them out unless ``include_sundays``), and we keep it so:
a Sunday is closed because it has no opening hours, not because it is "red".

How a date's status is decided (first rule that matches wins):

1. ``PUBLIC_HOLIDAY``  -- a Norwegian public holiday; ``reasons`` holds every holiday
   name of that date (17 May 2027 is one closed day named both "Grunnlovsdag" and
   "Andre pinsedag").
2. ``EXTRA_CLOSURE``   -- a date in ``CalendarSettings.extra_closures``; ``reasons``
   holds the configured text (e.g. "Personaldag").
3. ``CHRISTMAS``       -- the Christmas closure (see below).
4. ``FELLESFERIE``     -- Monday-Friday of the configured ISO weeks.
5. ``NOT_OPENING_DAY`` -- the weekday has no opening hours (e.g. Saturday, Sunday).
6. ``OPEN``.

Rules 1-4 are *date* closures: they hold whatever the weekly hours are, so that a
service with other weekly hours (the café) inherits them via ``date_closure``.
``CHRISTMAS``, ``FELLESFERIE`` and ``NOT_OPENING_DAY`` carry no text: the caller
translates the kind. An extra closure on a holiday or in a closure period still
adds its text to ``reasons``.

Christmas closure representation: ``christmas_closure`` is an inclusive
``((month, day), (month, day))`` range, by default 27-30 December ("between
Christmas and New Year"); a range whose start is after its end wraps over New Year,
e.g. ``((12, 27), (1, 2))``; ``None`` means no Christmas closure. Christmas Eve and
New Year's Eve are open by default and closed only by the flags
``close_christmas_eve`` / ``close_new_years_eve``, which add 24 / 31 December.
25 and 26 December and 1 January are public holidays anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

import holidays

from backend.shared.errors import N_

# Each meeting kind's name (MeetingKind's values): on the deadlines page, in the audit log
# and in the calendar feeds.
MEETING_NAMES = {"status": N_("Statusmøte"), "nav": N_("Samarbeidsmøte med NAV")}

MonthDay = tuple[int, int]
Hours = tuple[time, time]

DEFAULT_OPENING_HOURS: Mapping[int, Hours] = MappingProxyType(
    {weekday: (time(8, 0), time(15, 30)) for weekday in range(1, 6)}
)
# Two years of closed days in a row means the settings close everything.
_MAX_LOOKBACK_DAYS = 2 * 366


class DayKind(StrEnum):
    OPEN = "open"
    PUBLIC_HOLIDAY = "public_holiday"
    FELLESFERIE = "fellesferie"
    CHRISTMAS = "christmas"
    EXTRA_CLOSURE = "extra_closure"
    NOT_OPENING_DAY = "not_opening_day"


@dataclass(frozen=True)
class DayStatus:
    day: date
    is_open: bool
    reasons: tuple[str, ...] = ()
    kind: DayKind = DayKind.OPEN


def _check_month_day(month_day: MonthDay) -> None:
    month, day = month_day
    date(2000, month, day)  # leap year, so 29 Feb is allowed; raises ValueError if invalid


def _check_weeks(weeks: tuple[int, int]) -> None:
    first, last = weeks
    if not 1 <= first <= last <= 53:
        raise ValueError(f"fellesferie weeks must be 1 <= first <= last <= 53, got {weeks}")


def _check_hours(weekday: int, hours: Hours) -> None:
    if not 1 <= weekday <= 7:
        raise ValueError(f"opening_hours weekday must be ISO 1-7, got {weekday}")
    opens, closes = hours
    if not opens < closes:
        raise ValueError(f"opening hours for weekday {weekday} must open before closing")


@dataclass(frozen=True)
class CalendarSettings:
    """Per-unit calendar settings; every derived date follows from these."""

    fellesferie_weeks: tuple[int, int] = (28, 30)
    fellesferie_by_year: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    christmas_closure: tuple[MonthDay, MonthDay] | None = ((12, 27), (12, 30))
    close_christmas_eve: bool = False
    close_new_years_eve: bool = False
    extra_closures: Mapping[date, str] = field(default_factory=dict)
    opening_hours: Mapping[int, Hours] = field(default_factory=lambda: DEFAULT_OPENING_HOURS)

    def __post_init__(self) -> None:
        _check_weeks(self.fellesferie_weeks)
        for weeks in self.fellesferie_by_year.values():
            _check_weeks(weeks)
        if self.christmas_closure is not None:
            for month_day in self.christmas_closure:
                _check_month_day(month_day)
        for weekday, hours in self.opening_hours.items():
            _check_hours(weekday, hours)
        # Read-only copies: a caller mutating its dict must not change a frozen setting.
        for name in ("fellesferie_by_year", "extra_closures", "opening_hours"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def fellesferie_for(self, iso_year: int) -> tuple[int, int]:
        return self.fellesferie_by_year.get(iso_year, self.fellesferie_weeks)


@lru_cache(maxsize=64)
def norwegian_holidays(year: int) -> Mapping[date, tuple[str, ...]]:
    """Public holidays of one year, date -> names; shared by every calendar."""
    found = holidays.Norway(years=year, language="no")
    by_day: dict[date, tuple[str, ...]] = {}
    for day, joined in found.items():
        # The package joins two holidays on one date as "A; B".
        names = tuple(dict.fromkeys(name.strip() for name in joined.split("; ")))
        by_day[day] = names
    return MappingProxyType(by_day)


def _in_month_day_range(day: date, first: MonthDay, last: MonthDay) -> bool:
    month_day = (day.month, day.day)
    if first <= last:
        return first <= month_day <= last
    return month_day >= first or month_day <= last  # wraps over New Year


class UnitCalendar:
    """Answers calendar questions for one unit; statuses are cached per date."""

    def __init__(self, settings: CalendarSettings | None = None) -> None:
        self.settings = settings or CalendarSettings()
        self._cache: dict[date, DayStatus] = {}

    def _is_christmas(self, day: date) -> bool:
        s = self.settings
        if s.close_christmas_eve and (day.month, day.day) == (12, 24):
            return True
        if s.close_new_years_eve and (day.month, day.day) == (12, 31):
            return True
        return s.christmas_closure is not None and _in_month_day_range(day, *s.christmas_closure)

    def _is_fellesferie(self, day: date) -> bool:
        iso_year, week, weekday = day.isocalendar()
        first, last = self.settings.fellesferie_for(iso_year)
        return weekday <= 5 and first <= week <= last

    def date_closure(self, day: date) -> DayStatus | None:
        """The closure that holds on this date whatever the weekly hours; else None."""
        holiday_names = norwegian_holidays(day.year).get(day, ())
        extra = self.settings.extra_closures.get(day)
        reasons = holiday_names + ((extra,) if extra else ())
        if holiday_names:
            kind = DayKind.PUBLIC_HOLIDAY
        elif extra is not None:
            kind = DayKind.EXTRA_CLOSURE
        elif self._is_christmas(day):
            kind = DayKind.CHRISTMAS
        elif self._is_fellesferie(day):
            kind = DayKind.FELLESFERIE
        else:
            return None
        return DayStatus(day=day, is_open=False, reasons=reasons, kind=kind)

    def _compute(self, day: date) -> DayStatus:
        closure = self.date_closure(day)
        if closure is not None:
            return closure
        if day.isoweekday() not in self.settings.opening_hours:
            return DayStatus(day=day, is_open=False, kind=DayKind.NOT_OPENING_DAY)
        return DayStatus(day=day, is_open=True, kind=DayKind.OPEN)

    def status(self, day: date) -> DayStatus:
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cache[day] = self._compute(day)
        return cached

    def is_open(self, day: date) -> bool:
        return self.status(day).is_open

    def hours(self, day: date) -> Hours | None:
        """Opening hours of the day, or None when closed."""
        if not self.is_open(day):
            return None
        return self.settings.opening_hours[day.isoweekday()]

    def closed_days(self, year: int) -> list[DayStatus]:
        """Closed dates of the year that would be opening days by weekday alone."""
        weekly = self.settings.opening_hours
        return [
            status
            for day in days_between(date(year, 1, 1), date(year, 12, 31))
            if day.isoweekday() in weekly and not (status := self.status(day)).is_open
        ]

    def opening_days(self, start: date, end: date) -> list[date]:
        """Open dates from start to end, both inclusive."""
        return [day for day in days_between(start, end) if self.is_open(day)]

    def previous_working_day(self, day: date) -> date:
        """The day itself if open, else the nearest open day before it."""
        for back in range(_MAX_LOOKBACK_DAYS):
            candidate = day - timedelta(days=back)
            if self.is_open(candidate):
                return candidate
        raise LookupError(f"no open day in the {_MAX_LOOKBACK_DAYS} days up to {day}")


def days_between(start: date, end: date) -> list[date]:
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
