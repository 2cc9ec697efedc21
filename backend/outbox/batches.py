"""Which outbox rows go to a chat together as one message: pure rules, no I/O.

A staff chat gets at most one message a second, so twenty reminders or a burst of
absence notices for one chat would take twenty seconds and twenty pings. The sender
groups them at send time (bot.delivery): rows of one kind for one chat, claimed
together, become one message listing them, split only where one message would pass
Telegram's 4,096 characters. Each row keeps its own key and status, so writing stays
idempotent per item and every row is marked sent (or failed) itself.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from backend.shared.message_parts import TELEGRAM_TEXT_LIMIT

BULLET = "• "


def group(rows: Sequence[tuple[Hashable, str | None]]) -> list[list[int]]:
    """Rows as (chat, kind), in sending order, into groups of row indices.

    Rows of one chat and one kind (not None) form one group, at the place of the
    first of them; a row of kind None is a group of its own. Each chat's groups keep
    the order of its rows.
    """
    groups: list[list[int]] = []
    open_groups: dict[tuple[Hashable, str], list[int]] = {}
    for index, (chat, kind) in enumerate(rows):
        if kind is None:
            groups.append([index])
            continue
        found = open_groups.get((chat, kind))
        if found is None:
            found = open_groups[(chat, kind)] = []
            groups.append(found)
        found.append(index)
    return groups


def pack(header: int, lines: Sequence[int], limit: int = TELEGRAM_TEXT_LIMIT) -> list[list[int]]:
    """Indices of lines (given by their lengths) in messages of a header and bulleted lines.

    Each message is the header, then one line per item (`"\\n" + BULLET + line`), at most
    `limit` long; a line too long to share a message gets one of its own (the sender
    splits that one further).
    """
    messages: list[list[int]] = []
    size = header
    for index, length in enumerate(lines):
        cost = 1 + len(BULLET) + length
        if messages and messages[-1] and size + cost <= limit:
            messages[-1].append(index)
            size += cost
        else:
            messages.append([index])
            size = header + cost
    return messages


def listing(header: str, lines: Sequence[str]) -> str:
    """One message: the header, then each line as a bullet."""
    return "\n".join([header, *(BULLET + line for line in lines)])
