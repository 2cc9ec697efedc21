"""Participants: list, register, see one, record criteria, turn read-aloud on or off."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.models import Participant, Programme
from backend.people import criteria, directory
from backend.people import registry as people
from backend.people.eligibility_rules import parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date, parse_hours, parse_weekdays
from backend.voice import choice as read_aloud
from backend.voice.rules import OwnVoice, own_voice
from backend.web.api.common import body_of, iso, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF

routes = web.RouteTableDef()


NO_CHAT = own_voice(None)


def participant_json(p: Participant, voice: OwnVoice = NO_CHAT) -> dict[str, Any]:
    """`voice`: the participant's own chat's (read_aloud.voices_of); one just registered
    has no chat yet."""
    return {
        "code": p.code,
        "name": p.name,
        "birth_date": p.birth_date.isoformat(),
        "programme": str(p.programme),
        "weekdays": sorted(p.weekday_set),
        "day_start": p.day_start,
        "day_end": p.day_end,
        "contact": p.contact.code if p.contact else None,
        "transport": p.transport,
        "active": p.active,
        "decision_start": iso(p.decision_start),
        "decision_end": iso(p.decision_end),
        "next_evaluation": iso(p.next_evaluation),
        "criteria": {state.criterion: state.value for state in criteria.states_of(p)},
        "read_aloud": p.read_aloud,
        "voice": voice_json(voice),
    }


def voice_json(voice: OwnVoice) -> dict[str, Any]:
    return {"language": voice.language, "available": voice.available}


def criteria_of_body(body: dict[str, Any], programme: Programme) -> dict[str, bool | None]:
    """`criteria`: {key: true (met) | false (not met) | null (not assessed)}, keys checked."""
    given = body.get("criteria", {})
    if not isinstance(given, dict):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="criteria")
    criteria.check_wanted(given, programme)
    return given


@routes.get("/api/participants")
@requires(Action.PARTICIPANT_VIEW)
async def participants(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()[:100] or None
    found = await directory.participants(
        request[STAFF], query, include_ended=request.query.get("ended") == "true"
    )
    voices = await read_aloud.voices_of([p.id for p in found])
    return web.json_response([participant_json(p, voices[p.id]) for p in found])


@routes.post("/api/participants")
@requires(Action.PARTICIPANT_EDIT)
async def create_participant(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        body = await body_of(request)
        start, end = parse_hours(text_of(body, "hours", max_length=20) or "")
        programme = parse_programme(text_of(body, "programme", required=False, max_length=20))
        transport = body.get("transport", False)
        if not isinstance(transport, bool):
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="transport")
        new = people.NewParticipant(
            unit_code=staff.unit.code,
            code=text_of(body, "code", max_length=64) or "",
            name=text_of(body, "name") or "",
            birth_date=parse_date(text_of(body, "birth_date", max_length=10) or ""),
            weekdays=parse_weekdays(text_of(body, "weekdays", max_length=60) or ""),
            start_time=start,
            end_time=end,
            contact_code=text_of(body, "contact", max_length=64) or "",
            programme=programme,
            transport=transport,
            eligibility={
                k: v for k, v in criteria_of_body(body, programme).items() if v is not None
            },
        )
        created = await people.add_participant(
            new, actor=staff_actor(staff), today=request.app[CLOCK]().date()
        )
    except RuleError as error:
        return refused(request, error)
    found = await directory.participant(staff, created.code)
    assert found is not None
    return web.json_response(participant_json(found), status=201)


@routes.get("/api/participants/{code}")
@requires(Action.PARTICIPANT_VIEW)
async def participant(request: web.Request) -> web.Response:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None:
        raise not_found(request)
    voices = await read_aloud.voices_of([found.id])
    return web.json_response(participant_json(found, voices[found.id]))


@routes.patch("/api/participants/{code}/criteria")
@requires(Action.PARTICIPANT_EDIT)
async def record_criteria(request: web.Request) -> web.Response:
    """Record criteria named in the body; the others keep their state."""
    staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise not_found(request)
    try:
        wanted = criteria_of_body(await body_of(request), Programme(found.programme))
        recorded = await criteria.record_criteria(
            found.code, wanted, actor=staff_actor(staff), now=request.app[CLOCK]()
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(
        {
            "participant": found.code,
            "changed": [
                {"criterion": c.criterion, "old": c.old, "new": c.new} for c in recorded.changes
            ],
            "criteria": {
                state.criterion: state.value for state in criteria.states_of(recorded.participant)
            },
            "open": list(recorded.result.open_criteria),
            "told": list(recorded.told),
            "not_told": list(recorded.not_told),
        }
    )


@routes.patch("/api/participants/{code}/read-aloud")
@requires(Action.READ_ALOUD)
async def set_read_aloud(request: web.Request) -> web.Response:
    """ "🔊 Les opp" on or off, as on the participant's page: the same check, use case and
    audit; the participant's own chats are told."""
    staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise not_found(request)
    if not read_aloud.may_set_read_aloud(staff, found):
        return refused(
            request, RuleError(N_("Bare kontaktpersonen eller en leder kan gjøre dette.")), 403
        )
    try:
        on = (await body_of(request)).get("read_aloud")
        if not isinstance(on, bool):
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="read_aloud")
        change = await read_aloud.set_read_aloud(
            found.code,
            on,
            actor=staff_actor(staff),
            now=request.app[CLOCK](),
            unit_id=staff.unit_id,
        )
    except RuleError as error:
        return refused(request, error)
    voices = await read_aloud.voices_of([found.id])
    return web.json_response(
        {
            "participant": found.code,
            "read_aloud": change.participant.read_aloud,
            "changed": change.changed,
            "told": change.told,
            "voice": voice_json(voices[found.id]),
        }
    )
