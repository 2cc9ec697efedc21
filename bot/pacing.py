"""Telegram's one message a second per chat, for everything the bot sends.

PTB's AIORateLimiter holds the overall limit (30 a second) but has no limit per
private chat, so a handler that answers a burst of taps in one chat, or that answers
while the sender writes to the same chat, could draw a 429. `ChatPacedLimiter` adds a
token bucket per chat (backend.shared.rate.BOT_PER_CHAT: one a second, a burst of two,
one less than Telegram tolerates) in front of every sending method: a send over it
waits for its slot instead of being refused. Edits and answers to taps are not paced,
and do not count against the overall 30 either (Telegram counts messages sent).

The buckets are the process's (`CHATS`), shared by every bot object in it, so the
outbox sender, the staff's jobs and the handlers count one chat's sends together.
It holds within one process. Only the leader sends the outbox (bot.delivery), so two
replicas meet in one chat only when a user taps on one while the leader writes to
them; Telegram's own burst (three) covers that.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from backend.shared.rate import BOT_PER_CHAT, SENDING_METHODS, TokenBucket, chat_of
from bot.retry import retry_delay

log = logging.getLogger(__name__)

# A reply to an update refused with 429 (replicas answering at a peak pass Telegram's 30
# a second together: each process holds its own) waits out `retry_after` and is sent,
# this many times at most. bot/once.py turns this on while it handles an update; the
# outbox sender and the staff's jobs handle their own 429s (they put the rows back).
REPLY_RETRIES = 3
RETRY_REFUSED: ContextVar[bool] = ContextVar("frammote_retry_refused", default=False)
FORGET_AFTER = 10_000  # chats remembered before those with a full bucket are forgotten
CHATS: dict[int, TokenBucket] = {}  # the process's bucket per chat


class ChatPacedLimiter(AIORateLimiter):
    def __init__(
        self,
        per_chat: tuple[float, float] = BOT_PER_CHAT,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        chats: dict[int, TokenBucket] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.per_chat = per_chat
        self.clock = clock
        self.sleep = sleep
        self._chats = CHATS if chats is None else chats

    def reserve(self, endpoint: str, chat_id: object) -> float:
        """Book the chat's next slot for a send; returns how long to wait for it."""
        chat = chat_of(chat_id)
        if chat is None or endpoint.lower() not in SENDING_METHODS:
            return 0.0
        now = self.clock()
        if len(self._chats) > FORGET_AFTER:
            for forget in [c for c, b in self._chats.items() if b.full(now)]:
                del self._chats[forget]
        bucket = self._chats.setdefault(chat, TokenBucket(*self.per_chat))
        return bucket.reserve(now)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint.lower() not in SENDING_METHODS:
            # Edits, answers to taps, deletions: not messages, not under Telegram's 30 a
            # second (nor the stand-in's). Through AIORateLimiter they would share the 30
            # with the notices, and a report (two edits and a notice) would go at 10 a second.
            return await callback(*args, **kwargs)
        wait = self.reserve(endpoint, data.get("chat_id"))
        if wait > 0:
            await self.sleep(wait)
        for _ in range(REPLY_RETRIES if RETRY_REFUSED.get() else 0):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except RetryAfter as error:
                delay = retry_delay(error).total_seconds() + 0.1
                log.warning("429 on %s: sent again in %.1f s", endpoint, delay)
                await self.sleep(delay)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
