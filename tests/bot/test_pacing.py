"""Replies to a user's own taps keep Telegram's one message a second per chat."""

from __future__ import annotations

from backend.shared.rate import TokenBucket
from bot.pacing import ChatPacedLimiter


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
