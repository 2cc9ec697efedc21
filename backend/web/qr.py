"""QR codes as inline SVG: no image files, sharp when printed."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(data: str, title: str) -> Markup:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # A title makes the picture readable by screen readers; role=img names it an image.
    label = str(Markup.escape(title))  # plain str: str + Markup would escape the tag itself
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Markup(svg)
