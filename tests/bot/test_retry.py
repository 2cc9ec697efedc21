"""Telegram's "retry after" is read the same whether PTB gives seconds or a timedelta."""

from __future__ import annotations

import warnings
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.retry import retry_delay


@pytest.mark.parametrize(
    ("given", "ptb_timedelta", "wait"),
    [
        (3, "", timedelta(seconds=3)),  # PTB 22: whole seconds
        (3, "1", timedelta(seconds=3)),  # PTB 22 with PTB_TIMEDELTA, and PTB 23: a timedelta
        (timedelta(seconds=2.5), "", timedelta(seconds=2.5)),
        (timedelta(seconds=2.5), "true", timedelta(seconds=2.5)),
        (timedelta(minutes=2), "", timedelta(minutes=2)),
    ],
)
def test_the_wait_is_a_timedelta_in_either_form(
    monkeypatch: pytest.MonkeyPatch, given: int | timedelta, ptb_timedelta: str, wait: timedelta
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", ptb_timedelta)
    error = RetryAfter(given)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reading it warns of nothing
        assert retry_delay(error) == wait
