"""The real bot over HTTP against the local Telegram stand-in, with a settable clock.

`chat = bot.chat(1001, "Kari")`; `await chat.send("/start")` returns the bot's
answer; `await chat.tap("Syk")` presses a button on the bot's latest message and
returns what the bot shows next.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backend.shared.config import Settings, load_settings
from backend.telegram_standin import SentMessage, TelegramStandin
from bot.app import build_application
from bot.delivery import SENDER, OutboxSender, deliver_outbox
from bot.once import OnceOnly
from bot.polling import Poller

TOKEN = "123456789:TEST-token-for-the-stand-in"
OSLO = ZoneInfo("Europe/Oslo")


@dataclass
class Clock:
    """Local time as the bot sees it; tests move it."""

    now: datetime = field(default_factory=lambda: datetime(2026, 4, 7, 8, 0, tzinfo=OSLO))

    def __call__(self) -> datetime:
        return self.now

    def set(self, *args: int) -> None:
        self.now = datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


@dataclass
class Chat:
    """One Telegram user talking to the bot."""

    standin: TelegramStandin
    user_id: int
    first_name: str
    language_code: str = "nb"

    async def send(self, text: str) -> SentMessage:
        await self.standin.send_text(
            self.user_id, text, first_name=self.first_name, language_code=self.language_code
        )
        return await self.next()

    async def next(self) -> SentMessage:
        return await self.standin.wait_for(self.user_id, timeout=5.0)

    def last(self) -> SentMessage:
        return [m for m in self.standin.messages(self.user_id) if m.from_bot and not m.deleted][-1]

    def buttons(self, message: SentMessage | None = None) -> list[str]:
        return [text for text, _data in self.standin.buttons(message or self.last())]

    async def tap(self, button_text: str, message: SentMessage | None = None) -> SentMessage:
        await self.standin.press(self.user_id, message or self.last(), button_text)
        return await self.next()

    async def tap_data(self, message: SentMessage, data: str) -> None:
        """Send any callback data, as a stale or tampered client could."""
        await self.standin.tap(self.user_id, message.message_id, data, force=True)

    def received(self) -> list[str]:
        return [m.text for m in self.standin.messages(self.user_id) if m.from_bot]


@dataclass
class RunningBot:
    standin: TelegramStandin
    clock: Clock
    settings: Settings

    def chat(self, user_id: int, first_name: str, language_code: str = "nb") -> Chat:
        return Chat(self.standin, user_id, first_name, language_code)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def standin() -> AsyncIterator[TelegramStandin]:
    """The stand-in, holding Telegram's flood limits: a test that draws a 429 fails."""
    async with TelegramStandin(bot_username="frammote_test_bot") as server:
        yield server
        assert server.too_many_requests == [], "Telegram's flood limits were exceeded"


@pytest.fixture
async def bot(
    db: str, standin: TelegramStandin, clock: Clock, tmp_path: Path
) -> AsyncIterator[RunningBot]:
    """The real PTB Application, polling the stand-in over HTTP as `frammote run` does:
    each update handled once (bot/once.py), confirmed only after (bot/polling.py); with the
    outbox sender that handlers wake (it has no tick of its own: tests that move the clock
    send the outbox themselves, with `deliver_outbox`)."""
    env = {
        "TELEGRAM_API_URL": standin.api_root,
        "DATABASE_URL": db,
        "FRAMMOTE_VOICE_CACHE": str(tmp_path / "voice"),
    }
    settings = load_settings(env=env, env_file=None)
    app = build_application(settings, TOKEN, clock=clock)
    once_only = OnceOnly(app)
    poller = Poller(app.bot, once_only.handle, timeout=1, pause=0.05, arrived=once_only.arrived)
    stop = asyncio.Event()
    sender = OutboxSender(lambda: deliver_outbox(app.bot, clock()), every=None)
    app.bot_data[SENDER] = sender
    async with app, sender:
        await app.start()
        polling = asyncio.create_task(poller.run(stop))
        try:
            yield RunningBot(standin, clock, settings)
        finally:
            stop.set()
            await polling
            await app.stop()
