"""A typed absence: "syk i morgen" is put back as one question, and yes reports it on the
same path as the buttons do. Today is Tuesday 7 April 2026, 08:00."""

from __future__ import annotations

from datetime import date

from backend.links.consent import record_consent
from backend.models import (
    Absence,
    AbsenceCategory,
    ChatState,
    LinkRole,
    OutboxMessage,
    ParticipantMessage,
    TelegramLink,
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


async def test_without_a_reason_word_the_reason_is_asked_in_the_question(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("Jeg kommer ikke på fredag")
    assert question.text == "Du er borte fredag 10. april. Stemmer det?\nHvorfor kommer du ikke?"
    # The tap on a reason is the yes: no step between yes and the report.
    assert kari.buttons(question) == ["🤒 Syk", "📅 Avtale", "🌴 Fri", "💬 Noe annet", "❌ Nei"]
    done = await kari.tap("Fri", question)
    assert done.message_id == question.message_id
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
    assert question.text == (
        "Du er borte i morgen, onsdag 8. april. Stemmer det?\nHvorfor kommer du ikke?"
    )
    question = await kari.send("sick on friday")
    assert question.text == "Du er borte fredag 10. april (syk). Stemmer det?"
    await kari.tap("Ja", question)
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.SICK)]


# -- dates as written ----------------------------------------------------------------------


async def test_a_date_written_year_first_is_that_day(bot: RunningBot) -> None:
    world, kari, _lise = await kari_and_lise(bot)
    for text in ("syk 2026-04-10", "syk 10.4", "syk 10/4", "syk 10.04.2026", "syk fredag"):
        question = await kari.send(text)
        assert question.text == "Du er borte fredag 10. april (syk). Stemmer det?", text
    await kari.tap("Ja", question)
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.SICK)]


async def test_a_date_that_is_no_day_is_said_so_and_nothing_is_asked(bot: RunningBot) -> None:
    _world, kari, lise = await kari_and_lise(bot)
    for text, written in (("syk 2026-13-45", "2026-13-45"), ("kommer ikke 31.4", "31.4")):
        answer = await kari.send(text)
        assert answer.text == f"Jeg forstår ikke datoen «{written}». Skriv datoen slik: 10.12."
        assert kari.buttons(answer) == ["⬅️ Tilbake til menyen"]
    assert await Absence.all().count() == 0
    assert not await ChatState.filter(chat_id=KARI).exclude(step="").exists()  # none waits
    assert not any("sendte en melding" in t for t in lise.received())


# -- a pending report and older buttons ------------------------------------------------------

STALE = "Den knappen er gammel. Trykk på knappene i den nyeste meldingen."


async def test_an_old_no_thanks_does_not_drop_the_report_waiting(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    # An earlier report, its note given: its "👍 Nei takk" stays in the chat.
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    earlier = await kari.tap("Syk")
    assert "👍 Nei takk" in kari.buttons(earlier)
    await lise.next()
    await kari.send("Vondt i magen")

    question = await kari.send("borte fra 8. til 10. april")
    assert question.text == (
        "Du er borte onsdag 8. april, torsdag 9. april, fredag 10. april. Stemmer det?\n"
        "Hvorfor kommer du ikke?"
    )
    old = await kari.tap("Nei takk", earlier)
    assert old.message_id == earlier.message_id and kari.buttons(old) == []
    assert bot.standin.callback_answers[-1]["text"] == STALE
    done = await kari.tap("Avtale", question)
    assert done.text.startswith(
        "Takk! Du er meldt borte: onsdag 8. april, torsdag 9. april, fredag 10. april (avtale)."
    )
    days = (
        await Absence.filter(participant_id=world.kari.id, category=AbsenceCategory.APPOINTMENT)
        .order_by("day")
        .values_list("day", flat=True)
    )
    assert days == [date(2026, 4, 8), date(2026, 4, 9), date(2026, 4, 10)]


async def test_a_button_on_an_older_question_leaves_the_newer_one_waiting(
    bot: RunningBot,
) -> None:
    world, kari, _lise = await kari_and_lise(bot)
    first = await kari.send("syk i morgen")
    second = await kari.send("syk fredag")
    # Yes on the older question does not report the newer one's day under the older words.
    old = await kari.tap("Ja", first)
    assert old.message_id == first.message_id and kari.buttons(old) == []
    assert bot.standin.callback_answers[-1]["text"] == STALE
    assert await Absence.all().count() == 0
    done = await kari.tap("Ja", second)
    assert done.text.startswith("Takk! Du er meldt borte: fredag 10. april (syk).")
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.SICK)]


