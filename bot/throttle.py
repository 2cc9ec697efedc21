"""A per-user flood guard: too many updates in a short window are dropped, with one warning.

Updates count when they arrived, not when they are handled: the bot answers one chat at
most about once a second (bot/pacing.py), so a burst of updates from one user is handled
slowly, and counting at handling time would never see it. `Arrivals` notes when each
update came in: fetched by the poller, or posted to the webhook (bot/once.py).
"""

from __future__ import annotations

import time
from collections import OrderedDict, defaultdict, deque
from enum import Enum

REMEMBER = 10_000


class Arrivals:
    """When each update arrived (monotonic seconds), by its id; the first note counts."""

    def __init__(self) -> None:
        self.arrived: OrderedDict[int, float] = OrderedDict()

    def note(self, update_id: int) -> None:
        if update_id not in self.arrived:
            self.arrived[update_id] = time.monotonic()
            if len(self.arrived) > REMEMBER:
                self.arrived.popitem(last=False)

    def arrival(self, update_id: int) -> float:
        """When the update arrived; now for one that did not come through this queue."""
        return self.arrived.pop(update_id, None) or time.monotonic()


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
