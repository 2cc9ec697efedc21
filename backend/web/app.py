"""The aiohttp web application: health for operators; the bot adds its webhook route."""

from __future__ import annotations

from aiohttp import web

from backend.models import Unit


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers and the bot is receiving updates."""
    checks: dict[str, str] = {}
    try:
        await Unit.all().limit(1)
        checks["database"] = "ok"
    except Exception as error:  # the operator needs the reason, not a stack trace
        checks["database"] = f"error: {type(error).__name__}"
    bot_state = request.app.get("bot_state")
    checks["bot"] = bot_state() if bot_state else "not running"
    healthy = all(v in ("ok", "polling", "webhook") for v in checks.values())
    return web.json_response(checks, status=200 if healthy else 503)


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    return app
