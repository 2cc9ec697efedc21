"""KVP applications: list, see one, register (the steps are recorded on the web pages and
the command line)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.kvp import applications as kvp
from backend.models import StaffRole
from backend.shared.errors import RuleError
from backend.shared.parse import number, parse_date
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF

routes = web.RouteTableDef()


def application_json(view: kvp.ApplicationView, periods: list[Any]) -> dict[str, Any]:
    a = view.application
    return {
        "id": a.id,
        "name": a.name,
        "birth_date": a.birth_date.isoformat(),
        "counsellor": a.counsellor.code if a.counsellor else None,
        "step": view.step.value,
        "received_on": a.received_on.isoformat(),
        "aev_on": iso(a.aev_on),
        "decided_on": iso(a.decided_on),
        "approved": a.approved,
        "refusal_reason": a.refusal_reason,
        "started_on": iso(a.started_on),
        "participant": a.participant.code if a.participant else None,
        "days_waiting": view.days_waiting,
        "deadline": iso(view.deadline),
        "periods": [{"starts_on": iso(p.starts_on), "ends_on": iso(p.ends_on)} for p in periods],
    }


async def _json(view: kvp.ApplicationView) -> dict[str, Any]:
    await view.application.fetch_related("participant", "counsellor")
    return application_json(view, await kvp.periods_of(view.application))


@routes.get("/api/kvp")
@requires(Action.KVP_VIEW)
async def applications(request: web.Request) -> web.Response:
    found = await kvp.applications_for(request[STAFF], request.app[CLOCK]().date())
    return web.json_response([await _json(view) for view in found])


@routes.post("/api/kvp")
@requires(Action.KVP_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    try:
        body = await body_of(request)
        counsellor = text_of(body, "counsellor", required=False, max_length=64)
        if staff.role == StaffRole.CONTACT:
            counsellor = staff.code  # a contact person registers what they follow
        created = await kvp.add_application(
            kvp.NewApplication(
                unit_code=staff.unit.code,
                name=text_of(body, "name") or "",
                birth_date=parse_date(text_of(body, "birth_date", max_length=10) or ""),
                received_on=parse_date(text_of(body, "received_on", max_length=10) or ""),
                counsellor_code=counsellor,
            ),
            actor=staff_actor(staff),
            today=today,
        )
    except RuleError as error:
        return refused(request, error)
    found = await kvp.application_for(staff, created.id)
    assert found is not None
    return web.json_response(await _json(await kvp.view_of(found, today)), status=201)


@routes.get("/api/kvp/{id}")
@requires(Action.KVP_VIEW)
async def application(request: web.Request) -> web.Response:
    wanted = number(request.match_info["id"])
    found = None if wanted is None else await kvp.application_for(request[STAFF], wanted)
    if found is None:
        raise not_found(request)
    return web.json_response(await _json(await kvp.view_of(found, request.app[CLOCK]().date())))
