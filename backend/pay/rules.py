"""Participant pay: AoK pays a dated rate per attended hour, on top of benefits.

Money is never a float. The rules, in order:

* Hours are ``Decimal`` quarter hours (multiples of 0.25), 0 < hours <= 12 per day.
* A rate is whole øre per hour (``int``), dated by ``valid_from``; a day is paid at the
  rate valid on that day, so a rate change mid-month pays each day at its own rate.
* Day pay = hours x øre/hour. Quarter hours times whole øre leave at most a quarter
  øre, so each *day* is rounded to whole øre with ROUND_HALF_UP (only .5 can tie).
* A month total is the plain sum of the rounded day amounts; a per-rate part is the
  sum of its days' amounts, so the parts always add up to the total exactly.
* Only attended ("present") days are paid: the caller passes present days only.
  Closed days, public holidays, holidays and absences pay nothing and must not be
  passed in (seed 000: "Man får ikke betalt ved ferie eller fravær").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

QUARTER_HOUR = Decimal("0.25")
MAX_HOURS_PER_DAY = Decimal(12)
_HUNDREDTHS = Decimal("0.01")


class NoRateError(LookupError):
    """No pay rate is valid on the asked date (it is before the first rate)."""


@dataclass(frozen=True)
class Rate:
    valid_from: date
    ore_per_hour: int

    def __post_init__(self) -> None:
        if isinstance(self.ore_per_hour, bool) or not isinstance(self.ore_per_hour, int):
            raise TypeError("ore_per_hour must be an int number of øre")
        if self.ore_per_hour < 0:
            raise ValueError("ore_per_hour must not be negative")


# Seed 000: "Januar 2023 er dette 16 kr pr time for oppmøte".
DEFAULT_RATES: tuple[Rate, ...] = (Rate(date(2023, 1, 1), 1600),)


@dataclass(frozen=True)
class PayPart:
    """The days of a month paid at one rate."""

    rate_ore: int
    days: int
    hours: Decimal
    amount_ore: int


@dataclass(frozen=True)
class MonthStatement:
    participant_ref: str
    month: tuple[int, int]  # (year, month)
    days: int
    hours: Decimal
    amount_ore: int
    parts: tuple[PayPart, ...] = ()  # one per rate, in date order

    @property
    def rate_ore(self) -> int | None:
        """The month's single rate, or None when it had none or several."""
        return self.parts[0].rate_ore if len(self.parts) == 1 else None


def rate_on(rates: Iterable[Rate], day: date) -> Rate:
    """The rate with the latest ``valid_from`` on or before ``day``."""
    valid = [rate for rate in rates if rate.valid_from <= day]
    if not valid:
        raise NoRateError(f"no pay rate is valid on {day.isoformat()}")
    latest = max(valid, key=lambda rate: rate.valid_from)
    amounts = {rate.ore_per_hour for rate in valid if rate.valid_from == latest.valid_from}
    if len(amounts) > 1:
        raise ValueError(f"conflicting pay rates from {latest.valid_from}: {sorted(amounts)}")
    return latest


def validate_hours(hours: Decimal | int | str) -> Decimal:
    """Hours as a Decimal with two places; quarter hours, 0 < hours <= 12."""
    if isinstance(hours, float | bool):
        raise TypeError("hours must be a Decimal, int or str, never a float")
    value = Decimal(hours)
    if not value.is_finite():
        raise ValueError(f"hours must be a finite number, got {hours!r}")
    if not 0 < value <= MAX_HOURS_PER_DAY:
        raise ValueError(f"hours must be more than 0 and at most {MAX_HOURS_PER_DAY}, got {value}")
    if value % QUARTER_HOUR != 0:
        raise ValueError(f"hours must be whole quarter hours (0.25), got {value}")
    return value.quantize(_HUNDREDTHS)


def day_pay_ore(hours: Decimal | int | str, rate: Rate | int) -> int:
    """One day's pay in whole øre (ROUND_HALF_UP)."""
    ore_per_hour = rate.ore_per_hour if isinstance(rate, Rate) else rate
    exact = validate_hours(hours) * ore_per_hour
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_statement(
    participant_ref: str,
    attended: Iterable[tuple[date, Decimal]],
    rates: Sequence[Rate] = DEFAULT_RATES,
    *,
    month: tuple[int, int] | None = None,
) -> MonthStatement:
    """Pay for one participant's *present* days of one month.

    ``month`` is (year, month); without it, the month of the first day is used (so an
    empty month needs it). A day outside the month, or the same day twice, is an error.
    """
    days = sorted(attended)
    if month is None:
        if not days:
            raise ValueError("month is required when there are no attended days")
        month = (days[0][0].year, days[0][0].month)
    _check_days(days, month)
    parts = _parts(days, rates)
    return MonthStatement(
        participant_ref=participant_ref,
        month=month,
        days=len(days),
        hours=sum((part.hours for part in parts), Decimal("0.00")),
        amount_ore=sum(part.amount_ore for part in parts),
        parts=parts,
    )


def _check_days(days: list[tuple[date, Decimal]], month: tuple[int, int]) -> None:
    seen: set[date] = set()
    for day, _hours in days:
        if (day.year, day.month) != month:
            raise ValueError(f"{day.isoformat()} is outside {month[0]:04d}-{month[1]:02d}")
        if day in seen:
            raise ValueError(f"{day.isoformat()} is listed twice")
        seen.add(day)


def _parts(days: list[tuple[date, Decimal]], rates: Sequence[Rate]) -> tuple[PayPart, ...]:
    # Keyed by øre so that a re-stated equal rate stays one part; dicts keep date order.
    totals: dict[int, tuple[int, Decimal, int]] = {}
    for day, hours in days:
        ore = rate_on(rates, day).ore_per_hour
        count, hour_sum, amount = totals.get(ore, (0, Decimal("0.00"), 0))
        totals[ore] = (
            count + 1,
            hour_sum + validate_hours(hours),
            amount + day_pay_ore(hours, ore),
        )
    return tuple(PayPart(ore, count, h, amount) for ore, (count, h, amount) in totals.items())


def format_nok(ore: int, locale: str = "nb_NO") -> str:
    """Øre as a localised NOK amount, e.g. '1\\xa0632,00\\xa0kr' (non-breaking spaces)."""
    return format_currency(Decimal(ore) / 100, "NOK", locale=locale)
