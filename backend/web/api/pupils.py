"""The pupil register: list, register, see one, change, end; the status meeting's overview."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.models import Programme, Pupil
from backend.pathway.rules import Stage
from backend.people import directory
from backend.people.eligibility_rules import parse_programme
from backend.pupils import becoming, rules
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear, Overview
from backend.shared.errors import N_, RuleError
from backend.shared.parse import number, parse_date, parse_hours, parse_weekdays
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.api.participants import criteria_of_body, participant_json
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF

routes = web.RouteTableDef()


def pupil_json(p: Pupil) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "birth_date": p.birth_date.isoformat(),
        "school": p.school,
        "class_year": str(p.class_year),
        "expected_end": p.expected_end.isoformat(),
        "consent_given_on": iso(p.consent_given_on),
        "consent_withdrawn_on": iso(p.consent_withdrawn_on),
        "share_name": p.share_name,
        "needs": [need.value for need in rules.ordered_needs(p.needs or [])],
        "note": p.note,
        "registered_on": p.registered_on.isoformat(),
        "ended_on": iso(p.ended_on),
        "became_participant": p.participant_id is not None,
        "became_candidate": p.candidate_id is not None,
    }


def overview_json(found: Overview) -> dict[str, Any]:
    return {
        "day": found.day.isoformat(),
        "total": found.total,
        "schools": [
            {"school": school, "by_year": {y.value: counts[y] for y in ClassYear}, "total": total}
            for school, counts, total in found.by_school
        ],
        "by_year": {year.value: count for year, count in found.by_year.items()},
        "needs": {need.value: count for need, count in found.needs.items()},
        "no_needs": found.no_needs,
        "turning_18": [
            {
                "class_year": line.class_year.value,
                "school": line.school,
                "name": line.name,
                "birthday": iso(line.birthday),
            }
            for line in found.turning_18
        ],
    }


def _optional_date(body: dict[str, Any], name: str) -> date | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return parse_date(value[:40])


def fields_of_body(body: dict[str, Any]) -> pupils.PupilFields:
    needs = body.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="needs")
    share = body.get("share_name", False)
    if not isinstance(share, bool):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="share_name")
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="note")
    return pupils.PupilFields(
        name=text_of(body, "name") or "",
        birth_date=parse_date(text_of(body, "birth_date", max_length=10) or ""),
        school=text_of(body, "school") or "",
        class_year=rules.parse_class_year(text_of(body, "class_year", max_length=10)),
        expected_end=_optional_date(body, "expected_end"),
        consent_given_on=_optional_date(body, "consent_given_on"),
        consent_withdrawn_on=_optional_date(body, "consent_withdrawn_on"),
        share_name=share,
        needs=rules.parse_needs(needs[:10]),
        note=note[:2000] if note else None,
    )


async def _pupil(request: web.Request) -> Pupil:
    pupil_id = number(request.match_info["id"])
    found = await pupils.pupil_of(request[STAFF].unit_id, pupil_id) if pupil_id else None
    if found is None:
        raise not_found(request)
    return found


@routes.get("/api/pupils")
@requires(Action.PUPIL_VIEW)
async def listing(request: web.Request) -> web.Response:
    year_text = request.query.get("year", "").strip().lower()
    year = ClassYear(year_text) if year_text in {y.value for y in ClassYear} else None
    found = await pupils.pupils_of(
        request[STAFF].unit_id,
        school=request.query.get("school", "").strip()[:200] or None,
        class_year=year,
        include_ended=request.query.get("ended") == "true",
    )
    return web.json_response([pupil_json(p) for p in found])


@routes.post("/api/pupils")
@requires(Action.PUPIL_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        created = await pupils.add_pupil(
            await directory.unit_of(staff),
            fields_of_body(await body_of(request)),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(pupil_json(created), status=201)


@routes.get("/api/pupils/{id:\\d+}")
@requires(Action.PUPIL_VIEW)
async def one(request: web.Request) -> web.Response:
    return web.json_response(pupil_json(await _pupil(request)))


@routes.put("/api/pupils/{id:\\d+}")
@requires(Action.PUPIL_EDIT)
async def change(request: web.Request) -> web.Response:
    found = await _pupil(request)
    staff = request[STAFF]
    try:
        changed = await pupils.change_pupil(
            staff.unit_id,
            found.id,
            fields_of_body(await body_of(request)),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(pupil_json(changed))


@routes.post("/api/pupils/{id:\\d+}/end")
@requires(Action.PUPIL_EDIT)
async def end(request: web.Request) -> web.Response:
    found = await _pupil(request)
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    try:
        body = await body_of(request)
        day = _optional_date(body, "ended_on") or today
        ended = await pupils.end_pupil(
            staff.unit_id, found.id, day, actor=staff_actor(staff), today=today
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(pupil_json(ended))


@routes.get("/api/pupils/overview")
@requires(Action.PUPIL_VIEW)
async def overview(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        given = request.query.get("at", "").strip()
        day = (
            parse_date(given[:40])
            if given
            else await pupils.next_status_meeting(staff.unit_id, request.app[CLOCK]().date())
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(overview_json(await pupils.overview_for(staff.unit_id, day)))


@routes.post("/api/pupils/{id:\\d+}/participant")
@requires(Action.PUPIL_EDIT)
async def make_participant(request: web.Request) -> web.Response:
    """The decision's fields only: the name, the birth date and the unit are the pupil's."""
    found = await _pupil(request)
    staff = request[STAFF]
    try:
        body = await body_of(request)
        start, end = parse_hours(text_of(body, "hours", max_length=20) or "")
        programme = parse_programme(text_of(body, "programme", required=False, max_length=20))
        transport = body.get("transport", False)
        if not isinstance(transport, bool):
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="transport")
        criteria = criteria_of_body(body, Programme(programme))
        created = await becoming.make_participant(
            await directory.unit_of(staff),
            found.id,
            becoming.Decision(
                code=text_of(body, "code", max_length=64) or "",
                weekdays=parse_weekdays(text_of(body, "weekdays", max_length=60) or ""),
                start_time=start,
                end_time=end,
                contact_code=text_of(body, "contact", max_length=64) or "",
                programme=programme,
                transport=transport,
                eligibility={k: v for k, v in criteria.items() if v is not None},
            ),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        return refused(request, error)
    participant = await directory.participant(staff, created.code)
    assert participant is not None
    return web.json_response(participant_json(participant), status=201)


@routes.post("/api/pupils/{id:\\d+}/candidate")
@requires(Action.PUPIL_EDIT)
async def make_candidate(request: web.Request) -> web.Response:
    """The candidate's id, first stage and follower: the person is the pupil, from school."""
    found = await _pupil(request)
    staff = request[STAFF]
    try:
        body = await body_of(request)
        stage_text = text_of(body, "stage", required=False, max_length=20) or "approach"
        try:
            stage = Stage(stage_text)
        except ValueError:
            raise RuleError(
                N_("En elev begynner som kandidat i tilnærming eller kartlegging")
            ) from None
        created = await becoming.make_candidate(
            await directory.unit_of(staff),
            found.id,
            text_of(body, "code", max_length=64) or "",
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
            follower_code=text_of(body, "follower", required=False, max_length=64),
            first_stage=stage,
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(
        {
            "code": created.code,
            "name": created.name,
            "birth_date": iso(created.birth_date),
            "referred_by": str(created.referred_by),
            "stage": str(created.stage),
        },
        status=201,
    )
