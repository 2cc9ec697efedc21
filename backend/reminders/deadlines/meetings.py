"""Recurring unit meetings.

- Status meeting on school pupils, January and September every year; AoK calls
  NAV, iVekst, the school, Tjenestekontoret and respite care (seed 001: "AoK
  innkaller aktørene til et halvårlig statusmøte i januar og september").
  The coordinator is told three weeks before the 1st of the month to send the
  call; the meeting participants the day before a meeting date once it is set.
- NAV cooperation meeting every half year, second half of April and October
  (seed 004 item 9: "siste halvdel av oktober- og april mnd."). The leader and
  the NAV contact are told on 1 April / 1 October to fix a date, unless a date in
  that half-year is already set (seed 004: the next date is set in the meeting),
  and the day before each set date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from backend.shared.dates import last_day_of_month

from .base import Audience, MovedBackRule, Planned, ReminderKind, in_range, unit_month_subject

STATUS_MEETING_MONTHS = (1, 9)
STATUS_CALL_LEAD = timedelta(weeks=3)
NAV_MEETING_MONTHS = (4, 10)
NAV_WINDOW_FIRST_DAY = 16  # "second half" of the month
ONE_DAY = timedelta(days=1)


def _years(first: date, last: date, ahead: int = 0) -> range:
    return range(first.year, last.year + ahead + 1)


@dataclass(frozen=True, slots=True)
class StatusMeetings(MovedBackRule):
    """One unit's pupil status meetings; `meeting_dates` are the dates set so far."""

    unit: str
    meeting_dates: tuple[date, ...] = ()

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        # The call for January is due in December, so look one year ahead.
        for year in _years(first, last, ahead=1):
            for month in STATUS_MEETING_MONTHS:
                month_start = date(year, month, 1)
                nominal = month_start - STATUS_CALL_LEAD
                if in_range(nominal, first, last):
                    yield Planned(
                        nominal,
                        ReminderKind.STATUS_MEETING_CALL,
                        unit_month_subject(self.unit, month_start),
                        Audience.COORDINATOR,
                        month_start,
                        {"month": f"{year}-{month:02d}"},
                    )
        for meeting in self.meeting_dates:
            nominal = meeting - ONE_DAY
            if in_range(nominal, first, last):
                yield Planned(
                    nominal,
                    ReminderKind.STATUS_MEETING_DAY_BEFORE,
                    unit_month_subject(self.unit, meeting),
                    Audience.MEETING_PARTICIPANTS,
                    meeting,
                )


@dataclass(frozen=True, slots=True)
class NavMeetings(MovedBackRule):
    """One unit's half-yearly cooperation meeting with NAV."""

    unit: str
    meeting_dates: tuple[date, ...] = ()

    def _date_set_in_half_year(self, year: int, month: int) -> bool:
        half = (month - 1) // 6
        return any(d.year == year and (d.month - 1) // 6 == half for d in self.meeting_dates)

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        for year in _years(first, last):
            for month in NAV_MEETING_MONTHS:
                nominal = date(year, month, 1)
                if not in_range(nominal, first, last) or self._date_set_in_half_year(year, month):
                    continue
                window_start = date(year, month, NAV_WINDOW_FIRST_DAY)
                window_end = date(year, month, last_day_of_month(year, month))
                detail = {
                    "step": "schedule",
                    "window_start": window_start.isoformat(),
                    "window_end": window_end.isoformat(),
                }
                for audience in (Audience.LEADER, Audience.NAV_CONTACT):
                    yield Planned(
                        nominal,
                        ReminderKind.NAV_MEETING,
                        unit_month_subject(self.unit, nominal),
                        audience,
                        window_start,
                        detail,
                    )
        for meeting in self.meeting_dates:
            nominal = meeting - ONE_DAY
            if not in_range(nominal, first, last):
                continue
            for audience in (Audience.LEADER, Audience.NAV_CONTACT):
                yield Planned(
                    nominal,
                    ReminderKind.NAV_MEETING,
                    unit_month_subject(self.unit, meeting),
                    audience,
                    meeting,
                    {"step": "day_before"},
                )
