"""Meetings and deadlines: what the reminder rules make due, as a calendar by date."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from aiohttp import web

from backend.domain.deadlines import ReminderKind
from backend.domain.permissions import Action
from backend.i18n import N_
from backend.services import directory
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF
from backend.web.render import render

routes = web.RouteTableDef()
WEEKS = (4, 8, 13, 26)

KINDS = {
    ReminderKind.STATUS_MEETING_CALL: N_("Kall inn til statusmøte"),
    ReminderKind.STATUS_MEETING_DAY_BEFORE: N_("Statusmøte i morgen"),
    ReminderKind.NAV_MEETING: N_("Samarbeidsmøte med NAV"),
    ReminderKind.EVALUATION: N_("Evaluering"),
    ReminderKind.ATTENDANCE_LIST: N_("Frammøteliste til NAV"),
    ReminderKind.CAPACITY_REPORT: N_("Ledig kapasitet til NAV"),
    ReminderKind.AGE_18: N_("Fyller 18: involver NAV"),
    ReminderKind.AGE_67: N_("Fyller 67: tjenesten slutter"),
    ReminderKind.KVP_START: N_("KVP må starte"),
    ReminderKind.DECISION_ENDING: N_("Vedtaket går ut"),
    ReminderKind.FINAL_REPORT: N_("Sluttrapport"),
    ReminderKind.LOW_USE: N_("Lite oppmøte"),
    ReminderKind.ELIGIBILITY_OPEN: N_("Kriterier er ikke registrert"),
}


@routes.get("/deadlines")
@requires(Action.DEADLINE_VIEW)
async def calendar(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    weeks_text = request.query.get("weeks", "8")
    weeks = int(weeks_text) if weeks_text.isdigit() and int(weeks_text) in WEEKS else 8
    end = today + timedelta(weeks=weeks)
    staff = request[STAFF]
    items = await directory.deadlines(staff, today, end)
    by_day = [(day, list(group)) for day, group in groupby(items, key=lambda i: i.reminder.due)]
    return render(
        request,
        "deadlines.html",
        {
            "by_day": by_day,
            "kinds": KINDS,
            "weeks": weeks,
            "choices": WEEKS,
            "meetings": await directory.meetings(staff, today - timedelta(days=31)),
            "today": today,
        },
    )
