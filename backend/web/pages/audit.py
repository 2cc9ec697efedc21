"""The audit log: who saw and changed what, and when (newest first, a page at a time)."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.people import directory
from backend.shared.parse import number
from backend.web.audit_words import event_words
from backend.web.guards import requires
from backend.web.keys import GETTEXT, LANGUAGE, STAFF
from backend.web.render import render

routes = web.RouteTableDef()


@routes.get("/audit")
@requires(Action.AUDIT_VIEW)
async def log(request: web.Request) -> web.Response:
    query = request.query
    before = query.get("before", "")
    filters = {name: query.get(name, "").strip()[:100] for name in ("actor", "action", "subject")}
    events = await directory.audit_events(
        request[STAFF],
        before_id=number(before),
        **{k: v or None for k, v in filters.items()},
    )
    more = len(events) == directory.AUDIT_PAGE
    _, language = request[GETTEXT], request[LANGUAGE]
    names = await directory.audit_names(request[STAFF])
    rows = [event_words(event, _, language, names) for event in events]
    context = {"events": events, "rows": rows, "filters": filters, "more": more}
    return render(request, "audit.html", context)
