"""Participants' own messages, for their contact person only; every view is audited."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.models import ParticipantMessage
from backend.people import messages as participant_messages
from backend.shared.errors import N_
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF, TZ
from backend.web.render import render

routes = web.RouteTableDef()


@routes.get("/messages")
@requires(Action.MESSAGE_READ)
async def listing(request: web.Request) -> web.Response:
    found = await participant_messages.for_contact(request[STAFF])
    return render(request, "messages.html", {"messages": found, "tz": request.app[TZ]})


async def _read(request: web.Request) -> ParticipantMessage:
    found = await participant_messages.read(
        request[STAFF], forms.path_id(request), request.app[CLOCK]()
    )
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke meldingen.")))
    return found


@routes.get("/messages/{id}")
@requires(Action.MESSAGE_READ)
async def message(request: web.Request) -> web.Response:
    return render(request, "message.html", {"message": await _read(request), "tz": request.app[TZ]})


@routes.get("/messages/{id}/voice")
@requires(Action.MESSAGE_READ)
async def voice(request: web.Request) -> web.Response:
    found = await _read(request)
    if found.voice is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke meldingen.")))
    return web.Response(
        body=found.voice,
        content_type="audio/ogg",
        headers={"Cache-Control": "no-store", "Content-Disposition": "inline"},
    )
