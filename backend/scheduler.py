"""APScheduler jobs, in the service's time zone.

What is due lives in the database, not in APScheduler (whose job stores cannot be
shared between processes), so every process may run every job:

- "outbox", every 10 s: the e-mail sender (and a Telegram sender when one is given;
  the product runs its own, bot.delivery.OutboxSender, every second) claims rows that
  are due and whose delivery window is open (staff: the unit's working days 08–16; participants:
  not 21–08), each row by an atomic claim, so one process sends it;
- "daily_reminders", at 06:00: the reminder pass for today, and for any day missed
  since the last recorded run (a week at most), written to the outbox under unique
  keys before staff hours open at 08:00; the run is recorded in `JobRun`; then the
  retention pass deletes what is past its keeping time (`backend.people.retention`);
- "catch_up", at start and every minute: when the last recorded run is older than the
  latest 06:00 that has passed (the process, or the leader, was down then), the pass
  runs at once.

With several replicas, every job runs on the leader only (`leader_only`, with
backend.shared.leadership), so one process sends for the bot as a whole; a new leader
catches up within a minute. Two processes running the same pass still write the same
keys once, and two processes ticking claim each row once. Other jobs can be added to
the returned scheduler.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from backend import reminders
from backend.outbox import smtp as mail
from backend.people import retention
from backend.shared.config import Settings

log = logging.getLogger(__name__)

OUTBOX_TICK_SECONDS = 10
CATCH_UP_SECONDS = 60
DAILY_AT = time(6, 0)
# (now, open windows) -> messages sent
SendPass = Callable[[datetime, Collection[str]], Awaitable[int]]


@dataclass
class Jobs:
    """The jobs' bodies, callable with a given `now` (tests drive a simulated day)."""

    settings: Settings
    send_telegram: SendPass | None = None
    _pass_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    def now(self) -> datetime:
        return datetime.now(self.settings.tz)

    async def tick(self, now: datetime | None = None) -> int:
        """One round of both senders; returns how many messages went out."""
        now = now or self.now()
        windows = await reminders.open_windows(now)
        sent = 0
        if self.send_telegram is not None:
            sent += await self.send_telegram(now, windows)
        if self.settings.email_enabled:
            sent += await mail.deliver_email_outbox(now, self.settings, windows=windows)
        return sent

    async def daily(self, now: datetime | None = None) -> reminders.PassResult:
        """The pass for `now`'s day and every day missed since the last recorded run."""
        now = now or self.now()
        async with self._pass_lock:
            last = await reminders.last_run()
            first = now.date() if last is None else min(last + timedelta(days=1), now.date())
            result = await reminders.run_daily_pass(
                now, first_day=first, email=self.settings.email_enabled
            )
            await retention.run(now, self.settings.retention)
        log.info(
            "reminder pass for %s..%s: %d deliveries",
            result.days[0],
            result.days[-1],
            len(result.deliveries),
        )
        return result

    async def catch_up(self, now: datetime | None = None) -> reminders.PassResult | None:
        """At start: run the pass now if the latest 06:00 passed without a recorded run."""
        now = now or self.now()
        target = latest_pass_day(now)
        last = await reminders.last_run()
        if last is not None and last >= target:
            return None
        at = now if target == now.date() else datetime.combine(target, DAILY_AT, now.tzinfo)
        return await self.daily(at)


def latest_pass_day(now: datetime) -> date:
    """The day of the latest scheduled pass at or before `now` (local)."""
    today = now.date()
    return today if now.timetz().replace(tzinfo=None) >= DAILY_AT else today - timedelta(days=1)


def create_scheduler(
    settings: Settings, send_telegram: SendPass | None, *, jobs: Jobs | None = None
) -> AsyncIOScheduler:
    jobs = jobs or Jobs(settings, send_telegram)
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    scheduler.add_job(
        jobs.tick,
        "interval",
        seconds=OUTBOX_TICK_SECONDS,
        id="outbox",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=60,
    )
    scheduler.add_job(
        jobs.daily,
        CronTrigger(hour=DAILY_AT.hour, minute=DAILY_AT.minute, timezone=settings.tz),
        id="daily_reminders",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=3600,
    )
    # At start, then every minute: a leader taking over catches up within a minute.
    scheduler.add_job(
        jobs.catch_up,
        "interval",
        seconds=CATCH_UP_SECONDS,
        next_run_time=datetime.now(settings.tz),
        id="catch_up",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    return scheduler


def leader_only(scheduler: BaseScheduler, leading: Callable[[], bool]) -> None:
    """Every job added so far runs only while `leading()`; otherwise its turn is skipped."""
    for job in scheduler.get_jobs():
        job.modify(func=_when_leading(job.func, leading))


def _when_leading(
    func: Callable[..., Awaitable[object]], leading: Callable[[], bool]
) -> Callable[..., Awaitable[object]]:
    @functools.wraps(func)
    async def run(*args: object, **kwargs: object) -> object:
        if not leading():
            return None
        return await func(*args, **kwargs)

    return run
