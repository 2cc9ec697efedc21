"""Pay from attendance: one participant's month statement, and a unit's monthly payroll.

`payroll` runs ONE aggregate query over attendance_day for the whole unit, grouped
by participant, with a conditional aggregate (FILTER) per rate in force: the unit's
dated rates cut the month into date ranges in Python, and each range becomes a
condition on the day, so a mid-month rate change gives two parts per line. Grouping
by participant alone keeps the query as cheap as a plain GROUP BY (measured in
bench/payroll.py).

Rounding is exactly backend.pay.rules's: hours are whole quarters q, so a day's
pay is q × rate / 4 øre, rounded half up per day. For a rate that is a whole
multiple of 4 øre (every whole-krone rate) that is whole øre already, and a part's
pay is its quarters × rate / 4. Otherwise the query also sums each day's rounded
pay, (q × rate + 2) / 4 in integer division (both sides are non-negative). Either
way the sum equals the domain's month_statement to the øre. Parts come in the order
of each rate's first date range in the month (the domain orders by first attended
day, which differs only if a rate comes back within one month).

Employee numbers: a payroll line carries the participant's employee number
(Participant.employee_no), or the participant id when none is set, so the CSV
summary always has something to read.

No pay from the birthday the service ends on (67, `domain.service_period`): marking
such a day is refused, and a day stored anyway is left out of the pay. Visma Lønn wants digits: the Visma export
refuses, naming everyone without an employee number, rather than guess one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from backend.calendar.settings import pay_rates
from backend.models import AttendanceDay, AttendanceStatus, Participant, Unit
from backend.pay.export import PayrollLine, to_csv, to_visma
from backend.pay.rules import (
    MonthStatement,
    NoRateError,
    PayPart,
    Rate,
    month_statement,
    rate_on,
)
from backend.people.eligibility_rules import Programme, age_limit
from backend.people.service_period import age_end, born_by
from backend.shared import audit
from backend.shared.dates import FIRST_YEAR, LAST_YEAR, last_day_of_month
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import gettext_for

_HUNDREDTHS = Decimal("0.01")


class PayrollFormat(StrEnum):
    CSV = "csv"
    VISMA = "visma"


@dataclass(frozen=True)
class PayOverview:
    """What "My pay" shows: this month so far, and last month."""

    this_month: MonthStatement
    last_month: MonthStatement


def month_bounds(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleError(N_("Ikke en måned (ÅÅÅÅ-MM): {year}-{month}"), year=year, month=month)
    return date(year, month, 1), date(year, month, last_day_of_month(year, month))


def parse_month(text: str) -> tuple[int, int]:
    """`2026-04` → (2026, 4)."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match:
        raise RuleError(N_("Ikke en måned (ÅÅÅÅ-MM): {text}"), text=text)
    year, month = int(match[1]), int(match[2])
    month_bounds(year, month)
    return year, month


# --- one participant -----------------------------------------------------------


async def participant_statement(participant: Participant, year: int, month: int) -> MonthStatement:
    """Days, hours and pay of one participant's present days in a month."""
    first, last = month_bounds(year, month)
    unit = await Unit.get(id=participant.unit_id)
    rates = await pay_rates(unit)
    ends = age_end(participant.programme, participant.birth_date)
    if ends is not None:
        last = min(last, ends - timedelta(days=1))  # no pay from the 67th birthday
    attended = await AttendanceDay.filter(
        participant_id=participant.id,
        status=AttendanceStatus.PRESENT,
        day__gte=first,
        day__lte=last,
    ).values_list("day", "hours")
    try:
        return month_statement(
            participant.code,
            [(day, Decimal(hours)) for day, hours in attended],
            rates,
            month=(year, month),
        )
    except NoRateError:
        raise _no_rate(rates) from None


async def pay_overview(participant: Participant, today: date) -> PayOverview:
    """This month up to today (nothing later is stored), and the whole of last month."""
    last_month = today.replace(day=1) - timedelta(days=1)
    return PayOverview(
        await participant_statement(participant, today.year, today.month),
        await participant_statement(participant, last_month.year, last_month.month),
    )


def _no_rate(rates: tuple[Rate, ...]) -> RuleError:
    first = min((r.valid_from for r in rates), default=None)
    return RuleError(
        N_("Ingen lønnssats gjelder før {day}"), day=first.isoformat() if first else "-"
    )


# --- a unit's month ----------------------------------------------------------------


class _Sql:
    """Bind parameters in the dialect's style: `?` for SQLite, `$n` for PostgreSQL."""

    def __init__(self, dialect: str) -> None:
        self.postgres = dialect != "sqlite"
        self.values: list[Any] = []

    def bind(self, value: Any) -> str:
        if isinstance(value, date) and not self.postgres:
            value = value.isoformat()  # SQLite stores dates as ISO text
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def date(self, value: date) -> str:
        """A date where nothing else tells PostgreSQL the type (a CASE's result)."""
        bound = self.bind(value)
        return f"CAST({bound} AS DATE)" if self.postgres else bound


