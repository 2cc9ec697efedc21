"""The aiohttp web application: staff pages, the JSON API and health for operators.

The composition root (bot/runtime.py) serves it beside the bot, sets BOT_STATE
and BOT_USERNAME, and may add the Telegram webhook route.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from backend.models import Unit
from backend.shared.config import Settings, load_settings
from backend.shared.db import probe_write
from backend.vta.places import target_of
from backend.web import api, pages
from backend.web.guards import public
from backend.web.keys import BOT_STATE, BOT_USERNAME, CLOCK, EMAIL, TZ, VTA_PLAN
from backend.web.metrics import add_metrics_route
from backend.web.refusals import refusal_page_middleware
from backend.web.render import setup_templates
from backend.web.security import (
    OWN_RESOURCES,
    access_middleware,
    header_middleware,
    language_middleware,
)
from backend.web.unavailable import unavailable_middleware

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # an import file; a municipality's list is far smaller


HEALTH_WRITE_SECONDS = 3.0
FAVICON = STATIC_DIR / "favicon.svg"


@public
async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers, takes a write, and the bot is receiving updates."""
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(HEALTH_WRITE_SECONDS):
            await Unit.all().limit(1)
            await probe_write()  # a full disk reads fine and fails only here
        checks["database"] = "ok"
    except TimeoutError:
        checks["database"] = "error: no answer"
    except Exception as error:  # the operator needs the reason, not a stack trace
        checks["database"] = f"error: {type(error).__name__}"
    bot_state = request.app.get(BOT_STATE)
    checks["bot"] = bot_state() if bot_state else "not running"
    healthy = all(v in ("ok", "polling", "webhook") for v in checks.values())
    return web.json_response(checks, status=200 if healthy else 503)


@public
async def favicon(request: web.Request) -> web.FileResponse:
    """/favicon.ico, which browsers ask for whatever the page links: the same symbol as
    the pages' <link rel="icon">, so no page gets a "not found" in the browser's console."""
    return web.FileResponse(
        FAVICON, headers={"Content-Type": "image/svg+xml", "Cache-Control": "max-age=86400"}
    )


def create_app(
    settings: Settings | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    bot_username: Callable[[], str | None] | None = None,
) -> web.Application:
    tz = settings.tz if settings is not None else ZoneInfo("Europe/Oslo")
    app = web.Application(
        middlewares=[
            header_middleware,
            language_middleware,
            unavailable_middleware,  # outside access: a session lookup may fail too
            refusal_page_middleware,  # outside access: its refusals become pages too
            access_middleware,
        ],
        client_max_size=MAX_UPLOAD_BYTES,
    )
    app[TZ] = tz
    app[CLOCK] = clock or (lambda: datetime.now(tz))
    configured = settings.bot_username if settings is not None else None
    app[BOT_USERNAME] = bot_username or (lambda: configured)
    app[EMAIL] = settings.email_enabled if settings is not None else False
    # Without settings (the tests' apps): the defaults, not this process's environment.
    app[VTA_PLAN] = target_of(settings or load_settings(env={}, env_file=None))
    setup_templates(app)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/favicon.ico", favicon)
    add_metrics_route(app, settings.metrics_token if settings is not None else None)
    for module in pages.MODULES:
        app.router.add_routes(module.routes)
    for module in api.MODULES:
        app.router.add_routes(module.routes)
    app.router.add_static("/static/", STATIC_DIR, name="static")
    app[OWN_RESOURCES] = {id(resource) for resource in app.router.resources()}
    return app
