"""A participant's photo for the tablet: decoded and re-encoded, so only pixels are kept.

An upload is refused unless Pillow reads it as a JPEG, PNG or WebP picture of at most
MAX_UPLOAD_BYTES and MAX_PIXELS. What is stored is a new JPEG of at most SIDE x SIDE
pixels, turned the way the camera meant (EXIF orientation), with no metadata at all: no
EXIF, no GPS position, no comments.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from backend.shared.errors import N_, RuleError

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a phone's photo is 12-50 million; more is refused, not decoded
SIDE = 480
ACCEPTED = frozenset({"JPEG", "PNG", "WEBP"})
UNREADABLE = N_("Filen er ikke et bilde som kan leses. Bruk JPEG, PNG eller WebP.")


def reencode(data: bytes) -> bytes:
    """The stored JPEG of an upload; RuleError with a message for the person otherwise."""
    if not data:
        raise RuleError(N_("Velg et bilde å laste opp."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise RuleError(N_("Bildet er for stort. Det kan være høyst 4 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED:
                    raise RuleError(N_("Bildet må være JPEG, PNG eller WebP."))
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise RuleError(N_("Bildet har for mange piksler."))
                image.load()
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except RuleError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
        Warning,
    ):
        raise RuleError(UNREADABLE) from None
    picture.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82, optimize=True)  # no exif= given: none is written
    return out.getvalue()
