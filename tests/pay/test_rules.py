from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from backend.calendar.plan_rules import Decision, planned_days
from backend.calendar.rules import UnitCalendar
from backend.pay.rules import (
    DEFAULT_RATES,
    MonthStatement,
    NoRateError,
    PayPart,
    Rate,
    day_pay_ore,
    format_nok,
    month_statement,
    rate_on,
    validate_hours,
)

RATES_WITH_CHANGE = (Rate(date(2023, 1, 1), 1600), Rate(date(2026, 4, 15), 1700))


@pytest.mark.parametrize(
    ("rates", "day", "expected"),
    [
        (DEFAULT_RATES, date(2023, 1, 1), Rate(date(2023, 1, 1), 1600)),
        (DEFAULT_RATES, date(2026, 4, 14), Rate(date(2023, 1, 1), 1600)),
        (RATES_WITH_CHANGE, date(2026, 4, 14), Rate(date(2023, 1, 1), 1600)),
        (RATES_WITH_CHANGE, date(2026, 4, 15), Rate(date(2026, 4, 15), 1700)),
        (RATES_WITH_CHANGE, date(2030, 1, 1), Rate(date(2026, 4, 15), 1700)),
        (tuple(reversed(RATES_WITH_CHANGE)), date(2026, 4, 16), Rate(date(2026, 4, 15), 1700)),
    ],
)
def test_rate_on(rates, day, expected):
    assert rate_on(rates, day) == expected


@pytest.mark.parametrize(
    ("rates", "day"),
    [(DEFAULT_RATES, date(2022, 12, 31)), ((), date(2026, 4, 1))],
)
def test_no_rate_before_first_rate(rates, day):
    with pytest.raises(NoRateError, match=day.isoformat()):
        rate_on(rates, day)


def test_conflicting_rates_on_one_date_are_rejected():
    with pytest.raises(ValueError, match="conflicting"):
        rate_on((Rate(date(2026, 1, 1), 1600), Rate(date(2026, 1, 1), 1700)), date(2026, 2, 1))


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (Decimal("6"), Decimal("6.00")),
        (Decimal("0.25"), Decimal("0.25")),
        (Decimal("7.75"), Decimal("7.75")),
        (Decimal("12"), Decimal("12.00")),
        (5, Decimal("5.00")),
        ("4.5", Decimal("4.50")),
    ],
)
def test_validate_hours_accepts_quarter_hours(hours, expected):
    result = validate_hours(hours)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("hours", "error", "message"),
    [
        (Decimal("0"), ValueError, "more than 0"),
        (Decimal("-1"), ValueError, "more than 0"),
        (Decimal("12.25"), ValueError, "at most 12"),
        (Decimal("6.1"), ValueError, "quarter"),
        (Decimal("0.2"), ValueError, "quarter"),
        (Decimal("NaN"), ValueError, "finite"),
        (Decimal("Infinity"), ValueError, "finite"),
        (6.0, TypeError, "float"),
        (True, TypeError, "float"),
    ],
)
def test_validate_hours_rejects(hours, error, message):
    with pytest.raises(error, match=message):
        validate_hours(hours)


@pytest.mark.parametrize(
    ("hours", "rate", "expected"),
    [
        (Decimal("6"), 1600, 9600),
        (Decimal("6"), Rate(date(2023, 1, 1), 1600), 9600),
        (Decimal("0.25"), 1600, 400),
        (Decimal("7.75"), 1700, 13175),
        (Decimal("0.5"), 1601, 801),  # 800.5 rounds half up
        (Decimal("0.25"), 1601, 400),  # 400.25 rounds down
        (Decimal("0.75"), 1601, 1201),  # 1200.75 rounds up
        (Decimal("0.25"), 1, 0),  # 0.25 øre rounds to nothing
        (Decimal("1"), 0, 0),
    ],
)
def test_day_pay_ore(hours, rate, expected):
    assert day_pay_ore(hours, rate) == expected


