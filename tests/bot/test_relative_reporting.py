"""A relative reports for the participants they are linked to, and only for them."""

from __future__ import annotations

from datetime import date

from backend.links.consent import record_consent
from backend.models import Absence, LinkRole, OutboxMessage, TelegramLink, Unit
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, World, build_world, link

KARI, LISE, ANNE, OLA = 1001, 1003, 1004, 1005


async def relative_of(*codes: str) -> None:
    for code in codes:
        relative = await link(code, LinkRole.RELATIVE, ANNE, "Anne")
        await record_consent(relative.id, by_staff="staff:S2", on_behalf=True, now=NOW)
    # "Kari has said yes" would reach Anne with the next delivery, in the middle of these
    # conversations; test_relative_consent covers it.
    await OutboxMessage.filter(template="consent_given").delete()


async def everyone(bot: RunningBot, *codes: str) -> tuple[World, Chat, Chat, Chat]:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await relative_of(*codes)
    kari, lise, anne = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise"), bot.chat(ANNE, "Anne")
    await kari.send("/start")
    await lise.send("/start")
    return world, kari, lise, anne


async def test_a_relative_of_several_picks_whom(bot: RunningBot) -> None:
    world, _kari, lise, anne = await everyone(bot, "P1", "P2")
    await anne.send("/meny")
    whom = await anne.tap("Meld fravær")
    assert whom.text == "Hvem kommer ikke?"
    assert anne.buttons(whom)[:2] == ["👤 Kari Nordmann", "👤 Ola Hansen"]
    when = await anne.tap("Ola Hansen", whom)  # Tuesday: not one of Ola's days
    assert when.text == "I dag er ikke en av dagene til Ola Hansen.\nNår kommer ikke Ola Hansen?"
    reason = await anne.tap("I morgen", when)
    assert reason.text == "📆 onsdag 8. april\nHvorfor kommer ikke Ola Hansen?"
    done = await anne.tap("Avtale", reason)
    assert "Takk! Ola Hansen er meldt borte: onsdag 8. april (avtale)." in done.text
    assert (await lise.next()).text == (
        "Ola Hansen er borte: onsdag 8. april (avtale). Meldt av Anne."
    )
    absences = await Absence.all()
    assert [(a.participant_id, a.day) for a in absences] == [(world.ola.id, date(2026, 4, 8))]
    assert absences[0].reporter_name == "Anne"


async def test_the_participant_is_not_told_when_the_unit_turned_it_off(bot: RunningBot) -> None:
    world, kari, lise, anne = await everyone(bot, "P1")
    await Unit.filter(id=world.unit.id).update(tell_participant_of_relative_report=False)
    await anne.send("/meny")
    await anne.tap("Kari kommer ikke")
    await anne.tap("Syk")
    assert "Meldt av Anne" in (await lise.next()).text
    assert not any("meldte deg borte" in t for t in kari.received())


async def test_a_relative_withdraws_and_the_participant_is_told(bot: RunningBot) -> None:
    _world, kari, lise, anne = await everyone(bot, "P1")
    await anne.send("/meny")
    await anne.tap("Kari kommer ikke")
    await anne.tap("Syk")
    await lise.next()
    assert "Anne meldte deg borte" in (await kari.next()).text
    await anne.tap("Tilbake til menyen")
    when = await anne.tap("Kari kommer ikke")
    assert when.text == "Kari Nordmann er meldt borte i dag.\nNår kommer ikke Kari Nordmann?"
    listed = await anne.tap("Meldt fravær", when)
    assert listed.text == "Kari Nordmann er meldt borte:\n• tirsdag 7. april (syk)"
    done = await anne.tap("Kommer likevel", listed)
    assert "Så fint! Kari Nordmann er ikke lenger meldt borte tirsdag 7. april." in done.text
    assert (await lise.next()).text == (
        "Kari Nordmann kommer likevel: tirsdag 7. april. Meldt av Anne."
    )
    assert (await kari.next()).text == "Anne meldte at du kommer likevel: tirsdag 7. april."


async def test_a_relatives_note_is_stored_too(bot: RunningBot) -> None:
    world, _kari, lise, anne = await everyone(bot, "P1")
    await anne.send("/meny")
    await anne.tap("Kari kommer ikke")
    await anne.tap("Syk")
    stored = await anne.send("Hun har feber")
    assert "Det er lagret" in stored.text
    assert (await Absence.get(participant_id=world.kari.id)).note == "Hun har feber"
    assert not any("feber" in t for t in lise.received())


async def test_words_the_bot_cannot_read_are_said_so_above_the_menu(bot: RunningBot) -> None:
    """A relative whose Telegram is in Polish writes "dzień dobry, co słychać" (good day,
    how are things): no absence, and a relative's words go to nobody, so the bot says it
    did not understand, in Polish, above the menu."""
    await everyone(bot, "P1")
    await TelegramLink.filter(telegram_user_id=ANNE).update(language="pl")
    anne = bot.chat(ANNE, "Anne")
    answer = await anne.send("dzień dobry, co słychać")
    assert answer.text.startswith("Nie rozumiem wiadomości. Naciśnij przycisk poniżej.\n\n")
    assert len(anne.buttons(answer)) >= 2  # the menu follows
    assert await Absence.all().count() == 0
    menu = await anne.send("meny")
    assert not menu.text.startswith("Nie rozumiem")  # asking for the menu is understood


async def test_a_relative_writing_polish_is_asked_back_in_polish(bot: RunningBot) -> None:
    """ "chora jutro" (ill tomorrow) is read, and asked back without a preposition the
    weekday would need ("nieobecność – …")."""
    await everyone(bot, "P1")
    await TelegramLink.filter(telegram_user_id=ANNE).update(language="pl")
    anne = bot.chat(ANNE, "Anne")
    question = await anne.send("chora jutro")
    assert question.text == (
        "Kari Nordmann: nieobecność – jutro, środa, 8 kwietnia (choroba). Czy to się zgadza?"
    )
    assert anne.buttons(question) == ["✅ Tak", "❌ Nie"]
    assert await Absence.all().count() == 0  # nothing before yes
