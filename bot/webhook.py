"""The webhook route: Telegram posts updates here when WEBHOOK_URL is set.

The secret comes first: without it, 403 and the body is not read. With it, a body that is
not one update (not JSON, not an object, nested beyond reason, or refused by PTB) gets a
400 and a log line. Telegram sends only well-formed updates, so such a body is not from
Telegram, and a 400 cannot make Telegram hold back real updates.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

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


def add_webhook_route(web_app: web.Application, bot_app: Application, secret: str) -> None:
    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode()):
            return web.Response(status=403)
        update = update_of(await request.read(), bot_app.bot)
        if update is None:
            log.warning("webhook: a body that is not a Telegram update, refused")
            return web.Response(status=400)
        await bot_app.update_queue.put(update)
        return web.Response()

    web_app.router.add_post(WEBHOOK_PATH, receive)
