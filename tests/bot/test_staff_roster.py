"""The morning roster through the real bot and the stand-in: once per chat, one tap each,
everyone else at once, hours in quarter hours, /idag without a second copy, the day's end."""

from __future__ import annotations

from decimal import Decimal

from telegram import Bot

from backend.absence.report import report_absence
from backend.models import (
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    OutboxMessage,
    RosterMessage,
)
from bot.delivery import deliver_outbox
from tests.bot.staff_world import (
    LISE,
    PER,
    alert,
    answers,
    at,
    bot_messages,
    build_staff_world,
    data_of,
    jobs_for,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import RunningBot

TUESDAY = "2026-04-07"


def rosters(bot: RunningBot, user: int) -> list[str]:
    return [m.text for m in bot_messages(bot, user) if m.text.startswith("📋 Oppmøte")]


async def test_the_morning_roster_comes_once_per_chat_at_roster_time(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, PER))
    await report_absence(
        staff.siri, [at(TUESDAY, 0).date()], AbsenceCategory.SICK,
        reporter=None, now=at(TUESDAY, 7), reporter_name="Mor Berg",
    )  # fmt: skip
    jobs = jobs_for(bot, sender)
    await jobs.minute(at(TUESDAY, 8, 29))
    assert rosters(bot, LISE) == []
    await jobs.minute(at(TUESDAY, 8, 30))
    [text] = rosters(bot, LISE)
    assert text.splitlines()[0] == "📋 Oppmøte tirsdag 7. april · Arbeid og kvalifisering"
    assert "⬜ Kari Nordmann 09:00–14:00" in text
    assert "📩 Siri Berg: meldt borte (syk, meldt av Mor Berg)" in text
    assert "Ola" not in text  # not one of Ola's days
    assert "Bekreftet: 0 av 2." in text
    roster = bot.chat(LISE, "Lise").last()
    labels = bot.chat(LISE, "Lise").buttons(roster)
    assert labels[:3] == ["✅ Kari N.", "❌ Kari N.", "⏱ Kari N."]
    assert "👍 Alle andre er her" in labels
    # The leader is not sent the roster while a contact person is linked.
    assert rosters(bot, PER) == []

    # The job again, and a second process: no second copy.
    await jobs.minute(at(TUESDAY, 8, 31))
    await jobs_for(bot, sender).minute(at(TUESDAY, 8, 32))
    assert len(rosters(bot, LISE)) == 1
    assert await RosterMessage.filter(chat_id=LISE).count() == 1


