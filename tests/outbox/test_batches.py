"""Which outbox rows go to one chat as one message, and where a listing is split."""

from __future__ import annotations

import pytest

from backend.outbox.batches import group, listing, pack

R, N = "reminders", "notices"


@pytest.mark.parametrize(
    ("rows", "groups"),
    [
        ([], []),
        # one chat, three reminders: one message
        ([(1, R), (1, R), (1, R)], [[0, 1, 2]]),
        # two chats interleaved: one message each, at the place of its first row
        ([(1, R), (2, R), (1, R), (2, R)], [[0, 2], [1, 3]]),
        # kinds apart: reminders and notices to one chat are two messages
        ([(1, R), (1, N), (1, R), (1, N)], [[0, 2], [1, 3]]),
        # a row of no kind goes alone, in its place
        ([(1, None), (1, R), (1, None), (1, R)], [[0], [1, 3], [2]]),
        ([(1, None), (1, None)], [[0], [1]]),
    ],
)
def test_group(rows: list[tuple[int, str | None]], groups: list[list[int]]) -> None:
    assert group(rows) == groups


@pytest.mark.parametrize(
    ("header", "lines", "limit", "messages"),
    [
        # each line costs its length + 3 ("\n• ")
        (10, [20, 20, 20], 100, [[0, 1, 2]]),  # 10 + 3 * 23 = 79
        (10, [20, 20, 20], 56, [[0, 1], [2]]),  # 10 + 46 = 56 fits, a third would not
        (10, [20, 20, 20], 55, [[0], [1], [2]]),
        # a line too long for a message alone gets one of its own
        (10, [5, 200, 5], 100, [[0], [1], [2]]),
        (0, [], 100, []),
    ],
)
def test_pack(header: int, lines: list[int], limit: int, messages: list[list[int]]) -> None:
    assert pack(header, lines, limit) == messages


def test_listing() -> None:
    assert listing("📋 I dag: 2 påminnelser:", ["Møte kl. 10.", "Frist i dag."]) == (
        "📋 I dag: 2 påminnelser:\n• Møte kl. 10.\n• Frist i dag."
    )
