"""A chat's voice notes against the Telegram stand-in, with a plain PTB bot: one note per
chat, the latest text's, also when two texts come at once and the first is slower to
make; another chat's note is left alone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest
from telegram import Bot

from backend.telegram_standin import TelegramStandin
from backend.voice.speech import VoiceMaker
from bot.read_aloud import ReadAloud

TOKEN = "123456:TEST-token_abcdefghij"
KARI, OLA = 1001, 1002


class Tones:
    """An engine that says every text as a one-second tone, "Første" after a pause."""

    name = "tones"

    def voice_for(self, language: str) -> str | None:
        return "a"

    async def speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        if text.startswith("Første"):
            await asyncio.sleep(0.5)
        pitch = 300 + 10 * len(text)
        wave = 0.3 * np.sin(np.arange(48_000) * 2 * np.pi * pitch / 48_000)
        return wave.astype(np.float32), 48_000


@pytest.fixture
async def standin() -> AsyncIterator[TelegramStandin]:
    async with TelegramStandin() as server:
        await server.send_text(KARI, "hei", token=TOKEN)
        await server.send_text(OLA, "hei", token=TOKEN)
        yield server


@pytest.fixture
async def bot(standin: TelegramStandin) -> AsyncIterator[Bot]:
    root = standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as b:
        yield b


def notes_shown(standin: TelegramStandin, chat: int) -> list[int]:
    return [m.message_id for m in standin.messages(chat) if m.voice and not m.deleted]


async def test_each_chat_keeps_its_latest_note(
    standin: TelegramStandin, bot: Bot, tmp_path: Path
) -> None:
    reader = ReadAloud(VoiceMaker(tmp_path, [Tones()]))
    await reader.farewell(bot, KARI, "Hei, Kari!", "nb")
    await reader.farewell(bot, OLA, "Hei, Ola!", "nb")
    await reader.farewell(bot, KARI, "Hva vil du gjøre?", "nb")
    assert notes_shown(standin, KARI) == [3]  # 1 "hei", 2 the first note, deleted
    assert notes_shown(standin, OLA) == [2]
    # Nothing to say (only an emoji): the note before goes all the same, none comes.
    await reader.farewell(bot, KARI, "👍", "nb")
    assert notes_shown(standin, KARI) == []
    assert notes_shown(standin, OLA) == [2]


async def test_of_two_texts_at_once_the_later_ones_note_is_kept(
    standin: TelegramStandin, bot: Bot, tmp_path: Path
) -> None:
    maker = VoiceMaker(tmp_path, [Tones()])
    reader = ReadAloud(maker)
    first = asyncio.create_task(reader.farewell(bot, KARI, "Første tekst.", "nb"))
    await asyncio.sleep(0.05)
    await reader.farewell(bot, KARI, "Andre tekst.", "nb")
    await first
    second = maker.plan("Andre tekst.", "nb")
    assert second is not None
    shown = [m for m in standin.messages(KARI) if m.voice and not m.deleted]
    assert [m.voice["content"] for m in shown] == [
        (tmp_path / second[2][:2] / f"{second[2]}.ogg").read_bytes()
    ]
    # The first text's note was made, but never sent: it was out of date.
    assert maker.made == 2
    assert len([m for m in standin.messages(KARI) if m.voice]) == 1
