"""Telegram's limits as token buckets: a burst, then one token per 1/rate seconds."""

from __future__ import annotations

import pytest

from backend.shared.rate import TokenBucket, chat_of, retry_after


@pytest.mark.parametrize(
    ("rate", "burst", "takes_at", "expected"),
    [
        # one a second, a burst of three: three at once, the fourth refused
        (1.0, 3.0, [0.0, 0.0, 0.0, 0.0], [True, True, True, False]),
        # ... and one more a second later
        (1.0, 3.0, [0.0, 0.0, 0.0, 0.0, 1.0, 1.0], [True, True, True, False, True, False]),
        # thirty a second, a burst of ten: the eleventh at once is refused, 1/30 s later not
        (30.0, 10.0, [0.0] * 11, [True] * 10 + [False]),
        (30.0, 10.0, [0.0] * 10 + [1 / 30], [True] * 11),
        # a long pause refills to the burst, never beyond it
        (1.0, 2.0, [0.0, 0.0, 100.0, 100.0, 100.0], [True, True, True, True, False]),
    ],
)
def test_take(rate: float, burst: float, takes_at: list[float], expected: list[bool]) -> None:
    bucket = TokenBucket(rate, burst)
    assert [bucket.take(t) for t in takes_at] == expected


def test_wait_says_when_the_next_token_is_there_and_takes_nothing() -> None:
    bucket = TokenBucket(1.0, 2.0)
    assert bucket.wait(0.0) == 0.0
    assert bucket.take(0.0) and bucket.take(0.0)
    assert bucket.wait(0.0) == 1.0
    assert bucket.wait(0.25) == 0.75
    assert bucket.take(1.0)


def test_reserve_books_tokens_not_there_yet() -> None:
    bucket = TokenBucket(1.0, 2.0)
    assert [bucket.reserve(0.0) for _ in range(5)] == [0.0, 0.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize(("wait", "seconds"), [(0.01, 1), (1.0, 1), (1.2, 2), (29.5, 30)])
def test_retry_after_is_whole_seconds_at_least_one(wait: float, seconds: int) -> None:
    assert retry_after(wait) == seconds


@pytest.mark.parametrize(
    ("given", "chat"), [(1003, 1003), ("1003", 1003), ("-100123", -100123), ("@kanal", None)]
)
def test_chat_of(given: object, chat: int | None) -> None:
    assert chat_of(given) == chat
