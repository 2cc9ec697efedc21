"""Small, pure date helpers shared by the reminder and eligibility rules.

Month arithmetic clamps to the last day of the target month, so 31 August plus
six months is 28 (or 29) February, and 29 February plus one year is 28 February.
Clamping moves a date earlier, never later, which is the safe side for reminders.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# The years the service's months and days are kept and shown in: a month or a day outside
# them is a typing error ("1900-01-01"), refused where it is typed.
FIRST_YEAR, LAST_YEAR = 2000, 2100

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "add_months",
    "add_years",
    "age_on",
    "last_day_of_month",
    "monday_of",
    "month_index",
]


def last_day_of_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_index(day: date) -> int:
    """Months since year 0: makes month differences a subtraction."""
    return day.year * 12 + day.month - 1


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` (may be negative), clamped to the target month's end."""
    year, month0 = divmod(month_index(day) + months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, last_day_of_month(year, month)))


def add_years(day: date, years: int) -> date:
    """Same calendar day `years` later; 29 February becomes 28 February in common years."""
    return add_months(day, 12 * years)


def age_on(birth_date: date, day: date) -> int:
    """Completed years on `day` (a 29 February child has its birthday on 28 February)."""
    years = day.year - birth_date.year
    if add_years(birth_date, years) > day:
        years -= 1
    return years


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
