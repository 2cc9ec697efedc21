"""Starting and stopping the bot within bounded time, whether or not Telegram answers.

Every call that may reach Telegram gets a deadline: on SIGTERM the process finishes the
updates in hand, releases leadership, lets go of Telegram and closes the database within
`STOP_SECONDS`, also when the Bot API is unreachable (its own retries take half a minute).
A start-up that cannot reach Telegram is tried again until it can, or until told to stop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

log = logging.getLogger(__name__)

# The sum of the stop steps below stays under 10 s, the time an orchestrator (docker,
# systemd) gives before SIGKILL.
STOP_SECONDS = {
    "web": 2.5,  # requests in flight (webhook calls among them) are answered
    "leadership": 1.5,  # the outbox sender stops and the lease is given up
    "polling": 2.0,  # polling: the update in hand, and the getUpdates that confirms it
    "updates": 2.0,  # the updates already taken are handled
    "telegram": 1.0,  # the HTTP client is closed
}
START_SECONDS = 15.0  # one try at getMe, the command menu, and polling or the webhook
RETRY_SECONDS = (2.0, 5.0, 10.0, 30.0, 60.0)

# Called on stop, before the updates in hand are finished: the scheduler has stopped and
# the process gives up the leader lease so that another replica takes over at once.
ReleaseLeadership = Callable[[], Awaitable[None]]


async def bounded(step: Awaitable[Any], seconds: float, what: str) -> bool:
    """Await `step` for at most `seconds`; a timeout or an error is logged, not raised."""
    try:
        async with asyncio.timeout(seconds):
            await step
        return True
    except TimeoutError:
        log.warning("stop: %s took longer than %g s; going on", what, seconds)
    except Exception as error:  # the next steps (and closing the database) still run
        log.warning("stop: %s failed: %s", what, type(error).__name__)
    return False


async def start_until_stopped(start: Callable[[], Awaitable[None]], stop: asyncio.Event) -> bool:
    """Run `start` until it succeeds (True) or `stop` is set first (False).

    Telegram unreachable (NetworkError, TimedOut, or no answer in START_SECONDS) is
    tried again after a pause; a token Telegram refuses is fatal.
    """
    attempt = 0
    while not stop.is_set():
        trying = asyncio.ensure_future(_within(start(), START_SECONDS))
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({trying, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not trying.done():
            trying.cancel()
            await asyncio.gather(trying, return_exceptions=True)
            return False
        error = trying.exception()
        if error is None:
            return True
        if isinstance(error, InvalidToken) or not isinstance(error, NetworkError | TimeoutError):
            raise error
        pause = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
        log.warning("Telegram cannot be reached (%s); trying again in %g s",
                    type(error).__name__, pause)  # fmt: skip
        attempt += 1
        try:
            async with asyncio.timeout(pause):
                await stop.wait()
        except TimeoutError:
            pass
    return False


async def _within(step: Awaitable[None], seconds: float) -> None:
    async with asyncio.timeout(seconds):
        await step


async def stop_bot(
    bot_app: Application,
    *,
    stop_web: Callable[[], Awaitable[None]],
    polling: asyncio.Task[None] | None = None,
    release_leadership: ReleaseLeadership | None = None,
) -> None:
    """Stop taking updates, finish those in hand, release leadership, let go of Telegram."""
    await bounded(stop_web(), STOP_SECONDS["web"], "the web server")
    if release_leadership is not None:
        await bounded(release_leadership(), STOP_SECONDS["leadership"], "releasing leadership")
    if polling is not None:  # it ends at `stop` once the update in hand is handled
        await bounded(polling, STOP_SECONDS["polling"], "polling")
    if bot_app.running:
        await bounded(bot_app.stop(), STOP_SECONDS["updates"], "the updates in hand")
    if not bot_app.running:
        await bounded(bot_app.shutdown(), STOP_SECONDS["telegram"], "closing the bot")
