"""Holding back guessing: too many refused attempts in a while, and the next is refused unseen.

One mechanism for every guessable secret: wrong invite codes (per chat, and across all
chats) and refused sign-ins (per address, for sign-in links and `/api/sessions`). The
attempts are rows in the database, so every replica sees the same count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.models import Model
from tortoise.queryset import QuerySet

from backend.shared.clock import utc


@dataclass(frozen=True)
class Limit:
    most: int  # refused attempts allowed within the window
    within: timedelta

    def reached(self, attempts: int) -> bool:
        return attempts >= self.most


async def reached(attempts: QuerySet[Model], limit: Limit, now: datetime) -> bool:
    """True when the attempts (rows with an `at` instant) in the window reach the limit."""
    return limit.reached(await attempts.filter(at__gte=utc(now - limit.within)).count())
