"""What to do with a delivered update, given its stored row (pure), table-driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.updates.rules import Seen, UpdateState, Verdict, takes, verdict

NOW = datetime(2026, 4, 7, 8, 0, tzinfo=UTC)
S = timedelta(seconds=1)
HANDLING, DONE = UpdateState.HANDLING, UpdateState.DONE


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        (None, Verdict.HANDLE),  # never seen: take it
        (Seen(DONE, NOW - 5 * S), Verdict.ALREADY),  # handled: nothing again
        (Seen(DONE, NOW - 3 * 86400 * S), Verdict.ALREADY),  # long ago still counts
        (Seen(HANDLING, NOW), Verdict.BUSY),  # its holder beat just now
        (Seen(HANDLING, NOW - 10 * S), Verdict.BUSY),  # 10 s silent: still alive
        (Seen(HANDLING, NOW - 11 * S), Verdict.TAKE_OVER),  # 11 s silent: died
        (Seen(HANDLING, NOW - 3600 * S), Verdict.TAKE_OVER),
        (Seen(HANDLING, NOW + 2 * S), Verdict.BUSY),  # another host's clock a bit ahead
    ],
)
def test_verdict(seen: Seen | None, expected: Verdict) -> None:
    assert verdict(seen, NOW) is expected


@pytest.mark.parametrize(
    ("stale_after", "expected"),
    [(timedelta(seconds=30), Verdict.BUSY), (timedelta(seconds=5), Verdict.TAKE_OVER)],
)
def test_verdict_with_another_staleness(stale_after: timedelta, expected: Verdict) -> None:
    assert verdict(Seen(HANDLING, NOW - 11 * S), NOW, stale_after) is expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (Verdict.HANDLE, True),
        (Verdict.TAKE_OVER, True),
        (Verdict.ALREADY, False),
        (Verdict.BUSY, False),
    ],
)
def test_takes(found: Verdict, expected: bool) -> None:
    assert takes(found) is expected