def test_rate_must_be_whole_ore():
    with pytest.raises(TypeError):
        Rate(date(2026, 1, 1), 16.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Rate(date(2026, 1, 1), -1)


def _april_2026_attended(absent: set[date]) -> list[tuple[date, Decimal]]:
    decision = Decision(frozenset({1, 2, 3, 4, 5}), time(9), time(15))
    days = planned_days(decision, UnitCalendar(), date(2026, 4, 1), date(2026, 4, 30))
    assert len(days) == 19
    return [(day, decision.hours_per_day) for day in days if day not in absent]


APRIL_ABSENCES = {date(2026, 4, 14), date(2026, 4, 20)}

STATEMENT_TABLE = [
    # (label, rates, absent, days, hours, amount_ore, parts)
    (
        "April 2026, 17 of 19 days, 16 NOK",
        DEFAULT_RATES,
        APRIL_ABSENCES,
        17,
        Decimal("102"),
        163200,
        (PayPart(1600, 17, Decimal("102"), 163200),),
    ),
    (
        "rate 16 -> 17 NOK on 15 April",
        RATES_WITH_CHANGE,
        APRIL_ABSENCES,
        17,
        Decimal("102"),
        # 1, 7-10, 13 (14 absent): 6 days at 16; 15-17, 21-24, 27-30 (20 absent): 11 at 17
        6 * 6 * 1600 + 11 * 6 * 1700,
        (
            PayPart(1600, 6, Decimal("36"), 57600),
            PayPart(1700, 11, Decimal("66"), 112200),
        ),
    ),
    (
        "all 19 opening days",
        DEFAULT_RATES,
        set(),
        19,
        Decimal("114"),
        182400,
        (PayPart(1600, 19, Decimal("114"), 182400),),
    ),
]


@pytest.mark.parametrize(
    ("rates", "absent", "days", "hours", "amount_ore", "parts"),
    [row[1:] for row in STATEMENT_TABLE],
    ids=[row[0] for row in STATEMENT_TABLE],
)
def test_month_statement(rates, absent, days, hours, amount_ore, parts):
    statement = month_statement("P-1", _april_2026_attended(absent), rates)
    assert statement == MonthStatement("P-1", (2026, 4), days, hours, amount_ore, parts)
    assert sum(part.amount_ore for part in statement.parts) == statement.amount_ore


def test_month_total_is_the_sum_of_rounded_days():
    attended = [(date(2026, 4, 1), Decimal("0.5")), (date(2026, 4, 2), Decimal("0.5"))]
    statement = month_statement("P-1", attended, (Rate(date(2026, 1, 1), 1601),))
    assert statement.amount_ore == 801 + 801  # not round(1.0 h x 1601) = 1601


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((), None),
        ((PayPart(1600, 1, Decimal(6), 9600),), 1600),
        ((PayPart(1600, 1, Decimal(6), 9600), PayPart(1700, 1, Decimal(6), 10200)), None),
    ],
)
def test_statement_rate_ore(parts, expected):
    assert MonthStatement("P", (2026, 4), 0, Decimal(0), 0, parts).rate_ore == expected


def test_empty_month_needs_the_month():
    assert month_statement("P-1", [], month=(2026, 4)) == MonthStatement(
        "P-1", (2026, 4), 0, Decimal("0"), 0, ()
    )
    with pytest.raises(ValueError, match="month"):
        month_statement("P-1", [])


@pytest.mark.parametrize(
    ("attended", "month", "message"),
    [
        ([(date(2026, 4, 30), Decimal(6)), (date(2026, 5, 4), Decimal(6))], None, "outside"),
        ([(date(2026, 5, 4), Decimal(6))], (2026, 4), "outside"),
        ([(date(2026, 4, 1), Decimal(6)), (date(2026, 4, 1), Decimal(6))], None, "twice"),
        ([(date(2026, 4, 1), Decimal("6.1"))], None, "quarter"),
        ([(date(2022, 12, 1), Decimal(6))], None, "no pay rate"),
    ],
)
def test_month_statement_rejects(attended, month, message):
    with pytest.raises((ValueError, NoRateError), match=message):
        month_statement("P-1", attended, month=month)


@pytest.mark.parametrize(
    ("ore", "locale", "expected"),
    [
        (163200, "nb_NO", "1\xa0632,00\xa0kr"),
        (9600, "nb_NO", "96,00\xa0kr"),
        (5, "nb_NO", "0,05\xa0kr"),
        (0, "nb_NO", "0,00\xa0kr"),
        (163200, "en_US", "NOK1,632.00"),
    ],
)
def test_format_nok(ore, locale, expected):
    assert format_nok(ore, locale) == expected
