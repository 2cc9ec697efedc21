"""Candidates: list, register, see one with their stage history, move along the pathway.

A contact person sees and moves only the candidates they follow; another unit's or
another's candidate is not found.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from backend.access.permissions import Action, Role
from backend.access.sign_in import staff_actor
from backend.models import Candidate, CandidateStage
from backend.pathway import candidates, lookup
from backend.pathway.rules import (
    EndReason,
    Move,
    Position,
    Referrer,
    Stage,
    in_target_age,
    parse_stage,
)
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF

routes = web.RouteTableDef()


def candidate_json(c: Candidate, today: date) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "birth_date": iso(c.birth_date),
        "in_target_age": in_target_age(c.birth_date, today),
        "referred_by": str(c.referred_by),
        "follower": c.follower.code if c.follower else None,
        "stage": str(c.stage),
        "pending": c.stage_pending,
        "stage_since": c.stage_since.isoformat(),
        "end_reason": str(c.end_reason) if c.end_reason else None,
        "disability_benefit": c.disability_benefit,
        "waiting_for_benefit": c.waiting_for_benefit,
        "consent_on": iso(c.consent_on),
        "consent_names_to_businesses": c.consent_names_to_businesses,
        "consent_withdrawn_on": iso(c.consent_withdrawn_on),
        "mapping_on": iso(c.mapping_on),
        "next_step_on": iso(c.next_step_on),
        "follow_up_on": iso(c.follow_up_on),
        "evaluation_on": iso(c.evaluation_on),
        "participant": c.participant.code if c.participant else None,
    }


def history_json(rows: list[CandidateStage]) -> list[dict[str, Any]]:
    return [
        {
            "stage": str(r.stage),
            "pending": r.pending,
            "on": r.on.isoformat(),
            "end_reason": str(r.end_reason) if r.end_reason else None,
        }
        for r in rows
    ]


def _choice(body: dict[str, Any], name: str, kind: type[Referrer] | type[EndReason]) -> Any:
    value = text_of(body, name, required=False, max_length=40)
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name) from None


def _flag(body: dict[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return value


async def _full(request: web.Request, code: str) -> web.Response:
    found = await lookup.candidate_for(request[STAFF], code)
    if found is None:
        raise not_found(request)
    today = request.app[CLOCK]().date()
    return web.json_response(
        candidate_json(found, today) | {"history": history_json(await candidates.history(found))}
    )


@routes.get("/api/candidates")
@requires(Action.CANDIDATE_VIEW)
async def listing(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        stage = parse_stage(request.query["stage"][:40]) if request.query.get("stage") else None
    except RuleError as error:
        return refused(request, error)
    found = await lookup.candidates_for(
        staff, lookup.Filter(stage=stage, waiting=request.query.get("waiting") == "true")
    )
    follower = request.query.get("follower")
    if follower:
        found = [c for c in found if c.follower and c.follower.code == follower]
    today = request.app[CLOCK]().date()
    return web.json_response([candidate_json(c, today) for c in found])


@routes.post("/api/candidates")
@requires(Action.CANDIDATE_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        body = await body_of(request)
        birth = text_of(body, "birth_date", required=False, max_length=10)
        follower = text_of(body, "follower", required=False, max_length=64)
        stage = text_of(body, "stage", required=False, max_length=40)
        created = await candidates.add_candidate(
            candidates.NewCandidate(
                unit_code=staff.unit.code,
                code=text_of(body, "code", max_length=64) or "",
                name=text_of(body, "name") or "",
                referred_by=_choice(body, "referred_by", Referrer) or Referrer.OTHER,
                birth_date=parse_date(birth) if birth else None,
                # A contact person follows the candidates they register.
                follower_code=staff.code if staff.role == Role.CONTACT else follower,
                first_stage=parse_stage(stage) if stage else Stage.APPROACH,
            ),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        return refused(request, error)
    response = await _full(request, created.code)
    response.set_status(201)
    return response


@routes.get("/api/candidates/{code}")
@requires(Action.CANDIDATE_VIEW)
async def candidate(request: web.Request) -> web.Response:
    return await _full(request, request.match_info["code"])


@routes.post("/api/candidates/{code}/stage")
@requires(Action.CANDIDATE_EDIT)
async def move(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await lookup.candidate_for(staff, request.match_info["code"], Action.CANDIDATE_EDIT)
    if found is None:
        raise not_found(request)
    today = request.app[CLOCK]().date()
    try:
        body = await body_of(request)
        on = text_of(body, "on", required=False, max_length=10)
        wanted = Move(
            Position(parse_stage(text_of(body, "to", max_length=40) or ""), _flag(body, "pending")),
            parse_date(on) if on else today,
            _choice(body, "reason", EndReason),
        )
        await candidates.move_stage(found, wanted, actor=staff_actor(staff), today=today)
    except RuleError as error:
        return refused(request, error)
    return await _full(request, found.code)
