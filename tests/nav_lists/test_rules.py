"""The attendance list's rows and totals (pure), table-driven; Easter 2026 as the sample."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from backend.calendar.plan_rules import Decision, PlanDay, PlanKind, plan_days
from backend.calendar.rules import UnitCalendar
from backend.nav_lists.rules import (
    ListRow,
    PeriodKind,
    Record,
    Report,
    RowKind,
    build_rows,
    nav_period,
    period,
    totals,
)

D = date.fromisoformat
H = Decimal
KARI = Decision(frozenset({1, 2, 3, 4, 5}), time(9), time(14))
CAL = UnitCalendar()


def plan(first: str, last: str, absent: set[str] = frozenset()) -> list[PlanDay]:  # type: ignore[assignment]
    return plan_days(KARI, CAL, D(first), D(last), {D(d) for d in absent}, include_off=True)


# -- one day, each rule -----------------------------------------------------------------

TODAY = D("2026-04-08")
PLANNED = PlanDay(D("2026-04-07"), PlanKind.PLANNED, H("5.00"))
ABSENT = PlanDay(D("2026-04-07"), PlanKind.ABSENT, H("5.00"), "sick")
CLOSED = PlanDay(D("2026-04-02"), PlanKind.CLOSED, H("0"), "Skjærtorsdag", "public_holiday")  # type: ignore[arg-type]
OFF = PlanDay(D("2026-04-11"), PlanKind.OFF, H("0"))
LATER = PlanDay(D("2026-04-09"), PlanKind.PLANNED, H("5.00"))


@pytest.mark.parametrize(
    ("day", "record", "report", "kind", "planned", "hours", "category", "late"),
    [
        # 1. a record wins, whatever the plan says
        (PLANNED, Record("present", H("5.00")), None, RowKind.PRESENT, "5.00", "5.00", None, False),
        (PLANNED, Record("present", H("4.25")), None, RowKind.PRESENT, "5.00", "4.25", None, False),
        (ABSENT, Record("absent_notified", H("0")), Report("sick", True), RowKind.ABSENT_NOTIFIED, "5.00", "0", "sick", True),
        (PLANNED, Record("absent_unnotified", H("0")), None, RowKind.ABSENT_UNNOTIFIED, "5.00", "0", None, False),
        (CLOSED, Record("closed", H("0")), None, RowKind.CLOSED, "0", "0", None, False),
        (OFF, Record("present", H("3.00")), None, RowKind.PRESENT, "0", "3.00", None, False),
        # 2. closed without a record
        (CLOSED, None, None, RowKind.CLOSED, "0", "0", None, False),
        # 4. a report is the notice, confirmed or not
        (ABSENT, None, Report("appointment"), RowKind.ABSENT_NOTIFIED, "5.00", "0", "appointment", False),
        # 5./6. planned, not confirmed: after today coming, else unconfirmed
        (LATER, None, None, RowKind.COMING, "5.00", "0", None, False),
        (PLANNED, None, None, RowKind.UNCONFIRMED, "5.00", "0", None, False),
    ],
)  # fmt: skip
def test_one_day(
    day: PlanDay,
    record: Record | None,
    report: Report | None,
    kind: RowKind,
    planned: str,
    hours: str,
    category: str | None,
    late: bool,
) -> None:
    reports = {day.day: report} if report else {}
    [row] = build_rows([day], {day.day: record} if record else {}, reports, TODAY)
    assert (row.kind, row.planned_hours, row.hours) == (kind, H(planned), H(hours))
    assert (row.category, row.late) == (category, late)


def test_an_off_day_without_a_record_has_no_row() -> None:
    assert build_rows([OFF], {}, {}, TODAY) == []


def test_a_closed_row_carries_the_holiday_and_a_record_its_remark() -> None:
    [closed] = build_rows([CLOSED], {}, {}, TODAY)
    assert (closed.closure, closed.closure_reason) == ("public_holiday", "Skjærtorsdag")
    [late] = build_rows(
        [PLANNED], {PLANNED.day: Record("present", H("4.25"), "Kom 09:45")}, {}, TODAY
    )
    assert late.remark == "Kom 09:45"


# -- the sample fortnight: Easter 2026 ------------------------------------------------------


def easter_rows() -> list[ListRow]:
    """Kari, Mon–Fri 09–14, 30 March – 12 April 2026, the list made on Friday 10 April."""
    records = {
        D("2026-03-30"): Record("present", H("5.00")),
        D("2026-03-31"): Record("present", H("4.25"), "Kom 09:45"),
        D("2026-04-01"): Record("absent_notified", H("0")),
        D("2026-04-07"): Record("absent_unnotified", H("0")),
        D("2026-04-08"): Record("present", H("5.00")),
    }
    reports = {D("2026-04-01"): Report("sick"), D("2026-04-09"): Report("day_off", late=True)}
    days = plan("2026-03-30", "2026-04-12", {"2026-04-01", "2026-04-09"})
    return build_rows(days, records, reports, D("2026-04-10"))


EASTER = [
    # day, kind, planned, hours, category, late, closure reason, remark
    ("2026-03-30", RowKind.PRESENT, "5.00", "5.00", None, False, None, None),
    ("2026-03-31", RowKind.PRESENT, "5.00", "4.25", None, False, None, "Kom 09:45"),
    ("2026-04-01", RowKind.ABSENT_NOTIFIED, "5.00", "0", "sick", False, None, None),
    ("2026-04-02", RowKind.CLOSED, "0", "0", None, False, "Skjærtorsdag", None),
    ("2026-04-03", RowKind.CLOSED, "0", "0", None, False, "Langfredag", None),
    ("2026-04-06", RowKind.CLOSED, "0", "0", None, False, "Andre påskedag", None),
    ("2026-04-07", RowKind.ABSENT_UNNOTIFIED, "5.00", "0", None, False, None, None),
    ("2026-04-08", RowKind.PRESENT, "5.00", "5.00", None, False, None, None),
    ("2026-04-09", RowKind.ABSENT_NOTIFIED, "5.00", "0", "day_off", True, None, None),
    ("2026-04-10", RowKind.UNCONFIRMED, "5.00", "0", None, False, None, None),
]


def test_easter_fortnight_cell_by_cell() -> None:
    rows = easter_rows()
    assert len(rows) == len(EASTER)  # weekends and Easter Sunday have no row
    for row, expected in zip(rows, EASTER, strict=True):
        day, kind, planned, hours, category, late, reason, remark = expected
        assert row.day == D(day)
        assert row.kind is kind, day
        assert (row.planned_hours, row.hours) == (H(planned), H(hours)), day
        assert (row.category, row.late, row.closure_reason, row.remark) == (
            category,
            late,
            reason,
            remark,
        ), day


def test_easter_fortnight_totals() -> None:
    result = totals(easter_rows())
    assert result.planned_days == 7
    assert result.planned_hours == H("35.00")
    assert (result.present_days, result.present_hours) == (3, H("14.25"))
    assert (result.absent_notified_days, result.absent_unnotified_days) == (2, 1)
    assert (result.closed_days, result.unconfirmed_days, result.coming_days) == (3, 1, 0)
    assert result.attendance_percent == 50  # 3 present of 6 settled days


@pytest.mark.parametrize(
    ("kinds", "percent"),
    [
        ([], None),
        ([RowKind.UNCONFIRMED, RowKind.COMING], None),
        ([RowKind.PRESENT, RowKind.PRESENT, RowKind.ABSENT_NOTIFIED], 67),
        ([RowKind.PRESENT, RowKind.CLOSED], 100),
        ([RowKind.ABSENT_UNNOTIFIED, RowKind.PRESENT], 50),
    ],
)
def test_attendance_share(kinds: list[RowKind], percent: int | None) -> None:
    rows = [
        ListRow(D("2026-04-07"), kind, H("5"), H("5") if kind is RowKind.PRESENT else H(0))
        for kind in kinds
    ]
    assert totals(rows).attendance_percent == percent


@pytest.mark.parametrize(
    ("kind", "today", "first", "last"),
    [
        (PeriodKind.LAST_14, "2026-04-10", "2026-03-28", "2026-04-10"),
        (PeriodKind.THIS_MONTH, "2026-04-10", "2026-04-01", "2026-04-10"),
        (PeriodKind.LAST_MONTH, "2026-04-10", "2026-03-01", "2026-03-31"),
        (PeriodKind.LAST_MONTH, "2026-01-05", "2025-12-01", "2025-12-31"),
        (PeriodKind.LAST_MONTH, "2028-03-01", "2028-02-01", "2028-02-29"),
        (PeriodKind.NAV, "2026-04-13", "2026-03-30", "2026-04-12"),
    ],
)
def test_periods(kind: PeriodKind, today: str, first: str, last: str) -> None:
    assert period(kind, D(today)) == (D(first), D(last))


def test_a_nav_delivery_covers_the_fortnight_before_it() -> None:
    assert nav_period(D("2026-04-13")) == (D("2026-03-30"), D("2026-04-12"))
