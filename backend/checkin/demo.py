"""Demo data for the check-in tablet: a symbol for some participants, a drawn photo (with
consent recorded) for Kari, and a paired tablet whose address the demo prints."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, ImageDraw

from backend.checkin import pairing, pictures
from backend.models import Participant, Staff, Unit

TABLET_NAME = "Demo-nettbrett"
SYMBOLS = ("bike", "tree", "cat", "music", "boat", "flower", "dog", "ball")


def drawn_face() -> bytes:
    """A simple drawn face as a PNG: the demo has no real person's photo."""
    image = Image.new("RGB", (400, 400), (120, 180, 220))
    draw = ImageDraw.Draw(image)
    draw.ellipse((80, 60, 320, 320), fill=(246, 214, 178))  # face
    draw.pieslice((70, 40, 330, 220), 180, 360, fill=(150, 90, 40))  # hair
    draw.ellipse((140, 160, 175, 195), fill=(40, 40, 60))  # eyes
    draw.ellipse((225, 160, 260, 195), fill=(40, 40, 60))
    draw.arc((140, 200, 260, 280), 20, 160, fill=(180, 60, 60), width=8)  # smile
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


async def seed(unit: Unit, leader: Staff, now: datetime) -> None:
    """Kari's photo (consent recorded by the leader) and a symbol for each of the others."""
    others = 0
    for participant in await Participant.filter(unit_id=unit.id, active=True).order_by("id"):
        if participant.code == "P1":
            await pictures.save(
                leader, participant, now, symbol="sun", consent=True, upload=drawn_face()
            )
            continue
        symbol = SYMBOLS[others % len(SYMBOLS)]
        others += 1
        await pictures.save(leader, participant, now, symbol=symbol, consent=False)


async def tablet_address(now: datetime) -> str | None:
    """The demo tablet's own address (path), paired anew at each start."""
    unit = await Unit.get_or_none(code="AOK")
    if unit is None:
        return None
    token = await pairing.open_tablet(unit, TABLET_NAME, now, actor="demo")
    return f"/tablet/open/{token}"
