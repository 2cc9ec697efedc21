"""Making voice notes: speech from espeak-ng or Piper, as Ogg Opus, cached on disk.

- espeak-ng (Debian's `espeak-ng`) runs as a subprocess through asyncio, the text on its
  standard input (never on the command line, where `ps` would show it), a WAV on its
  standard output: the event loop never waits for it.
- Piper (`piper-tts`, optional) runs a neural voice model in a worker thread, when the
  operator points FRAMMOTE_PIPER_MODEL at one; it speaks the languages of that model,
  espeak-ng the rest.
- The sound is resampled to 48 kHz mono and encoded as Ogg Opus by libsndfile (the
  `soundfile` wheels bundle it), in a worker thread: what Telegram's sendVoice plays.
- A voice note is kept in the cache directory under a hash of its words, language,
  engine and voice (`rules.cache_key`): the same text is made once. Entries unused for
  KEEP_DAYS are deleted. Telegram's file_id of a note sent once is kept beside it, so
  the next send names the file instead of uploading it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import shutil
import struct
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import soundfile

from backend.voice.rules import cache_key, espeak_voice, piper_languages, speakable

log = logging.getLogger(__name__)

OPUS_RATE = 48_000
# libsndfile's Opus bit rate: 0.9 gives about 32 kbit/s, clear speech at a few kB a second.
OPUS_COMPRESSION = 0.9
ESPEAK_TIMEOUT = 20.0  # seconds; a voice note is a minute at most
KEEP_DAYS = 30
PRUNE_EVERY = 3600.0  # seconds between two prunes of the cache


class SpeechError(Exception):
    """An engine failed to speak (missing, crashed, timed out)."""


class Engine(Protocol):
    name: str

    def voice_for(self, language: str) -> str | None:
        """The voice this engine speaks the language in (part of the cache key), or None."""

    async def speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        """Mono samples (float32 in [-1, 1]) and their rate."""


@dataclass(frozen=True)
class VoiceNote:
    key: str
    ogg: bytes
    seconds: float
    engine: str
    made: bool  # False: taken from the cache


# -- audio ---------------------------------------------------------------------------------


def read_wav(data: bytes) -> tuple[np.ndarray, int]:
    """16-bit PCM WAV as float32 samples and the rate. espeak-ng writes its header before
    it knows the length (a pipe cannot seek back), so the data chunk runs to the end."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechError("not a WAV file")
    position, rate, channels, bits = 12, 0, 1, 16
    while position + 8 <= len(data):
        chunk, size = (
            data[position : position + 4],
            struct.unpack("<I", data[position + 4 : position + 8])[0],
        )
        body = position + 8
        if chunk == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[body : body + 16])
        elif chunk == b"data":
            end = len(data) if size in (0, 0xFFFFFFFF) or body + size > len(data) else body + size
            if bits != 16 or rate <= 0:
                raise SpeechError(f"WAV of {bits} bits at {rate} Hz")
            pcm = np.frombuffer(data[body : end - (end - body) % (2 * channels)], dtype="<i2")
            samples = pcm.reshape(-1, channels).mean(axis=1) / 32768.0
            return samples.astype(np.float32), rate
        position = body + size + (size & 1)
    raise SpeechError("WAV without data")


def encode_opus(samples: np.ndarray, rate: int) -> tuple[bytes, float]:
    """Ogg Opus, mono at 48 kHz (Opus takes 8, 12, 16, 24 or 48 kHz); returns the bytes
    and the length in seconds."""
    if samples.size == 0:
        raise SpeechError("no sound")
    if rate != OPUS_RATE:
        count = round(samples.size * OPUS_RATE / rate)
        positions = np.arange(count) * (rate / OPUS_RATE)
        samples = np.interp(positions, np.arange(samples.size), samples).astype(np.float32)
    buffer = io.BytesIO()
    soundfile.write(
        buffer,
        samples,
        OPUS_RATE,
        format="OGG",
        subtype="OPUS",
        compression_level=OPUS_COMPRESSION,
    )
    return buffer.getvalue(), samples.size / OPUS_RATE


def is_ogg_opus(data: bytes) -> bool:
    """An Ogg stream whose first packet is an Opus header."""
    return data[:4] == b"OggS" and data[28:36] == b"OpusHead"


