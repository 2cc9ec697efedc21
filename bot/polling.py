"""Long polling that confirms an update only once it is handled.

PTB's Updater asks for the next updates (and so confirms the ones before: Telegram forgets
every update below the `offset` of a getUpdates call) while the earlier ones still wait in
memory: a crash loses them. Here each update goes through the one path of bot/once.py,
and the offset moves past an update only when that path says Telegram may forget it.
An update another replica has in hand, or whose handling failed with nobody told, stops
the batch: after a pause it is fetched again, with everything after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError

from bot.once import Answer

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class Poller:
    """getUpdates in a loop; `running` while it polls (for /healthz)."""

    def __init__(
        self,
        bot: Bot,
        handle: Callable[[Update], Awaitable[Answer]],
        *,
        timeout: int = 10,
        pause: float = 1.0,
        longest_pause: float = 30.0,
        arrived: Callable[[Update], None] | None = None,
    ) -> None:
        self.bot = bot
        self.handle = handle
        self.arrived = arrived  # told of each update as it is fetched (the flood guard)
        self.timeout = timeout  # seconds Telegram holds a getUpdates call open
        self.pause = pause  # after a failure: then twice as long each time, up to the longest
        self.longest_pause = longest_pause
        self.running = False

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; the update in hand is finished first."""
        if await self._until_stopped(self._delete_webhook, stop) is None:
            return
        self.running = True
        offset: int | None = None
        refused = 0  # times in a row the first update of a batch was not handled
        try:
            while not stop.is_set():
                updates = await self._until_stopped(functools.partial(self._fetch, offset), stop)
                if updates is None:
                    break
                if self.arrived is not None:
                    for update in updates:
                        self.arrived(update)
                for update in updates:
                    if stop.is_set():
                        break
                    answer = await self._handle(update)
                    if not answer.confirms:
                        # Fetched again from the same offset, after a pause: first in line.
                        await self._pause(stop, refused)
                        refused += 1
                        break
                    refused = 0
                    offset = update.update_id + 1
        finally:
            self.running = False
        await self._confirm(offset)

    async def _delete_webhook(self) -> bool | None:
        # A webhook left from an earlier start would refuse getUpdates (409).
        try:
            return await self.bot.delete_webhook(drop_pending_updates=False)
        except InvalidToken:
            raise
        except TelegramError as error:
            log.warning("polling: deleteWebhook failed (%s); trying again", error)
            return None

    async def _fetch(self, offset: int | None) -> tuple[Update, ...] | None:
        try:
            return await self.bot.get_updates(offset=offset, timeout=self.timeout)
        except InvalidToken:
            raise
        except RetryAfter as error:
            retry = error.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            log.warning("polling: flood control, waiting %s s", seconds)
            await asyncio.sleep(seconds)
        except Conflict as error:
            log.error("polling: another process polls with this token (%s)", error)
        except TelegramError as error:  # network trouble, Telegram's own errors
            log.warning("polling: getUpdates failed: %s", error)
        return None

    async def _handle(self, update: Update) -> Answer:
        try:
            return await self.handle(update)
        except Exception:  # the database is away, say: the update is fetched again
            log.exception("polling: update %s not handled", update.update_id)
            return Answer.FAILED

    async def _until_stopped(
        self, call: Callable[[], Awaitable[_T | None]], stop: asyncio.Event
    ) -> _T | None:
        """`call()` until it gives something other than None, pausing longer each time;
        None once `stop` is set (a call in flight is then cancelled)."""
        attempt = 0
        while not stop.is_set():
            task = asyncio.ensure_future(call())
            stopped = asyncio.ensure_future(stop.wait())
            await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                return None
            result = task.result()
            if result is not None:
                return result
            await self._pause(stop, attempt)
            attempt += 1
        return None

    async def _pause(self, stop: asyncio.Event, attempt: int) -> None:
        seconds = min(self.pause * 2 ** min(attempt, 16), self.longest_pause)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)

    async def _confirm(self, offset: int | None) -> None:
        """Tell Telegram what was handled, so a restart does not fetch it again."""
        if offset is None:
            return
        try:
            await asyncio.wait_for(self.bot.get_updates(offset=offset, timeout=0), 2.0)
        except (TelegramError, TimeoutError) as error:
            log.info("polling: last confirmation not sent (%s); the rows say it anyway", error)
