"""Sending a text that may be longer than one Telegram message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message

from backend.shared.message_parts import split_message


async def send_long(
    bot: Bot,
    chat_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    pace: Callable[[], Awaitable[None]] | None = None,
    **kwargs: Any,
) -> Message:
    """Send `text` as one message, or as several split between lines when it is longer
    than Telegram allows; the buttons go with the last part. Returns the last message.
    `pace`, when given, is awaited before each part (the chat's next send slot)."""
    parts = split_message(text) or [text]
    for part in parts[:-1]:
        if pace is not None:
            await pace()
        await bot.send_message(chat_id, part, **kwargs)
    if pace is not None:
        await pace()
    return await bot.send_message(chat_id, parts[-1], reply_markup=reply_markup, **kwargs)