@dataclass(frozen=True)
class _Bucket:
    """The days of the month paid at one rate (None: before the first rate)."""

    ore: int | None
    periods: tuple[tuple[date, date], ...]  # inclusive date ranges, in date order


def _buckets(rates: tuple[Rate, ...], first: date, last: date) -> list[_Bucket]:
    """The month cut where rates change, grouped by rate in order of first use."""
    starts = sorted({r.valid_from for r in rates if first < r.valid_from <= last})
    bounds = [first, *starts]
    periods: dict[int | None, list[tuple[date, date]]] = {}
    for index, start in enumerate(bounds):
        end = bounds[index + 1] - timedelta(days=1) if index + 1 < len(bounds) else last
        try:
            ore: int | None = rate_on(rates, start).ore_per_hour
        except NoRateError:
            ore = None
        periods.setdefault(ore, []).append((start, end))
    return [_Bucket(ore, tuple(ranges)) for ore, ranges in periods.items()]


def _condition(sql: _Sql, bucket: _Bucket, first: date, last: date) -> str:
    parts = []
    for start, end in bucket.periods:
        bounds = []
        if start > first:
            bounds.append(f"a.day >= {sql.bind(start)}")
        if end < last:
            bounds.append(f"a.day <= {sql.bind(end)}")
        parts.append(" AND ".join(bounds) or "1 = 1")
    return " OR ".join(f"({part})" for part in parts)


def _needs_rounding(buckets: list[_Bucket]) -> bool:
    # A quarter hour at a rate of whole multiples of 4 øre (every whole-krone rate)
    # is whole øre: no day needs rounding, and a bucket's pay is quarters × rate / 4.
    return any(b.ore is not None and b.ore % 4 for b in buckets)


def _under_age_limit(sql: _Sql, first: date, last: date) -> str:
    """A condition on a row: the day is before the participant's 67th birthday.

    For each day of the month the domain gives the latest birth date that has
    reached the programme's age limit by then; the day's row is left out when the
    participant was born by it. Portable SQL: one CASE over the month's days.
    """
    by_limit: dict[int, list[str]] = {}
    for programme in Programme:
        limit = age_limit(programme)
        if limit is not None:
            by_limit.setdefault(limit, []).append(programme.value)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    parts = []
    for limit, programmes in sorted(by_limit.items()):
        # Bound in the order the text uses them.
        oldest = sql.bind(born_by(last, limit))
        names = ", ".join(sql.bind(p) for p in programmes)
        cases = " ".join(
            f"WHEN {sql.bind(day)} THEN {sql.date(born_by(day, limit))}" for day in days
        )
        parts.append(
            f"(p.birth_date <= {oldest} AND p.programme IN ({names})"
            f" AND p.birth_date <= CASE a.day {cases} END)"
        )
    return f"NOT ({' OR '.join(parts)})" if parts else "1 = 1"


def _aggregate_sql(
    dialect: str,
    unit_id: int,
    buckets: list[_Bucket],
    first: date,
    last: date,
) -> tuple[str, list[Any]]:
    """One row per participant: days and quarter hours per rate bucket (conditional aggregates).

    Hours come back as whole quarters (an integer on both databases; SQLite's float
    sum of quarter hours is exact, as quarters are binary fractions far below 2**53).
    The last bucket's days and quarters are the totals minus the others'. With rounding,
    each bucket also sums its days' pay rounded half up: (quarters × rate + 2) / 4.
    """
    sql = _Sql(dialect)
    columns = []
    # Bound in the order the text uses them (SQLite's `?` are positional).
    for bucket in buckets[:-1]:
        where = _condition(sql, bucket, first, last)
        where_again = _condition(sql, bucket, first, last)
        columns.append(f"COUNT(*) FILTER (WHERE {where})")
        columns.append(f"CAST(SUM(a.hours) FILTER (WHERE {where_again}) * 4 AS INTEGER)")
    if _needs_rounding(buckets):
        quarters = "CAST(ROUND(a.hours * 4) AS INTEGER)"
        for bucket in buckets:
            where = _condition(sql, bucket, first, last)
            columns.append(
                f"SUM(({quarters} * {int(bucket.ore or 0)} + 2) / 4) FILTER (WHERE {where})"
            )
    query = f"""
        SELECT p.id, p.code, p.name, p.employee_no, COUNT(*), CAST(SUM(a.hours) * 4 AS INTEGER)
               {"".join(", " + column for column in columns)}
        FROM attendance_day a
        JOIN participant p ON p.id = a.participant_id
        WHERE p.unit_id = {sql.bind(unit_id)}
          AND a.status = {sql.bind(AttendanceStatus.PRESENT.value)}
          AND a.day >= {sql.bind(first)} AND a.day <= {sql.bind(last)}
          AND {_under_age_limit(sql, first, last)}
        GROUP BY p.id
        ORDER BY p.name, p.id
    """
    return query, sql.values


class _Hours:
    """Quarter hours as Decimal hours; a month's sums repeat a lot, so each is made once."""

    def __init__(self) -> None:
        self.seen: dict[int, Decimal] = {}

    def __call__(self, quarters: int) -> Decimal:
        found = self.seen.get(quarters)
        if found is None:
            found = self.seen[quarters] = (Decimal(quarters) / 4).quantize(_HUNDREDTHS)
        return found


