from datetime import date

import pytest

from backend.shared.dates import (
    add_months,
    add_years,
    age_on,
    last_day_of_month,
    monday_of,
    month_index,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-15", 0, "2026-01-15"),
        ("2026-01-15", 1, "2026-02-15"),
        ("2026-01-31", 1, "2026-02-28"),  # clamp to a common-year February
        ("2024-01-31", 1, "2024-02-29"),  # clamp to a leap-year February
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-05-31", -1, "2026-04-30"),
        ("2026-12-15", 1, "2027-01-15"),  # over the year end
        ("2026-01-15", -1, "2025-12-15"),  # back over the year end
        ("2026-02-02", 4, "2026-06-02"),
        ("2026-08-31", 6, "2027-02-28"),
        ("2027-03-10", -6, "2026-09-10"),
        ("2026-06-15", -13, "2025-05-15"),
        ("2024-02-29", 24, "2026-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2009-03-10", 18, "2027-03-10"),
        ("1959-06-15", 67, "2026-06-15"),
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2008-02-29", 18, "2026-02-28"),
        ("2026-02-28", -2, "2024-02-28"),
    ],
)
def test_add_years(start: str, years: int, expected: str) -> None:
    assert add_years(D(start), years) == D(expected)


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        ("1959-06-15", "2026-06-14", 66),
        ("1959-06-15", "2026-06-15", 67),
        ("2009-03-10", "2027-03-09", 17),
        ("2009-03-10", "2027-03-10", 18),
        ("2008-02-29", "2026-02-27", 17),
        ("2008-02-29", "2026-02-28", 18),  # birthday on 28 February in a common year
        ("2008-02-29", "2028-02-28", 19),
        ("2008-02-29", "2028-02-29", 20),
        ("2000-12-31", "2001-01-01", 0),
    ],
)
def test_age_on(birth: str, on: str, expected: int) -> None:
    assert age_on(D(birth), D(on)) == expected


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(2026, 2, 28), (2024, 2, 29), (2026, 4, 30), (2026, 12, 31), (2100, 2, 28)],
)
def test_last_day_of_month(year: int, month: int, expected: int) -> None:
    assert last_day_of_month(year, month) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-02", "2026-03-02"),  # a Monday is its own week key
        ("2026-03-08", "2026-03-02"),  # Sunday
        ("2026-01-01", "2025-12-29"),  # week across the year end
    ],
)
def test_monday_of(day: str, expected: str) -> None:
    assert monday_of(D(day)) == D(expected)


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        ("2026-01-31", "2026-02-01", 1),
        ("2025-12-01", "2026-01-31", 1),
        ("2026-03-01", "2027-03-31", 12),
    ],
)
def test_month_index_difference(earlier: str, later: str, months: int) -> None:
    assert month_index(D(later)) - month_index(D(earlier)) == months
