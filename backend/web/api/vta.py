"""Towards VTA: the joint path with iVekst and the new VTA places against the plan."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.models import Participant
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date
from backend.vta import path, places
from backend.vta.rules import StepMove, parse_step
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF, VTA_PLAN

routes = web.RouteTableDef()


async def path_json(participant: Participant) -> dict[str, Any]:
    view = await path.view_of(participant)
    found = view.path
    return {
        "participant": participant.code,
        "step": str(found.step) if found else None,
        "since": iso(found.since) if found else None,
        "reason": found.reason if found else None,
        "history": [
            {"step": str(s.step), "on": s.on.isoformat(), "reason": s.reason, "actor": s.actor}
            for s in view.history
        ],
    }


@routes.get("/api/vta")
@requires(Action.VTA_VIEW)
async def on_path(request: web.Request) -> web.Response:
    unit_id = request[STAFF].unit_id
    rows = await path.on_path(unit_id)
    return web.json_response(
        {
            "counts": {str(step): n for step, n in (await path.counts(unit_id)).items()},
            "participants": [
                {
                    "code": row.participant.code,
                    "name": row.participant.name,
                    "step": str(row.path.step),
                    "since": row.path.since.isoformat(),
                    "reason": row.path.reason,
                }
                for row in rows
            ],
        }
    )


async def _participant(request: web.Request) -> Participant:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None or found.erased_at is not None:
        raise not_found(request)
    return found


@routes.get("/api/participants/{code}/vta")
@requires(Action.VTA_VIEW)
async def participant_path(request: web.Request) -> web.Response:
    return web.json_response(await path_json(await _participant(request)))


def _day(body: dict[str, Any], name: str) -> Any:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return parse_date(value)


@routes.post("/api/participants/{code}/vta")
@requires(Action.VTA_EDIT)
async def move(request: web.Request) -> web.Response:
    """Move the participant to a step (joining the path at the first); audited."""
    found = await _participant(request)
    today = request.app[CLOCK]().date()
    try:
        body = await body_of(request)
        move = StepMove(
            parse_step(text_of(body, "step", max_length=40) or ""),
            _day(body, "on") or today,
            text_of(body, "reason", required=False, max_length=2000),
        )
        await path.move_step(found, move, actor=staff_actor(request[STAFF]), today=today)
    except RuleError as error:
        return refused(request, error)
    return web.json_response(await path_json(found))


def _places_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "on": row.on.isoformat(),
        "count": row.count,
        "where": row.location,
        "note": row.note,
    }


@routes.get("/api/vta/places")
@requires(Action.VTA_VIEW)
async def places_plan(request: web.Request) -> web.Response:
    status = await places.status(request.app[VTA_PLAN], request.app[CLOCK]().date())
    return web.json_response(
        {
            "target": status.plan.target,
            "start": status.plan.start.isoformat(),
            "end": status.plan.end.isoformat(),
            "created": status.created,
            "planned": status.planned,
            "difference": status.difference,
            "quarters": [
                {
                    "year": row.quarter.year,
                    "quarter": row.quarter.number,
                    "created": row.created,
                    "cumulative": row.cumulative,
                    "plan": row.plan,
                    "difference": row.difference,
                }
                for row in status.rows
            ],
            "records": [_places_json(row) for row in await places.recorded()],
        }
    )


@routes.post("/api/vta/places")
@requires(Action.VTA_EDIT)
async def add_places(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    try:
        body = await body_of(request)
        count = body.get("count")
        if not isinstance(count, int) or isinstance(count, bool):
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="count")
        new = places.NewPlaces(
            on=_day(body, "on") or today,
            count=count,
            where=text_of(body, "where", required=False, max_length=2000),
            note=text_of(body, "note", required=False, max_length=5000),
        )
        row = await places.add_places(new, actor=staff_actor(request[STAFF]), today=today)
    except RuleError as error:
        return refused(request, error)
    return web.json_response(_places_json(row), status=201)
