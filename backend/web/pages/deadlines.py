"""Meetings and deadlines: what the reminder rules make due, as a calendar by date."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from aiohttp import web

from backend.access.permissions import Action, may
from backend.access.sign_in import staff_actor
from backend.calendar import meetings
from backend.calendar.meetings import MINUTES_LOOKBACK
from backend.calendar.rules import MEETING_NAMES
from backend.models import MeetingKind
from backend.people import directory
from backend.reminders.deadlines.base import KIND_NAMES
from backend.shared.errors import N_, RuleError
from backend.shared.parse import number
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, EMAIL, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()
WEEKS = (4, 8, 13, 26)

KINDS = KIND_NAMES


@routes.get("/deadlines")
@requires(Action.DEADLINE_VIEW)
async def calendar(request: web.Request) -> web.Response:
    return await _page(request, notice=saved_notice(request))


async def _page(
    request: web.Request,
    *,
    errors: list[str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> web.Response:
    today = request.app[CLOCK]().date()
    weeks_text = request.query.get("weeks", "8")
    weeks = number(weeks_text, max_digits=2) or 8
    weeks = weeks if weeks in WEEKS else 8
    end = today + timedelta(weeks=weeks)
    staff = request[STAFF]
    items = await directory.deadlines(staff, today, end, email=request.app[EMAIL])
    by_day = [(day, list(group)) for day, group in groupby(items, key=lambda i: i.reminder.due)]
    return render(
        request,
        "deadlines.html",
        {
            "by_day": by_day,
            "kinds": KINDS,
            "meeting_names": MEETING_NAMES,
            "weeks": weeks,
            "choices": WEEKS,
            "meetings": await directory.meetings(
                staff, today - timedelta(days=31), nav_since=today - MINUTES_LOOKBACK
            ),
            "today": today,
            "may_edit": may(staff.role, Action.MEETING_EDIT, same_unit=True),
            "errors": errors or [],
            "notice": notice,
        },
        status=status,
    )


@routes.post("/deadlines/meetings")
@requires(Action.MEETING_EDIT)
async def add_meeting(request: web.Request) -> web.Response:
    """Set a status or NAV meeting's date: its reminders follow from it."""
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        try:
            kind = MeetingKind(forms.text(form, "kind", required=True) or "")
        except ValueError:
            raise RuleError(N_("Velg hvilket møte")) from None
        day = forms.optional_date(form, "day")
        if day is None:
            forms.text(form, "day", required=True)
        assert day is not None
        await meetings.set_meeting(
            await directory.unit_of(staff),
            kind,
            day,
            note=forms.text(form, "note", max_length=500),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        return await _page(request, errors=[rule_message(request, error)], status=400)
    return see_other("/deadlines?saved=1")


@routes.post("/deadlines/meetings/{id:\\d+}/remove")
@requires(Action.MEETING_EDIT)
async def remove_meeting(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        await meetings.remove_meeting(
            await directory.unit_of(staff), forms.path_id(request), actor=staff_actor(staff)
        )
    except RuleError:
        raise web.HTTPNotFound() from None
    return see_other("/deadlines?saved=1")
