"""Reminders through the real bot and the local Telegram stand-in: windows, pace, failures."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from telegram import Bot

from backend import reminders
from backend.models import LinkRole, OutboxMessage, OutboxStatus, TelegramLink
from backend.outbox import queue as outbox
from bot.answering import answering_bot
from bot.delivery import Pacer, deliver_outbox
from tests.support.reminder_world import (
    KOORD,
    LISE,
    PER,
    add_person,
    at,
    build_reminder_world,
    link_staff,
)
from tests.support.telegram import TOKEN, RunningBot
from tests.support.world import link

D = date.fromisoformat
KARI = 1001
LIST_TEXT = "Frammøtelisten for Deltaker L1 skal til NAV 1. september 2026 (liste nr. 2)."


@dataclass
class FakeTime:
    now: float = 0.0
    waits: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
async def sender(bot: RunningBot) -> AsyncIterator[Bot]:
    """Another bot object on the stand-in, built as the Application's is, as the scheduler's outbox tick uses it."""
    async with answering_bot(TOKEN, bot.standin.api_root) as plain:
        yield plain


async def _world_with_a_list_due(bot: RunningBot, *, start: tuple[int, ...] = (LISE, PER)) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("L1", D("1980-01-01"), list_start=D("2026-08-18"), nav_followed=True)
    for user in start:
        await bot.chat(user, "Ansatt").send("/start")


def texts(bot: RunningBot, user: int) -> list[str]:
    return [t for t in bot.chat(user, "x").received() if t]


async def test_a_reminder_reaches_the_staff_chat_in_working_hours_only(
    bot: RunningBot, sender: Bot
) -> None:
    await _world_with_a_list_due(bot)
    await reminders.run_daily_pass(at("2026-09-01"))
    pacer = FakeTime()
    paced = Pacer(clock=pacer.clock, sleep=pacer.sleep)
    assert await deliver_outbox(sender, at("2026-09-01", 7, 59), pacer=paced) == 0
    assert await deliver_outbox(sender, at("2026-09-01", 8, 0), pacer=paced) == 1
    assert LIST_TEXT in texts(bot, LISE)
    assert await deliver_outbox(sender, at("2026-09-01", 9, 0), pacer=paced) == 0
    assert texts(bot, LISE).count(LIST_TEXT) == 1


async def test_a_row_missed_on_friday_waits_for_monday_morning(
    bot: RunningBot, sender: Bot
) -> None:
    await build_reminder_world(places=10)
    await link_staff(["S2"])
    await bot.chat(PER, "Per").send("/start")
    # The capacity report of 1 October 2027, a Friday; the process was down all day.
    await reminders.run_daily_pass(at("2027-10-01"))
    for moment in (at("2027-10-01", 16, 30), at("2027-10-02", 10), at("2027-10-04", 7, 30)):
        assert await deliver_outbox(sender, moment) == 0, moment
    assert await deliver_outbox(sender, at("2027-10-04", 8)) == 1
    assert any("Ledig kapasitet" in t for t in texts(bot, PER))


async def test_the_language_is_the_chats_language_at_send_time(
    bot: RunningBot, sender: Bot
) -> None:
    await _world_with_a_list_due(bot)
    await reminders.run_daily_pass(at("2026-09-01"))
    await TelegramLink.filter(chat_id=LISE).update(language="en")
    await deliver_outbox(sender, at("2026-09-01", 9))
    [text] = [t for t in texts(bot, LISE) if "L1" in t]
    assert "1 September 2026" in text  # English dates, whatever the catalog holds


async def test_a_blocked_bot_marks_the_link_and_tells_the_leader_once(
    bot: RunningBot, sender: Bot
) -> None:
    await _world_with_a_list_due(bot)
    bot.standin.block(LISE)
    await reminders.run_daily_pass(at("2026-09-01"))
    await deliver_outbox(sender, at("2026-09-01", 9))
    row = await OutboxMessage.get(chat_id=LISE, template="reminder_attendance_list")
    assert row.status == OutboxStatus.FAILED
    assert (await TelegramLink.get(chat_id=LISE)).blocked_at is not None
    await deliver_outbox(sender, at("2026-09-01", 9, 1))  # the report goes out
    await deliver_outbox(sender, at("2026-09-01", 9, 2))
    reports = [t for t in texts(bot, PER) if t.startswith("En påminnelse")]
    assert reports == [f"En påminnelse nådde ikke Lise Kontakt (har blokkert boten): {LIST_TEXT}"]
    # A later pass that day finds no reachable chat: still the one report.
    await reminders.run_daily_pass(at("2026-09-01", 10))
    await deliver_outbox(sender, at("2026-09-01", 10, 1))
    assert len([t for t in texts(bot, PER) if t.startswith("En påminnelse")]) == 1


async def test_a_chat_that_never_started_the_bot_is_reported(bot: RunningBot, sender: Bot) -> None:
    await build_reminder_world()
    await link_staff()
    await bot.chat(PER, "Per").send("/start")  # the coordinator never wrote to the bot
    await reminders.run_daily_pass(at("2026-08-11"))
    await deliver_outbox(sender, at("2026-08-11", 9))
    await deliver_outbox(sender, at("2026-08-11", 9, 1))
    [report] = [t for t in texts(bot, PER) if t.startswith("En påminnelse")]
    assert report.startswith("En påminnelse nådde ikke Kari Koord (chatten finnes ikke lenger):")
    assert "statusmøtet om skoleelever er i september 2026" in report
    assert texts(bot, KOORD) == []


async def test_staff_without_a_link_is_reported_when_the_pass_runs(
    bot: RunningBot, sender: Bot
) -> None:
    await build_reminder_world()
    await link_staff(["S1", "S2"])  # the coordinator is not linked
    await bot.chat(PER, "Per").send("/start")
    await reminders.run_daily_pass(at("2026-08-11"))
    await deliver_outbox(sender, at("2026-08-11", 9))
    [report] = [t for t in texts(bot, PER) if t.startswith("En påminnelse")]
    assert "Kari Koord (ikke koblet til boten)" in report


async def test_flood_control_puts_the_row_back(bot: RunningBot, sender: Bot) -> None:
    await _world_with_a_list_due(bot)
    await reminders.run_daily_pass(at("2026-09-01"))
    bot.standin.inject_fault("sendMessage", 429, retry_after=30, chat_id=LISE)
    now = at("2026-09-01", 9)
    time = FakeTime(now=100.0)
    paced = Pacer(clock=time.clock, sleep=time.sleep)
    assert await deliver_outbox(sender, now, pacer=paced) == 0
    row = await OutboxMessage.get(chat_id=LISE, template="reminder_attendance_list")
    assert row.status == OutboxStatus.PENDING and row.due_at == now + timedelta(seconds=30)
    # Every send waits as long as Telegram asked, then the row goes.
    assert await deliver_outbox(sender, now + timedelta(seconds=30), pacer=paced) == 1
    assert sum(time.waits) == 30.0


async def test_nothing_goes_to_participants_at_night(bot: RunningBot, sender: Bot) -> None:
    await build_reminder_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await bot.chat(KARI, "Kari").send("/start")
    before = len(texts(bot, KARI))
    night = at("2026-09-01", 22)
    await outbox.enqueue(
        "test:participant:1",
        "reminder_status_meeting_day_before",
        {"event_date": "2026-09-02"},
        due_at=night,
        chat_id=KARI,
        window=reminders.PARTICIPANT,
    )
    assert await deliver_outbox(sender, night) == 0
    assert await deliver_outbox(sender, at("2026-09-02", 7, 59)) == 0
    assert await deliver_outbox(sender, at("2026-09-02", 8)) == 1
    assert len(texts(bot, KARI)) == before + 1


async def test_reminders_for_one_chat_go_as_one_message_listing_them(
    bot: RunningBot, sender: Bot
) -> None:
    await _world_with_a_list_due(bot)
    for n in (2, 3):
        await add_person(f"L{n}", D("1980-01-01"), list_start=D("2026-08-18"), nav_followed=True)
    await reminders.run_daily_pass(at("2026-09-01"))
    time = FakeTime(now=100.0)
    paced = Pacer(clock=time.clock, sleep=time.sleep)
    before = len(texts(bot, LISE))
    assert await deliver_outbox(sender, at("2026-09-01", 9), pacer=paced) == 3
    # Three reminders to Lise, one message: no second to wait.
    assert time.waits == []
    [listing] = texts(bot, LISE)[before:]
    assert listing == "\n".join(
        [
            "📋 I dag: 3 påminnelser:",
            "• " + LIST_TEXT,
            "• Frammøtelisten for Deltaker L2 skal til NAV 1. september 2026 (liste nr. 2).",
            "• Frammøtelisten for Deltaker L3 skal til NAV 1. september 2026 (liste nr. 2).",
        ]
    )
    rows = await OutboxMessage.filter(chat_id=LISE, template__startswith="reminder_")
    assert [r.status for r in rows] == [OutboxStatus.SENT] * 3
    # Run again: each row was sent once, nothing goes twice.
    assert await deliver_outbox(sender, at("2026-09-01", 9, 1), pacer=paced) == 0


# -- the pacer alone ------------------------------------------------------------------------


async def test_pacer_spaces_one_chat_a_second_and_all_chats_a_twentyeighth() -> None:
    time = FakeTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)
    for _ in range(3):
        await pacer.wait(1)
    assert time.waits == [1.0, 1.0]
    time.now, time.waits = 10.0, []
    for chat in range(100, 160):
        await pacer.wait(chat)
    assert len(time.waits) == 59  # the first went at once
    assert all(w == pytest.approx(1 / 28, abs=1e-6) for w in time.waits)


async def test_one_busy_chat_holds_back_no_other_chat() -> None:
    """Three messages to one chat, one to each of 60 others, all at once: the 60 go out
    while the busy chat waits its second (before, they queued behind it)."""
    pacer = Pacer(per_chat=1.0, overall=300.0)
    loop = asyncio.get_running_loop()
    start = loop.time()
    sent: list[tuple[int, float]] = []

    async def chat(chat_id: int, messages: int) -> None:
        for _ in range(messages):
            await pacer.wait(chat_id)
            sent.append((chat_id, loop.time() - start))

    await asyncio.gather(chat(7, 3), *(chat(c, 1) for c in range(100, 160)))
    busy = [t for c, t in sent if c == 7]
    others = [t for c, t in sent if c != 7]
    assert len(busy) == 3 and len(others) == 60
    assert all(b - a >= 0.99 for a, b in itertools.pairwise(busy))
    assert max(others) < busy[1]  # all 60 before the busy chat's second message


async def test_pacer_never_gives_one_slot_to_two_concurrent_senders() -> None:
    time = FakeTime()
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)  # let the others in while this one "waits"

    pacer = Pacer(clock=time.clock, sleep=record)
    await asyncio.gather(*(pacer.wait(7) for _ in range(4)))
    # The chat's slots (the first went at once); each then waits its overall slots.
    assert sorted(w for w in waits if w >= 0.5) == [1.0, 2.0, 3.0]


async def test_a_stalled_loop_sends_no_burst() -> None:
    """Ten sends: the first goes, nine are booked, then the loop stalls for five seconds
    (a busy machine): the nine wake at once, and go 1/28 s apart all the same."""
    now = {"t": 0.0}
    stalled = asyncio.Event()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await stalled.wait()

    pacer = Pacer(clock=lambda: now["t"], sleep=sleep)
    sends = [asyncio.create_task(pacer.wait(chat)) for chat in range(10)]
    await asyncio.sleep(0)
    booked = len(waits)
    now["t"] = 5.0
    stalled.set()
    await asyncio.gather(*sends)
    again = sorted(round(w * 28, 6) for w in waits[booked:])
    assert again == [float(n) for n in range(1, 9)]  # the first of the nine at once
