"""The one path every update takes, by webhook or by polling: handled once, confirmed after.

`OnceOnly.handle(update)` takes the update in the database (`backend.updates`), runs the
Application's handlers on it with a heartbeat beside them, and marks it done. Its answer
says whether Telegram may forget the update (webhook: 2xx; polling: the offset moves past
it) or must deliver it again:

- HANDLED: the handlers ran, or one failed and the user got the apology (`on_error`);
- ALREADY: handled before (a redelivery): nothing is changed and nothing sent;
- BUSY: another live replica is handling it right now; ask again later;
- FAILED: a handler failed and nobody was told: the row is released, the next delivery
  handles the update afresh.

The error handler reports to the update being handled through `handling_failed()` and
`apologised()`: PTB's `process_update` keeps handler errors to itself.
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
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from backend.shared.db import is_database_failure
from backend.shared.i18n import N_, gettext_for, normalise_language
from backend.updates import once
from backend.updates.rules import HEARTBEAT_EVERY, Verdict, takes
from bot.answering import answer_if_open
from bot.pacing import RETRY_REFUSED
from bot.throttle import Arrivals

log = logging.getLogger(__name__)
# Also what the error handler says when a handler finds the database down (bot/app.py).
UNAVAILABLE = N_("Tjenesten er utilgjengelig akkurat nå. Prøv igjen senere.")

FORGET_EVERY_SECONDS = 3600.0


class Answer(StrEnum):
    HANDLED = "handled"
    ALREADY = "already"
    BUSY = "busy"
    FAILED = "failed"

    @property
    def status(self) -> int:
        """The webhook's HTTP answer: Telegram delivers again on anything but 2xx."""
        return _STATUS[self]

    @property
    def confirms(self) -> bool:
        """Whether Telegram may forget the update (2xx, or the polling offset past it)."""
        return 200 <= self.status < 300


_STATUS = {Answer.HANDLED: 200, Answer.ALREADY: 200, Answer.BUSY: 503, Answer.FAILED: 500}


@dataclass
class _Outcome:
    failed: bool = False
    apologised: bool = False


_OUTCOME: ContextVar[_Outcome | None] = ContextVar("frammote_update_outcome", default=None)


def handling_failed() -> None:
    """A handler of the update being handled raised (called by the error handler)."""
    outcome = _OUTCOME.get()
    if outcome is not None:
        outcome.failed = True


def apologised() -> None:
    """The user was told that it went wrong and to try again: the update is handled."""
    outcome = _OUTCOME.get()
    if outcome is not None:
        outcome.apologised = True


def holder_name() -> str:
    """This process among the replicas: host, process id and a random part (a restarted
    process with a recycled id is another holder)."""
    return f"{socket.gethostname()[:64]}:{os.getpid()}:{secrets.token_hex(4)}"


class OnceOnly:
    """Handles updates through the Application, each once across every replica."""

    def __init__(
        self,
        app: Application,
        *,
        holder: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        heartbeat_every: float = HEARTBEAT_EVERY.total_seconds(),
    ) -> None:
        self.app = app
        self.holder = holder or holder_name()
        self.clock = clock
        self.heartbeat_every = heartbeat_every
        self._forgot_at: float | None = None

    def arrived(self, update: Update) -> None:
        """Note when the update came in (the flood guard counts arrivals, bot/throttle.py)."""
        arrivals = self.app.bot_data.get("arrivals")
        if isinstance(arrivals, Arrivals):
            arrivals.note(update.update_id)

    async def handle(self, update: Update) -> Answer:
        """Handle the update unless it was handled or is in hand; see the module."""
        self.arrived(update)  # a poller noted it at fetching; a webhook call arrives now
        await self._forget_old()
        update_id = update.update_id
        try:
            verdict = await once.take(update_id, self.holder, self.clock())
        except Exception as error:
            if not is_database_failure(error):
                raise
            # Nothing can be handled while the database takes no writes: say so, and let
            # Telegram forget the tap (the user tries again), as after any apology.
            log.error("update %s: the database takes no writes", update_id)
            return Answer.HANDLED if await self._tell_unavailable(update) else Answer.FAILED
        if not takes(verdict):
            return Answer.ALREADY if verdict is Verdict.ALREADY else Answer.BUSY
        if verdict is Verdict.TAKE_OVER:
            log.warning(
                "update %s: its holder died while handling it; handling it again", update_id
            )
        outcome = _Outcome()
        token = _OUTCOME.set(outcome)
        retrying = RETRY_REFUSED.set(True)  # a reply refused with 429 is sent after the wait
        beating = asyncio.create_task(self._beat(update_id))
        try:
            # Through the Application's update processor: its concurrency setting holds.
            processor = self.app.update_processor
            await processor.process_update(update, self.app.process_update(update))
        except Exception:  # PTB keeps handler errors to itself; this is PTB's own trouble
            log.exception("update %s could not be processed", update_id)
            outcome.failed = True
        finally:
            _OUTCOME.reset(token)
            RETRY_REFUSED.reset(retrying)
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating
        try:
            if outcome.failed and not outcome.apologised:
                await once.release(update_id, self.holder)
                return Answer.FAILED
            await once.finish(update_id, self.holder, self.clock())
        except Exception as error:
            if not is_database_failure(error):
                raise
            # Handled (or the user told to try again), but the database took no note:
            # confirmed all the same, as a redelivery could do no better.
            log.error("update %s: handled, but the database takes no writes", update_id)
            return Answer.FAILED if outcome.failed and not outcome.apologised else Answer.HANDLED
        return Answer.HANDLED

    async def _tell_unavailable(self, update: Update) -> bool:
        """'Try again later' in the user's language (from Telegram: the database is down)."""
        chat = update.effective_chat
        if chat is None:
            return False
        user = update.effective_user
        _ = gettext_for(normalise_language(user.language_code if user else None))
        try:
            await answer_if_open(update, self.app.bot)
            await self.app.bot.send_message(chat.id, _(UNAVAILABLE))
        except TelegramError as error:
            log.warning("update %s: could not say the service is down: %s", update.update_id, error)
            return False
        return True

    async def _beat(self, update_id: int) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_every)
            try:
                if not await once.beat(update_id, self.holder, self.clock()):
                    log.warning("update %s was taken over while still in hand", update_id)
                    return
            except Exception:  # the next beat may get through; a stale row is taken over
                log.exception("update %s: heartbeat failed", update_id)

    async def _forget_old(self) -> None:
        now = time.monotonic()
        if self._forgot_at is not None and now - self._forgot_at < FORGET_EVERY_SECONDS:
            return
        self._forgot_at = now
        forgotten = await once.forget_old(self.clock())
        if forgotten:
            log.info("forgot %s updates handled long ago", forgotten)