async def test_a_yes_without_a_reason_is_kept_as_something_else(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    question = await kari.send("Jeg kommer ikke på fredag")
    # A ✅ Ja from before the reasons stood in the question: the yes is not lost.
    await kari.tap_data(question, "aty")
    done = await kari.next()
    assert done.text.startswith("Takk! Du er meldt borte: fredag 10. april (noe annet).")
    assert (await lise.next()).text == "Kari Nordmann er borte: fredag 10. april (noe annet)."
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 10), AbsenceCategory.OTHER)]


# -- the optional note, or a new report ------------------------------------------------------


async def test_a_new_absence_typed_for_the_note_is_asked_as_a_report(bot: RunningBot) -> None:
    world, kari, lise = await kari_and_lise(bot)
    done = await kari.tap("Ja", await kari.send("syk i dag"))
    assert "Vil du si mer? (valgfritt)" in done.text
    await lise.next()
    question = await kari.send("jeg er syk i morgen")
    assert question.text == "Du er borte i morgen, onsdag 8. april (syk). Stemmer det?"
    await kari.tap("Ja", question)
    await lise.next()
    question = await kari.send("syk fredag")
    assert question.text == "Du er borte fredag 10. april (syk). Stemmer det?"
    await kari.tap("Ja", question)
    # Free words are still the note, now on the last report.
    stored = await kari.send("har feber")
    assert stored.text.startswith("Takk! Det er lagret.")
    absences = (
        await Absence.filter(participant_id=world.kari.id)
        .order_by("day")
        .values_list("day", "category", "note")
    )
    assert absences == [
        (date(2026, 4, 7), AbsenceCategory.SICK, None),
        (date(2026, 4, 8), AbsenceCategory.SICK, None),
        (date(2026, 4, 10), AbsenceCategory.SICK, "har feber"),
    ]


async def test_words_about_the_absence_just_reported_are_its_note(bot: RunningBot) -> None:
    world, kari, _lise = await kari_and_lise(bot)
    await kari.tap("Ja", await kari.send("syk i dag"))
    stored = await kari.send("Jeg er syk i dag, har feber")
    assert stored.text.startswith("Takk! Det er lagret.")
    absence = await Absence.get(participant_id=world.kari.id)
    assert absence.note == "Jeg er syk i dag, har feber"


async def test_a_participant_writing_ukrainian_is_asked_in_ukrainian(bot: RunningBot) -> None:
    """The words are read in the four languages added last, and the question comes back in
    the chat's own language."""
    world, kari, lise = await kari_and_lise(bot)
    await TelegramLink.filter(chat_id=KARI).update(language="uk")
    question = await kari.send("хворий завтра")
    assert question.text == "Відсутність: завтра, середа, 8 квітня (хвороба). Це правильно?"
    assert kari.buttons(question) == ["✅ Так", "❌ Ні"]
    await kari.tap("Так", question)
    assert (await lise.next()).text == "Kari Nordmann er borte: onsdag 8. april (syk)."
    absences = await Absence.filter(participant_id=world.kari.id).values_list("day", "category")
    assert absences == [(date(2026, 4, 8), AbsenceCategory.SICK)]
