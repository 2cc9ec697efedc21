"""Replies to a user's own taps keep Telegram's one message a second per chat."""

from __future__ import annotations

import time

import pytest
from telegram.error import RetryAfter

from backend.shared.rate import TokenBucket
from backend.telegram_standin import TelegramStandin
from bot.answering import answering_bot
from bot.pacing import RETRY_REFUSED, ChatPacedLimiter
from tests.support.telegram import TOKEN

KARI = 1001


def test_sends_to_one_chat_get_a_burst_of_two_then_one_a_second() -> None:
    now = {"t": 0.0}
    limiter = ChatPacedLimiter(clock=lambda: now["t"], chats={})
    waits = [limiter.reserve("sendMessage", 1001) for _ in range(4)]
    assert waits == [0.0, 0.0, 1.0, 2.0]
    # Another chat has its own slots; edits, answers and chat-less calls are not paced.
    assert limiter.reserve("sendDocument", 1002) == 0.0
    assert limiter.reserve("editMessageText", 1001) == 0.0
    assert limiter.reserve("answerCallbackQuery", 1001) == 0.0
    assert limiter.reserve("getMe", None) == 0.0
    now["t"] = 10.0  # quiet for a while: the burst is back
    assert [limiter.reserve("sendMessage", "1001") for _ in range(3)] == [0.0, 0.0, 1.0]


def test_every_bot_object_in_a_process_shares_the_chat_buckets() -> None:
    chats: dict[int, TokenBucket] = {}
    handlers = ChatPacedLimiter(clock=lambda: 0.0, chats=chats)
    sender = ChatPacedLimiter(clock=lambda: 0.0, chats=chats)
    assert handlers.reserve("sendMessage", 7) == 0.0
    assert sender.reserve("sendMessage", 7) == 0.0
    assert handlers.reserve("sendMessage", 7) == 1.0


async def test_a_reply_refused_with_429_is_sent_after_retry_after(
    standin: TelegramStandin,
) -> None:
    # Two replicas answering at a peak pass Telegram's 30 a second together.
    async with answering_bot(TOKEN, standin.api_root) as bot:
        await standin.send_text(KARI, "/start", token=TOKEN)
        standin.inject_fault("sendMessage", 429, retry_after=1, chat_id=KARI)
        started = time.monotonic()
        token = RETRY_REFUSED.set(True)  # as bot/once.py does while it handles an update
        try:
            await bot.send_message(KARI, "Hei!")
        finally:
            RETRY_REFUSED.reset(token)
        assert time.monotonic() - started >= 1.0
    assert [m.text for m in standin.messages(KARI, token=TOKEN) if m.from_bot] == ["Hei!"]


async def test_outside_an_update_the_429_reaches_the_sender(standin: TelegramStandin) -> None:
    # The outbox sender and the staff's jobs put their rows back for retry_after themselves.
    async with answering_bot(TOKEN, standin.api_root) as bot:
        await standin.send_text(KARI, "/start", token=TOKEN)
        standin.inject_fault("sendMessage", 429, retry_after=1, chat_id=KARI)
        with pytest.raises(RetryAfter):
            await bot.send_message(KARI, "Hei!")
    assert [m.text for m in standin.messages(KARI, token=TOKEN) if m.from_bot] == []
