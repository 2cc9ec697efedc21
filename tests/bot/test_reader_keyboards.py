"""A keyboard as its reader reads it: rows from the right in Arabic, arrows turned."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.keyboards import for_reader

PICKER_ROW = [
    InlineKeyboardButton("◀️ Forrige", callback_data="p:1"),
    InlineKeyboardButton("Neste ▶️", callback_data="p:3"),
]
BACK_ROW = [InlineKeyboardButton("⬅️ Tilbake til menyen", callback_data="menu")]
LINK_ROW = [
    InlineKeyboardButton("A", callback_data="a"),
    InlineKeyboardButton("Kart", url="https://example.no/"),
]


def rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str | None]]]:
    assert markup is not None
    return [[(b.text, b.callback_data or b.url) for b in row] for row in markup.inline_keyboard]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ar",
            [
                [("Neste ◀️", "p:3"), ("▶️ Forrige", "p:1")],
                [("➡️ Tilbake til menyen", "menu")],
                [("Kart", "https://example.no/"), ("A", "a")],
            ],
        ),
        (
            "nb",
            [
                [("◀️ Forrige", "p:1"), ("Neste ▶️", "p:3")],
                [("⬅️ Tilbake til menyen", "menu")],
                [("A", "a"), ("Kart", "https://example.no/")],
            ],
        ),
        (
            "uk",
            [
                [("◀️ Forrige", "p:1"), ("Neste ▶️", "p:3")],
                [("⬅️ Tilbake til menyen", "menu")],
                [("A", "a"), ("Kart", "https://example.no/")],
            ],
        ),
    ],
)
def test_rows_run_from_the_right_in_arabic(
    language: str, expected: list[list[tuple[str, str]]]
) -> None:
    markup = InlineKeyboardMarkup([PICKER_ROW, BACK_ROW, LINK_ROW])
    assert rows(for_reader(markup, language)) == expected


def test_no_keyboard_stays_none() -> None:
    assert for_reader(None, "ar") is None
