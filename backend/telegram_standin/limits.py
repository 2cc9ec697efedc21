"""Telegram's flood limits, per bot token across all its clients.

Telegram allows a bot about 30 messages a second overall and about one a second in one
chat; short bursts pass, then it answers 429 `Too Many Requests: retry after N` with
`parameters.retry_after`. Modelled as token buckets (backend.shared.rate):

    overall, per token:          30 a second, burst 10
    per chat, per token:          1 a second, burst 3

Only sending methods count (sendMessage, sendDocument, sendPhoto, …); edits, deletes,
answerCallbackQuery and the rest do not. Only a message sent takes a token: a refused
or malformed request takes none.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from backend.shared.rate import (
    SENDING_METHODS,
    TELEGRAM_OVERALL,
    TELEGRAM_PER_CHAT,
    TokenBucket,
    chat_of,
    retry_after,
)

from .state import ApiError


@dataclass(frozen=True)
class Refusal:
    """One 429 the stand-in answered."""

    method: str
    chat_id: int | None
    retry_after: int


class FloodLimits:
    def __init__(
        self,
        overall: tuple[float, float] = TELEGRAM_OVERALL,
        per_chat: tuple[float, float] = TELEGRAM_PER_CHAT,
        *,
        clock: Callable[[], float] = time.monotonic,
        enabled: bool = True,
    ) -> None:
        self.overall = overall
        self.per_chat = per_chat
        self.clock = clock
        self.enabled = enabled
        self.refused: list[Refusal] = []
        self._overall: dict[str, TokenBucket] = {}
        self._chats: dict[tuple[str, int | None], TokenBucket] = {}

    def _buckets(self, token: str, chat: int | None) -> tuple[TokenBucket, TokenBucket]:
        overall = self._overall.setdefault(token, TokenBucket(*self.overall))
        in_chat = self._chats.setdefault((token, chat), TokenBucket(*self.per_chat))
        return overall, in_chat

    def check(self, token: str, method: str, chat_id: object) -> None:
        """Raise Telegram's 429 when a message now would be over either limit."""
        if not self.enabled or method not in SENDING_METHODS:
            return
        chat = chat_of(chat_id)
        overall, in_chat = self._buckets(token, chat)
        now = self.clock()
        wait = max(overall.wait(now), in_chat.wait(now))
        if wait > 0:
            seconds = retry_after(wait)
            self.refused.append(Refusal(method, chat, seconds))
            raise ApiError(
                429,
                f"Too Many Requests: retry after {seconds}",
                {"retry_after": seconds},
            )

    def count(self, token: str, method: str, chat_id: object) -> None:
        """A message was sent: it takes a token from both buckets."""
        if not self.enabled or method not in SENDING_METHODS:
            return
        overall, in_chat = self._buckets(token, chat_of(chat_id))
        now = self.clock()
        overall.reserve(now)
        in_chat.reserve(now)
        if len(self._chats) > 100_000:  # forget chats whose bucket is full again
            self._chats = {k: b for k, b in self._chats.items() if not b.full(now)}
