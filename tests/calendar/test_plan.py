from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from backend.calendar.plan_rules import (
    Decision,
    PlanDay,
    PlanKind,
    absence_runs,
    granted_days_per_week,
    plan_days,
    planned_days,
)
from backend.calendar.rules import CalendarSettings, DayKind, UnitCalendar

CALENDAR = UnitCalendar()
MON_FRI = frozenset({1, 2, 3, 4, 5})
MON_WED = frozenset({1, 3})
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(9), time(14), Decimal("5")),
        (time(8), time(15, 30), Decimal("7.5")),
        (time(8, 45), time(15), Decimal("6.25")),
        (time(10), time(10, 15), Decimal("0.25")),
    ],
)
def test_hours_per_day(start, end, expected):
    hours = Decision(MON_FRI, start, end).hours_per_day
    assert hours == expected
    assert hours.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekdays": frozenset()}, "weekdays"),
        ({"weekdays": frozenset({0, 1})}, "weekdays"),
        ({"weekdays": frozenset({8})}, "weekdays"),
        ({"start": time(14), "end": time(9)}, "start before"),
        ({"start": time(9), "end": time(9)}, "start before"),
        ({"start": time(9, 10)}, "quarter"),
        ({"end": time(14, 0, 30)}, "quarter"),
        ({"valid_from": date(2026, 5, 1), "valid_to": date(2026, 4, 1)}, "valid_from"),
    ],
)
def test_invalid_decisions_are_rejected(kwargs, message):
    fields = {"weekdays": MON_FRI, "start": time(9), "end": time(14)} | kwargs
    with pytest.raises(ValueError, match=message):
        Decision(**fields)


def test_weekdays_given_as_a_set_become_frozen():
    decision = Decision({1, 3}, time(9), time(14))  # type: ignore[arg-type]
    assert decision.weekdays == MON_WED
    assert isinstance(decision.weekdays, frozenset)


@pytest.mark.parametrize(
    ("weekdays", "expected"), [(MON_FRI, 5), (MON_WED, 2), (frozenset({2}), 1)]
)
def test_granted_days_per_week(weekdays, expected):
    assert granted_days_per_week(Decision(weekdays, time(9), time(14))) == expected


@pytest.mark.parametrize(
    ("decision", "span", "count", "first", "last"),
    [
        (Decision(MON_FRI, time(9), time(15)), APRIL, 19, date(2026, 4, 1), date(2026, 4, 30)),
        # Mondays and Wednesdays: 1, 8, 13, 15, 20, 22, 27, 29 (6 Apr is Easter Monday)
        (Decision(MON_WED, time(9), time(15)), APRIL, 8, date(2026, 4, 1), date(2026, 4, 29)),
        (
            Decision(MON_FRI, time(9), time(15), valid_from=date(2026, 4, 15)),
            APRIL,
            12,
            date(2026, 4, 15),
            date(2026, 4, 30),
        ),
        (
            Decision(MON_FRI, time(9), time(15), valid_to=date(2026, 4, 10)),
            APRIL,
            5,
            date(2026, 4, 1),
            date(2026, 4, 10),
        ),
        # A Saturday in the decision does not help: the unit has no Saturday hours.
        (Decision(frozenset({6}), time(9), time(15)), APRIL, 0, None, None),
    ],
)
def test_planned_days(decision, span, count, first, last):
    days = planned_days(decision, CALENDAR, *span)
    assert len(days) == count
    assert (days[0] if days else None, days[-1] if days else None) == (first, last)


WEEK = (date(2026, 4, 6), date(2026, 4, 12))  # Easter Monday .. Sunday
SIX = Decimal("6.00")
ZERO = Decimal("0")

