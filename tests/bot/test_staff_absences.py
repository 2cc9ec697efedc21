"""Absences as they come: "OK, seen" on each notice; a unit's morning digest instead; the
gentle question to a relative when someone is missing without notice."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot

from backend.absence.report import report_absence
from backend.absence.rules import AbsenceCategory
from backend.models import Absence, OutboxMessage, OutboxStatus, Unit
from bot import delivery
from bot.delivery import Pacer, deliver_outbox
from tests.bot.staff_world import (
    KARI,
    LISE,
    MOR,
    D,
    alert,
    answers,
    at,
    bot_messages,
    build_staff_world,
    jobs_for,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import RunningBot


async def test_ok_seen_records_who_saw_the_notice(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    notice = await lise.next()
    assert notice.text == "Kari Nordmann er borte: tirsdag 7. april (syk)."
    assert lise.buttons(notice) == ["👍 OK, sett"]
    bot.clock.set(2026, 4, 7, 8, 12)
    seen = await lise.tap("OK, sett", notice)
    assert seen.text == (
        "Kari Nordmann er borte: tirsdag 7. april (syk).\n👀 Sett av Lise Kontakt kl. 08:12"
    )
    assert lise.buttons(seen) == []
    absence = await Absence.get(participant_id=staff.kari.id)
    assert absence.seen_by_name == "Lise Kontakt"
    assert absence.seen_at is not None


async def held_notice() -> OutboxMessage:
    """The absence notice once the handler's own delivery has held it for the digest."""
    for _ in range(500):
        found = await OutboxMessage.get_or_none(template="absence_reported", window="digest:AOK")
        if found is not None and found.status == OutboxStatus.PENDING:
            return found
        await asyncio.sleep(0.01)
    raise TimeoutError("the notice was not held")


async def test_a_digest_unit_gets_the_notices_with_the_morning_roster(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot)
    await Unit.filter(id=staff.unit.id).update(absence_digest=True)
    bot.clock.set(2026, 4, 7, 7, 5)
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    held = await held_notice()  # the bot's own immediate send put it back
    assert (held.status, held.window) == (OutboxStatus.PENDING, "digest:AOK")
    await deliver_outbox(sender, at("2026-04-07", 7, 6))  # the tick does not send it either
    assert (await OutboxMessage.get(id=held.id)).status == OutboxStatus.PENDING
    assert [m.text for m in bot_messages(bot, LISE) if "er borte" in m.text] == []

    await jobs_for(bot, sender).minute(at("2026-04-07", 8, 30))
    roster = await lise.next()
    assert "📩 Kari Nordmann: meldt borte (syk)" in roster.text
    digest = await lise.next()
    assert digest.text == (
        "📬 Fravær meldt siden sist (1):\n• Kari Nordmann er borte: tirsdag 7. april (syk)."
    )
    seen = await lise.tap("OK, sett", digest)
    assert "👀 Sett av Lise Kontakt" in seen.text
    assert (await Absence.get(participant_id=staff.kari.id)).seen_by_name == "Lise Kontakt"
    assert (await OutboxMessage.get(id=held.id)).status == OutboxStatus.SENT
    # The next morning's roster brings no digest again.
    await jobs_for(bot, sender).minute(at("2026-04-08", 8, 30))
    assert sum(1 for m in bot_messages(bot, LISE) if m.text.startswith("📬")) == 1


async def test_a_late_report_for_today_is_not_held_for_tomorrow(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    await Unit.filter(id=staff.unit.id).update(absence_digest=True)
    bot.clock.set(2026, 4, 7, 9, 30)  # after the roster
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    notice = await lise.next()
    assert notice.text.startswith("Kari Nordmann er borte: tirsdag 7. april (syk).")


async def test_missing_without_notice_asks_the_relative_gently_once(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, MOR))
    await jobs_for(bot, sender).minute(at("2026-04-07", 8, 30))
    bot.clock.set(2026, 4, 7, 10, 0)
    lise, mother = bot.chat(LISE, "Lise"), bot.chat(MOR, "Mor")
    roster = await lise.next()
    assert "Spør pårørende" not in " ".join(lise.buttons(roster))
    marked = await lise.tap("❌ Siri B.", roster)
    assert "⚠️ Siri Berg: borte uten å melde fra" in marked.text
    # Kari has no relative: only Siri gets the button.
    assert [b for b in lise.buttons(marked) if "pårørende" in b] == ["💬 Spør pårørende til Siri"]
    asked = await lise.tap("Spør pårørende til Siri", marked)
    assert "⚠️ Siri Berg: borte uten å melde fra · pårørende er spurt" in asked.text
    assert "Spør pårørende" not in " ".join(lise.buttons(asked))
    note = await mother.next()
    assert note.text == (
        "Er Siri i form? Vi savnet Siri i dag. Hilsen Arbeid og kvalifisering."
        " Ring oss gjerne på 33 00 00 00."
    )
    # Asked again (an old button): nothing more is sent.
    seen = answers(bot, LISE)
    await lise.tap_data(asked, f"rn:{staff.siri.id}:260407")
    assert await alert(bot, LISE, seen) == "Pårørende er spurt allerede"
    assert await OutboxMessage.filter(template="wellbeing_check").count() == 1
    assert len([t for t in mother.received() if t.startswith("Er Siri")]) == 1


