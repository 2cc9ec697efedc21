"""One leader among the replicas, chosen through the database: a lease row.

The timed work (the outbox sender, the daily pass, the catch-up, rosters, lists and
the day's end) runs on one process only, so that Telegram's limits, which hold for
the bot as a whole, are kept by one sender. The table `lease` holds one row per
lease: `name`, `holder`, `expires_at`.

- A process takes or renews the lease with one conditional UPDATE (holder is me, or
  the lease has expired), else one INSERT when no row exists yet; of two processes
  trying at once exactly one changes the row (SQLite runs writes one at a time,
  PostgreSQL re-checks the WHERE on a row another transaction changed) and the other's
  INSERT meets the primary key. It works alike on SQLite and PostgreSQL.
- The leader renews every RENEW_EVERY (10 s); the lease runs for LEASE_FOR (30 s), so
  a dead leader is replaced within 30 s plus one renewal round: well within a minute.
- A leader that cannot renew (database gone) stops leading when its own lease would
  have run out, by its own monotonic clock, before any other process may take it.
- A clean stop deletes the row (`release`), so another process takes over at its
  next round instead of waiting for the expiry.

Times in the row are the processes' wall clocks (UTC): keep replicas' clocks in step
(NTP); a skew of a few seconds only shortens or lengthens a takeover by as much.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.models import Lease
from backend.shared.clock import utc

log = logging.getLogger(__name__)

SCHEDULER_LEASE = "scheduler"
LEASE_FOR = timedelta(seconds=30)
RENEW_EVERY = timedelta(seconds=10)


# -- the rule -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    """The lease as it stands in the database."""

    holder: str
    expires_at: datetime


def may_take(held: Held | None, me: str, now: datetime) -> bool:
    """Whether `me` may take or renew the lease now: nobody holds it, I do, or it ran out."""
    return held is None or held.holder == me or held.expires_at <= now


def expiry(now: datetime, lease_for: timedelta = LEASE_FOR) -> datetime:
    return now + lease_for


def holder_id() -> str:
    """A name for this process, unique among replicas and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[:128]


# -- the row ------------------------------------------------------------------------------


async def acquire(name: str, me: str, now: datetime, lease_for: timedelta = LEASE_FOR) -> bool:
    """Take or renew the lease (the rule `may_take`, in one conditional write)."""
    now = utc(now)
    taken = await Lease.filter(Q(holder=me) | Q(expires_at__lte=now), name=name).update(
        holder=me, expires_at=expiry(now, lease_for)
    )
    if taken:
        return True
    try:
        async with in_transaction():
            await Lease.create(name=name, holder=me, expires_at=expiry(now, lease_for))
    except IntegrityError:
        return False  # somebody else holds it
    return True


async def release(name: str, me: str) -> None:
    """Give the lease up, if I hold it."""
    await Lease.filter(name=name, holder=me).delete()


async def current(name: str) -> Held | None:
    row = await Lease.filter(name=name).first()
    return Held(row.holder, row.expires_at) if row else None


# -- the process's side --------------------------------------------------------------------


class Leadership:
    """Takes and renews one lease in the background; `leading()` says whether we lead now.

    `async with Leadership(...)` tries at once, then every `renew_every`; leaving the
    block releases the lease. `on_change(leading)` is called when it changes.
    """

    def __init__(
        self,
        name: str = SCHEDULER_LEASE,
        *,
        me: str | None = None,
        lease_for: timedelta = LEASE_FOR,
        renew_every: timedelta = RENEW_EVERY,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        self.name = name
        self.me = me or holder_id()
        self.lease_for = lease_for
        self.renew_every = renew_every
        self.now = now
        self.monotonic = monotonic
        self.on_change = on_change
        self._until = 0.0  # monotonic time our lease surely lasts until
        self._was = False
        self._task: asyncio.Task[None] | None = None

    def leading(self) -> bool:
        return self.monotonic() < self._until

    async def round(self) -> bool:
        """One attempt to take or renew; returns whether we lead afterwards."""
        started = self.monotonic()
        try:
            won = await acquire(self.name, self.me, self.now(), self.lease_for)
        except Exception:  # the database is away: lead only as long as the lease surely lasts
            log.exception("lease %s: could not renew", self.name)
            won = False
        if won:
            # Counted from before the write, so we stop before anyone else may start.
            self._until = started + self.lease_for.total_seconds()
        self._changed()
        return self.leading()

    def _changed(self) -> None:
        now = self.leading()
        if now != self._was:
            self._was = now
            log.info("lease %s: %s", self.name, "leading" if now else "not leading")
            if self.on_change is not None:
                self.on_change(now)

    async def run(self) -> None:
        while True:
            await self.round()
            await asyncio.sleep(self.renew_every.total_seconds())

    async def start(self) -> None:
        """Try at once, then keep trying (or renewing) in the background."""
        await self.round()
        self._task = asyncio.create_task(self.run(), name=f"lease:{self.name}")

    async def __aenter__(self) -> Leadership:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        """Stop renewing and release the lease (quickly: a stop must not hang on it)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        leading, self._until = self.leading(), 0.0
        if leading:
            try:
                await asyncio.wait_for(release(self.name, self.me), timeout=5)
            except Exception:  # it runs out by itself
                log.warning("lease %s: not released", self.name)
        self._changed()
