"""Long texts split into messages that Telegram accepts, without cutting words.

Telegram refuses a message longer than 4,096 characters, counted in UTF-16 code units
after formatting is parsed (an emoji outside the Basic Multilingual Plane counts two).
`split_message` keeps whole lines together and breaks between lines; a single line
longer than a message is broken between words, and only a "word" longer than a whole
message (a pasted link, say) is cut inside it.
"""

from __future__ import annotations

from collections.abc import Sequence

TELEGRAM_TEXT_LIMIT = 4096


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """`text` as consecutive parts of at most `limit` UTF-16 units each.

    Parts break at line ends (the line break itself is dropped); blank parts are left
    out, since Telegram refuses an empty message. Joining the parts with line breaks
    gives the text back, except where an over-long line was broken.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    if utf16_len(text) <= limit:
        return [text] if text.strip() else []
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        length = utf16_len(line)
        if length > limit:  # flush, then the long line on its own, broken between words
            if current:
                parts.append("\n".join(current))
                current, size = [], 0
            parts.extend(_split_line(line, limit))
            continue
        added = length if not current else size + 1 + length
        if added > limit:
            parts.append("\n".join(current))
            current, size = [line], length
        else:
            current.append(line)
            size = added
    if current:
        parts.append("\n".join(current))
    return [part.strip("\n") for part in parts if part.strip()]


def _split_line(line: str, limit: int) -> list[str]:
    """One line over the limit: break between words; cut a word longer than a message."""
    parts: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while utf16_len(word) > limit:
            head = _cut(word, limit)
            parts.append(head)
            word = word[len(head) :]
        current = word
    if current:
        parts.append(current)
    return parts


def _cut(word: str, limit: int) -> str:
    """The longest start of `word` within `limit` units (never half an emoji)."""
    size = 0
    for index, char in enumerate(word):
        size += utf16_len(char)
        if size > limit:
            return word[:index]
    return word


def page_ranges(sizes: Sequence[int], *, per_page: int, budget: int) -> list[range]:
    """Consecutive items in pages: at most `per_page` items, and lines whose sizes (each
    plus its line break) add up to at most `budget`. An item larger than `budget` gets a
    page of its own. No items give one empty page, so there is always a page 0."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    pages: list[range] = []
    start, used = 0, 0
    for index, size in enumerate(sizes):
        count = index - start
        if count and (count >= per_page or used + size + 1 > budget):
            pages.append(range(start, index))
            start, used = index, 0
        used += size + 1
    pages.append(range(start, len(sizes)))
    return pages
