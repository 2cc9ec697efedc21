"""How long each kind of personal data is kept, and the dates a pass deletes before.

Pure: no database, no clock. The settings (`RETENTION_*`, see the README) give the
periods; `cutoffs(today, periods)` turns them into the dates the nightly pass uses.

| kind | kept | then |
|---|---|---|
| absence notes and remarks on attendance days (free text), participants' messages | 3 months after the day / the message | deleted |
| absence reports (the category) and finished outbox messages | 12 months after the day | deleted |
| attendance days (the figures pay is made of) | 5 years after the end of their year (bokføringsloven § 13) | deleted |
| an ended participant's own record | as the attendance, counted from the year the service ended | deleted |
| the audit log | 2 years | deleted |
| chat state, used or dead invites, sign-in links and sessions, refused attempts | 30 days | deleted |
| Telegram links of a participant whose service has ended | until the end day | deleted |
| a pupil of the register (seed 001) | 12 months after the entry ended or the consent was withdrawn | deleted |
| a candidate whose pathway ended (seed 002), with their stages and presentations | 12 months after the end | deleted |
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Span(StrEnum):
    DAYS = "d"
    MONTHS = "m"
    YEARS = "y"


PERIOD_PATTERN = re.compile(r"^\s*(\d{1,4})\s*([dmy])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A keeping time: `3m` is three calendar months, `30d` thirty days, `5y` five years."""

    amount: int
    span: Span

    def __str__(self) -> str:
        return f"{self.amount}{self.span}"

    def before(self, day: date) -> date:
        """`day` minus the period; a month end is clamped (31 May - 3m = 28/29 February)."""
        if self.span is Span.DAYS:
            return date.fromordinal(day.toordinal() - self.amount)
        months = self.amount * (12 if self.span is Span.YEARS else 1)
        index = day.year * 12 + day.month - 1 - months
        year, month = divmod(index, 12)
        month += 1
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_period(text: str) -> Period:
    """`90d`, `3m`, `5y` (a number and d, m or y); ValueError otherwise."""
    match = PERIOD_PATTERN.match(text)
    if match is None or int(match.group(1)) < 1:
        raise ValueError(text)
    return Period(int(match.group(1)), Span(match.group(2).lower()))


# Bokføringsloven § 13: what pay is paid from is kept five years after the end of the year.
LEAST_ATTENDANCE = Period(5, Span.YEARS)


@dataclass(frozen=True)
class Periods:
    """The keeping times, each a setting with this default."""

    absence_notes: Period = Period(3, Span.MONTHS)
    absence_categories: Period = Period(12, Span.MONTHS)
    attendance: Period = Period(5, Span.YEARS)
    audit_log: Period = Period(2, Span.YEARS)
    chat_state: Period = Period(30, Span.DAYS)
    pupils: Period = Period(12, Span.MONTHS)
    candidates: Period = Period(12, Span.MONTHS)


@dataclass(frozen=True)
class Cutoffs:
    """What the pass of one day deletes: things dated strictly before each date."""

    notes: date  # free text (notes, remarks) of days before it, messages sent before it
    categories: date  # absence reports of days before it, outbox messages due before it
    attendance: date  # attendance days before it: always the 1st of January
    ended: date  # participants whose service ended before it (with everything they had)
    audit_log: date  # audit events before it
    chat_state: date  # chat state, dead invites, sign-in links, attempts before it
    pupils: date  # pupils who left the register, or whose consent was withdrawn, before it
    candidates: date  # candidates whose pathway ended before it


def attendance_cutoff(today: date, kept: Period) -> date:
    """A day is kept `kept` after the end of its year: 1 January of the oldest year kept.

    With 5 years: on 1 January 2032 the days of 2026 go (kept to 31 December 2031).
    """
    return date(kept.before(today).year, 1, 1)


def cutoffs(today: date, periods: Periods) -> Cutoffs:
    kept_from = attendance_cutoff(today, periods.attendance)
    return Cutoffs(
        notes=periods.absence_notes.before(today),
        categories=periods.absence_categories.before(today),
        attendance=kept_from,
        ended=kept_from,
        audit_log=periods.audit_log.before(today),
        chat_state=periods.chat_state.before(today),
        pupils=periods.pupils.before(today),
        candidates=periods.candidates.before(today),
    )


def link_ends(active: bool, ended_on: date | None, today: date) -> bool:
    """A participant's Telegram links (and their relatives') go when the service has ended."""
    return not active and ended_on is not None and ended_on <= today
