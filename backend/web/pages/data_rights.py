"""A participant's data rights, for the coordinator: download everything, or erase it.

The use cases are `backend.people.data_rights`, shared with `frammote person`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.models import Participant
from backend.people import data_rights
from backend.shared.errors import N_, RuleError
from backend.web import audit_words, forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF
from backend.web.render import file_download, render, rule_message, see_other

routes = web.RouteTableDef()
FORMATS = ("json", "pdf")


async def _participant(request: web.Request) -> Participant:
    try:
        return await data_rights.find_participant(
            request.match_info["code"], unit_id=request[STAFF].unit_id
        )
    except RuleError:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke deltakeren."))) from None


async def export_download(
    request: web.Request, export: Callable[..., Awaitable[Any]], code: str, unit_id: int
) -> web.Response:
    """Everything stored about a person (a participant's or a candidate's `export`), as
    the PDF or JSON the query asks for; shared by both pages."""
    fmt = request.query.get("format", "pdf")
    if fmt not in FORMATS:
        raise web.HTTPBadRequest(text=request[GETTEXT](N_("Velg PDF eller JSON.")))
    found = await export(
        code, actor=staff_actor(request[STAFF]), now=request.app[CLOCK](), unit_id=unit_id,
        formats=fmt,
    )  # fmt: skip
    if fmt == "json":
        made = found.json_file()
    else:
        made = found.pdf_file(request[LANGUAGE], audit_words.EXPORT_WORDS)
    return file_download(made.content, made.filename, made.mime)


@routes.get("/participants/{code}/export")
@requires(Action.PERSON_DATA)
async def export(request: web.Request) -> web.Response:
    participant = await _participant(request)
    return await export_download(
        request, data_rights.export_person, participant.code, participant.unit_id
    )


def _erase_page(
    request: web.Request,
    participant: Participant,
    errors: list[str],
    status: int = 200,
    kept: int = 0,
) -> web.Response:
    return render(
        request,
        "person_erase.html",
        {"p": participant, "errors": errors, "kept": kept},
        status=status,
    )


@routes.get("/participants/{code}/erase")
@requires(Action.PERSON_DATA)
async def erase_form(request: web.Request) -> web.Response:
    participant = await _participant(request)
    if participant.erased_at is not None:  # the result of an erasure, or a visit later
        kept = await data_rights.kept_attendance_days(participant)
        return _erase_page(request, participant, [], kept=kept)
    return _erase_page(request, participant, [])


@routes.post("/participants/{code}/erase")
@requires(Action.PERSON_DATA)
async def erase(request: web.Request) -> web.Response:
    participant = await _participant(request)
    form = await forms.form_of(request)
    try:
        typed = forms.text(form, "confirm", max_length=64) or ""
        await data_rights.erase_person(
            participant.code,
            typed,
            actor=staff_actor(request[STAFF]),
            now=request.app[CLOCK](),
            unit_id=participant.unit_id,
        )
    except RuleError as error:
        return _erase_page(request, participant, [rule_message(request, error)], status=400)
    return see_other(f"/participants/{participant.code}/erase")
