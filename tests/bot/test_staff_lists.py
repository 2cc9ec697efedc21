"""Attendance lists in the chat: /liste for any period, the 14-day list by itself, and the
same files to NAV by e-mail (a real SMTP server on loopback)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from telegram import Bot

from backend.attendance import marking as attendance
from backend.models import AttendanceStatus, OutboxMessage, OutboxStatus, Participant, Unit
from backend.outbox import smtp as mail
from backend.shared.config import Settings
from backend.telegram_standin import SentMessage
from tests.bot.staff_world import (
    LISE,
    PER,
    at,
    bot_messages,
    build_staff_world,
    jobs_for,
    sender,  # noqa: F401 - the fixture
)
from tests.outbox.test_smtp import Inbox, inbox  # noqa: F401 - the SMTP fixture
from tests.support.telegram import RunningBot

D = date.fromisoformat


def documents(bot: RunningBot, user: int) -> list[SentMessage]:
    return [m for m in bot_messages(bot, user) if m.document]


def csv_of(message: SentMessage) -> list[list[str]]:
    assert message.document is not None
    content: bytes = message.document["content"]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


async def test_liste_makes_pdf_and_csv_for_a_chosen_period(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    await attendance.mark_day(
        staff.kari, D("2026-04-01"), AttendanceStatus.PRESENT, "4.5",
        actor_staff=staff.world.contact, now=at("2026-04-07", 8),
    )  # fmt: skip
    lise = bot.chat(LISE, "Lise")
    who = await lise.send("/liste")
    assert who.text == "Hvem skal frammøtelisten gjelde?"
    assert "👤 Kari Nordmann" in lise.buttons(who)
    assert "Vilde Vik" not in " ".join(lise.buttons(who))  # another unit's
    periods = await lise.tap("Kari Nordmann", who)
    assert periods.text == "Frammøteliste for Kari Nordmann. Hvilken periode?"
    assert lise.buttons(periods)[:3] == ["Siste 14 dager", "Denne måneden", "Forrige måned"]
    pdf = await lise.tap("Denne måneden", periods)
    csv_message = await lise.next()
    assert pdf.document is not None and csv_message.document is not None
    assert pdf.document["file_name"] == "frammoteliste-P1-2026-04-01-2026-04-07.pdf"
    assert pdf.document["content"].startswith(b"%PDF-")
    assert pdf.caption is not None
    assert pdf.caption.startswith("Frammøteliste for Kari Nordmann, 01.04.2026–07.04.2026")
    assert csv_message.document["file_name"] == "frammoteliste-P1-2026-04-01-2026-04-07.csv"
    rows = csv_of(csv_message)
    assert rows[7] == ["01.04.2026", "ons", "Til stede", "5,00", "4,50", "", "", ""]
    assert rows[8] == ["02.04.2026", "tor", "Stengt", "0,00", "0,00", "", "", "Skjærtorsdag"]
    assert rows[11][:3] == ["07.04.2026", "tir", "Ikke bekreftet"]
    # No NAV address at the unit: no NAV button.
    assert lise.buttons(csv_message) == []


async def test_the_list_goes_to_nav_by_email_once(
    bot: RunningBot,
    inbox: tuple[Inbox, Settings],  # noqa: F811
) -> None:
    handler, smtp = inbox
    staff = await build_staff_world(bot)
    await Unit.filter(id=staff.unit.id).update(
        nav_email="nav.larvik@example.no", nav_contact_name="Nina NAV"
    )
    lise = bot.chat(LISE, "Lise")
    who = await lise.send("/liste")
    periods = await lise.tap("Kari Nordmann", who)
    await lise.tap("Siste 14 dager", periods)  # the PDF
    csv_message = await lise.next()
    assert lise.buttons(csv_message) == ["📧 Send til NAV (nav.larvik@example.no)"]
    await lise.tap("Send til NAV", csv_message)
    done = await lise.next()
    while done.edited:  # the button is taken off the document first
        done = await lise.next()
    assert done.text == (
        "📧 Frammøtelisten for Kari Nordmann (25.03.2026–07.04.2026) sendes til NAV"
        " (nav.larvik@example.no)."
    )
    assert await mail.deliver_email_outbox(at("2026-04-07", 8, 1), smtp) == 1
    [(to, message)] = handler.received
    assert to == ["nav.larvik@example.no"]
    assert message["Subject"] == "Frammøteliste for Kari Nordmann, 25.03.2026–07.04.2026"
    names = sorted(a.get_filename() for a in message.iter_attachments())
    assert names == [
        "frammoteliste-P1-2026-03-25-2026-04-07.csv",
        "frammoteliste-P1-2026-03-25-2026-04-07.pdf",
    ]
    # The same list again (an old button): not sent twice.
    await lise.tap_data(csv_message, f"sln:{staff.kari.id}:260325:260407")
    again = await lise.next()
    assert again.text == "Denne listen er sendt til NAV (nav.larvik@example.no) før."
    assert await OutboxMessage.filter(email="nav.larvik@example.no").count() == 1


async def test_the_fortnightly_list_comes_by_itself_once(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, PER))
    # NAV follows Kari; lists are due every 14 days from 24 March: 7 April is number 2.
    await Participant.filter(id=staff.kari.id).update(nav_followed=True, list_start=D("2026-03-24"))
    jobs = jobs_for(bot, sender)
    await jobs.minute(at("2026-04-07", 7, 59))
    assert documents(bot, LISE) == []
    await jobs.minute(at("2026-04-07", 8, 0))
    pdf, csv_message = documents(bot, LISE)
    assert pdf.caption is not None
    assert pdf.caption.startswith("Frammøteliste nr. 2 for Kari Nordmann, 24.03.2026–06.04.2026")
    assert csv_of(csv_message)[2] == ["Periode", "24.03.2026–06.04.2026"]
    assert documents(bot, PER) == []  # the contact person's list, not the leader's
    await jobs.minute(at("2026-04-07", 8, 1))
    await jobs_for(bot, sender).minute(at("2026-04-07", 8, 2))  # another process
    assert len(documents(bot, LISE)) == 2
    row = await OutboxMessage.get(template="attendance_list_documents")
    assert row.status == OutboxStatus.SENT
    # On /liste, the NAV period is offered first.
    lise = bot.chat(LISE, "Lise")
    assert (await lise.next()).document is not None  # the PDF and the CSV, read
    assert (await lise.next()).document is not None
    who = await lise.send("/liste")
    assert lise.buttons(who)[0] == "🏛 Kari Nordmann"
    periods = await lise.tap("Kari Nordmann", who)
    assert lise.buttons(periods)[0] == "🏛 NAV-perioden 24.03–06.04"


async def test_flood_control_sends_the_list_after_the_wait_telegram_asks_for(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, PER))
    await Participant.filter(id=staff.kari.id).update(nav_followed=True, list_start=D("2026-03-24"))
    bot.standin.inject_fault("sendDocument", 429, retry_after=30, chat_id=LISE)
    jobs = jobs_for(bot, sender)
    now = at("2026-04-07", 8, 0)
    await jobs.minute(now)
    row = await OutboxMessage.get(template="attendance_list_documents")
    assert row.status == OutboxStatus.PENDING and row.due_at == now + timedelta(seconds=30)
    await jobs.minute(now + timedelta(seconds=29))
    assert documents(bot, LISE) == []
    await jobs.minute(now + timedelta(seconds=30))
    assert len(documents(bot, LISE)) == 2
