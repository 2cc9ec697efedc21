"""Attendance lists for NAV (frammøtelister) on /reports: preview the rows, download PDF or CSV.

The list itself, its audit and its unit check are backend.nav_lists.lists';
this module reads the form and shows the result. Refused input shows the form again
with the message, as a 400, and reads nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.models import Participant, Staff
from backend.nav_lists.lists import (
    AttendanceList,
    default_period,
    export_for_staff,
    hours_text,
    latest_nav_delivery,
    list_for_staff,
    remark_words,
    status_word,
    total_lines,
    weekday_word,
)
from backend.people import directory
from backend.shared.errors import RuleError
from backend.web import list_query
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF
from backend.web.render import file_download, render, rule_message

routes = web.RouteTableDef()


async def form_context(
    staff: Staff,
    today: date,
    selected: str | None = None,
    values: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the form needs: the unit's participants (ended ones last, for a final list),
    each with its default period, and the values to show."""
    people = await directory.participants(staff, include_ended=True)
    people.sort(key=lambda p: (not p.active, p.name))
    choices = []
    for person in people:
        first, last = default_period(person, today)
        nav = latest_nav_delivery(person, today) is not None
        choices.append({"p": person, "first": first, "last": last, "nav": nav})
    chosen = next((c for c in choices if c["p"].code == selected), choices[0] if choices else None)
    shown = {
        "participant": chosen["p"].code if chosen else "",
        "from": chosen["first"].isoformat() if chosen else today.isoformat(),
        "to": chosen["last"].isoformat() if chosen else today.isoformat(),
        "format": "pdf",
    }
    shown.update(values or {})
    return {"list_choices": choices, "list_values": shown}


def preview_rows(found: AttendanceList, request: web.Request) -> list[dict[str, Any]]:
    _ = request[GETTEXT]
    language = request[LANGUAGE]
    return [
        {
            "day": row.day,
            "weekday": weekday_word(row.day, language),
            "kind": str(row.kind),
            "status": status_word(row, _),
            "planned": hours_text(row.planned_hours, language),
            "hours": hours_text(row.hours, language),
            "remark": remark_words(row, _),
        }
        for row in found.rows
    ]


def _asked(request: web.Request) -> dict[str, str]:
    """The form's values as typed, to show them again with a refusal."""
    query = request.query
    return {k: query.get(k, "")[:64] for k in ("participant", "from", "to", "format")}


async def _refused(request: web.Request, error: RuleError) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    asked = _asked(request)
    context = await form_context(staff, today, asked["participant"], asked)
    context.update(found=None, rows=[], errors=[rule_message(request, error)])
    return render(request, "attendance_list.html", context, status=400)


async def _query(request: web.Request) -> tuple[Participant, list_query.ListQuery]:
    staff = request[STAFF]
    participant = await list_query.participant_of(staff, request.query.get("participant"))
    asked = list_query.read(request.query, participant, request.app[CLOCK]().date())
    return participant, asked


@routes.get("/reports/attendance-list")
@requires(Action.REPORT_ATTENDANCE)
async def preview(request: web.Request) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    if "participant" not in request.query:  # opened from the menu: the form alone
        context = await form_context(staff, today)
        context.update(found=None, rows=[])
        return render(request, "attendance_list.html", context)
    try:
        participant, asked = await _query(request)
        found = await list_for_staff(staff, participant.id, asked.first, asked.last, today)
    except RuleError as error:
        return await _refused(request, error)
    values = {"from": asked.first.isoformat(), "to": asked.last.isoformat()}
    values["format"] = str(asked.fmt)
    context = await form_context(staff, today, participant.code, values)
    _ = request[GETTEXT]
    context.update(
        found=found,
        rows=preview_rows(found, request),
        totals=total_lines(found.totals, _, request[LANGUAGE]),
    )
    return render(request, "attendance_list.html", context)


@routes.get("/reports/attendance-list/download")
@requires(Action.REPORT_ATTENDANCE)
async def download(request: web.Request) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    try:
        participant, asked = await _query(request)
        made = await export_for_staff(
            staff,
            participant.id,
            asked.first,
            asked.last,
            today,
            asked.fmt,
            language=request[LANGUAGE],
        )
    except RuleError as error:
        return await _refused(request, error)
    return file_download(made.content, made.filename, made.mime)
