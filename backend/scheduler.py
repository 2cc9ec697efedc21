"""APScheduler jobs. What is due lives in the database (the outbox), so every process
may tick: a message is claimed by one of them and sent once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

OUTBOX_TICK_SECONDS = 10


def create_scheduler(
    tz: ZoneInfo, deliver_outbox: Callable[[], Awaitable[object]]
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=tz)
    scheduler.add_job(
        deliver_outbox,
        "interval",
        seconds=OUTBOX_TICK_SECONDS,
        id="outbox",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=60,
    )
    return scheduler
