"""Telegram's limits as token buckets, shared by the sender and the local stand-in.

Telegram allows a bot about 30 messages a second overall and about one a second in
one chat, tolerating short bursts before it answers 429 with `retry_after`. A token
bucket models that: it holds up to `burst` tokens, gains `rate` a second, and each
message takes one. Pure: the caller gives the time (seconds, any monotonic origin).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# The stand-in's model of Telegram (backend.telegram_standin): 30 a second overall with
# a burst of 10, one a second per chat with a burst of 3.
TELEGRAM_OVERALL = (30.0, 10.0)
TELEGRAM_PER_CHAT = (1.0, 3.0)
# What the bot allows itself per chat: one token less of burst than Telegram, so that
# requests bunched together on the way still arrive within Telegram's bucket.
BOT_PER_CHAT = (1.0, 2.0)
# The Bot API methods that send a message (lower case): the only ones the limits count.
SENDING_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "sendaudio",
        "sendvoice",
        "sendvideo",
        "sendvideonote",
        "sendanimation",
        "sendsticker",
        "sendmediagroup",
        "sendlocation",
        "sendvenue",
        "sendcontact",
        "sendpoll",
        "senddice",
        "sendinvoice",
        "copymessage",
        "copymessages",
        "forwardmessage",
        "forwardmessages",
    }
)


@dataclass
class TokenBucket:
    rate: float  # tokens gained a second
    burst: float  # tokens held at most
    tokens: float = field(default=-1.0)  # -1: starts full
    at: float | None = None  # when `tokens` was counted

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.burst

    def _refill(self, now: float) -> None:
        if self.at is not None and now > self.at:
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        if self.at is None or now > self.at:
            self.at = now

    def take(self, now: float) -> bool:
        """Take a token if one is there now."""
        self._refill(now)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def wait(self, now: float) -> float:
        """Seconds until a token is there (0 when one is there now); takes nothing."""
        self._refill(now)
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def reserve(self, now: float) -> float:
        """Book the next token, also one not there yet; returns the seconds to wait for it."""
        self._refill(now)
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0.0 else -self.tokens / self.rate

    def full(self, now: float) -> bool:
        """Whether the bucket is full again (it can be forgotten)."""
        self._refill(now)
        return self.tokens >= self.burst


def retry_after(wait: float) -> int:
    """Telegram's `retry_after`: whole seconds, at least one."""
    return max(1, math.ceil(wait))


def chat_of(chat_id: object) -> int | None:
    """A Bot API `chat_id` as a number (it may come as text); None for none or a @name."""
    try:
        return int(str(chat_id)) if chat_id is not None else None
    except ValueError:
        return None
