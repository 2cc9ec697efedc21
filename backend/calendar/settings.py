"""Changing a unit's calendar: fellesferie, holiday eves, extra closures, hours, café, pay rates.

Every change is checked first (a refused change raises RuleError and writes nothing)
and audited with the old and the new value. Derived dates follow at once: the
calendar is rebuilt from these settings on every question (services/calendars.py).

Pay rates: a unit without stored rates is paid at the default rate (16.00 NOK an
hour from 2023-01-01, seed 000). When the first rate is stored, the default is
stored with it, so that the days before the new rate keep their rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from backend.calendar.calendars import unit_calendar
from backend.calendar.rules import DayStatus, Hours
from backend.models import AttendanceDay, AttendanceStatus, Closure, PayRate, Unit
from backend.pay.rules import DEFAULT_RATES, Rate
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_hours

MAX_REASON = 200
# A sanity bound on a typed rate: 1,000 NOK an hour is surely a typing error.
MAX_ORE_PER_HOUR = 100_000


def _subject(unit: Unit) -> str:
    return f"unit:{unit.code}"


def _check_weekday(weekday: int) -> None:
    if not 1 <= weekday <= 7:
        raise RuleError(
            N_("Ukedag må være 1 (mandag) til 7 (søndag), ikke {weekday}"), weekday=weekday
        )


def _check_hours(hours: Hours) -> list[str]:
    start, end = hours
    if not start < end:
        raise RuleError(
            N_("Åpningstiden må starte før den slutter: {start}–{end}"),
            start=f"{start:%H:%M}",
            end=f"{end:%H:%M}",
        )
    return [f"{start:%H:%M}", f"{end:%H:%M}"]


def _with_weekday(
    stored: dict[str, list[str]], weekday: int, hours: Hours | None
) -> dict[str, list[str]]:
    _check_weekday(weekday)
    changed = {k: list(v) for k, v in stored.items() if k != str(weekday)}
    if hours is not None:
        changed[str(weekday)] = _check_hours(hours)
    return dict(sorted(changed.items()))


async def _save(unit: Unit, actor: str, values: dict[str, object]) -> Unit:
    """Store changed unit fields and audit each as old → new; nothing when nothing changed."""
    changed = {name: value for name, value in values.items() if getattr(unit, name) != value}
    if not changed:
        return unit
    detail = {
        name: {"old": _plain(getattr(unit, name)), "new": _plain(value)}
        for name, value in changed.items()
    }
    async with in_transaction():
        await Unit.filter(id=unit.id).update(**changed)
        await audit.record(actor, "calendar.change", _subject(unit), changes=detail)
    for name, value in changed.items():
        setattr(unit, name, value)
    return unit


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class CalendarChanges:
    """Several settings changed together: all are checked before any is stored.

    A weekday mapped to None in ``opening_hours`` / ``cafe_hours`` has no hours
    (closed that weekday). ``cafe_opens_on`` is set when ``set_cafe_opens_on``.
    """

    fellesferie: tuple[int, int] | None = None
    close_christmas_eve: bool | None = None
    close_new_years_eve: bool | None = None
    opening_hours: Mapping[int, Hours | None] = field(default_factory=dict)
    cafe_hours: Mapping[int, Hours | None] = field(default_factory=dict)
    set_cafe_opens_on: bool = False
    cafe_opens_on: date | None = None


def _new_values(unit: Unit, changes: CalendarChanges) -> dict[str, object]:
    values: dict[str, object] = {}
    if changes.fellesferie is not None:
        first, last = changes.fellesferie
        if not 1 <= first <= last <= 53:
            raise RuleError(
                N_("Fellesferien må være uke 1 til 53, og første uke før siste: {first}–{last}"),
                first=first,
                last=last,
            )
        values["fellesferie_first_week"], values["fellesferie_last_week"] = first, last
    if changes.close_christmas_eve is not None:
        values["close_christmas_eve"] = changes.close_christmas_eve
    if changes.close_new_years_eve is not None:
        values["close_new_years_eve"] = changes.close_new_years_eve
    for name, weekly in (
        ("opening_hours", changes.opening_hours),
        ("cafe_hours", changes.cafe_hours),
    ):
        stored: dict[str, list[str]] = getattr(unit, name)
        for weekday, hours in weekly.items():
            stored = _with_weekday(stored, weekday, hours)
        if weekly:
            values[name] = stored
    if values.get("opening_hours") == {}:
        # Every rule that counts working days needs one: refuse, change nothing.
        raise RuleError(N_("Enheten må være åpen minst én dag i uka"))
    if changes.set_cafe_opens_on:
        values["cafe_opens_on"] = changes.cafe_opens_on
    return values


async def change_calendar(unit: Unit, changes: CalendarChanges, *, actor: str) -> Unit:
    """Apply several settings at once, in one transaction and one audit event."""
    return await _save(unit, actor, _new_values(unit, changes))


async def set_fellesferie(unit: Unit, first_week: int, last_week: int, *, actor: str) -> Unit:
    """Fellesferie as ISO weeks, Monday to Friday of each (default weeks 28–30)."""
    return await change_calendar(
        unit, CalendarChanges(fellesferie=(first_week, last_week)), actor=actor
    )


async def set_eves(
    unit: Unit,
    *,
    actor: str,
    christmas_eve: bool | None = None,
    new_years_eve: bool | None = None,
) -> Unit:
    """Close (True) or open (False) on 24 and 31 December; None leaves a flag as it is."""
    changes = CalendarChanges(close_christmas_eve=christmas_eve, close_new_years_eve=new_years_eve)
    return await change_calendar(unit, changes, actor=actor)


async def set_opening_hours(unit: Unit, weekday: int, hours: Hours | None, *, actor: str) -> Unit:
    """Opening hours of one ISO weekday; None makes it a day the unit is not open."""
    return await change_calendar(unit, CalendarChanges(opening_hours={weekday: hours}), actor=actor)


async def set_cafe_hours(unit: Unit, weekday: int, hours: Hours | None, *, actor: str) -> Unit:
    """The café's hours of one ISO weekday; None closes the café that weekday."""
    return await change_calendar(unit, CalendarChanges(cafe_hours={weekday: hours}), actor=actor)


