"""Reporting absence through the bot: today, tomorrow, chosen days, the private note,
coming after all and the list of what is reported ahead."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from backend.models import (
    Absence,
    AbsenceCategory,
    LinkRole,
    OutboxMessage,
    ParticipantMessage,
    Unit,
)
from tests.support.telegram import Chat, RunningBot
from tests.support.world import build_world, link

KARI, LISE = 1001, 1003
NOTE = "Jeg har vondt i magen etter medisinen"


async def kari_and_lise(bot: RunningBot) -> tuple[Chat, Chat]:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")
    await kari.send("/meny")
    return kari, lise


async def test_today_then_an_optional_note_that_stays_private(bot: RunningBot) -> None:
    world = await build_world()
    kari, lise = await kari_and_lise(bot)

    question = await kari.tap("Jeg kommer ikke")
    assert question.text == "📆 I dag, tirsdag 7. april\nHvorfor kommer du ikke?"
    assert kari.buttons(question)[4:6] == ["📆 En annen dag", "📋 Mitt fravær"]
    done = await kari.tap("Syk")
    assert "Takk! Du er meldt borte: tirsdag 7. april (syk)." in done.text
    assert "Vil du si mer? (valgfritt)" in done.text
    assert "👍 Nei takk" in kari.buttons(done)
    assert (await lise.next()).text == "Kari Nordmann er borte: tirsdag 7. april (syk)."

    stored = await kari.send(NOTE)
    assert "Det er lagret" in stored.text
    assert "🚫 Jeg kommer ikke" in kari.buttons(stored)  # and the menu again
    absence = await Absence.get(participant_id=world.kari.id)
    assert absence.note == NOTE
    # Never echoed, never sent, never in the outbox.
    assert not any(NOTE in t for t in kari.received())
    assert not any(NOTE in t for t in lise.received())
    assert all(NOTE not in str(m.params) for m in await OutboxMessage.all())

    # The question was answered: the next text is a message to Lise, not a second note.
    await kari.send("Kommer i morgen")
    assert "Kari Nordmann sendte en melding" in (await lise.next()).text
    assert (await Absence.get(id=absence.id)).note == NOTE


async def test_no_thanks_ends_the_question(bot: RunningBot) -> None:
    world = await build_world()
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    done = await kari.tap("Avtale")
    edited = await kari.tap("Nei takk", done)
    assert edited.message_id == done.message_id and kari.buttons(edited) == []
    menu = await kari.next()
    assert "Hva vil du gjøre?" in menu.text
    passed = await kari.send("Tannlegen flyttet timen")
    assert passed.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
    assert (await Absence.get(participant_id=world.kari.id)).note is None
    texts = [t for t in lise.received() if "sendte en melding" in t]
    assert texts == ["✉️ Kari Nordmann sendte en melding. Les den på nettsiden."]
    assert await ParticipantMessage.all().values_list("text", flat=True) == [
        "Tannlegen flyttet timen"
    ]


async def test_tomorrow_in_three_taps(bot: RunningBot) -> None:
    world = await build_world()
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    when = await kari.tap("En annen dag")
    assert when.text == "Når kommer du ikke?"
    assert kari.buttons(when)[:2] == ["📍 I dag, tir. 7. apr.", "➡️ I morgen, ons. 8. apr."]
    reason = await kari.tap("I morgen")
    assert reason.text.startswith("📆 onsdag 8. april")
    await kari.tap("Fri")
    assert (await lise.next()).text == "Kari Nordmann er borte: onsdag 8. april (fri)."
    absences = await Absence.filter(participant_id=world.kari.id).all()
    assert [(a.day, a.category) for a in absences] == [(date(2026, 4, 8), AbsenceCategory.DAY_OFF)]


async def test_a_range_records_planned_days_and_names_the_others(bot: RunningBot) -> None:
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(transport_email="transport@example.no")
    bot.clock.set(2026, 4, 27, 7, 30)  # Monday
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    first = await kari.tap("Velg dager")
    assert first.text.startswith("Velg den første dagen du er borte.")
    assert kari.buttons(first)[:7] == ["ma.", "ti.", "on.", "to.", "fr.", "lø.", "sø."]
    last = await kari.tap("29", first)
    assert "Første dag: onsdag 29. april." in last.text
    assert "✅29" in kari.buttons(last)
    reason = await kari.tap("4", last)  # Monday 4 May
    assert reason.text.startswith("📆 Fra onsdag 29. april til mandag 4. mai")
    done = await kari.tap("Syk", reason)

    assert "onsdag 29. april, torsdag 30. april, mandag 4. mai (syk)" in done.text
    assert "Stengt uansett: fredag 1. mai (Arbeidernes dag)." in done.text
    assert "Du trenger ikke melde lørdag 2. mai, søndag 3. mai" in done.text
    assert "Transporten får beskjed." in done.text
    days = (
        await Absence.filter(participant_id=world.kari.id)
        .order_by("day")
        .values_list("day", flat=True)
    )
    assert days == [date(2026, 4, 29), date(2026, 4, 30), date(2026, 5, 4)]
    told = await lise.next()
    assert told.text.startswith("Kari Nordmann er borte: onsdag 29. april")

    mail = await OutboxMessage.get(template="transport_cancel")
    assert mail.email == "transport@example.no" and mail.chat_id is None
    assert mail.params == {
        "unit": "Arbeid og kvalifisering",
        "participant": "Kari Nordmann",
        "days": ["2026-04-29", "2026-04-30", "2026-05-04"],
    }


async def test_picker_pages_stay_within_eight_weeks(bot: RunningBot) -> None:
    await build_world()
    kari, _lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    page = await kari.tap("Velg dager")
    assert "◀️ Forrige" not in kari.buttons(page)
    assert kari.buttons(page)[7:9] == ["·", "7"]  # Monday 6 April is past
    page = await kari.tap("Neste")
    page = await kari.tap("Neste", page)
    labels = kari.buttons(page)
    assert "Neste ▶️" not in labels and "◀️ Forrige" in labels
    assert "2" in labels and "3" not in labels  # 2 June is 8 weeks ahead, 3 June is not
    # Every button's data fits Telegram's 64 bytes (the stand-in refuses longer ones).
    assert all(len((data or "").encode()) <= 64 for _t, data in bot.standin.buttons(page))


async def test_a_closed_day_alone_records_nothing(bot: RunningBot) -> None:
    await build_world()
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    first = await kari.tap("Velg dager")
    second = await kari.tap("Neste", first)
    last = await kari.tap("14", second)  # Kristi himmelfartsdag, 14 May
    reason = await kari.tap("Bare", last)
    done = await kari.tap("Noe annet", reason)
    assert "Stengt uansett: torsdag 14. mai (Kristi himmelfartsdag)." in done.text
    assert "Ingen av dagene var planlagt, så ingenting er meldt." in done.text
    assert "Vil du si mer" not in done.text
    assert await Absence.all().count() == 0
    assert [t for t in lise.received() if "borte" in t] == []


async def test_today_already_reported_offers_coming_after_all(bot: RunningBot) -> None:
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(transport_email="transport@example.no")
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    await lise.next()
    menu = await kari.tap("Tilbake til menyen")
    when = await kari.tap("Jeg kommer ikke", menu)
    assert when.text == "Du er meldt borte i dag.\nNår kommer du ikke?"
    done = await kari.tap("Jeg kommer likevel", when)
    assert "Så fint! Du er ikke lenger meldt borte tirsdag 7. april." in done.text
    assert (await lise.next()).text == "Kari Nordmann kommer likevel: tirsdag 7. april."
    absence = await Absence.get(participant_id=world.kari.id)
    assert absence.withdrawn_at is not None
    restore = await OutboxMessage.get(template="transport_restore")
    assert restore.params["days"] == ["2026-04-07"] and "category" not in restore.params

    # Reported again after withdrawing: the same row comes back in force.
    when = await kari.tap("Tilbake til menyen", done)
    question = await kari.tap("Jeg kommer ikke", when)
    assert question.text == "📆 I dag, tirsdag 7. april\nHvorfor kommer du ikke?"
    await kari.tap("Syk", question)
    assert (await Absence.get(id=absence.id)).withdrawn_at is None


async def test_my_absences_lists_what_is_ahead_and_undoes_one(bot: RunningBot) -> None:
    world = await build_world()
    kari, lise = await kari_and_lise(bot)
    empty = await kari.tap("Jeg kommer ikke")
    listed = await kari.tap("Mitt fravær", empty)
    assert listed.text == "Du har ikke meldt fravær fram i tid."

    await kari.tap("Tilbake til menyen", listed)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    await kari.tap("I morgen")
    await kari.tap("Avtale")
    await lise.next()
    await kari.tap("Tilbake til menyen")
    await kari.tap("Jeg kommer ikke")
    listed = await kari.tap("Mitt fravær")
    assert listed.text == "Du er meldt borte:\n• onsdag 8. april (avtale)"
    done = await kari.tap("Jeg kommer likevel: ons. 8. apr.", listed)
    assert "ikke lenger meldt borte onsdag 8. april" in done.text
    assert "kommer likevel" in (await lise.next()).text
    assert await Absence.filter(participant_id=world.kari.id, withdrawn_at=None).count() == 0

    # The same old button again: nothing to withdraw, nothing told.
    data = dict(bot.standin.buttons(listed))["✅ Jeg kommer likevel: ons. 8. apr."]
    assert data is not None
    await kari.tap_data(listed, data)
    again = await kari.next()
    assert "var ikke meldt som fravær. Ingenting er endret." in again.text
    assert len([t for t in lise.received() if "kommer likevel" in t]) == 1


async def test_a_day_off_goes_straight_to_which_day(bot: RunningBot) -> None:
    await build_world()
    await link("P2", LinkRole.PARTICIPANT, 1005, "Ola Hansen")  # Mon, Wed, Fri
    ola = bot.chat(1005, "Ola")
    await ola.send("/meny")
    when = await ola.tap("Jeg kommer ikke")  # Tuesday: not one of Ola's days
    assert when.text == "I dag er ikke en av dagene dine.\nNår kommer du ikke?"
    assert ola.buttons(when)[0] == "➡️ I morgen, ons. 8. apr."


async def test_late_report_is_taken_and_marked_late(bot: RunningBot) -> None:
    world = await build_world()
    bot.clock.set(2026, 4, 7, 9, 15)
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    done = await kari.tap("Syk")
    assert "Du er meldt borte" in done.text
    assert (await Absence.get(participant_id=world.kari.id)).late is True
    assert "Meldt etter starttid." in (await lise.next()).text


async def test_every_absence_ahead_can_be_withdrawn_a_run_at_a_time(bot: RunningBot) -> None:
    from backend.absence.report import report_absence
    from tests.support.world import NOW

    world = await build_world()
    kari, _lise = await kari_and_lise(bot)
    # 8 April to 4 May in a row (over weekends and the closed 1 May), then every Monday in
    # May: three runs of their own, as Tuesday to Friday are planned between them.
    days = [date(2026, 4, 8) + timedelta(days=n) for n in range(23)]
    days += [date(2026, 5, d) for d in (4, 11, 18, 25)]
    days += [date(2026, 4, 30)]
    await report_absence(
        world.kari, days, AbsenceCategory.SICK, reporter=None, now=NOW, reporter_name="Lise"
    )
    listed = await kari.tap("Mitt fravær", await kari.tap("Jeg kommer ikke"))
    assert listed.text.splitlines()[:3] == [
        "Du er meldt borte:",
        "• onsdag 8. april til mandag 4. mai (syk)",
        "• mandag 11. mai (syk)",
    ]
    assert "Side 1 av 1" not in listed.text
    buttons = kari.buttons(listed)
    # Whit Monday, 25 May, is closed: nothing was recorded for it.
    assert buttons == [
        "✅ Jeg kommer likevel: ons. 8. apr.–man. 4. mai",
        "✅ Jeg kommer likevel: man. 11. mai",
        "✅ Jeg kommer likevel: man. 18. mai",
        "⬅️ Tilbake til menyen",
    ]
    # The last run is withdrawable too.
    done = await kari.tap("man. 18. mai", listed)
    assert done.text.startswith("Så fint! Du er ikke lenger meldt borte mandag 18. mai.")
    whole = await kari.tap("Mitt fravær", done)
    done = await kari.tap("ons. 8. apr.–man. 4. mai", whole)
    assert done.text.startswith(
        "Så fint! Du er ikke lenger meldt borte 18 dager fra onsdag 8. april til mandag 4. mai."
    )
    left = await Absence.filter(participant_id=world.kari.id, withdrawn_at=None).values_list(
        "day", flat=True
    )
    assert list(left) == [date(2026, 5, 11)]


async def test_many_runs_are_paged(bot: RunningBot) -> None:
    from backend.absence.report import report_absence
    from tests.support.world import NOW

    world = await build_world()
    kari, _lise = await kari_and_lise(bot)
    mondays = [date(2026, 4, 13) + timedelta(weeks=n) for n in range(6)]  # 13 April to 18 May
    wednesdays = [date(2026, 4, 15), date(2026, 4, 22)]
    await report_absence(
        world.kari,
        mondays + wednesdays,
        AbsenceCategory.APPOINTMENT,
        reporter=None,
        now=NOW,
        reporter_name="Lise",
    )
    first = await kari.tap("Mitt fravær", await kari.tap("Jeg kommer ikke"))
    assert "Side 1 av 2" in first.text
    assert len([b for b in kari.buttons(first) if b.startswith("✅")]) == 6
    second = await kari.tap("Neste", first)
    assert "Side 2 av 2" in second.text
    labels = kari.buttons(second)
    # Eight runs (Tuesdays planned between them), six a page.
    assert [b for b in labels if b.startswith("✅")] == [
        "✅ Jeg kommer likevel: man. 11. mai",
        "✅ Jeg kommer likevel: man. 18. mai",
    ]
    assert "◀️ Forrige" in labels
    done = await kari.tap("man. 18. mai", second)
    assert "ikke lenger meldt borte mandag 18. mai" in done.text


async def test_a_double_tap_on_a_reason_keeps_the_confirmation(bot: RunningBot) -> None:
    world = await build_world()
    kari, lise = await kari_and_lise(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    first = await kari.tap("Velg dager")
    last = await kari.tap("8", first)
    reason = await kari.tap("Bare ons. 8. apr.", last)
    agreed = next(data for text, data in bot.standin.buttons(reason) if "Avtale" in text)
    assert agreed is not None

    # Two taps before the bot has answered either: the second one taps the old screen.
    queries = [
        await bot.standin.tap(KARI, reason.message_id, agreed),
        await bot.standin.tap(KARI, reason.message_id, agreed, force=True),
    ]
    done = await kari.next()
    for _ in range(100):
        answered = [a for a in bot.standin.callback_answers if a["callback_query_id"] in queries]
        if len(answered) == 2:
            break
        await asyncio.sleep(0.05)
    assert [a["text"] for a in answered] == [None, "Meldt fra før: onsdag 8. april."]

    shown = kari.last()
    assert shown.message_id == done.message_id == reason.message_id
    assert shown.text == done.text
    assert shown.text.startswith("Takk! Du er meldt borte: onsdag 8. april (avtale).")
    assert "Lise Kontakt får beskjed." in shown.text
    assert "Vil du si mer? (valgfritt)" in shown.text
    assert "Meldt fra før" not in shown.text
    assert "👍 Nei takk" in kari.buttons(shown)
    assert await Absence.filter(participant_id=world.kari.id).count() == 1
    for _ in range(100):  # the sender, woken by the handler, tells Lise
        if any("er borte" in t for t in lise.received()):
            break
        await asyncio.sleep(0.05)
    assert [t for t in lise.received() if "er borte" in t] == [
        "Kari Nordmann er borte: onsdag 8. april (avtale)."
    ]
    # The note question is still open: the next text is the private note.
    stored = await kari.send(NOTE)
    assert "Det er lagret" in stored.text
    assert (await Absence.get(participant_id=world.kari.id)).note == NOTE
