"""Every route says who may call it: `@requires(action)` or `@public`.

The access middleware refuses a route that says neither (fail closed), so a new
route cannot be left open by forgetting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from backend.access.permissions import Action

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Guard:
    action: Action | None  # None: public


def requires(action: Action) -> Callable[[Handler], Handler]:
    def mark(handler: Handler) -> Handler:
        handler.guard = Guard(action)  # type: ignore[attr-defined]
        return handler

    return mark


def public(handler: Handler) -> Handler:
    handler.guard = Guard(None)  # type: ignore[attr-defined]
    return handler


def guard_of(handler: object) -> Guard | None:
    return getattr(handler, "guard", None)
