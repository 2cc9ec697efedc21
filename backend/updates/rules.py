"""Each Telegram update handled once: what to do with an update, given what is stored of it.

A replica that takes an update writes a row for its `update_id` (state `handling`, its own
name as the holder) and beats a heartbeat on it while it works; it marks it `done` once the
update is handled. A delivery of the same update again (Telegram redelivers whatever was not
answered 2xx, a poller reads it again after a restart) looks at that row first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# The holder beats this often while it handles an update ...
HEARTBEAT_EVERY = timedelta(seconds=2)
# ... and a holder silent this long has died: another replica takes the update over.
STALE_AFTER = timedelta(seconds=10)
# Telegram keeps an unanswered update for 24 hours; a done row is kept a day longer.
KEEP_DONE = timedelta(days=2)


class UpdateState(StrEnum):
    HANDLING = "handling"
    DONE = "done"


class Verdict(StrEnum):
    HANDLE = "handle"  # nobody has it: take it and handle it
    TAKE_OVER = "take_over"  # its holder died in the middle: take it and handle it again
    ALREADY = "already"  # handled before: change nothing, send nothing, answer 2xx
    BUSY = "busy"  # a live holder is handling it right now: answer 503, Telegram asks later


@dataclass(frozen=True)
class Seen:
    """What is stored of an update: its state and its holder's last heartbeat."""

    state: UpdateState
    heartbeat_at: datetime


def verdict(seen: Seen | None, now: datetime, stale_after: timedelta = STALE_AFTER) -> Verdict:
    """What to do with an update delivered at `now`, given its stored row (None: no row)."""
    if seen is None:
        return Verdict.HANDLE
    if seen.state is UpdateState.DONE:
        return Verdict.ALREADY
    if now - seen.heartbeat_at > stale_after:
        return Verdict.TAKE_OVER
    return Verdict.BUSY


def takes(verdict: Verdict) -> bool:
    """Whether the replica now holds the update and is to handle it."""
    return verdict in (Verdict.HANDLE, Verdict.TAKE_OVER)
