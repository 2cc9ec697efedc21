"""The stand-in's sendVoice, as strict as Telegram: an upload (multipart) of OGG/Opus, MP3
or M4A, or the file_id of a voice note; the caption's 1,024 characters; the flood limits;
the file served to the demo page."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import numpy as np
import pytest
from telegram import Bot
from telegram.error import BadRequest, RetryAfter

from backend.telegram_standin import TelegramStandin
from backend.voice.speech import encode_opus

TOKEN = "123456:TEST-token_abcdefghij"
KARI = 1001


def tone(seconds: float) -> bytes:
    """A real Ogg Opus file of `seconds`."""
    rate = 24_000
    samples = 0.3 * np.sin(np.arange(int(rate * seconds)) * 2 * np.pi * 440 / rate)
    return encode_opus(samples.astype(np.float32), rate)[0]


@pytest.fixture
async def standin() -> AsyncIterator[TelegramStandin]:
    async with TelegramStandin() as server:
        await server.send_text(KARI, "hei", token=TOKEN)
        yield server


@pytest.fixture
async def bot(standin: TelegramStandin) -> AsyncIterator[Bot]:
    root = standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as b:
        yield b


async def test_an_uploaded_voice_note_and_its_file_id(standin: TelegramStandin, bot: Bot) -> None:
    ogg = tone(2.6)
    sent = await bot.send_voice(KARI, ogg, filename="frammote.ogg")
    assert sent.voice is not None
    # No duration given: read from the Ogg stream, as Telegram does.
    assert standin.messages(KARI)[-1].voice["duration"] == 3  # type: ignore[index]
    assert sent.voice.mime_type == "audio/ogg" and sent.voice.file_size == len(ogg)
    stored = standin.messages(KARI)[-1].voice
    assert stored is not None and stored["content"] == ogg
    file = await bot.get_file(sent.voice.file_id)
    assert bytes(await file.download_as_bytearray()) == ogg

    again = await bot.send_voice(KARI, sent.voice.file_id, duration=2)
    assert again.voice is not None and again.voice.file_id == sent.voice.file_id
    assert standin.messages(KARI)[-1].voice["duration"] == 2  # type: ignore[index]


async def test_what_is_not_a_voice_note_is_refused(standin: TelegramStandin, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)wrong type of the file"):
        await bot.send_voice(KARI, b"%PDF-1.7 not sound", filename="plan.pdf")
    with pytest.raises(BadRequest, match=r"(?i)wrong type of the file"):
        await bot.send_voice(KARI, b"OggS\x00\x02" + bytes(200), filename="vorbis.ogg")
    document = await bot.send_document(KARI, b"%PDF-1.7", filename="plan.pdf")
    with pytest.raises(BadRequest, match=r"(?i)type of file mismatch"):
        await bot.send_voice(KARI, document.document.file_id)  # type: ignore[union-attr]
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_voice(KARI, "no-such-file-id")
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_voice(KARI, tone(1), caption="c" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_voice(999, tone(1))
    assert [m for m in standin.messages(KARI) if m.voice] == []


async def test_voice_notes_count_against_the_flood_limits(
    standin: TelegramStandin, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    ogg = tone(1)
    for _ in range(3):  # Telegram's burst in one chat
        await bot.send_voice(KARI, ogg, filename="a.ogg")
    with pytest.raises(RetryAfter):
        await bot.send_voice(KARI, ogg, filename="a.ogg")
    assert [r.method for r in standin.too_many_requests] == ["sendvoice"]


async def test_the_demo_page_can_fetch_the_voice_note(standin: TelegramStandin, bot: Bot) -> None:
    ogg = tone(1.5)
    await bot.send_voice(KARI, ogg, filename="frammote.ogg")
    root = standin.api_root
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{root}/control/chats/{KARI}/messages") as resp:
            voice = (await resp.json())["messages"][-1]["voice"]
        assert voice["duration"] == 2 and voice["mime_type"] == "audio/ogg"
        async with http.get(voice["url"]) as resp:
            assert resp.status == 200 and resp.content_type == "audio/ogg"
            assert resp.headers["Content-Disposition"].startswith("inline")
            assert await resp.read() == ogg
        # A browser reads an Ogg file's length from its last page: ranges are served.
        async with http.get(voice["url"], headers={"Range": "bytes=-100"}) as resp:
            assert resp.status == 206
            assert (
                resp.headers["Content-Range"] == f"bytes {len(ogg) - 100}-{len(ogg) - 1}/{len(ogg)}"
            )
            assert await resp.read() == ogg[-100:]
        async with http.get(voice["url"], headers={"Range": "bytes=4-"}) as resp:
            assert resp.status == 206 and await resp.read() == ogg[4:]
