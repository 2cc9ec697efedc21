"""Instants are stored and compared in UTC.

Tortoise does not convert filter values on SQLite: an Oslo-time value compared
with a stored UTC string gives wrong answers, so every instant is made UTC here first.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in the database")
    return moment.astimezone(UTC)