async def set_cafe_opening(unit: Unit, opens_on: date | None, *, actor: str) -> Unit:
    """The café's first opening date; None means it is open already."""
    changes = CalendarChanges(set_cafe_opens_on=True, cafe_opens_on=opens_on)
    return await change_calendar(unit, changes, actor=actor)


def _reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason or len(reason) > MAX_REASON:
        raise RuleError(N_("En stengt dag trenger en grunn på 1 til 200 tegn"))
    return reason


async def add_closure(unit: Unit, day: date, reason: str, *, actor: str) -> Closure:
    """An extra closed day with its reason (staff training, say)."""
    reason = _reason(reason)
    async with in_transaction():
        existing = await Closure.get_or_none(unit_id=unit.id, day=day)
        if existing is not None:
            raise RuleError(
                N_("{day} er allerede stengt: {reason}"),
                day=day.isoformat(),
                reason=existing.reason,
            )
        # A day with attendance already paid must not turn into a closed day behind its back.
        if await AttendanceDay.exists(
            participant__unit_id=unit.id, day=day, status=AttendanceStatus.PRESENT
        ):
            raise RuleError(
                N_("Det er ført oppmøte {day}, så dagen kan ikke stenges"), day=day.isoformat()
            )
        closure = await Closure.create(unit=unit, day=day, reason=reason)
        await audit.record(actor, "closure.add", _subject(unit), day=day.isoformat(), reason=reason)
    return closure


async def remove_closure(unit: Unit, day: date, *, actor: str) -> None:
    async with in_transaction():
        existing = await Closure.get_or_none(unit_id=unit.id, day=day)
        if existing is None:
            raise RuleError(N_("{day} er ikke en ekstra stengt dag"), day=day.isoformat())
        await existing.delete()
        await audit.record(
            actor, "closure.remove", _subject(unit), day=day.isoformat(), reason=existing.reason
        )


async def closed_days(unit: Unit, year: int) -> list[DayStatus]:
    """Closed dates of a year that would be opening days by weekday alone, with reasons."""
    return (await unit_calendar(unit)).closed_days(year)


async def pay_rates(unit: Unit) -> tuple[Rate, ...]:
    """The unit's rates by date, or the default rate when none is stored."""
    stored = await PayRate.filter(unit_id=unit.id).order_by("valid_from")
    if not stored:
        return DEFAULT_RATES
    return tuple(Rate(r.valid_from, r.ore_per_hour) for r in stored)


async def add_pay_rate(unit: Unit, valid_from: date, ore_per_hour: int, *, actor: str) -> PayRate:
    """A rate valid from a date until the next rate."""
    if isinstance(ore_per_hour, bool) or not 0 < ore_per_hour <= MAX_ORE_PER_HOUR:
        raise RuleError(
            N_("Satsen må være over 0 og høyst 1000 kr i timen, ikke {amount}"),
            amount=f"{Decimal(ore_per_hour) / 100:.2f}",
        )
    async with in_transaction():
        if await PayRate.exists(unit_id=unit.id, valid_from=valid_from):
            raise RuleError(N_("Det finnes allerede en sats fra {day}"), day=valid_from.isoformat())
        if not await PayRate.exists(unit_id=unit.id):
            for default in DEFAULT_RATES:
                if default.valid_from != valid_from:
                    await PayRate.create(
                        unit=unit, valid_from=default.valid_from, ore_per_hour=default.ore_per_hour
                    )
        rate = await PayRate.create(unit=unit, valid_from=valid_from, ore_per_hour=ore_per_hour)
        await audit.record(
            actor,
            "pay_rate.add",
            _subject(unit),
            valid_from=valid_from.isoformat(),
            ore_per_hour=ore_per_hour,
        )
    return rate


def parse_nok(text: str) -> int:
    """`17`, `17.50` or `17,50` (NOK) → øre; never through a float."""
    cleaned = text.strip().replace(",", ".")
    if not re.fullmatch(r"\d{1,6}(\.\d{1,2})?", cleaned):
        raise RuleError(N_("Skriv beløpet i kroner, som 16 eller 16,50, ikke {text}"), text=text)
    return int(Decimal(cleaned) * 100)


def parse_time_range(text: str) -> Hours | None:
    """`08:00-15:30` → hours; `closed`, `stengt` or `-` → None (no hours that weekday)."""
    if text.strip().lower() in ("closed", "stengt", "-"):
        return None
    return parse_hours(text)
