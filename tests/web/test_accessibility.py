"""WCAG 2.1 AA basics that can be checked without a browser: colour contrast of the palette,
and that status is never told by colour alone (a word or sign goes with every colour)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLE = Path(__file__).resolve().parents[2] / "backend/web/static/style.css"
TEMPLATES = STYLE.parent.parent / "templates"


def palette() -> dict[str, str]:
    root = re.search(r":root\s*\{([^}]*)\}", STYLE.read_text())
    assert root is not None
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root.group(1)))


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


COLOURS = palette()
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "band"),
    ("link", "paper"),
    ("link", "band"),
    ("good", "paper"),
    ("bad", "paper"),
    ("warn", "paper"),
]


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_contrast_is_at_least_4_5(text: str, background: str) -> None:
    assert contrast(COLOURS[text], COLOURS[background]) >= 4.5


@pytest.mark.parametrize(
    ("text", "background"), [("#ffffff", "accent"), ("bad", "#fff5f5"), ("good", "#f3fbf4")]
)
def test_coloured_boxes_keep_contrast(text: str, background: str) -> None:
    text_colour = COLOURS.get(text, text)
    assert contrast(text_colour, COLOURS.get(background, background)) >= 4.5


def test_every_coloured_tag_carries_words() -> None:
    for template in TEMPLATES.glob("*.html"):
        for match in re.finditer(r'<span class="tag[^"]*">(.*?)</span>', template.read_text()):
            assert match.group(1).strip(), f"{template.name}: an empty coloured tag"
