"""The webhook route: Telegram posts updates here when WEBHOOK_URL is set.

The secret comes first: without it, 403 and the body is not read. With it, a body that is
not one update (not JSON, not an object, nested beyond reason, or refused by PTB) gets a
400 and a log line. Telegram sends only well-formed updates, so such a body is not from
Telegram, and a 400 cannot make Telegram hold back real updates.

A well-formed update is answered only once it is handled (bot/once.py): 200 when handled
now or before, 503 while another replica has it in hand, 500 when handling failed with
nobody told. Telegram delivers an update again until it gets a 2xx, so an update in hand
when the process dies is not lost.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from telegram import Update

from bot.once import Answer

WEBHOOK_PATH = "/telegram/webhook"
log = logging.getLogger(__name__)


def update_of(body: bytes, bot: Any) -> Update | None:
    """The update in a webhook body, or None when the body is not one."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        return None
    if not isinstance(data, dict):
        return None
    update_id = data.get("update_id")
    if isinstance(update_id, bool) or not isinstance(update_id, int):
        return None
    try:
        return Update.de_json(data, bot)
    except Exception:  # PTB reports a malformed part with whatever error it meets
        return None


def add_webhook_route(
    web_app: web.Application,
    bot: Any,
    handle: Callable[[Update], Awaitable[Answer]],
    secret: str,
) -> None:
    """The route: Telegram's call is answered once `handle` (OnceOnly.handle) is done."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode()):
            return web.Response(status=403)
        update = update_of(await request.read(), bot)
        if update is None:
            log.warning("webhook: a body that is not a Telegram update, refused")
            return web.Response(status=400)
        try:
            answer = await handle(update)
        except Exception:  # the database is away, say: Telegram delivers the update again
            log.exception("webhook: update %s not handled", update.update_id)
            return web.Response(status=500)
        return web.Response(status=answer.status)

    web_app.router.add_post(WEBHOOK_PATH, receive)