def _lines(
    rows: Sequence[Sequence[Any]],
    buckets: list[_Bucket],
    rates: tuple[Rate, ...],
    period: tuple[int, int],
) -> tuple[list[PayrollLine], list[str]]:
    """Payroll lines from the aggregate's rows, and the codes of those without a number."""
    rounding = _needs_rounding(buckets)
    # Column of each bucket's days and hours (None: the last, totals minus the others),
    # and of its rounded pay when the rates need rounding.
    layout = [
        (index, bucket, 6 + 2 * index if index < len(buckets) - 1 else None)
        for index, bucket in enumerate(buckets)
    ]
    pay_column = 6 + 2 * (len(buckets) - 1)
    hours_of = _Hours()
    lines: list[PayrollLine] = []
    missing: list[str] = []
    for row in rows:
        code, name, employee_no = row[1], row[2], row[3]
        if not employee_no:
            missing.append(code)
        total_days, total_quarters = int(row[4]), int(row[5])
        days_left, quarters_left = total_days, total_quarters
        parts: list[PayPart] = []
        amount_ore = 0
        for index, bucket, column in layout:
            if column is None:
                days, quarters = days_left, quarters_left
            else:
                days, quarters = int(row[column]), int(row[column + 1] or 0)
                days_left, quarters_left = days_left - days, quarters_left - quarters
            if not days:
                continue
            if bucket.ore is None:
                raise _no_rate(rates)
            # Quarters × rate / 4 is exact unless the rates need the per-day rounding.
            amount = int(row[pay_column + index]) if rounding else quarters * bucket.ore // 4
            amount_ore += amount
            parts.append(PayPart(bucket.ore, days, hours_of(quarters), amount))
        lines.append(
            PayrollLine(
                employee_no=employee_no or code,
                name=name,
                days=total_days,
                hours=hours_of(total_quarters),
                rate_ore=parts[0].rate_ore if len(parts) == 1 else None,
                amount_ore=amount_ore,
                parts=tuple(parts),
                period=period,
            )
        )
    return lines, missing


async def payroll(
    unit: Unit, year: int, month: int, *, require_employee_no: bool = False
) -> list[PayrollLine]:
    """One line per participant with present days in the month, sorted by name.

    One aggregate query (no query per participant). With ``require_employee_no`` a
    participant without an employee number is refused (all of them named in one
    message) instead of getting their id.
    """
    first, last = month_bounds(year, month)
    rates = await pay_rates(unit)
    buckets = _buckets(rates, first, last)
    db = AttendanceDay._meta.db
    query, values = _aggregate_sql(db.capabilities.dialect, unit.id, buckets, first, last)
    _count, rows = await db.execute_query(query, values)
    lines, missing = _lines(rows, buckets, rates, (year, month))
    if require_employee_no and missing:
        raise RuleError(
            N_("Disse deltakerne mangler ansattnummer: {codes}"), codes=", ".join(missing)
        )
    return lines


CSV_COLUMNS = (N_("Ansattnummer"), N_("Navn"), N_("Dager"), N_("Timer"), N_("Beløp (kr)"))


def csv_header(language: str = "nb") -> tuple[str, ...]:
    """The payroll CSV's column names in `language` (the page's, or the CLI's)."""
    _ = gettext_for(language)
    return tuple(_(column) for column in CSV_COLUMNS)


async def export(
    unit: Unit,
    year: int,
    month: int,
    fmt: PayrollFormat,
    *,
    wage_type: str | None = None,
    run: int = 1,
    language: str = "nb",
) -> str:
    """The month's payroll as text: a CSV summary (its header in `language`), or Visma
    Lønn's import lines (no header)."""
    if fmt is PayrollFormat.CSV:
        return to_csv(await payroll(unit, year, month), csv_header(language))
    if not wage_type or not wage_type.isascii() or not wage_type.isdigit():
        raise RuleError(N_("Visma trenger lønnsarten som sifre, for eksempel 1100"))
    if not 0 <= run <= 999:
        raise RuleError(N_("Lønnskjøringen må være et tall fra 0 til 999"))
    lines = await payroll(unit, year, month, require_employee_no=True)
    return to_visma(lines, year, month, wage_type, run)


async def set_employee_no(participant: Participant, number: str | None, *, actor: str) -> None:
    """The participant's employee number in the payroll system; None clears it."""
    if number is not None:
        number = number.strip()
        if not re.fullmatch(r"[0-9]{1,16}", number):
            raise RuleError(N_("Et ansattnummer er 1 til 16 sifre, ikke {text}"), text=number)
    async with in_transaction():
        if number is not None and (
            await Participant.filter(employee_no=number).exclude(id=participant.id).exists()
        ):
            raise RuleError(N_("Ansattnummeret {text} er brukt av en annen deltaker"), text=number)
        old = participant.employee_no
        if old == number:
            return
        await Participant.filter(id=participant.id).update(employee_no=number)
        await audit.record(
            actor, "participant.employee_no", f"participant:{participant.code}", old=old, new=number
        )
    participant.employee_no = number
