"""Start-up tried again while Telegram cannot be reached; a refused token is fatal; every
stop step has its deadline."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram.error import InvalidToken, TimedOut

from bot import lifecycle


async def test_start_is_tried_again_until_telegram_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lifecycle, "RETRY_SECONDS", (0.01,))
    failures = [TimedOut(), TimedOut()]
    tries: list[int] = []

    async def start() -> None:
        tries.append(1)
        if failures:
            raise failures.pop()

    assert await lifecycle.start_until_stopped(start, asyncio.Event()) is True
    assert len(tries) == 3


async def test_a_token_telegram_refuses_stops_start_up() -> None:
    async def start() -> None:
        raise InvalidToken("Unauthorized")

    with pytest.raises(InvalidToken):
        await lifecycle.start_until_stopped(start, asyncio.Event())


async def test_stop_during_a_try_that_hangs_ends_start_up_at_once() -> None:
    stop = asyncio.Event()

    async def start() -> None:
        await asyncio.sleep(3600)  # a Telegram that never answers

    asyncio.get_running_loop().call_later(0.05, stop.set)
    started = time.monotonic()
    assert await lifecycle.start_until_stopped(start, stop) is False
    assert time.monotonic() - started < 1


async def test_a_stop_step_that_hangs_is_given_up_after_its_deadline() -> None:
    started = time.monotonic()
    assert await lifecycle.bounded(asyncio.sleep(3600), 0.05, "polling") is False
    assert time.monotonic() - started < 1
    assert await lifecycle.bounded(asyncio.sleep(0), 0.05, "polling") is True


async def test_a_stop_step_that_fails_lets_the_next_steps_run() -> None:
    async def fails() -> None:
        raise RuntimeError("This Application is not running!")

    assert await lifecycle.bounded(fails(), 1, "the updates in hand") is False


def test_the_stop_deadlines_add_up_to_less_than_10_s() -> None:
    assert sum(lifecycle.STOP_SECONDS.values()) < 10
