"""A per-user flood guard: too many updates in a short window are dropped, with one warning."""

from __future__ import annotations

from collections import defaultdict, deque
from enum import Enum


class Verdict(Enum):
    OK = "ok"
    WARN = "warn"
    DROP = "drop"


class FloodGuard:
    def __init__(self, limit: int = 20, window_seconds: float = 10.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._seen: dict[int, deque[float]] = defaultdict(deque)
        self._warned: set[int] = set()

    def check(self, user_id: int, now: float) -> Verdict:
        seen = self._seen[user_id]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            self._warned.discard(user_id)
            return Verdict.OK
        if user_id in self._warned:
            return Verdict.DROP
        self._warned.add(user_id)
        return Verdict.WARN
