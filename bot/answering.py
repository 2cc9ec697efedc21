"""The bot that answers each button tap exactly once.

Telegram accepts one answerCallbackQuery per query; a second one is refused with
"Bad Request: query is too old and response timeout expired or query ID is invalid",
and a handler that lets that error through breaks the button ("noe gikk galt").
A handler that answers, then calls a shared screen that answers again, is easy to
write and hard to see, so the rule is kept by construction, in the one place every
answer goes through:

- `AnsweringBot.answer_callback_query` (which `CallbackQuery.answer()` also calls)
  sends the first answer to a query and drops any later one for the same query,
  with a warning in the log, instead of asking Telegram twice. The first answer
  stands: a handler that wants an alert gives it as its first answer.
- `answer_if_open` answers a query nobody answered (after the handlers and in the
  error handler), so the user's spinner always stops.

The ids answered are kept per process, the most recent `REMEMBER` of them; Telegram
refuses answers to a query after a few minutes anyway. A tap delivered again after the
process that took it died (bot/once.py), or delivered late, finds its query answered or
expired: Telegram's refusal is logged and the handler goes on to its reply.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from telegram import Bot, Message, Update
from telegram.error import BadRequest
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.pacing import ChatPacedLimiter
from bot.read_aloud import ReadAloud

log = logging.getLogger(__name__)

REMEMBER = 10_000
# PTB's own default for the Application's bot (ApplicationBuilder): many handlers at once.
CONNECTION_POOL_SIZE = 256


class AnsweringBot(ExtBot[Any]):
    """An ExtBot that never answers one callback query twice (see the module), and that
    follows each text to a chat with "🔊 Les opp" by its voice note (bot/read_aloud.py)."""

    __slots__ = ("_answered", "_read_aloud")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._answered: OrderedDict[str, None] = OrderedDict()
        self._read_aloud: ReadAloud | None = None
        super().__init__(*args, **kwargs)

    def read_aloud_with(self, reader: ReadAloud | None) -> None:
        """Voice notes after texts from now on (None: no more)."""
        with self._unfrozen():
            self._read_aloud = reader

    async def send_message(  # type: ignore[override]
        self, chat_id: int | str, text: str, *args: Any, **kwargs: Any
    ) -> Message:
        sent = await super().send_message(chat_id, text, *args, **kwargs)
        if self._read_aloud is not None:
            await self._read_aloud.follow(self, chat_id, text)
        return sent

    async def edit_message_text(  # type: ignore[override]
        self, text: str, chat_id: int | str | None = None, *args: Any, **kwargs: Any
    ) -> Message | bool:
        edited = await super().edit_message_text(text, chat_id, *args, **kwargs)
        if self._read_aloud is not None and chat_id is not None:
            await self._read_aloud.follow(self, chat_id, text)
        return edited

    def answered(self, callback_query_id: str) -> bool:
        return callback_query_id in self._answered

    async def answer_callback_query(  # type: ignore[override]
        self, callback_query_id: str, text: str | None = None, *args: Any, **kwargs: Any
    ) -> bool:
        if callback_query_id in self._answered:
            # The answer's text is not logged: it may name a person.
            log.warning("callback query %s answered twice; the later answer is not sent",
                        callback_query_id)  # fmt: skip
            return True
        self._answered[callback_query_id] = None
        if len(self._answered) > REMEMBER:
            self._answered.popitem(last=False)
        try:
            return await super().answer_callback_query(callback_query_id, text, *args, **kwargs)
        except BadRequest as error:
            if not _query_closed(error):
                raise
            # A tap delivered again (after a crash) or late: another process answered it,
            # or Telegram no longer takes an answer. The reply that follows still matters.
            log.warning("callback query %s could not be answered: %s", callback_query_id, error)
            return False


async def read_aloud_ended(bot: Bot, chat_id: int, text: str, language: str) -> None:
    """A chat has just turned read-aloud off: `text`, the confirmation, is its last voice
    note (bot/read_aloud.py), for one who listens rather than reads."""
    if isinstance(bot, AnsweringBot) and bot._read_aloud is not None:
        await bot._read_aloud.farewell(bot, chat_id, text, language)


def _query_closed(error: BadRequest) -> bool:
    """Telegram's refusal of an answer to a query answered before or too old."""
    text = error.message.lower()
    return "query is too old" in text or "query id is invalid" in text


def answering_bot(token: str, api_url: str) -> AnsweringBot:
    """The Application's bot, pointed at `api_url`, holding Telegram's overall limits."""
    return AnsweringBot(
        token,
        base_url=f"{api_url}/bot",
        base_file_url=f"{api_url}/file/bot",
        request=HTTPXRequest(connection_pool_size=CONNECTION_POOL_SIZE),
        get_updates_request=HTTPXRequest(),
        # Holds Telegram's limits for every request: 30 messages a second overall
        # (AIORateLimiter) and one a second per chat (bot/pacing.py).
        rate_limiter=ChatPacedLimiter(),
    )


async def answer_if_open(update: object, bot: object) -> None:
    """Answer the update's callback query if no handler did, so the spinner stops."""
    if not isinstance(update, Update) or update.callback_query is None:
        return
    query = update.callback_query
    if isinstance(bot, AnsweringBot) and not bot.answered(query.id):
        await query.answer()
