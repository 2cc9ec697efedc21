"""Telegram text formatting: parse_mode parsing into plain text + entities.

Telegram strips markup from the text it stores and reports the formatting as
entities with UTF-16 offsets. It also rejects malformed markup with
"can't parse entities", which is exactly the class of bug (an unescaped `<` in
a user's name, an unescaped `.` in MarkdownV2) a stand-in should surface.
"""

from __future__ import annotations

import re
from typing import Any

Entity = dict[str, Any]


class ParseError(ValueError):
    """Malformed markup; the message is Telegram's wording after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


class _Builder:
    """Accumulates plain text while tracking the UTF-16 offset of its end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.entities: list[Entity] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.offset += utf16_len(text)

    def entity(self, type_: str, start: int, **extra: Any) -> None:
        # Telegram silently drops empty entities.
        if self.offset > start:
            self.entities.append({"type": type_, "offset": start, "length": self.offset - start})
            self.entities[-1].update({k: v for k, v in extra.items() if v})

    def result(self) -> tuple[str, list[Entity]]:
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ATTR_RE = re.compile(r"""\s*([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def parse_html(text: str) -> tuple[str, list[Entity]]:
    out = _Builder()
    stack: list[tuple[str, int, dict[str, str]]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "&":
            m = _ENTITY_RE.match(text, i)
            name = m.group(1) if m else ""
            if name.startswith("#x"):
                out.add(chr(int(name[2:], 16)))
            elif name.startswith("#"):
                out.add(chr(int(name[1:])))
            elif name.lower() in _HTML_NAMED:
                out.add(_HTML_NAMED[name.lower()])
            else:  # Telegram tolerates a bare '&'
                out.add("&")
                i += 1
                continue
            i = m.end() if m else i + 1
            continue
        if c != "<":
            out.add(c)
            i += 1
            continue
        at = _byte_offset(text, i)
        end = text.find(">", i)
        if end < 0:
            raise ParseError(f"Unclosed start tag at byte offset {at}")
        inner = text[i + 1 : end]
        i = end + 1
        if inner.startswith("/"):
            name = inner[1:].strip().lower()
            if not stack:
                raise ParseError(f"Unexpected end tag at byte offset {at}")
            open_name, start, attrs = stack.pop()
            if name != open_name:
                raise ParseError(
                    f'Unmatched end tag at byte offset {at}, expected "</{open_name}>", '
                    f'found "</{name}>"'
                )
            _close_html(out, open_name, start, attrs, stack)
            continue
        m = re.match(r"[a-zA-Z][a-zA-Z0-9-]*", inner)
        if not m:
            raise ParseError(f"Unexpected end of name token at byte offset {at}")
        name = m.group(0).lower()
        if name not in _HTML_TAGS:
            raise ParseError(f'Unsupported start tag "{name}" at byte offset {at}')
        attrs = {
            a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
            for a in _ATTR_RE.finditer(inner, m.end())
            if a.group(0).strip()
        }
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise ParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        stack.append((name, out.offset, attrs))
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html(
    out: _Builder, name: str, start: int, attrs: dict[str, str], stack: list[Any]
) -> None:
    type_ = _HTML_TAGS[name]
    if name == "a":
        out.entity("text_link", start, url=attrs.get("href", ""))
    elif name == "code" and stack and stack[-1][0] == "pre":
        # <pre><code class="language-x"> carries the language onto the pre entity.
        stack[-1][2]["language"] = attrs.get("class", "").removeprefix("language-")
    elif name == "pre":
        out.entity("pre", start, language=attrs.get("language"))
    elif name == "blockquote" and "expandable" in attrs:
        out.entity("expandable_blockquote", start)
    elif name == "tg-emoji":
        out.entity(type_, start, custom_emoji_id=attrs.get("emoji-id"))
    else:
        out.entity(type_, start)


_MD2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MD2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
}


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # (type, utf16 start, source byte offset)
    markers = {"*": "bold", "~": "strikethrough"}
    i, n = 0, len(text)
    quote_start: int | None = None
    while i < n:
        c = text[i]
        at = _byte_offset(text, i)
        if c == "\\" and i + 1 < n and ord(text[i + 1]) < 127:
            out.add(text[i + 1])
            i += 2
            continue
        if c == ">" and (i == 0 or text[i - 1] == "\n"):
            if quote_start is None:
                quote_start = out.offset
            i += 1
            continue
        if c == "\n" and quote_start is not None and not text.startswith(">", i + 1):
            out.entity("blockquote", quote_start)
            quote_start = None
        if c == "`":
            fence = "```" if text.startswith("```", i) else "`"
            i = _md2_code(text, i, fence, out, at)
            continue
        type_ = None
        width = 1
        if c in markers:
            type_ = markers[c]
        elif c == "_":
            type_, width = ("underline", 2) if text.startswith("__", i) else ("italic", 1)
        elif c == "|" and text.startswith("||", i):
            type_, width = "spoiler", 2
        elif c == "[":
            stack.append(("text_link", out.offset, at))
            i += 1
            continue
        elif c == "]" and stack and stack[-1][0] == "text_link":
            _, start, _ = stack.pop()
            m = re.match(r"\(((?:\\.|[^)\\])*)\)", text[i + 1 :])
            if not m:
                raise ParseError(f"Can't find end of a URL at byte offset {at}")
            out.entity("text_link", start, url=re.sub(r"\\(.)", r"\1", m.group(1)))
            i += 1 + m.end()
            continue
        if type_ is None:
            if c in _MD2_RESERVED:
                raise ParseError(
                    f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
                )
            out.add(c)
            i += 1
            continue
        if stack and stack[-1][0] == type_:
            _, start, _ = stack.pop()
            out.entity(type_, start)
        else:
            stack.append((type_, out.offset, at))
        i += width
    if quote_start is not None:
        out.entity("blockquote", quote_start)
    if stack:
        type_, _, at = stack[-1]
        raise ParseError(f"Can't find end of {_MD2_NAMES[type_]} entity at byte offset {at}")
    return out.result()


def _md2_code(text: str, i: int, fence: str, out: _Builder, at: int) -> int:
    """Consume a code span or pre block starting at `i`; return the index after it."""
    j = i + len(fence)
    language = ""
    if fence == "```":
        newline = text.find("\n", j)
        first = text[j:newline] if newline >= 0 else ""
        if newline >= 0 and re.fullmatch(r"[\w+#-]*", first):
            language, j = first, newline + 1
    start = out.offset
    while j < len(text):
        if text[j] == "\\" and j + 1 < len(text):
            out.add(text[j + 1])
            j += 2
        elif text.startswith(fence, j):
            if fence == "```":
                out.entity("pre", start, language=language)
            else:
                out.entity("code", start)
            return j + len(fence)
        else:
            out.add(text[j])
            j += 1
    name = "Pre" if fence == "```" else "Code"
    raise ParseError(f"Can't find end of {name} entity at byte offset {at}")


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Legacy Markdown: *bold* _italic_ `code` ```pre``` [text](url), no nesting."""
    out = _Builder()
    i, n = 0, len(text)
    pairs = {"*": "bold", "_": "italic"}
    while i < n:
        c = text[i]
        at = _byte_offset(text, i)
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
        elif c in pairs or c == "`":
            close = "```" if text.startswith("```", i) else c
            end = text.find(close, i + len(close))
            if end < 0:
                raise ParseError(f"Can't find end of the entity starting at byte offset {at}")
            start = out.offset
            out.add(text[i + len(close) : end])
            out.entity(pairs.get(c, "pre" if close == "```" else "code"), start)
            i = end + len(close)
        elif c == "[":
            m = re.match(r"\[([^\]]*)\]\(([^)]*)\)", text[i:])
            if not m:
                raise ParseError(f"Can't find end of the entity starting at byte offset {at}")
            start = out.offset
            out.add(m.group(1))
            out.entity("text_link", start, url=m.group(2))
            i += m.end()
        else:
            out.add(c)
            i += 1
    return out.result()


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Return (plain text, entities) as Telegram would store them; raises ParseError."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    if mode:
        raise ParseError(f"Unsupported parse_mode {parse_mode!r}")
    return text, []


_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")


def command_entities(text: str) -> list[Entity]:
    """bot_command entities, which PTB's CommandHandler needs at offset 0."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND_RE.finditer(text)
    ]
