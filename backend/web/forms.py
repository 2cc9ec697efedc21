"""Reading submitted forms and query strings into plain values; bad input → RuleError."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import quote, urlsplit

from aiohttp import web
from multidict import MultiDictProxy

from backend.shared import parse
from backend.shared.dates import FIRST_YEAR, LAST_YEAR
from backend.shared.errors import N_, Msgid, RuleError
from backend.shared.parse import parse_date
from backend.web.labels import FIELDS

Form = MultiDictProxy


async def form_of(request: web.Request) -> Form:
    return await request.post()  # type: ignore[return-value]


def field(name: str) -> Msgid | str:
    """The field's label for messages, translated when the error is shown."""
    return Msgid(FIELDS[name]) if name in FIELDS else name


def text(form: Form, name: str, *, required: bool = False, max_length: int = 500) -> str | None:
    value = form.get(name)
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        if required:
            raise RuleError(N_("Fyll ut feltet «{field}»"), field=field(name))
        return None
    if len(cleaned) > max_length:
        raise RuleError(N_("Feltet «{field}» er for langt"), field=field(name))
    return cleaned


def flag(form: Form, name: str) -> bool:
    return form.get(name) in ("on", "1", "true", "yes")


def optional_date(form: Form, name: str) -> date | None:
    value = text(form, name)
    return parse_date(value) if value else None


def integer(form: Form, name: str, *, low: int, high: int, required: bool = True) -> int | None:
    value = text(form, name, required=required)
    if value is None:
        return None
    negative = value.startswith("-")
    number = parse.number(value[1:] if negative else value)
    if number is None:
        raise RuleError(N_("«{field}» må være et helt tall"), field=field(name))
    number = -number if negative else number
    if not low <= number <= high:
        raise RuleError(
            N_("«{field}» må være fra {low} til {high}"), field=field(name), low=low, high=high
        )
    return number


def month_of(text_value: str | None, default: date) -> tuple[int, int]:
    """`YYYY-MM` → (year, month); the default's month when empty."""
    if not text_value:
        return default.year, default.month
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text_value.strip())
    year, month = (int(part) for part in found.groups()) if found else (0, 0)
    if not FIRST_YEAR <= year <= LAST_YEAR or not 1 <= month <= 12:
        raise RuleError(N_("Ikke en måned (ÅÅÅÅ-MM): {text}"), text=text_value[:40])
    return year, month


# Characters a redirect target keeps as they are; any other is percent-encoded.
_KEPT_IN_TARGET = "/?&=%#:@!$'()*+,;~-._"
MAX_TARGET = 2000


def local_path(target: str | None) -> str:
    """A redirect target from the request (`next=`): a path on this site, or "/".

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so
    `/<tab>/evil.example` would lead off-site as `//evil.example`: such a target, any
    other control or blank character, a scheme or a host is refused, not repaired.
    What is left is percent-encoded, so the Location header is plain ASCII.
    """
    if not target or len(target) > MAX_TARGET or not target.startswith("/"):
        return "/"
    if "\\" in target or any(
        ch.isspace() or unicodedata.category(ch).startswith("C") for ch in target
    ):
        return "/"
    encoded = quote(target, safe=_KEPT_IN_TARGET)
    parts = urlsplit(encoded)
    if encoded.startswith("//") or parts.scheme or parts.netloc:
        return "/"
    return encoded


def path_id(request: web.Request, name: str = "id") -> int:
    """A numeric id from the path; anything a database id cannot be is simply not found."""
    found = parse.number(request.match_info[name])
    if found is None:
        raise web.HTTPNotFound()
    return found
