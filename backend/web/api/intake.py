"""The intake with NAV and evaluations: record them, list them per participant."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.intake import evaluations
from backend.intake import intake as intakes
from backend.intake.rules import parse_days, parse_outcome
from backend.models import Evaluation, Intake
from backend.people import directory
from backend.people.eligibility_rules import parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date, parse_hours
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF

routes = web.RouteTableDef()


def intake_json(found: Intake, participant_code: str) -> dict[str, Any]:
    return {
        "id": found.id,
        "participant": participant_code,
        "referred_on": found.referred_on.isoformat(),
        "counsellor": found.counsellor,
        "contact": found.contact.code if found.contact else None,
        "conversation_on": found.conversation_on.isoformat(),
        "with_nav": found.nav_took_part,
        "programme": str(found.programme),
        "agreement_start": found.agreement_start.isoformat(),
        "agreement_end": found.agreement_end.isoformat(),
        "weekdays": sorted(int(d) for d in found.weekdays.split(",") if d),
        "hours": f"{found.day_start}-{found.day_end}",
        "purpose": found.purpose,
        "first_list": found.first_list.isoformat(),
        "first_evaluation": found.first_evaluation.isoformat(),
    }


def evaluation_json(found: Evaluation, participant_code: str) -> dict[str, Any]:
    return {
        "id": found.id,
        "participant": participant_code,
        "held_on": found.held_on.isoformat(),
        "outcome": str(found.outcome),
        "next_evaluation": iso(found.next_evaluation),
        "note": found.note,
    }


def _date(body: dict[str, Any], name: str) -> Any:
    return parse_date(text_of(body, name, max_length=40) or "")


def _flag(body: dict[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return value


def intake_of_body(unit_code: str, body: dict[str, Any]) -> intakes.IntakeForm:
    new = body.get("new_participant")
    person = None
    if new is not None:
        if not isinstance(new, dict):
            raise RuleError(
                N_("Feltet «{field}» mangler eller er ugyldig"), field="new_participant"
            )
        person = intakes.NewPerson(text_of(new, "name") or "", _date(new, "birth_date"))
    start, end = parse_hours(text_of(body, "hours", max_length=20) or "")
    return intakes.IntakeForm(
        unit_code=unit_code,
        participant_code=text_of(body, "participant", max_length=64) or "",
        referred_on=_date(body, "referred_on"),
        counsellor=text_of(body, "counsellor") or "",
        contact_code=text_of(body, "contact", max_length=64) or "",
        conversation_on=_date(body, "conversation_on"),
        nav_took_part=_flag(body, "with_nav"),
        programme=parse_programme(
            text_of(body, "programme", required=False, max_length=20) or "work-training"
        ),
        agreement_start=_date(body, "agreement_start"),
        agreement_end=_date(body, "agreement_end"),
        weekdays=parse_days(text_of(body, "weekdays", max_length=60) or ""),
        start_time=start,
        end_time=end,
        purpose=text_of(body, "purpose", max_length=2000) or "",
        first_list=_date(body, "first_list"),
        first_evaluation=_date(body, "first_evaluation"),
        new_person=person,
    )


@routes.post("/api/intakes")
@requires(Action.INTAKE_EDIT)
async def create_intake(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        form = intake_of_body(staff.unit.code, await body_of(request))
        done = await intakes.record_intake(form, actor=staff_actor(staff), now=request.app[CLOCK]())
    except RuleError as error:
        return refused(request, error)
    await done.fetch_related("participant", "contact")
    return web.json_response(intake_json(done, done.participant.code), status=201)


@routes.get("/api/participants/{code}/intakes")
@requires(Action.PARTICIPANT_VIEW)
async def list_intakes(request: web.Request) -> web.Response:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None:
        raise not_found(request)
    return web.json_response([intake_json(i, found.code) for i in await intakes.intakes_of(found)])


@routes.get("/api/participants/{code}/evaluations")
@requires(Action.PARTICIPANT_VIEW)
async def list_evaluations(request: web.Request) -> web.Response:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None:
        raise not_found(request)
    return web.json_response(
        [evaluation_json(e, found.code) for e in await evaluations.evaluations_of(found)]
    )


@routes.post("/api/participants/{code}/evaluations")
@requires(Action.EVALUATION_EDIT)
async def create_evaluation(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise not_found(request)
    if not evaluations.may_evaluate(staff, found):
        return web.json_response(
            {"error": request[GETTEXT](N_("Bare kontaktpersonen eller en leder kan gjøre dette."))},
            status=403,
        )
    try:
        body = await body_of(request)
        next_text = text_of(body, "next_evaluation", required=False, max_length=40)
        form = evaluations.EvaluationForm(
            held_on=_date(body, "held_on"),
            outcome=parse_outcome(text_of(body, "outcome", max_length=20)),
            next_evaluation=parse_date(next_text) if next_text else None,
            note=text_of(body, "note", required=False, max_length=500),
        )
        done = await evaluations.record_evaluation(
            found.code,
            form,
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
            unit_id=found.unit_id,
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(evaluation_json(done, found.code), status=201)
