"""Changing a unit's calendar: every change checked, audited, and seen by derived dates."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from backend.attendance.marking import mark_day
from backend.calendar import settings
from backend.calendar.calendars import unit_calendar
from backend.calendar.rules import DayKind
from backend.models import AttendanceStatus, AuditEvent, Closure, PayRate, Unit
from backend.pay.rules import DEFAULT_RATES, Rate
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import build_world

LATER = datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)


async def reloaded(unit: Unit) -> Unit:
    return await Unit.get(id=unit.id)


async def test_fellesferie_moves_every_derived_date(db: str) -> None:
    world = await build_world()
    before = await unit_calendar(world.unit)
    assert before.status(date(2026, 7, 6)).kind is DayKind.FELLESFERIE
    assert before.is_open(date(2026, 7, 27))

    await settings.set_fellesferie(world.unit, 29, 31, actor="test")
    after = await unit_calendar(await reloaded(world.unit))
    assert after.is_open(date(2026, 7, 6))
    assert after.status(date(2026, 7, 27)).kind is DayKind.FELLESFERIE
    event = await AuditEvent.get(action="calendar.change")
    assert event.detail["changes"]["fellesferie_first_week"] == {"old": 28, "new": 29}


@pytest.mark.parametrize(("first", "last"), [(0, 30), (30, 28), (28, 54), (-1, 2)])
async def test_bad_fellesferie_weeks_are_refused(db: str, first: int, last: int) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match="Fellesferien"):
        await settings.set_fellesferie(world.unit, first, last, actor="test")
    stored = await reloaded(world.unit)
    assert (stored.fellesferie_first_week, stored.fellesferie_last_week) == (28, 30)
    assert not await AuditEvent.filter(action="calendar.change").exists()


@pytest.mark.parametrize(
    ("christmas_eve", "new_years_eve", "closed"),
    [
        (None, None, set()),
        (True, None, {date(2026, 12, 24)}),
        (None, True, {date(2026, 12, 31)}),
        (True, True, {date(2026, 12, 24), date(2026, 12, 31)}),
    ],
)
async def test_christmas_and_new_years_eve_flags(
    db: str, christmas_eve: bool | None, new_years_eve: bool | None, closed: set[date]
) -> None:
    world = await build_world()
    await settings.set_eves(
        world.unit, actor="test", christmas_eve=christmas_eve, new_years_eve=new_years_eve
    )
    calendar = await unit_calendar(await reloaded(world.unit))
    eves = {date(2026, 12, 24), date(2026, 12, 31)}
    assert {d for d in eves if not calendar.is_open(d)} == closed
    assert await AuditEvent.filter(action="calendar.change").count() == (1 if closed else 0)


async def test_extra_closure_add_and_remove(db: str) -> None:
    world = await build_world()
    day = date(2026, 9, 14)
    await settings.add_closure(world.unit, day, "  Personaldag  ", actor="test")
    status = (await unit_calendar(world.unit)).status(day)
    assert (status.kind, status.reasons) == (DayKind.EXTRA_CLOSURE, ("Personaldag",))

    with pytest.raises(RuleError, match="allerede stengt: Personaldag"):
        await settings.add_closure(world.unit, day, "Igjen", actor="test")
    await settings.remove_closure(world.unit, day, actor="test")
    assert (await unit_calendar(world.unit)).is_open(day)
    with pytest.raises(RuleError, match="ikke en ekstra stengt dag"):
        await settings.remove_closure(world.unit, day, actor="test")
    actions = await AuditEvent.filter(action__startswith="closure").values_list("action", flat=True)
    assert sorted(actions) == ["closure.add", "closure.remove"]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 201])
async def test_closure_needs_a_reason(db: str, reason: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match="grunn"):
        await settings.add_closure(world.unit, date(2026, 9, 14), reason, actor="test")
    assert await Closure.all().count() == 0


async def test_a_day_with_attendance_cannot_be_closed(db: str) -> None:
    world = await build_world()
    day = date(2026, 9, 14)
    await mark_day(world.kari, day, AttendanceStatus.PRESENT, actor_name="test", now=LATER)
    with pytest.raises(RuleError, match="ført oppmøte"):
        await settings.add_closure(world.unit, day, "Personaldag", actor="test")
    assert await Closure.all().count() == 0


async def test_opening_hours_per_weekday(db: str) -> None:
    world = await build_world()
    await settings.set_opening_hours(world.unit, 5, None, actor="test")
    await settings.set_opening_hours(world.unit, 6, (time(10), time(13)), actor="test")
    unit = await reloaded(world.unit)
    assert unit.opening_hours["6"] == ["10:00", "13:00"] and "5" not in unit.opening_hours
    calendar = await unit_calendar(unit)
    assert calendar.status(date(2026, 11, 27)).kind is DayKind.NOT_OPENING_DAY  # a Friday
    assert calendar.hours(date(2026, 11, 28)) == (time(10), time(13))  # a Saturday


@pytest.mark.parametrize(
    ("weekday", "hours", "message"),
    [
        (0, (time(8), time(15)), "Ukedag"),
        (8, (time(8), time(15)), "Ukedag"),
        (1, (time(15), time(8)), "starte før"),
        (1, (time(8), time(8)), "starte før"),
    ],
)
async def test_bad_opening_hours_are_refused(
    db: str, weekday: int, hours: tuple[time, time], message: str
) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match=message):
        await settings.set_opening_hours(world.unit, weekday, hours, actor="test")
    with pytest.raises(RuleError, match=message):
        await settings.set_cafe_hours(world.unit, weekday, hours, actor="test")
    stored = await reloaded(world.unit)
    assert stored.opening_hours == {str(d): ["08:00", "15:30"] for d in range(1, 6)}
    assert stored.cafe_hours == {}


async def test_cafe_hours_and_first_opening_date(db: str) -> None:
    world = await build_world()
    await settings.set_cafe_hours(world.unit, 2, (time(10), time(14)), actor="test")
    await settings.set_cafe_opening(world.unit, date(2026, 6, 1), actor="test")
    unit = await reloaded(world.unit)
    assert unit.cafe_hours == {"2": ["10:00", "14:00"]}
    assert unit.cafe_opens_on == date(2026, 6, 1)
    await settings.set_cafe_opening(unit, None, actor="test")
    assert (await reloaded(world.unit)).cafe_opens_on is None
    changes = await AuditEvent.filter(action="calendar.change").order_by("id")
    assert changes[-1].detail["changes"]["cafe_opens_on"] == {"old": "2026-06-01", "new": None}


async def test_first_stored_rate_keeps_the_default_before_it(db: str) -> None:
    world = await build_world()
    assert await settings.pay_rates(world.unit) == DEFAULT_RATES
    await settings.add_pay_rate(world.unit, date(2026, 4, 15), 1700, actor="test")
    assert await settings.pay_rates(world.unit) == (
        Rate(date(2023, 1, 1), 1600),
        Rate(date(2026, 4, 15), 1700),
    )
    with pytest.raises(RuleError, match="allerede en sats fra 2026-04-15"):
        await settings.add_pay_rate(world.unit, date(2026, 4, 15), 1800, actor="test")
    assert await PayRate.all().count() == 2


@pytest.mark.parametrize("ore", [0, -100, 100_001])
async def test_unreasonable_rates_are_refused(db: str, ore: int) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match="Satsen"):
        await settings.add_pay_rate(world.unit, date(2026, 5, 1), ore, actor="test")
    assert await PayRate.all().count() == 0


@pytest.mark.parametrize(
    ("text", "ore"), [("16", 1600), ("16,50", 1650), ("16.5", 1650), (" 17.05 ", 1705)]
)
def test_parse_nok(text: str, ore: int) -> None:
    assert settings.parse_nok(text) == ore


@pytest.mark.parametrize("text", ["", "16,555", "-5", "16 kr", "1e3", "1.000,00"])
def test_parse_nok_refuses(text: str) -> None:
    with pytest.raises(RuleError):
        settings.parse_nok(text)


@pytest.mark.parametrize(
    ("text", "hours"),
    [("08:00-15:30", (time(8), time(15, 30))), ("stengt", None), ("closed", None), ("-", None)],
)
def test_parse_time_range(text: str, hours: tuple[time, time] | None) -> None:
    assert settings.parse_time_range(text) == hours
