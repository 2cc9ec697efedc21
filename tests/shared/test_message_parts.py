"""Long texts are split between lines, then between words, never inside a word that fits."""

from __future__ import annotations

import pytest

from backend.shared.message_parts import page_ranges, split_message, utf16_len


@pytest.mark.parametrize(
    ("text", "limit", "parts"),
    [
        ("", 10, []),
        ("   ", 10, []),
        ("kort", 10, ["kort"]),
        ("akkurat10!", 10, ["akkurat10!"]),
        # whole lines stay together; the break replaces a line break
        ("Kari\nOla\nSiri", 8, ["Kari\nOla", "Siri"]),
        ("aaaa\nbbbb\ncccc\ndddd", 9, ["aaaa\nbbbb", "cccc\ndddd"]),
        # a blank line at the break is not kept at either end
        ("aaaa\n\nbbbb", 5, ["aaaa", "bbbb"]),
        # a line longer than a message breaks between words
        ("en to tre fire fem", 7, ["en to", "tre", "fire", "fem"]),
        ("topp\nen to tre fire\nbunn", 8, ["topp", "en to", "tre fire", "bunn"]),
        # only a word longer than a whole message is cut
        ("abcdefghij kl", 4, ["abcd", "efgh", "ij", "kl"]),
        # UTF-16: 😀 counts two, and is never cut in half
        ("😀😀😀", 4, ["😀😀", "😀"]),
        ("a😀b", 2, ["a", "😀", "b"]),
    ],
)
def test_split_message(text: str, limit: int, parts: list[str]) -> None:
    assert split_message(text, limit) == parts


def test_a_long_staff_message_splits_between_lines_at_telegrams_limit() -> None:
    lines = [f"{n:03d} Kari Nordmann: borte, meldt (syk)" for n in range(300)]
    parts = split_message("\n".join(lines))
    assert len(parts) == 3
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert [line for p in parts for line in p.split("\n")] == lines


@pytest.mark.parametrize(
    ("sizes", "per_page", "budget", "pages"),
    [
        ([], 3, 100, [range(0, 0)]),
        ([5], 3, 100, [range(0, 1)]),
        ([5, 5, 5], 3, 100, [range(0, 3)]),
        ([5, 5, 5, 5, 5, 5, 5], 3, 100, [range(0, 3), range(3, 6), range(6, 7)]),
        # the budget counts each line with its line break: 3 × (9 + 1) = 30
        ([9, 9, 9, 9], 10, 30, [range(0, 3), range(3, 4)]),
        ([9, 9, 9, 9], 10, 29, [range(0, 2), range(2, 4)]),
        # a line over the budget stands alone
        ([5, 50, 5], 10, 20, [range(0, 1), range(1, 2), range(2, 3)]),
    ],
)
def test_page_ranges(sizes: list[int], per_page: int, budget: int, pages: list[range]) -> None:
    assert page_ranges(sizes, per_page=per_page, budget=budget) == pages
