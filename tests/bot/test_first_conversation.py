"""The first conversation, end to end: the real bot over HTTP against the stand-in."""

from __future__ import annotations

import asyncio
from datetime import date

from backend.links.invites import MAX_WRONG_CODES, OVERALL, create_invite
from backend.models import (
    Absence,
    AbsenceCategory,
    CodeAttempt,
    LinkRole,
    OutboxMessage,
    OutboxStatus,
)
from tests.support.telegram import RunningBot
from tests.support.world import NOW, build_world, link

KARI, LISE, STRANGER = 1001, 1003, 1999


async def test_start_with_invite_links_and_shows_big_button_menu(bot: RunningBot) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    kari = bot.chat(KARI, "Kari")

    welcome = await kari.send(f"/start {issued.code}")
    assert "Velkommen" in welcome.text
    menu = await kari.next()
    assert "Hei, Kari" in menu.text
    assert "🚫 Jeg kommer ikke" in kari.buttons(menu)
    assert "☕ Kafé" in kari.buttons(menu)


async def test_used_expired_and_unknown_codes_get_clear_messages(bot: RunningBot) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    await link("S1", LinkRole.STAFF, LISE, "Lise")  # uses another invite
    kari, other = bot.chat(KARI, "Kari"), bot.chat(2002, "Per")
    await kari.send(f"/start {issued.code}")
    await kari.next()  # the menu
    assert "brukt allerede" in (await other.send(f"/start {issued.code}")).text
    assert "virker ikke" in (await other.send("/start nonsense-code")).text
    assert "virker ikke" in (await other.send("/start <script>")).text

    expiring = await create_invite("P2", LinkRole.PARTICIPANT, actor="test", now=NOW)
    bot.clock.set(2026, 4, 15, 9, 0)
    assert "gått ut" in (await bot.chat(2003, "Ola").send(f"/start {expiring.code}")).text


async def test_many_wrong_codes_lock_the_chat(bot: RunningBot) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    guesser = bot.chat(2004, "Gjetter")
    for attempt in range(MAX_WRONG_CODES):
        await guesser.send(f"/start wrong{attempt}")
    locked = await guesser.send(f"/start {issued.code}")
    assert "For mange feil koder" in locked.text


async def test_many_wrong_codes_from_many_chats_hold_back_a_good_one_for_a_minute(
    bot: RunningBot,
) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    for chat in range(OVERALL.most):  # thirty chats guessing, one wrong code each
        await CodeAttempt.create(chat_id=3000 + chat, at=bot.clock.now)
    held = await bot.chat(2005, "Kari").send(f"/start {issued.code}")
    assert held.text == "Det er for mange feil koder akkurat nå. Vent ett minutt og prøv igjen."


async def test_absence_in_two_taps_tells_the_contact_person_once(bot: RunningBot) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")  # Telegram delivers only to users who have written to the bot

    await kari.send("hei")
    question = await kari.tap("Jeg kommer ikke")
    assert question.text == "📆 I dag, tirsdag 7. april\nHvorfor kommer du ikke?"
    assert kari.buttons(question)[:4] == ["🤒 Syk", "📅 Avtale", "🌴 Fri", "💬 Noe annet"]

    done = await kari.tap("Syk", question)
    assert "Takk! Du er meldt borte: tirsdag 7. april (syk)." in done.text
    assert "Lise Kontakt får beskjed." in done.text
    told = await lise.next()
    assert told.text == "Kari Nordmann er borte: tirsdag 7. april (syk)."

    # The same button again (a double tap or a replay) stores nothing new and tells no one.
    sick_data = dict(bot.standin.buttons(question))["🤒 Syk"]
    assert sick_data is not None
    query = await bot.standin.tap(KARI, question.message_id, sick_data, force=True)
    for _ in range(100):
        answered = [a for a in bot.standin.callback_answers if a["callback_query_id"] == query]
        if answered:
            break
        await asyncio.sleep(0.05)
    assert [a["text"] for a in answered] == ["Meldt fra før: tirsdag 7. april."]
    assert "Takk! Du er meldt borte" in kari.last().text  # the confirmation stays
    absences = await Absence.filter(participant_id=world.kari.id).all()
    assert [(a.day, a.category) for a in absences] == [(date(2026, 4, 7), AbsenceCategory.SICK)]
    assert await OutboxMessage.filter(status=OutboxStatus.SENT).count() == 1
    assert len([t for t in lise.received() if "er borte" in t]) == 1


async def test_late_report_is_marked_late_for_staff(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    bot.clock.set(2026, 4, 7, 10, 30)  # Kari starts at 09:00
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Avtale")
    assert "Meldt etter starttid." in (await lise.next()).text


async def test_stranger_gets_a_friendly_answer_and_sees_no_one(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    stranger = bot.chat(STRANGER, "Ukjent")
    answer = await stranger.send("Hei, hvem går her?")
    assert "invitasjon" in answer.text
    assert stranger.buttons(answer) == ["☕ Kafé", "🌐 Språk"]
    assert "Kari" not in answer.text


async def test_stale_or_foreign_buttons_change_nothing(bot: RunningBot) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    menu = await kari.send("/start")
    # A payload for Ola, whom Kari is not linked to, and garbage.
    await kari.tap_data(menu, f"absc:{world.ola.id}:20260407:si")
    assert "Hva vil du gjøre?" in (await kari.next()).text  # the menu again
    assert "virker ikke lenger" in bot.standin.callback_answers[-1]["text"]
    await kari.tap_data(menu, "absc:xx:yy:zz")
    await kari.next()
    assert await Absence.all().count() == 0


async def test_a_past_day_from_an_old_button_is_refused(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/start")
    question = await kari.tap("Jeg kommer ikke")
    bot.clock.set(2026, 4, 8, 8, 0)  # the next day: the old button says 7 April
    refused = await kari.tap("Syk", question)
    assert "i dag eller senere" in refused.text
    assert await Absence.all().count() == 0


async def test_english_speaker_gets_english(bot: RunningBot) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    kari = bot.chat(KARI, "Kari", language_code="en")
    assert "Welcome" in (await kari.send(f"/start {issued.code}")).text
    menu = await kari.next()
    assert "🚫 I am not coming" in kari.buttons(menu)
