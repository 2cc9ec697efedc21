"""A database that fails (a full disk, a lost server) is told as "try again later" (503).

Not a bare 500: the page or the JSON says it in the user's language, and the operator
finds the cause in the log (its type, no personal data) and on /healthz.
"""

from __future__ import annotations

import logging
from html import escape

from aiohttp import web

from backend.shared.db import is_database_failure
from backend.shared.i18n import text_direction
from backend.web.keys import GETTEXT, LANGUAGE
from backend.web.security import is_api

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = "60"


@web.middleware
async def unavailable_middleware(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Exception as error:
        if not is_database_failure(error):
            raise
        resource = request.match_info.route.resource
        route = resource.canonical if resource is not None else "?"  # no ids, no query
        log.error("database failed on %s %s: %s", request.method, route, type(error).__name__)
        _ = request[GETTEXT]
        message = _("Tjenesten er utilgjengelig akkurat nå. Prøv igjen senere.")
        headers = {"Retry-After": RETRY_AFTER_SECONDS}
        if is_api(request) or "application/json" in request.headers.get("Accept", ""):
            return web.json_response({"error": message}, status=503, headers=headers)
        page = (
            '<!doctype html><html lang="{lang}" dir="{direction}"><meta charset="utf-8">'
            "<title>{title}</title><main><h1>{title}</h1><p>{message}</p></main></html>"
        ).format(
            lang=request[LANGUAGE].split("_")[0],
            direction=text_direction(request[LANGUAGE]),
            title=escape(_("Prøv igjen senere")),
            message=escape(message),
        )
        return web.Response(text=page, content_type="text/html", status=503, headers=headers)
