"""Reported absences of the unit; a private note is shown to the contact person only, audited."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from backend.access.permissions import Action
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message

routes = web.RouteTableDef()
MAX_SPAN = timedelta(days=366)


@routes.get("/absences")
@requires(Action.ABSENCE_VIEW)
async def listing(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    errors: list[str] = []
    start, end = today - timedelta(days=7), today + timedelta(days=28)
    try:
        if request.query.get("from"):
            start = parse_date(request.query["from"])
        if request.query.get("to"):
            end = parse_date(request.query["to"])
        if end < start or end - start > MAX_SPAN:
            raise RuleError(N_("Velg en periode på høyst ett år, med sluttdato etter startdato"))
    except RuleError as error:
        errors.append(rule_message(request, error))
        start, end = today - timedelta(days=7), today + timedelta(days=28)
    staff = request[STAFF]
    found = await directory.absences(staff, start, end)
    return render(
        request,
        "absences.html",
        {"absences": found, "start": start, "end": end, "errors": errors, "today": today},
        status=400 if errors else 200,
    )


@routes.get("/absences/{id}/note")
@requires(Action.ABSENCE_NOTE)
async def note(request: web.Request) -> web.Response:
    # The lookup itself checks that the viewer is the contact person, and logs the view.
    found = await directory.absence_note(request[STAFF], forms.path_id(request))
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke notatet.")))
    return render(request, "absence_note.html", {"absence": found})
