"""Sends what the outbox holds through the bot, and records the outcome.

Pacing: Telegram allows about 30 messages a second overall and one a second per
private chat. PTB's AIORateLimiter (bot/app.py) holds only the overall limit, so
`Pacer` spaces every send itself: at least 1/30 s apart overall and 1 s apart per
chat. It holds within one process; two replicas each keep their own pace.

Windows: only rows whose delivery window is open now are claimed (staff reminders
on the unit's working days 08–16, nothing to participants 21–08; see
backend/outbox/windows.py).

Failures: a blocked bot (403) or a chat Telegram does not know marks the chat's
links blocked, fails the row, and a failed reminder is reported to the unit's
leaders once. Flood control (429) and network errors put the row back for later.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime, timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from backend.absence.notices import hold_for_digest
from backend.links import links as link_service
from backend.models import OutboxMessage
from backend.outbox import queue as outbox
from backend.outbox.catalog import render
from backend.outbox.recipients import chat_languages
from backend.reminders import Reason, open_windows, report_undeliverable
from bot.context import BotContext
from bot.notifications import buttons
from bot.retry import retry_delay
from bot.sending import send_long

log = logging.getLogger(__name__)
RETRY_LATER = timedelta(minutes=1)
# A handler's immediate send takes a few rows; the scheduler's tick takes the rest.
DELIVER_NOW_LIMIT = 20


class Pacer:
    """Spaces sends: `per_chat` seconds apart in one chat, 1/`overall` s apart in all."""

    def __init__(
        self,
        per_chat: float = 1.0,
        overall: float = 30.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.per_chat = per_chat
        self.gap = 1.0 / overall
        self.clock = clock
        self.sleep = sleep
        self._next_any = 0.0
        self._next_chat: dict[int, float] = {}

    def reserve(self, chat_id: int) -> float:
        """Book the next free slot for the chat; returns how long to wait for it."""
        now = self.clock()
        slot = max(now, self._next_any, self._next_chat.get(chat_id, now))
        self._next_any = slot + self.gap
        self._next_chat[chat_id] = slot + self.per_chat
        if len(self._next_chat) > 10_000:  # forget chats whose slot has passed
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
        return slot - now

    async def wait(self, chat_id: int) -> None:
        # Booked before awaiting, so concurrent senders in one loop never share a slot.
        delay = self.reserve(chat_id)
        if delay > 0:
            await self.sleep(delay)


PACER = Pacer()


def _chat_gone(error: BadRequest) -> bool:
    return "chat not found" in error.message.lower()


async def deliver_outbox(
    bot: Bot,
    now: datetime,
    *,
    limit: int = 200,
    pacer: Pacer | None = None,
    windows: Collection[str] | None = None,
    email: bool = False,
) -> int:
    """One pass: claim what is due, send it, mark it. Returns how many were sent.

    `now` is aware and in the service's zone; `windows` defaults to those open at
    `now`; `email` lets an undeliverable report reach a leader by e-mail.
    """
    pacer = pacer or PACER
    if windows is None:
        windows = await open_windows(now)
    claimed = await outbox.claim_due(now, limit, channel="telegram", windows=windows)
    # Absence notices of units that want a morning digest wait for the roster instead.
    claimed = await hold_for_digest(claimed, now)
    languages = await chat_languages([m.chat_id for m in claimed if m.chat_id is not None])
    sent = 0
    for message in claimed:
        assert message.chat_id is not None  # the claim took Telegram rows only
        try:
            text = render(
                message.template, message.params, languages.get(message.chat_id, message.language)
            )
            await pacer.wait(message.chat_id)
            language = languages.get(message.chat_id, message.language)
            await send_long(bot, message.chat_id, text, buttons(message, language))
        except RetryAfter as error:
            await outbox.mark_failed(message, str(error), retry_at=now + retry_delay(error))
        except Forbidden as error:
            await _unreachable(message, str(error), Reason.BLOCKED, now, email)
        except BadRequest as error:
            if _chat_gone(error):
                await _unreachable(message, str(error), Reason.CHAT_NOT_FOUND, now, email)
            else:
                log.error("outbox message %s refused: %s", message.id, error)
                await outbox.mark_failed(message, str(error), retry_at=None)
        except NetworkError as error:
            await outbox.mark_failed(message, str(error), retry_at=now + RETRY_LATER)
        except Exception as error:  # a template bug must not stop the other messages
            log.exception("outbox message %s failed", message.id)
            await outbox.mark_failed(message, repr(error), retry_at=None)
        else:
            await outbox.mark_sent(message, now)
            sent += 1
    return sent


async def _unreachable(
    message: OutboxMessage, error: str, reason: str, now: datetime, email: bool
) -> None:
    """The chat cannot be reached: stop writing to it, fail the row, tell a leader once."""
    assert message.chat_id is not None
    await link_service.mark_blocked(message.chat_id, now)
    await outbox.mark_failed(message, error, retry_at=None)
    await report_undeliverable(message, reason, now, email=email)


async def deliver_now(context: BotContext) -> None:
    """Send what a handler just wrote to the outbox, without waiting for the next tick."""
    await deliver_outbox(context.bot, context.now(), limit=DELIVER_NOW_LIMIT)
