"""The unit: its settings, capacity, deadlines and audit log."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from backend.access.permissions import Action
from backend.people import directory
from backend.shared.parse import number
from backend.web.api.common import iso
from backend.web.guards import requires
from backend.web.keys import CLOCK, EMAIL, GETTEXT, STAFF

routes = web.RouteTableDef()


@routes.get("/api/unit")
@requires(Action.UNIT_VIEW)
async def unit(request: web.Request) -> web.Response:
    found = await directory.unit_of(request[STAFF])
    return web.json_response(
        {
            "code": found.code,
            "name": found.name,
            "phone": found.phone,
            "nav_contact_name": found.nav_contact_name,
            "nav_email": found.nav_email,
            "nav_leader_email": found.nav_leader_email,
            "transport_email": found.transport_email,
            "places": found.places,
            "opening_hours": found.opening_hours,
            "cafe_hours": found.cafe_hours,
            "cafe_opens_on": iso(found.cafe_opens_on),
            "fellesferie_weeks": [found.fellesferie_first_week, found.fellesferie_last_week],
        }
    )


@routes.get("/api/capacity")
@requires(Action.REPORT_CAPACITY)
async def capacity(request: web.Request) -> web.Response:
    found = await directory.capacity(request[STAFF], request.app[CLOCK]().date())
    return web.json_response({"places": found.places, "active": found.active, "free": found.free})


@routes.get("/api/deadlines")
@requires(Action.DEADLINE_VIEW)
async def deadlines(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    weeks_text = request.query.get("weeks", "8")
    weeks = number(weeks_text, max_digits=2) or 8
    weeks = weeks if 1 <= weeks <= 26 else 8
    items = await directory.deadlines(
        request[STAFF], today, today + timedelta(weeks=weeks), email=request.app[EMAIL]
    )
    _ = request[GETTEXT]
    return web.json_response(
        [
            {
                "due": item.reminder.due.isoformat(),
                "kind": str(item.reminder.kind),
                "subject": item.reminder.subject,
                "event_date": item.reminder.event_date.isoformat(),
                # Empty when someone receives it; else why nobody can, and what to do.
                "nobody_can_receive": [gap.render(_) for gap in item.gaps],
            }
            for item in items
        ]
    )


@routes.get("/api/audit")
@requires(Action.AUDIT_VIEW)
async def audit_log(request: web.Request) -> web.Response:
    before = request.query.get("before", "")
    events = await directory.audit_events(
        request[STAFF],
        action=request.query.get("action", "").strip()[:100] or None,
        before_id=number(before),
    )
    return web.json_response(
        [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "subject": e.subject,
                "detail": e.detail,
            }
            for e in events
        ]
    )