PLAN_TABLE = [
    # (label, decision, absences, include_off, expected)
    (
        "Mon-Fri week after Easter, one absence with category",
        Decision(MON_FRI, time(9), time(15)),
        {date(2026, 4, 8): "sick"},
        False,
        [
            PlanDay(
                date(2026, 4, 6), PlanKind.CLOSED, ZERO, "Andre påskedag", DayKind.PUBLIC_HOLIDAY
            ),
            PlanDay(date(2026, 4, 7), PlanKind.PLANNED, SIX),
            PlanDay(date(2026, 4, 8), PlanKind.ABSENT, SIX, "sick"),
            PlanDay(date(2026, 4, 9), PlanKind.PLANNED, SIX),
            PlanDay(date(2026, 4, 10), PlanKind.PLANNED, SIX),
        ],
    ),
    (
        "absences as a set carry no reason",
        Decision(MON_WED, time(9), time(15)),
        {date(2026, 4, 8)},
        False,
        [
            PlanDay(
                date(2026, 4, 6), PlanKind.CLOSED, ZERO, "Andre påskedag", DayKind.PUBLIC_HOLIDAY
            ),
            PlanDay(date(2026, 4, 8), PlanKind.ABSENT, SIX, None),
        ],
    ),
    (
        "absence on a closed or off day changes nothing",
        Decision(MON_WED, time(9), time(15)),
        {date(2026, 4, 6): "sick", date(2026, 4, 7): "sick"},
        False,
        [
            PlanDay(
                date(2026, 4, 6), PlanKind.CLOSED, ZERO, "Andre påskedag", DayKind.PUBLIC_HOLIDAY
            ),
            PlanDay(date(2026, 4, 8), PlanKind.PLANNED, SIX),
        ],
    ),
    (
        "include_off shows every day",
        Decision(MON_WED, time(9), time(15)),
        (),
        True,
        [
            PlanDay(
                date(2026, 4, 6), PlanKind.CLOSED, ZERO, "Andre påskedag", DayKind.PUBLIC_HOLIDAY
            ),
            PlanDay(date(2026, 4, 7), PlanKind.OFF, ZERO),
            PlanDay(date(2026, 4, 8), PlanKind.PLANNED, SIX),
            PlanDay(date(2026, 4, 9), PlanKind.OFF, ZERO),
            PlanDay(date(2026, 4, 10), PlanKind.OFF, ZERO),
            PlanDay(date(2026, 4, 11), PlanKind.OFF, ZERO),
            PlanDay(date(2026, 4, 12), PlanKind.OFF, ZERO),
        ],
    ),
    (
        "validity ends mid-week",
        Decision(MON_FRI, time(9), time(15), valid_to=date(2026, 4, 8)),
        (),
        False,
        [
            PlanDay(
                date(2026, 4, 6), PlanKind.CLOSED, ZERO, "Andre påskedag", DayKind.PUBLIC_HOLIDAY
            ),
            PlanDay(date(2026, 4, 7), PlanKind.PLANNED, SIX),
            PlanDay(date(2026, 4, 8), PlanKind.PLANNED, SIX),
        ],
    ),
    (
        "Saturday in the decision is closed, not planned",
        Decision(frozenset({6}), time(9), time(15)),
        (),
        False,
        [PlanDay(date(2026, 4, 11), PlanKind.CLOSED, ZERO, None, DayKind.NOT_OPENING_DAY)],
    ),
]


@pytest.mark.parametrize(
    ("decision", "absences", "include_off", "expected"),
    [row[1:] for row in PLAN_TABLE],
    ids=[row[0] for row in PLAN_TABLE],
)
def test_plan_days(decision, absences, include_off, expected):
    assert plan_days(decision, CALENDAR, *WEEK, absences, include_off=include_off) == expected


@pytest.mark.parametrize(
    ("settings", "day", "closure", "reason"),
    [
        (CalendarSettings(), date(2026, 7, 7), DayKind.FELLESFERIE, None),
        (CalendarSettings(), date(2026, 12, 28), DayKind.CHRISTMAS, None),
        (
            CalendarSettings(extra_closures={date(2026, 8, 14): "Personaldag"}),
            date(2026, 8, 14),
            DayKind.EXTRA_CLOSURE,
            "Personaldag",
        ),
        (
            CalendarSettings(),
            date(2027, 5, 17),
            DayKind.PUBLIC_HOLIDAY,
            "Andre pinsedag; Grunnlovsdag",
        ),
    ],
)
def test_closed_plan_day_carries_kind_and_text(settings, day, closure, reason):
    decision = Decision(MON_FRI, time(9), time(15))
    (plan_day,) = plan_days(decision, UnitCalendar(settings), day, day)
    assert (plan_day.kind, plan_day.closure, plan_day.reason) == (PlanKind.CLOSED, closure, reason)


def test_plan_days_and_planned_days_agree():
    decision = Decision(MON_WED, time(9), time(15))
    planned = [d.day for d in plan_days(decision, CALENDAR, *APRIL) if d.kind is PlanKind.PLANNED]
    assert planned == planned_days(decision, CALENDAR, *APRIL)


D = {d: date(2026, 3, d) for d in range(1, 32)}  # D[9] is Monday 9 March 2026


S, F = "sick", "day_off"


@pytest.mark.parametrize(
    ("absent", "planned", "runs"),
    [
        ({}, set(), []),
        ({D[9]: S}, set(), [(D[9], D[9])]),
        ({D[9]: S, D[10]: S, D[11]: S}, set(), [(D[9], D[11])]),
        # Monday, Wednesday, Friday planned and all three reported: one run
        ({D[9]: S, D[11]: S, D[13]: S}, set(), [(D[9], D[13])]),
        # Wednesday planned and not reported: it breaks the run
        ({D[9]: S, D[13]: S}, {D[11]}, [(D[9], D[9]), (D[13], D[13])]),
        # Friday to Monday over a weekend
        ({D[13]: S, D[16]: S}, {D[9], D[11]}, [(D[13], D[16])]),
        ({D[16]: S, D[9]: S, D[10]: S}, {D[13]}, [(D[9], D[10]), (D[16], D[16])]),
        # Another reason is another report: Friday's appointment, then days off
        ({D[13]: "appointment", D[16]: F, D[17]: F}, set(), [(D[13], D[13]), (D[16], D[17])]),
    ],
)
def test_absence_runs(
    absent: dict[date, str], planned: set[date], runs: list[tuple[date, date]]
) -> None:
    assert absence_runs(absent, planned) == runs
