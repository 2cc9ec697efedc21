"""The attendance list for NAV (frammøteliste): one row per relevant day, and totals.

Pure: the plan (backend.calendar.plan_rules, OFF days included), what staff confirmed and
what was reported go in; rows and totals come out. Which day gets which row, first
rule that matches wins:

1. a confirmed record: its status (PRESENT with its hours, ABSENT_NOTIFIED,
   ABSENT_UNNOTIFIED, CLOSED), even on a day the current decision no longer covers;
2. a closed day the decision would have covered: CLOSED, with the calendar's reason;
3. a day the decision does not cover (weekend, not a decision weekday): no row;
4. a reported absence (not withdrawn): ABSENT_NOTIFIED, the report is the notice;
5. a planned day after `today`: COMING (a list made ahead of time);
6. a planned day up to `today`: UNCONFIRMED (staff have not confirmed it yet).

Remarks: the absence category and "reported late" come from the report, the closure's
name from the calendar, the free remark from the record; the caller translates codes.

Totals count days by row kind; "planned" is every row that is not CLOSED (the days
the participant was expected), planned hours are the decision's hours of those days.
The attendance share is present days of the planned days that are settled (not
UNCONFIRMED nor COMING), as a whole percent rounded half up; None with none settled.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backend.calendar.plan_rules import PlanDay, PlanKind

ZERO = Decimal("0.00")
LIST_DAYS = 14  # NAV's period: every 14 days (seed 004 §6)


class RowKind(StrEnum):
    PRESENT = "present"
    ABSENT_NOTIFIED = "absent_notified"
    ABSENT_UNNOTIFIED = "absent_unnotified"
    CLOSED = "closed"
    UNCONFIRMED = "unconfirmed"
    COMING = "coming"


@dataclass(frozen=True)
class Record:
    """A confirmed day as stored (status values as in AttendanceStatus)."""

    status: str
    hours: Decimal
    remark: str | None = None


@dataclass(frozen=True)
class Report:
    """A reported absence: its category code and whether it came after the start time."""

    category: str
    late: bool = False


@dataclass(frozen=True)
class ListRow:
    day: date
    kind: RowKind
    planned_hours: Decimal  # the decision's hours; 0 on a closed day
    hours: Decimal  # hours present; 0 unless PRESENT
    category: str | None = None  # the reported absence's category code
    late: bool = False  # the report came after the start time
    closure: str | None = None  # the calendar's kind of closure (for the caller's words)
    closure_reason: str | None = None  # holiday names or the configured text
    remark: str | None = None  # staff's own remark on the record


@dataclass(frozen=True)
class Totals:
    planned_days: int
    planned_hours: Decimal
    present_days: int
    present_hours: Decimal
    absent_notified_days: int
    absent_unnotified_days: int
    closed_days: int
    unconfirmed_days: int
    coming_days: int
    attendance_percent: int | None


RECORD_KINDS = {
    "present": RowKind.PRESENT,
    "absent_notified": RowKind.ABSENT_NOTIFIED,
    "absent_unnotified": RowKind.ABSENT_UNNOTIFIED,
    "closed": RowKind.CLOSED,
}


def _row(
    plan: PlanDay, record: Record | None, report: Report | None, today: date
) -> ListRow | None:
    category = report.category if report is not None else None
    late = report.late if report is not None else False
    closure = str(plan.closure) if plan.closure is not None else None
    if record is not None:
        kind = RECORD_KINDS[record.status]
        planned = plan.hours if plan.kind in (PlanKind.PLANNED, PlanKind.ABSENT) else ZERO
        hours = Decimal(record.hours) if kind is RowKind.PRESENT else ZERO
        reason = plan.reason if plan.kind is PlanKind.CLOSED else None
        return ListRow(
            plan.day, kind, planned, hours, category, late, closure, reason, record.remark
        )
    if plan.kind is PlanKind.CLOSED:
        return ListRow(
            plan.day, RowKind.CLOSED, ZERO, ZERO, closure=closure, closure_reason=plan.reason
        )
    if plan.kind is PlanKind.OFF:
        return None
    if plan.kind is PlanKind.ABSENT or report is not None:
        return ListRow(plan.day, RowKind.ABSENT_NOTIFIED, plan.hours, ZERO, category, late)
    kind = RowKind.COMING if plan.day > today else RowKind.UNCONFIRMED
    return ListRow(plan.day, kind, plan.hours, ZERO)


def build_rows(
    plan: Sequence[PlanDay],
    records: Mapping[date, Record],
    reports: Mapping[date, Report],
    today: date,
) -> list[ListRow]:
    """The rows of the list, by date; `plan` must include OFF days (include_off=True)."""
    rows = (_row(p, records.get(p.day), reports.get(p.day), today) for p in plan)
    return [row for row in rows if row is not None]


def _count(rows: Iterable[ListRow], kind: RowKind) -> int:
    return sum(1 for row in rows if row.kind is kind)


def totals(rows: Sequence[ListRow]) -> Totals:
    planned = [r for r in rows if r.kind is not RowKind.CLOSED]
    present = _count(rows, RowKind.PRESENT)
    settled = sum(1 for r in planned if r.kind not in (RowKind.UNCONFIRMED, RowKind.COMING))
    percent = None
    if settled:
        share = Decimal(present * 100) / Decimal(settled)
        percent = int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Totals(
        planned_days=len(planned),
        planned_hours=sum((r.planned_hours for r in planned), ZERO),
        present_days=present,
        present_hours=sum((r.hours for r in rows), ZERO),
        absent_notified_days=_count(rows, RowKind.ABSENT_NOTIFIED),
        absent_unnotified_days=_count(rows, RowKind.ABSENT_UNNOTIFIED),
        closed_days=_count(rows, RowKind.CLOSED),
        unconfirmed_days=_count(rows, RowKind.UNCONFIRMED),
        coming_days=_count(rows, RowKind.COMING),
        attendance_percent=percent,
    )


# -- periods -------------------------------------------------------------------------------


class PeriodKind(StrEnum):
    LAST_14 = "14"  # the last 14 days, today included
    THIS_MONTH = "tm"  # from the 1st of this month to today
    LAST_MONTH = "lm"  # the whole previous month
    NAV = "nav"  # the 14 days before a NAV delivery date


def period(kind: PeriodKind, today: date) -> tuple[date, date]:
    """(first, last) day of a period chosen relative to `today`, both inclusive."""
    if kind is PeriodKind.LAST_14:
        return today - timedelta(days=LIST_DAYS - 1), today
    if kind is PeriodKind.THIS_MONTH:
        return today.replace(day=1), today
    if kind is PeriodKind.LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    return nav_period(today)


def nav_period(delivery: date) -> tuple[date, date]:
    """The fortnight a list delivered on `delivery` covers: the 14 days before it."""
    return delivery - timedelta(days=LIST_DAYS), delivery - timedelta(days=1)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])
