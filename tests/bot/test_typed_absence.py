"""A typed absence: "syk i morgen" is put back as one question, and yes reports it on the
same path as the buttons do. Today is Tuesday 7 April 2026, 08:00."""

from __future__ import annotations

from datetime import date

from backend.links.consent import record_consent
from backend.models import (
    Absence,
    AbsenceCategory,
    LinkRole,
    OutboxMessage,
    ParticipantMessage,
    Unit,
)
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, World, build_world, link

KARI, LISE, ANNE, OLA = 1001, 1003, 1004, 1005


async def kari_and_lise(bot: RunningBot) -> tuple[World, Chat, Chat]:
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(transport_email="transport@example.no")
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")
    return world, kari, lise


async def test_sick_tomorrow_is_asked_back_and_yes_reports_it(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("syk i morgen")
    assert question.text == "Du er borte i morgen, onsdag 8. april (syk). Stemmer det?"
    assert kari.buttons(question) == ["✅ Ja", "❌ Nei"]
    assert await Absence.all().count() == 0  # nothing before yes

    done = await kari.tap("Ja", question)
    assert done.message_id == question.message_id  # the question turns into the answer
    assert done.text.startswith("Takk! Du er meldt borte: onsdag 8. april (syk).")
    assert "Lise Kontakt får beskjed." in done.text
    assert "Transporten får beskjed." in done.text
    assert "Vil du si mer? (valgfritt)" in done.text  # the optional note, as after the buttons
    assert (await lise.next()).text == "Kari Nordmann er borte: onsdag 8. april (syk)."
    absence = await Absence.get(participant_id=world.kari.id)
    assert (absence.day, absence.category, absence.note, absence.channel) == (
        date(2026, 4, 8),
        AbsenceCategory.SICK,
        None,  # the typed words are not kept as a note
        "telegram",
    )
    mail = await OutboxMessage.get(template="transport_cancel")
    assert mail.params["days"] == ["2026-04-08"]
    # The words were not sent on as a message as well.
    assert not any("sendte en melding" in t for t in lise.received())


async def test_without_a_reason_word_the_reason_is_asked(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("Jeg kommer ikke på fredag")
    assert question.text == "Du er borte fredag 10. april. Stemmer det?"
    reason = await kari.tap("Ja", question)
    assert reason.text == "Hvorfor kommer du ikke?"
    assert kari.buttons(reason)[:4] == ["🤒 Syk", "📅 Avtale", "🌴 Fri", "💬 Noe annet"]
    done = await kari.tap("Fri", reason)
    assert done.text.startswith("Takk! Du er meldt borte: fredag 10. april (fri).")
    assert (await lise.next()).text == "Kari Nordmann er borte: fredag 10. april (fri)."
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.DAY_OFF)]


async def test_no_sends_the_words_to_the_contact_person_and_reports_nothing(
    bot: RunningBot,
) -> None:
    _world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("Jeg er borte i morgen")
    answer = await kari.tap("Nei", question)
    assert answer.text.startswith("Greit, ingenting er meldt.\n\nHei, Kari!")
    assert kari.buttons(answer)[:2] == ["✉️ Send meldingen til Lise Kontakt", "🚫 Jeg kommer ikke"]
    assert not any("sendte en melding" in t for t in lise.received())  # not without asking
    sent = await kari.tap("Send meldingen til Lise", answer)
    assert sent.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
    # As any message: kept for Lise on the web (the unit's default), Lise told in the chat.
    assert (await lise.next()).text == "✉️ Kari Nordmann sendte en melding. Les den på nettsiden."
    assert await ParticipantMessage.all().values_list("text", flat=True) == [
        "Jeg er borte i morgen"
    ]
    assert await Absence.all().count() == 0


async def test_a_second_tap_on_the_answered_question_changes_nothing(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("syk i dag")
    await kari.tap("Ja", question)
    await lise.next()
    await kari.tap_data(question, "aty")
    refused = await kari.next()
    assert "Her er menyen" in refused.text or "Hei, Kari!" in refused.text
    assert await Absence.filter(participant_id=world.kari.id).count() == 1
    assert await OutboxMessage.filter(template="absence_reported").count() == 1


async def test_questions_and_denials_go_to_the_contact_person(bot: RunningBot) -> None:
    _world, kari, lise = await kari_and_lise(bot)
    texts = ["hvem er syk i dag?", "Jeg er ikke syk lenger", "kommer litt senere i dag"]
    for text in texts:
        answer = await kari.send(text)
        assert answer.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
        assert (await lise.next()).text.startswith("✉️ Kari Nordmann sendte en melding.")
    kept = await ParticipantMessage.all().order_by("id").values_list("text", flat=True)
    assert kept == texts
    assert await Absence.all().count() == 0


async def test_a_day_that_is_not_planned_is_said_so(bot: RunningBot) -> None:
    await build_world()
    await link("P2", LinkRole.PARTICIPANT, OLA, "Ola Hansen")  # Monday, Wednesday, Friday
    ola = bot.chat(OLA, "Ola")
    answer = await ola.send("syk i dag")
    assert answer.text.startswith(
        "Du trenger ikke melde tirsdag 7. april: ingen planlagt dag da.\n\nHei, Ola!"
    )
    question = await ola.send("syk resten av uka")
    # Only the planned days are asked about: Wednesday and Friday.
    assert question.text == ("Du er borte onsdag 8. april, fredag 10. april (syk). Stemmer det?")


async def test_a_relative_types_for_the_participant(bot: RunningBot) -> None:
    world, _kari, lise = await kari_and_lise(bot)
    relative = await link("P1", LinkRole.RELATIVE, ANNE, "Anne Nordmann")
    await record_consent(relative.id, by_staff="staff:S2", on_behalf=True, now=NOW)
    anne = bot.chat(ANNE, "Anne")
    question = await anne.send("Kari er syk i dag")
    assert question.text == ("Kari Nordmann er borte i dag, tirsdag 7. april (syk). Stemmer det?")
    done = await anne.tap("Ja", question)
    assert done.text.startswith("Takk! Kari Nordmann er meldt borte: tirsdag 7. april (syk).")
    absence = await Absence.get(participant_id=world.kari.id)
    assert absence.reporter_name == "Anne Nordmann"
    told = await lise.next()
    assert told.text.startswith("Kari Nordmann er borte: tirsdag 7. april (syk).")


async def test_nynorsk_and_english_words_are_read_too(bot: RunningBot) -> None:
    world, kari, _lise = await kari_and_lise(bot)
    question = await kari.send("Eg kjem ikkje i morgon")
    assert question.text == "Du er borte i morgen, onsdag 8. april. Stemmer det?"
    question = await kari.send("sick on friday")
    assert question.text == "Du er borte fredag 10. april (syk). Stemmer det?"
    await kari.tap("Ja", question)
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.SICK)]
