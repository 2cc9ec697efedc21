"""What the stand-in checks of a voice note: Telegram plays OGG with Opus, MP3 and M4A as
voice notes; anything else is refused here (Telegram would send it as a file, which a
bot asking for a voice note never means)."""

from __future__ import annotations

import struct

OPUS_RATE = 48_000


def audio_kind(data: bytes) -> str | None:
    """ "ogg/opus", "mp3" or "m4a" by the file's first bytes; None for anything else."""
    if data[:4] == b"OggS":
        return "ogg/opus" if b"OpusHead" in data[:200] else None
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    if data[4:8] == b"ftyp":
        return "m4a"
    return None


def ogg_opus_seconds(data: bytes) -> float | None:
    """An Ogg Opus file's length: the last page's granule position (48 kHz samples)
    less the header's pre-skip."""
    head = data.find(b"OpusHead")
    last = data.rfind(b"OggS")
    if head < 0 or last < 0 or len(data) < last + 14 or len(data) < head + 12:
        return None
    pre_skip = struct.unpack("<H", data[head + 10 : head + 12])[0]
    granule = struct.unpack("<q", data[last + 6 : last + 14])[0]
    if granule <= pre_skip:
        return None
    return (granule - pre_skip) / OPUS_RATE