async def test_one_tap_each_and_everyone_else_at_once(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    await jobs_for(bot, sender).minute(at(TUESDAY, 8, 30))
    bot.clock.set(2026, 4, 7, 9, 40)
    lise = bot.chat(LISE, "Lise")
    await lise.next()  # the roster
    after = await lise.tap("❌ Kari N.")
    assert "⚠️ Kari Nordmann: borte uten å melde fra" in after.text
    assert "Bekreftet: 1 av 2." in after.text
    assert bot.standin.callback_answers[-1]["text"] == "⚠️ Borte uten å melde fra"
    record = await AttendanceDay.get(participant_id=staff.kari.id)
    assert (record.status, record.confirmed_by_name) == (
        AttendanceStatus.ABSENT_UNNOTIFIED,
        "Lise Kontakt",
    )

    done = await lise.tap("Alle andre er her")
    assert "✅ Siri Berg: 6,00 t" in done.text
    assert "✅ Alt er bekreftet." in done.text
    assert "👍 Alle andre er her" not in lise.buttons(done)
    stored = {
        r.participant_id: (r.status, r.hours)  # type: ignore[attr-defined]
        for r in await AttendanceDay.all()
    }
    assert stored == {
        staff.kari.id: (AttendanceStatus.ABSENT_UNNOTIFIED, Decimal("0.00")),
        staff.siri.id: (AttendanceStatus.PRESENT, Decimal("6.00")),
    }
    # Changing one's mind is one tap too.
    again = await lise.tap("✅ Kari N.")
    assert "✅ Kari Nordmann: 5,00 t" in again.text


async def test_hours_in_quarter_hours_for_a_late_arrival(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    await jobs_for(bot, sender).minute(at(TUESDAY, 8, 30))
    lise = bot.chat(LISE, "Lise")
    await lise.next()
    picker = await lise.tap("⏱ Kari N.")
    assert "Avtalt: 09:00–14:00 (5,00 t)" in picker.text
    assert "Timer til stede: 5,00 t" in picker.text
    picker = await lise.tap("−¼")
    assert "Timer til stede: 4,75 t" in picker.text
    picker = await lise.tap("−1 t")
    assert "Timer til stede: 3,75 t" in picker.text
    picker = await lise.tap("+¼")
    saved = await lise.tap("Lagre 4,00 t", picker)
    assert "✅ Kari Nordmann: 4,00 t (avtalt 5,00 t)" in saved.text
    record = await AttendanceDay.get(participant_id=staff.kari.id)
    assert (record.status, record.hours) == (AttendanceStatus.PRESENT, Decimal("4.00"))
    # A tampered picker (more than 12 hours) is refused and stores nothing new.
    seen = answers(bot, LISE)
    await lise.tap_data(saved, f"rq:{staff.kari.id}:260407:60")
    assert "hele kvarter" in await alert(bot, LISE, seen)
    assert (await AttendanceDay.get(participant_id=staff.kari.id)).hours == Decimal("4.00")


async def test_idag_sends_the_roster_anew_and_removes_the_old_copy(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, PER))
    lise = bot.chat(LISE, "Lise")
    first = await lise.send("/idag")  # before roster time: the job will not send another
    assert first.text.startswith("📋 Oppmøte tirsdag 7. april")
    await jobs_for(bot, sender).minute(at(TUESDAY, 8, 30))
    assert len(rosters(bot, LISE)) == 1

    await lise.tap("✅ Kari N.", first)
    second = await lise.send("/idag")
    assert "✅ Kari Nordmann: 5,00 t" in second.text  # the current state
    assert second.message_id != first.message_id
    assert len(rosters(bot, LISE)) == 1  # the first copy is gone
    assert [m.deleted for m in bot.standin.messages(LISE) if m.message_id == first.message_id] == [
        True
    ]

    # The leader's copy and Lise's are kept in step: a tap in one edits both.
    per = bot.chat(PER, "Per")
    await per.send("/idag")
    await lise.tap("✅ Siri B.", second)
    edited = await per.next()
    assert "✅ Siri Berg: 6,00 t" in edited.text
    assert await AttendanceDay.filter(participant_id=staff.siri.id).count() == 1


async def test_an_unconfirmed_day_is_reminded_once_at_closing_time(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    await build_staff_world(bot)
    jobs = jobs_for(bot, sender)
    await jobs.minute(at(TUESDAY, 8, 30))
    lise = bot.chat(LISE, "Lise")
    await lise.next()
    await lise.tap("✅ Kari N.")
    await jobs.minute(at(TUESDAY, 15, 29))
    assert await OutboxMessage.filter(template="roster_unconfirmed").count() == 0
    await jobs.minute(at(TUESDAY, 15, 30))
    await jobs.minute(at(TUESDAY, 15, 31))
    assert await OutboxMessage.filter(template="roster_unconfirmed").count() == 1
    await deliver_outbox(sender, at(TUESDAY, 15, 31))
    reminder = await lise.next()
    while not reminder.text.startswith("Oppmøtet"):
        reminder = await lise.next()
    assert reminder.text == "Oppmøtet 7. april 2026 er ikke bekreftet ennå for Siri Berg."
    shown = await lise.tap("Vis dagens liste", reminder)
    assert shown.text.startswith("📋 Oppmøte tirsdag 7. april")
    assert len(rosters(bot, LISE)) == 1  # sent anew, the morning copy removed


async def test_a_confirmed_day_gets_no_reminder(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    await build_staff_world(bot)
    jobs = jobs_for(bot, sender)
    await jobs.minute(at(TUESDAY, 8, 30))
    lise = bot.chat(LISE, "Lise")
    await lise.next()
    await lise.tap("Alle andre er her")
    await jobs.minute(at(TUESDAY, 15, 30))
    assert await OutboxMessage.filter(template="roster_unconfirmed").count() == 0


async def test_no_roster_on_a_holiday(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    await build_staff_world(bot)
    await jobs_for(bot, sender).minute(at("2026-04-06", 8, 30))  # Easter Monday
    assert rosters(bot, LISE) == []
    bot.clock.set(2026, 4, 6, 9, 0)
    closed = await bot.chat(LISE, "Lise").send("/idag")
    assert "Enheten er stengt denne dagen (Andre påskedag)." in closed.text
    assert await RosterMessage.all().count() == 0


async def test_the_roster_buttons_carry_the_day(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    """Yesterday's roster tapped today still confirms yesterday."""
    staff = await build_staff_world(bot)
    await jobs_for(bot, sender).minute(at(TUESDAY, 8, 30))
    lise = bot.chat(LISE, "Lise")
    roster = await lise.next()
    bot.clock.set(2026, 4, 8, 8, 0)
    data = data_of(bot, roster, "✅ Kari N.")
    await lise.tap_data(roster, data)
    await lise.next()
    record = await AttendanceDay.get(participant_id=staff.kari.id)
    assert str(record.day) == TUESDAY