async def test_no_question_to_a_relative_without_consent_or_notice(bot: RunningBot) -> None:
    from backend.models import TelegramLink

    staff = await build_staff_world(bot)
    await TelegramLink.filter(chat_id=MOR).update(consent_at=None)
    lise = bot.chat(LISE, "Lise")
    roster = await lise.send("/idag")
    marked = await lise.tap("❌ Siri B.", roster)
    assert not [b for b in lise.buttons(marked) if "pårørende" in b]
    seen = answers(bot, LISE)
    await lise.tap_data(marked, f"rn:{staff.siri.id}:260407")
    assert "har ingen pårørende koblet til" in await alert(bot, LISE, seen)
    assert await OutboxMessage.filter(template="wellbeing_check").count() == 0


async def test_notices_waiting_for_one_chat_go_as_one_message_with_one_ok_seen(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    """Reports made through the web or the command line (no bot to wake) wait for the
    sender's tick; the contact person gets them as one message, not one a second."""
    staff = await build_staff_world(bot)
    now = at("2026-04-07", 7, 30)
    await report_absence(
        staff.kari,
        [D("2026-04-08")],
        AbsenceCategory.SICK,
        reporter=None,
        reporter_name="Kontoret",
        now=now,
    )
    await report_absence(
        staff.siri,
        [D("2026-04-08")],
        AbsenceCategory.APPOINTMENT,
        reporter=None,
        reporter_name="Kontoret",
        now=now,
    )
    await report_absence(
        staff.kari,
        [D("2026-04-09")],
        AbsenceCategory.SICK,
        reporter=None,
        reporter_name="Kontoret",
        now=now,
    )
    before = len(bot_messages(bot, LISE))
    assert await deliver_outbox(sender, at("2026-04-07", 7, 31)) == 3
    assert len(bot_messages(bot, LISE)) == before + 1
    lise = bot.chat(LISE, "Lise")
    listing = await lise.next()
    assert listing.text == (
        "📬 Fravær meldt siden sist (3):\n"
        "• Kari Nordmann er borte: onsdag 8. april (syk). Meldt av Kontoret.\n"
        "• Siri Berg er borte: onsdag 8. april (avtale). Meldt av Kontoret.\n"
        "• Kari Nordmann er borte: torsdag 9. april (syk). Meldt av Kontoret."
    )
    assert lise.buttons(listing) == ["👍 OK, sett"]
    seen = await lise.tap("OK, sett", listing)
    assert "👀 Sett av Lise Kontakt" in seen.text
    absences = await Absence.all()
    assert len(absences) == 3
    assert {a.seen_by_name for a in absences} == {"Lise Kontakt"}


async def test_a_handler_never_waits_for_the_staff_chats_pace(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = Pacer()
    monkeypatch.setattr(delivery, "PACER", busy)
    await build_staff_world(bot)
    for _ in range(4):
        busy.reserve_chat(LISE)  # Lise's chat is busy: her next slot is 4 s away
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    loop = asyncio.get_running_loop()
    started = loop.time()
    await kari.tap("Syk")
    menu = await kari.send("/meny")  # the next update is not held behind Lise's pace
    assert menu.text.startswith("Hei, Kari!")
    assert loop.time() - started < 2.0
    notice = await lise.next()
    assert notice.text == "Kari Nordmann er borte: tirsdag 7. april (syk)."
    assert loop.time() - started >= 3.0
