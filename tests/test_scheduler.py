"""The scheduler: its jobs, the catch-up after downtime, delivery windows, and exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from telegram import Bot

from backend import reminders
from backend.calendar.rules import UnitCalendar
from backend.models import JobRun, OutboxMessage, OutboxStatus
from backend.outbox.catalog import render
from backend.scheduler import DAILY_AT, Jobs, create_scheduler, latest_pass_day, leader_only
from backend.shared.config import Settings, load_settings
from backend.shared.db import database
from backend.telegram_standin import TelegramStandin
from bot.delivery import Pacer, deliver_outbox
from tests.support.reminder_world import (
    KOORD,
    LISE,
    OSLO,
    PER,
    add_person,
    at,
    build_reminder_world,
    link_staff,
)
from tests.support.telegram import TOKEN

D = date.fromisoformat


def settings_for(db_url: str, api: str = "http://127.0.0.1:9") -> Settings:
    return load_settings(env={"DATABASE_URL": db_url, "TELEGRAM_API_URL": api}, env_file=None)


# -- the jobs -----------------------------------------------------------------------------


def test_the_scheduler_has_an_outbox_tick_a_daily_pass_and_a_catch_up() -> None:
    settings = settings_for("sqlite://:memory:")
    scheduler = create_scheduler(settings, None)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"outbox", "daily_reminders", "catch_up"}
    daily = jobs["daily_reminders"].trigger
    fields = {f.name: str(f) for f in daily.fields}
    assert (fields["hour"], fields["minute"]) == (str(DAILY_AT.hour), str(DAILY_AT.minute))
    assert str(daily.timezone) == "Europe/Oslo"
    assert jobs["outbox"].trigger.interval == timedelta(seconds=10)
    assert jobs["daily_reminders"].max_instances == 1


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2026, 9, 1, 5, 59, tzinfo=OSLO), date(2026, 8, 31)),
        (datetime(2026, 9, 1, 6, 0, tzinfo=OSLO), date(2026, 9, 1)),
        (datetime(2026, 9, 1, 23, 0, tzinfo=OSLO), date(2026, 9, 1)),
    ],
)
def test_the_latest_pass_day(now: datetime, day: date) -> None:
    assert latest_pass_day(now) == day


async def test_a_started_scheduler_runs_the_missed_pass_at_once(db: str) -> None:
    await build_reminder_world()
    ran = asyncio.Event()

    class Watched(Jobs):
        async def catch_up(self, now: datetime | None = None) -> reminders.PassResult | None:
            result = await super().catch_up(now)
            ran.set()
            return result

    settings = settings_for(db)
    scheduler = create_scheduler(settings, None, jobs=Watched(settings))
    scheduler.start()
    try:
        await asyncio.wait_for(ran.wait(), 10)
    finally:
        scheduler.shutdown(wait=False)
    assert await reminders.last_run() == latest_pass_day(datetime.now(OSLO))


async def test_catch_up_runs_once_for_the_latest_missed_day(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    jobs = Jobs(settings_for(db))
    # Never run before, started at 09:00: today's pass runs now.
    first = await jobs.catch_up(at("2026-08-11", 9))
    assert first is not None and first.days == [D("2026-08-11")]
    assert await jobs.catch_up(at("2026-08-11", 10)) is None
    # Down from the 11th until 05:00 on the 14th: the 12th and 13th run now, the 14th at 06:00.
    late = await jobs.catch_up(at("2026-08-14", 5))
    assert late is not None and late.days == [D("2026-08-12"), D("2026-08-13")]
    assert await reminders.last_run() == D("2026-08-13")
    regular = await jobs.daily(at("2026-08-14", 6))
    assert regular.days == [D("2026-08-14")]
    days = (
        await JobRun.filter(name=reminders.DAILY_JOB).order_by("day").values_list("day", flat=True)
    )
    assert days == [D("2026-08-11"), D("2026-08-13"), D("2026-08-14")]


async def test_the_daily_pass_covers_the_days_missed_since_the_last_run(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P67", D("1959-06-15"))
    await reminders.record_run(reminders.DAILY_JOB, D("2026-05-13"), at("2026-05-13"))
    result = await Jobs(settings_for(db)).daily(at("2026-05-18"))
    assert result.days == [D(f"2026-05-{d}") for d in range(14, 19)]
    # The 1-month reminder of 15 May was caught up.
    assert await OutboxMessage.filter(template="reminder_age_67").count() == 2


# -- windows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 9, 1, 7, 59, tzinfo=OSLO), []),
        (datetime(2026, 9, 1, 8, 0, tzinfo=OSLO), ["participant", "staff:AOK"]),
        (datetime(2026, 9, 1, 15, 59, tzinfo=OSLO), ["participant", "staff:AOK"]),
        (datetime(2026, 9, 1, 16, 0, tzinfo=OSLO), ["participant"]),
        (datetime(2026, 9, 1, 20, 59, tzinfo=OSLO), ["participant"]),
        (datetime(2026, 9, 1, 21, 0, tzinfo=OSLO), []),
        (datetime(2026, 9, 5, 10, 0, tzinfo=OSLO), ["participant"]),  # Saturday
        (datetime(2026, 5, 14, 10, 0, tzinfo=OSLO), ["participant"]),  # Ascension Day
    ],
)
def test_delivery_windows(moment: datetime, expected: list[str]) -> None:
    assert reminders.windows_open_at(moment, [("AOK", UnitCalendar())]) == expected


# -- exactly once -------------------------------------------------------------------------


@dataclass
class FakeTime:
    """Pacing without waiting: sleeping moves this clock."""

    now: float = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def _scheduler_process(
    db_url: str, standin: TelegramStandin, day: str, together: asyncio.Barrier
) -> int:
    """One process: its own database connection and bot, run over a simulated day.

    Real processes share the wall clock, so every tick waits at `together` until each
    process has finished the one before: no process runs ahead in time and takes over
    a claim the other is still sending (its heartbeat keeps it fresh by the real clock).
    """
    settings = settings_for(db_url, standin.api_root)
    time = FakeTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)
    sent = 0
    async with database(db_url, apply_migrations=False):
        bot = Bot(TOKEN, base_url=f"{standin.api_root}/bot")
        async with bot:

            async def telegram(now: datetime, windows: object) -> int:
                return await deliver_outbox(bot, now, limit=4, pacer=pacer, windows=windows)  # type: ignore[arg-type]

            jobs = Jobs(settings, telegram)
            await jobs.catch_up(at(day, 6))
            await jobs.daily(at(day, 6))  # the cron job too: nothing new
            start = at(day, 7, 58)
            for step in range(30):  # every 10 s from 07:58: the window opens at 08:00
                await together.wait()
                sent += await jobs.tick(start + timedelta(seconds=10 * step))
    return sent


async def test_scheduler_processes_send_each_reminder_exactly_once(
    db_url: str, standin: TelegramStandin
) -> None:
    """Two processes on PostgreSQL; one on SQLite, whose file allows one writer process."""
    day = "2026-09-01"
    async with database(db_url, apply_migrations=False):
        await build_reminder_world(places=12)
        await link_staff()
        for n in range(12):  # attendance lists due on 1 September, to Lise
            await add_person(
                f"L{n:02}", D("1980-01-01"), list_start=D("2026-08-18"), nav_followed=True
            )
    for user in (LISE, PER, KOORD):  # Telegram delivers only to chats that started the bot
        await standin.send_text(user, "/start", token=TOKEN)

    processes = 2 if db_url.startswith("postgres") else 1
    together = asyncio.Barrier(processes)
    sent = await asyncio.gather(
        *(_scheduler_process(db_url, standin, day, together) for _ in range(processes))
    )

    async with database(db_url, apply_migrations=False):
        rows = await OutboxMessage.all()
        assert rows and all(r.status == OutboxStatus.SENT for r in rows), [
            (r.key, r.status, r.last_error) for r in rows if r.status != OutboxStatus.SENT
        ]
        expected = Counter((r.chat_id, render(r.template, r.params, r.language)) for r in rows)
    # Reminders for one chat come as one message listing them, a bullet each.
    received = Counter(
        (user, line.removeprefix("• "))
        for user in (LISE, PER, KOORD)
        for m in standin.messages(user, token=TOKEN)
        if m.from_bot
        for line in m.text.split("\n")
        if not line.startswith("📋 I dag:")
    )
    assert received == expected
    assert standin.too_many_requests == []
    assert sum(sent) == len(rows) == sum(expected.values())
    assert max(expected.values()) == 1  # no text twice in a chat
    assert expected[(LISE, render("reminder_attendance_list", _params(rows, "L00"), "nb"))] == 1


def _params(rows: list[OutboxMessage], code: str) -> dict[str, object]:
    return next(r.params for r in rows if r.params.get("participant_code") == code)


async def test_every_job_runs_only_while_this_process_leads() -> None:
    settings = settings_for("sqlite://:memory:")
    scheduler = create_scheduler(settings, None)
    ran: list[str] = []

    async def staff_minute() -> None:
        ran.append("staff")

    scheduler.add_job(staff_minute, "interval", seconds=60, id="staff_minute")
    leading = {"now": False}
    leader_only(scheduler, lambda: leading["now"])
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"outbox", "daily_reminders", "catch_up", "staff_minute"}
    # Not leading: no job touches anything (there is no database here to touch).
    for job in jobs.values():
        assert await job.func() is None
    assert ran == []
    leading["now"] = True
    await jobs["staff_minute"].func()
    assert ran == ["staff"]
    # The catch-up comes back every minute, so a new leader catches up within one.
    assert jobs["catch_up"].trigger.interval == timedelta(minutes=1)