# -- engines -------------------------------------------------------------------------------


class Espeak:
    """espeak-ng as an asyncio subprocess."""

    name = "espeak-ng"

    def __init__(self, binary: str = "espeak-ng", timeout: float = ESPEAK_TIMEOUT) -> None:
        self.binary = binary
        self.timeout = timeout

    def voice_for(self, language: str) -> str | None:
        voice = espeak_voice(language)
        return f"{voice.name}@{voice.rate}" if voice else None

    async def speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        voice = espeak_voice(language)
        if voice is None:
            raise SpeechError(f"espeak-ng has no voice for {language}")
        try:
            process = await asyncio.create_subprocess_exec(
                self.binary,
                "-v",
                voice.name,
                "-s",
                str(voice.rate),
                "-b",
                "1",  # the text is UTF-8
                "--stdin",
                "--stdout",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as error:
            raise SpeechError(f"cannot run {self.binary}: {error}") from None
        try:
            out, err = await asyncio.wait_for(
                process.communicate(text.encode() + b"\n"), self.timeout
            )
        except (TimeoutError, asyncio.CancelledError) as stopped:
            # Never left running: a stop (or a cancelled request) ends the process too.
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            if isinstance(stopped, asyncio.CancelledError):
                raise
            raise SpeechError(f"{self.binary} took more than {self.timeout} s") from None
        if process.returncode != 0:
            raise SpeechError(f"{self.binary} failed: {err.decode(errors='replace')[:200]}")
        return read_wav(out)


class Piper:
    """A Piper voice model (`.onnx` with its `.onnx.json`), run in a worker thread."""

    name = "piper"

    def __init__(self, model: Path) -> None:
        self.model = model
        config = json.loads(Path(f"{model}.json").read_text("utf-8"))
        self.languages = piper_languages(str(config.get("language", {}).get("code", "")))
        self._voice: Any = None
        self._lock = threading.Lock()

    def voice_for(self, language: str) -> str | None:
        if language not in self.languages:
            return None
        slow = "@slow" if language == "nb_lettlest" else ""
        return f"{self.model.name}{slow}"

    def _load(self) -> Any:
        with self._lock:
            if self._voice is None:
                from piper import PiperVoice  # heavy (onnxruntime): only when configured

                self._voice = PiperVoice.load(self.model)
            return self._voice

    def _speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        voice = self._load()
        config = SynthesisConfig(length_scale=1.3 if language == "nb_lettlest" else None)
        chunks = list(voice.synthesize(text, syn_config=config))
        if not chunks:
            raise SpeechError("Piper said nothing")
        samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        return samples, chunks[0].sample_rate

    async def speak(self, text: str, language: str) -> tuple[np.ndarray, int]:
        try:
            return await asyncio.to_thread(self._speak, text, language)
        except SpeechError:
            raise
        except Exception as error:  # onnxruntime and the phonemizer raise their own
            raise SpeechError(f"Piper failed: {error!r}") from None


# -- the cache and the maker ---------------------------------------------------------------


class VoiceMaker:
    """Makes a text's voice note once: the first engine with a voice for the language
    speaks (Piper before espeak-ng when both are there), at most `parallel` at a time."""

    def __init__(self, cache_dir: Path, engines: Sequence[Engine], *, parallel: int = 2) -> None:
        self.cache_dir = cache_dir
        self.engines = list(engines)
        self._slots = asyncio.Semaphore(parallel)
        self._making: dict[str, asyncio.Future[VoiceNote | None]] = {}
        self._file_ids: dict[str, str] = {}
        self._last_prune = 0.0
        self.made = 0  # voice notes made by an engine (not taken from the cache)

    def plan(self, text: str, language: str) -> tuple[str, Engine, str] | None:
        """The words, the engine and the cache key; None when there is nothing to say
        or no voice for the language."""
        spoken = speakable(text, language)
        if not spoken:
            return None
        for engine in self.engines:
            voice = engine.voice_for(language)
            if voice is not None:
                return spoken, engine, cache_key(spoken, language, engine.name, voice)
        return None

    def _path(self, key: str, suffix: str = ".ogg") -> Path:
        return self.cache_dir / key[:2] / f"{key}{suffix}"

    async def make(self, text: str, language: str) -> VoiceNote | None:
        """The voice note of `text` in `language`, from the cache or made now; None when
        it cannot be spoken. Two requests for the same note at once make it once."""
        planned = self.plan(text, language)
        if planned is None:
            return None
        spoken, engine, key = planned
        cached = await asyncio.to_thread(self._read, key)
        if cached is not None:
            return VoiceNote(key, cached[0], cached[1], engine.name, made=False)
        running = self._making.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[VoiceNote | None] = asyncio.get_running_loop().create_future()
        self._making[key] = future
        try:
            note = await self._make(spoken, language, engine, key)
            future.set_result(note)
            return note
        except asyncio.CancelledError:
            future.set_result(None)  # those waiting go on without it; only this one stops
            raise
        except Exception as error:
            future.set_exception(error)
            future.exception()  # retrieved: a request that waited re-raises it
            raise
        finally:
            del self._making[key]

    async def _make(self, spoken: str, language: str, engine: Engine, key: str) -> VoiceNote:
        async with self._slots:
            samples, rate = await engine.speak(spoken, language)
            ogg, seconds = await asyncio.to_thread(encode_opus, samples, rate)
        # To the millisecond, as the cache keeps it: made now or read back later, a note
        # has the same length (and so the same duration on Telegram).
        seconds = round(seconds, 3)
        self.made += 1
        await asyncio.to_thread(self._write, key, ogg, seconds)
        if time.monotonic() - self._last_prune > PRUNE_EVERY:
            self._last_prune = time.monotonic()
            await asyncio.to_thread(self.prune)
        return VoiceNote(key, ogg, seconds, engine.name, made=True)

    def _read(self, key: str) -> tuple[bytes, float] | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            seconds = float(self._path(key, ".seconds").read_text())
        except (OSError, ValueError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept KEEP_DAYS from today
        return data, seconds

    def _write(self, key: str, ogg: bytes, seconds: float) -> None:
        try:
            folder = self._path(key).parent
            folder.mkdir(parents=True, exist_ok=True)
            for suffix, data in ((".seconds", f"{seconds:.3f}".encode()), (".ogg", ogg)):
                temporary = folder / f".{key}{suffix}.{os.getpid()}.tmp"
                temporary.write_bytes(data)
                os.replace(temporary, self._path(key, suffix))
        except OSError as error:  # a full or read-only disk: the note is sent all the same
            log.warning("voice cache %s not written: %s", self.cache_dir, error)

    # -- Telegram's file ids ---------------------------------------------------------

    def file_id(self, key: str) -> str | None:
        """Telegram's id of the note, once it was sent."""
        found = self._file_ids.get(key)
        if found is None:
            with contextlib.suppress(OSError):
                found = self._path(key, ".file_id").read_text().strip() or None
        return found

    def remember(self, key: str, file_id: str) -> None:
        self._file_ids[key] = file_id
        with contextlib.suppress(OSError):
            self._path(key, ".file_id").write_text(file_id)

    def forget(self, key: str) -> None:
        """Telegram no longer knows the id (another bot, or a stand-in started anew)."""
        self._file_ids.pop(key, None)
        with contextlib.suppress(OSError):
            self._path(key, ".file_id").unlink()

    def prune(self, keep_days: float = KEEP_DAYS) -> int:
        """Delete the notes not used for `keep_days`; returns how many."""
        limit = time.time() - keep_days * 86_400
        deleted = 0
        if not self.cache_dir.is_dir():
            return 0
        for path in self.cache_dir.glob("*/*.ogg"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    for suffix in (".ogg", ".seconds", ".file_id"):
                        with contextlib.suppress(FileNotFoundError):
                            path.with_suffix(suffix).unlink()
                    deleted += 1
        return deleted


def engines_for(piper_model: Path | None, espeak_binary: str = "espeak-ng") -> list[Engine]:
    """Piper first when a model is set, then espeak-ng (said once when it is missing)."""
    if shutil.which(espeak_binary) is None:
        log.warning(
            "%s is not installed: no voice notes for read-aloud (apt-get install espeak-ng)",
            espeak_binary,
        )
    found: list[Engine] = []
    if piper_model is not None:
        found.append(Piper(piper_model))
    found.append(Espeak(espeak_binary))
    return found
