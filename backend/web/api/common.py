"""What every route of the JSON API shares: reading the body, refusing, not found."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from aiohttp import web

from backend.shared.errors import N_, RuleError
from backend.web.keys import GETTEXT
from backend.web.render import rule_message


def refused(request: web.Request, error: RuleError, status: int = 400) -> web.Response:
    return web.json_response({"error": rule_message(request, error)}, status=status)


def not_found(request: web.Request) -> web.HTTPNotFound:
    return web.HTTPNotFound(
        text=json.dumps({"error": request[GETTEXT](N_("Fant ikke det du spurte etter."))}),
        content_type="application/json",
    )


async def body_of(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        raise RuleError(N_("Forespørselen må være et JSON-objekt")) from None
    if not isinstance(body, dict):
        raise RuleError(N_("Forespørselen må være et JSON-objekt"))
    return body


def text_of(
    body: dict[str, Any], name: str, *, required: bool = True, max_length: int = 200
) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return value.strip()


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
