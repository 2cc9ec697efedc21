"""Typed keys for what the app and each request carry (aiohttp's AppKey / RequestKey)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from backend.models import Staff, WebSession
from backend.shared.i18n import Gettext
from backend.vta.rules import PlacesTarget

# The process's clock, local to the service's zone; tests set their own.
CLOCK = web.AppKey("clock", Callable[[], datetime])
TZ = web.AppKey("tz", ZoneInfo)
# "polling", "webhook" or "stopped"; set by the composition root (bot/runtime.py).
BOT_STATE = web.AppKey("bot_state", Callable[[], str])
# The bot's username, for invite deep links; None when no bot is known.
BOT_USERNAME = web.AppKey("bot_username", Callable[[], str | None])
# Whether e-mail is set up (SMTP_HOST): a staff member without Telegram can then be reached.
EMAIL = web.AppKey("email", bool)
# The plan the new VTA places are measured against (VTA_PLACES_TARGET, VTA_PLAN_*).
VTA_PLAN = web.AppKey("vta_plan", PlacesTarget)

SESSION = web.RequestKey("session", WebSession)
STAFF = web.RequestKey("staff", Staff)
LANGUAGE = web.RequestKey("language", str)
GETTEXT = web.RequestKey("gettext", Gettext)
# True when the request authenticated with a bearer token (no CSRF token needed).
BEARER = web.RequestKey("bearer", bool)
