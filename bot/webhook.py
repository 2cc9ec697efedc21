"""The webhook route: Telegram posts updates here when WEBHOOK_URL is set."""

from __future__ import annotations

import hmac

from aiohttp import web
from telegram import Update
from telegram.ext import Application

WEBHOOK_PATH = "/telegram/webhook"


def add_webhook_route(web_app: web.Application, bot_app: Application, secret: str) -> None:
    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given, secret):
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), bot_app.bot)
        except ValueError:
            return web.Response(status=400)
        await bot_app.update_queue.put(update)
        return web.Response()

    web_app.router.add_post(WEBHOOK_PATH, receive)
