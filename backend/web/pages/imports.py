"""Importing participants from a CSV or XLSX file: upload, preview with errors, commit."""

from __future__ import annotations

import base64
import binascii

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.people import imports
from backend.shared.errors import N_, RuleError
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message, see_other

routes = web.RouteTableDef()


@routes.get("/import")
@requires(Action.PARTICIPANT_IMPORT)
async def upload_form(request: web.Request) -> web.Response:
    return render(request, "import.html", {"columns": imports.COLUMNS, "preview": None})


async def _file(request: web.Request) -> tuple[str, bytes]:
    """The uploaded file, or the one carried from the preview page (base64)."""
    form = await forms.form_of(request)
    upload = form.get("file")
    if isinstance(upload, web.FileField):
        return upload.filename or "upload", upload.file.read()
    carried = forms.text(form, "content", max_length=8 * 1024 * 1024)
    if carried:
        try:
            return forms.text(form, "filename", max_length=200) or "upload", base64.b64decode(
                carried, validate=True
            )
        except (binascii.Error, ValueError):
            pass
    raise RuleError(N_("Velg en fil å importere"))


def _messages(request: web.Request, preview: imports.ImportPreview) -> dict[int, list[str]]:
    return {row.line: [rule_message(request, e) for e in row.errors] for row in preview.rows}


@routes.post("/import/preview")
@requires(Action.PARTICIPANT_IMPORT)
async def preview(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        filename, content = await _file(request)
        checked = await imports.preview(staff, filename, content, today=request.app[CLOCK]().date())
    except RuleError as error:
        return render(
            request,
            "import.html",
            {"columns": imports.COLUMNS, "preview": None, "errors": [rule_message(request, error)]},
            status=400,
        )
    return render(
        request,
        "import.html",
        {
            "columns": imports.COLUMNS,
            "preview": checked,
            "row_errors": _messages(request, checked),
            "errors": [rule_message(request, e) for e in checked.errors],
            "filename": filename,
            "content": base64.b64encode(content).decode(),
        },
        status=200 if checked.ok else 422,
    )


@routes.post("/import/commit")
@requires(Action.PARTICIPANT_IMPORT)
async def commit(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        filename, content = await _file(request)
        added = await imports.commit(
            staff,
            filename,
            content,
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except imports.ImportRefused as refused:
        return render(
            request,
            "import.html",
            {
                "columns": imports.COLUMNS,
                "preview": refused.preview,
                "row_errors": _messages(request, refused.preview),
                "errors": [rule_message(request, refused)],
            },
            status=422,
        )
    except RuleError as error:
        return render(
            request,
            "import.html",
            {"columns": imports.COLUMNS, "preview": None, "errors": [rule_message(request, error)]},
            status=400,
        )
    _ = request[GETTEXT]
    return see_other(f"/participants?imported={len(added)}")
