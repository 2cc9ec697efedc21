"""The morning roster and the tablet at the door: a participant who tapped in shows the
time, one who tapped in and out shows the tablet's hours, and ✅ stores those hours."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from telegram import Bot

from backend.checkin import door, pairing
from backend.checkin.rules import TapAction
from backend.models import AttendanceDay, AttendanceStatus, Tablet
from tests.bot.staff_world import (
    LISE,
    StaffWorld,
    at,
    build_staff_world,
    jobs_for,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import OSLO, RunningBot


def oslo(hour: int, minute: int) -> datetime:
    return datetime(2026, 4, 7, hour, minute, tzinfo=OSLO)


async def door_tablet(staff: StaffWorld) -> Tablet:
    """The unit's tablet at the door, paired by the leader that morning."""
    made = await pairing.new_code(staff.world.leader, "Inngangen", oslo(8, 0))
    return (await pairing.pair(made.code, oslo(8, 1))).tablet


async def test_the_roster_shows_the_tablet_and_one_tap_stores_its_hours(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    tablet = await door_tablet(staff)
    await door.tap(tablet, staff.kari.id, TapAction.IN, oslo(8, 57), "k1", oslo(8, 57))
    await door.tap(tablet, staff.siri.id, TapAction.IN, oslo(9, 4), "s1", oslo(9, 4))
    await jobs_for(bot, sender).minute(at("2026-04-07", 9, 10))
    lise = bot.chat(LISE, "Lise")
    roster = await lise.next()
    assert "🟢 Kari Nordmann: inne fra 08:57" in roster.text
    assert "🟢 Siri Berg: inne fra 09:04" in roster.text

    await door.tap(tablet, staff.kari.id, TapAction.OUT, oslo(13, 20), "k2", oslo(13, 20))
    bot.clock.set(2026, 4, 7, 13, 30)
    shown = await lise.tap("🔄")
    assert "🟢 Kari Nordmann: 08:57–13:20, 4,50 t etter nettbrettet" in shown.text
    saved = await lise.tap("✅ Kari N.", shown)
    assert "✅ Kari Nordmann: 4,50 t (avtalt 5,00 t)" in saved.text
    record = await AttendanceDay.get(participant_id=staff.kari.id)
    assert (record.status, record.hours) == (AttendanceStatus.PRESENT, Decimal("4.50"))


async def test_everyone_else_is_here_takes_the_tablet_s_hours(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    tablet = await door_tablet(staff)
    await door.tap(tablet, staff.kari.id, TapAction.IN, oslo(9, 0), "k1", oslo(9, 0))
    await door.tap(tablet, staff.kari.id, TapAction.OUT, oslo(11, 10), "k2", oslo(11, 10))
    bot.clock.set(2026, 4, 7, 15, 0)
    await jobs_for(bot, sender).minute(at("2026-04-07", 9, 10))
    lise = bot.chat(LISE, "Lise")
    await lise.next()
    done = await lise.tap("Alle andre er her")
    assert "✅ Kari Nordmann: 2,25 t (avtalt 5,00 t)" in done.text  # 2 h 10 min: 2.25
    assert "✅ Siri Berg: 6,00 t" in done.text  # no taps: the decision's hours
    assert bot.standin.callback_answers[-1]["text"] == "👍 2 bekreftet som til stede"
    hours = {r.participant_id: r.hours for r in await AttendanceDay.all()}  # type: ignore[attr-defined]
    assert hours == {staff.kari.id: Decimal("2.25"), staff.siri.id: Decimal("6.00")}


async def test_a_visit_too_short_for_hours_is_not_shown_as_still_inside(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    tablet = await door_tablet(staff)
    await door.tap(tablet, staff.kari.id, TapAction.IN, oslo(9, 0), "k1", oslo(9, 0))
    await door.tap(tablet, staff.kari.id, TapAction.OUT, oslo(9, 5), "k2", oslo(9, 5))
    await jobs_for(bot, sender).minute(at("2026-04-07", 9, 10))
    roster = await bot.chat(LISE, "Lise").next()
    assert "⚪ Kari Nordmann: 09:00–09:05, kort besøk, ingen timer foreslått" in roster.text
    assert "inne fra" not in roster.text
