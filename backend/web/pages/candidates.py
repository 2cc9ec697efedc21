"""Candidates on the coordinators' pathway (seed 002) and the businesses they meet.

A contact person sees and changes only the candidates they follow (`lookup`, with
`permissions.follows`); anyone else's is not found, as is another unit's. Businesses are
the unit's: every role sees them, the leaders and coordinators keep the list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, time

from aiohttp import web

from backend.access.permissions import Action, Role, follows, may
from backend.access.sign_in import staff_actor
from backend.models import Business, Candidate, Staff
from backend.pathway import businesses, candidates, conversion, data_rights, details, lookup
from backend.pathway.rules import (
    BENEFIT_NAMES,
    BENEFIT_OF,
    BENEFIT_VALUE,
    END_REASON_NAMES,
    GRANTED_BY_NAV,
    REFERRER_NAMES,
    STAGE_NAMES,
    START_STAGES,
    Benefit,
    EndReason,
    Move,
    Position,
    Referrer,
    Stage,
    in_target_age,
    parse_stage,
    suggested_programme,
)
from backend.people import directory
from backend.people.eligibility_rules import parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import checked_weekdays
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.pages.data_rights import export_download
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()

WORDS = {
    "stage_names": STAGE_NAMES,
    "referrer_names": REFERRER_NAMES,
    "end_reason_names": END_REASON_NAMES,
    "benefit_names": BENEFIT_NAMES,
    "stages": list(Stage),
    "granted_by_nav": GRANTED_BY_NAV,
    "start_programmes": list(START_STAGES),
}


async def _candidate(request: web.Request, action: Action = Action.CANDIDATE_VIEW) -> Candidate:
    found = await lookup.candidate_for(request[STAFF], request.match_info["code"], action)
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke kandidaten.")))
    return found


async def _colleagues(staff: Staff) -> list[Staff]:
    return [s for s in await directory.staff_of(staff.unit_id) if s.active]


def _referrer(form: forms.Form) -> Referrer:
    try:
        return Referrer(form.get("referred_by") or Referrer.OTHER.value)
    except ValueError:
        raise RuleError(N_("Velg hvem som henviste kandidaten")) from None


# -- the list -------------------------------------------------------------------------


@routes.get("/candidates")
@requires(Action.CANDIDATE_VIEW)
async def listing(request: web.Request) -> web.Response:
    staff = request[STAFF]
    colleagues = await _colleagues(staff)
    errors: list[str] = []
    stage: Stage | None = None
    follower: Staff | None = None
    if request.query.get("stage"):
        try:
            stage = parse_stage(request.query["stage"][:40])
        except RuleError as error:
            errors.append(rule_message(request, error))
    wanted_follower = request.query.get("follower", "")[:64]
    if wanted_follower:
        follower = next((s for s in colleagues if s.code == wanted_follower), None)
        if follower is None:
            errors.append(request[GETTEXT](N_("Fant ikke den ansatte ved enheten din.")))
    query = request.query.get("q", "").strip()[:100] or None
    found = await lookup.candidates_for(
        staff,
        lookup.Filter(stage=stage, follower_id=follower.id if follower else None, query=query),
    )
    groups = [(s, [c for c in found if c.stage == s]) for s in Stage]
    waiting = [c for c in found if c.waiting_for_benefit and c.stage != Stage.ENDED]
    return render(
        request,
        "candidates.html",
        {
            **WORDS,
            "groups": [(s, rows) for s, rows in groups if rows],
            "total": len(found),
            "waiting": waiting,
            "colleagues": colleagues,
            "stage": stage.value if stage else "",
            "follower": follower.code if follower else "",
            "query": query or "",
            "errors": errors,
            "today": request.app[CLOCK]().date(),
            # After an erasure: the code is not repeated from the address.
            "notice": request[GETTEXT](N_("Opplysningene om kandidaten er slettet."))
            if "erased" in request.query
            else None,
        },
        status=400 if errors else 200,
    )


# -- a new candidate -------------------------------------------------------------------


async def _new_form(
    request: web.Request, values: dict[str, object], errors: list[str], status: int = 200
) -> web.Response:
    return render(
        request,
        "candidate_new.html",
        {
            **WORDS,
            "values": values,
            "errors": errors,
            "colleagues": await _colleagues(request[STAFF]),
        },
        status=status,
    )


@routes.get("/candidates/new")
@requires(Action.CANDIDATE_EDIT)
async def new_form(request: web.Request) -> web.Response:
    staff = request[STAFF]
    return await _new_form(request, {"follower": staff.code, "referred_by": "other"}, [])


@routes.post("/candidates")
@requires(Action.CANDIDATE_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        # A contact person follows the candidates they register (else they could not see them).
        follower = (
            staff.code
            if staff.role == Role.CONTACT
            else forms.text(form, "follower", max_length=64)
        )
        candidate = await candidates.add_candidate(
            candidates.NewCandidate(
                unit_code=staff.unit.code,
                code=forms.text(form, "code", required=True, max_length=64) or "",
                name=forms.text(form, "name", required=True, max_length=200) or "",
                referred_by=_referrer(form),
                birth_date=forms.optional_date(form, "birth_date"),
                follower_code=follower,
            ),
            actor=staff_actor(staff),
            today=today,
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("code", "name", "birth_date", "referred_by", "follower")}
        return await _new_form(request, values, [rule_message(request, error)], status=400)
    return see_other(f"/candidates/{candidate.code}?saved=1")


# -- one candidate ---------------------------------------------------------------------


async def _detail(
    request: web.Request,
    candidate: Candidate,
    notice: str | None = None,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    view = businesses.view_for_business(candidate, today)
    return render(
        request,
        "candidate.html",
        {
            **WORDS,
            "c": candidate,
            "history": await candidates.history(candidate),
            "presentations": await businesses.presentations_of(candidate),
            "businesses": await businesses.businesses_of(staff.unit_id, include_inactive=False),
            "told": businesses.told_words(view, request[GETTEXT]),
            "named": view.named,
            "in_target_age": in_target_age(candidate.birth_date, today),
            "suggested_programme": suggested_programme(candidate.stage),
            "benefit": BENEFIT_OF[candidate.disability_benefit].value,
            "colleagues": await _colleagues(staff),
            "may_start": candidate.participant_id is None
            and candidate.stage != Stage.ENDED
            and may(staff.role, Action.PARTICIPANT_EDIT),
            "today": today,
            "notice": notice,
            "errors": errors or [],
        },
        status=status,
    )


@routes.get("/candidates/{code}")
@requires(Action.CANDIDATE_VIEW)
async def detail(request: web.Request) -> web.Response:
    return await _detail(request, await _candidate(request), saved_notice(request))


Change = Callable[[Candidate, forms.Form, str, date], Awaitable[None]]


def _time(form: forms.Form, name: str) -> time:
    typed = forms.text(form, name, required=True, max_length=8) or ""
    try:
        return time.fromisoformat(typed)
    except ValueError:
        raise RuleError(N_("Skriv klokkeslettet som 08:30, ikke {text}"), text=typed) from None


async def _change(request: web.Request, action: Action, change: Change) -> web.Response:
    """Read the form, make the change, show the page again: saved, or what is wrong."""
    candidate = await _candidate(request, action)
    form = await forms.form_of(request)
    try:
        await change(candidate, form, staff_actor(request[STAFF]), request.app[CLOCK]().date())
    except RuleError as error:
        found = await _candidate(request, action)
        return await _detail(request, found, errors=[rule_message(request, error)], status=400)
    return see_other(f"/candidates/{candidate.code}?saved=1")


def _move(form: forms.Form, today: date) -> Move:
    to = parse_stage(forms.text(form, "stage", required=True, max_length=40) or "")
    reason_text = forms.text(form, "end_reason", max_length=40)
    try:
        reason = EndReason(reason_text) if reason_text and to is Stage.ENDED else None
    except ValueError:
        raise RuleError(N_("Velg hvorfor løpet avsluttes")) from None
    return Move(
        Position(to, pending=forms.flag(form, "pending")),
        forms.optional_date(form, "on") or today,
        reason,
    )


@routes.post("/candidates/{code}/stage")
@requires(Action.CANDIDATE_EDIT)
async def move(request: web.Request) -> web.Response:
    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        await candidates.move_stage(c, _move(form, today), actor=actor, today=today)

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/consent")
@requires(Action.CANDIDATE_EDIT)
async def consent(request: web.Request) -> web.Response:
    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        await details.record_consent(
            c,
            forms.optional_date(form, "consent_on"),
            forms.text(form, "scope", max_length=details.SCOPE_LENGTH),
            forms.flag(form, "names_to_businesses"),
            actor=actor,
            today=today,
        )

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/consent/withdraw")
@requires(Action.CANDIDATE_EDIT)
async def withdraw(request: web.Request) -> web.Response:
    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        on = forms.optional_date(form, "withdrawn_on") or today
        await details.withdraw_consent(c, on, actor=actor, today=today)

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/mapping")
@requires(Action.CANDIDATE_EDIT)
async def mapping(request: web.Request) -> web.Response:
    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        await details.record_mapping(
            c,
            forms.optional_date(form, "mapping_on"),
            forms.text(form, "mapping_note", max_length=details.NOTE_LENGTH),
            actor=actor,
            today=today,
        )

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/plan")
@requires(Action.CANDIDATE_EDIT)
async def plan(request: web.Request) -> web.Response:
    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        new = details.Plan(
            forms.text(form, "next_step", max_length=details.NOTE_LENGTH),
            forms.optional_date(form, "next_step_on"),
            forms.optional_date(form, "follow_up_on"),
            forms.optional_date(form, "evaluation_on"),
        )
        await details.set_plan(c, new, actor=actor)

    return await _change(request, Action.CANDIDATE_EDIT, change)


def _benefit(form: forms.Form) -> bool | None:
    try:
        return BENEFIT_VALUE[Benefit(form.get("benefit") or Benefit.UNKNOWN.value)]
    except ValueError:
        raise RuleError(N_("Uføretrygd må være ja, nei eller vet ikke")) from None


@routes.post("/candidates/{code}/person")
@requires(Action.CANDIDATE_EDIT)
async def person(request: web.Request) -> web.Response:
    staff = request[STAFF]

    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        follower = forms.text(form, "follower", max_length=64)
        if staff.role == Role.CONTACT:  # a contact person cannot give their candidate away
            follower = staff.code
        new = details.Person(
            name=forms.text(form, "name", required=True, max_length=200) or "",
            birth_date=forms.optional_date(form, "birth_date"),
            phone=forms.text(form, "phone", max_length=32),
            email=forms.text(form, "email", max_length=254),
            referred_by=_referrer(form),
            follower_code=follower,
            disability_benefit=_benefit(form),
            on_aap=forms.flag(form, "on_aap"),
            wishes=forms.text(form, "wishes", max_length=details.SCOPE_LENGTH),
        )
        await details.update_person(c, new, actor=actor, today=today)

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/presentations")
@requires(Action.CANDIDATE_EDIT)
async def present(request: web.Request) -> web.Response:
    staff = request[STAFF]

    async def change(c: Candidate, form: forms.Form, actor: str, today: date) -> None:
        chosen = forms.integer(form, "business", low=1, high=businesses.MAX_ID) or 0
        business = await businesses.business_for(staff.unit_id, chosen)
        if business is None:
            raise RuleError(N_("Fant ikke bedriften ved enheten din"))
        on = forms.optional_date(form, "presented_on") or today
        outcome = forms.text(form, "outcome", max_length=1000)
        await businesses.present(c, business, on, outcome, actor=actor, today=today)

    return await _change(request, Action.CANDIDATE_EDIT, change)


@routes.post("/candidates/{code}/participant")
@requires(Action.PARTICIPANT_EDIT)
async def start(request: web.Request) -> web.Response:
    """Starts in a programme: registered as a participant from the candidate's own facts."""
    staff = request[STAFF]
    candidate = await _candidate(request, Action.CANDIDATE_EDIT)
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        start_time, end_time = _time(form, "start"), _time(form, "end")
        if end_time <= start_time:
            raise RuleError(N_("Dagen må slutte etter at den begynner"))
        note = forms.text(form, "override_note", max_length=2000)
        participant = await conversion.start_as_participant(
            candidate,
            conversion.Start(
                programme=parse_programme(forms.text(form, "programme", max_length=20)),
                weekdays=checked_weekdays(form.getall("weekdays", [])),
                start_time=start_time,
                end_time=end_time,
                contact_code=forms.text(form, "contact", required=True, max_length=64) or "",
            ),
            actor=staff_actor(staff),
            today=today,
            override_note=note,
            override_by=staff.code if note else None,
        )
    except RuleError as error:
        found = await _candidate(request, Action.CANDIDATE_EDIT)
        return await _detail(request, found, errors=[rule_message(request, error)], status=400)
    return see_other(f"/participants/{participant.code}?saved=1")


# -- businesses and partners ----------------------------------------------------------


# -- the candidate's data rights (the coordinator) ------------------------------------------


@routes.get("/candidates/{code}/export")
@requires(Action.PERSON_DATA)
async def export(request: web.Request) -> web.Response:
    candidate = await _candidate(request)
    return await export_download(
        request, data_rights.export_candidate, candidate.code, candidate.unit_id
    )


def _erase_page(
    request: web.Request, candidate: Candidate, errors: list[str], status: int = 200
) -> web.Response:
    return render(
        request,
        "candidate_erase.html",
        {"c": candidate, "errors": errors, "ended": candidate.stage == Stage.ENDED},
        status=status,
    )


@routes.get("/candidates/{code}/erase")
@requires(Action.PERSON_DATA)
async def erase_form(request: web.Request) -> web.Response:
    return _erase_page(request, await _candidate(request), [])


@routes.post("/candidates/{code}/erase")
@requires(Action.PERSON_DATA)
async def erase(request: web.Request) -> web.Response:
    candidate = await _candidate(request)
    form = await forms.form_of(request)
    try:
        typed = forms.text(form, "confirm", max_length=64) or ""
        await data_rights.erase_candidate(
            candidate.code,
            typed,
            actor=staff_actor(request[STAFF]),
            now=request.app[CLOCK](),
            unit_id=candidate.unit_id,
        )
    except RuleError as error:
        return _erase_page(request, candidate, [rule_message(request, error)], status=400)
    return see_other("/candidates?erased=1")


def _keeps_businesses(staff: Staff) -> None:
    """The unit's list of businesses is kept by its leaders and coordinators (a contact
    person follows no business of their own)."""
    if not follows(staff.id, staff.role, Action.CANDIDATE_EDIT, None):
        raise web.HTTPForbidden()


def _business_fields(form: forms.Form) -> businesses.BusinessFields:
    return businesses.BusinessFields(
        name=forms.text(form, "name", required=True, max_length=200) or "",
        contact_name=forms.text(form, "contact_name", max_length=200),
        phone=forms.text(form, "phone", max_length=32),
        email=forms.text(form, "email", max_length=254),
        offers=forms.text(form, "offers", max_length=1000),
    )


FIELDS = ("name", "contact_name", "phone", "email", "offers")


async def _business_list(
    request: web.Request, values: dict[str, object], errors: list[str], status: int = 200
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "businesses.html",
        {
            "businesses": await businesses.businesses_of(staff.unit_id),
            "may_keep": follows(staff.id, staff.role, Action.CANDIDATE_EDIT, None),
            "values": values,
            "errors": errors,
            "notice": saved_notice(request),
        },
        status=status,
    )


@routes.get("/businesses")
@requires(Action.CANDIDATE_VIEW)
async def business_list(request: web.Request) -> web.Response:
    return await _business_list(request, {}, [])


@routes.post("/businesses")
@requires(Action.CANDIDATE_EDIT)
async def business_create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    _keeps_businesses(staff)
    form = await forms.form_of(request)
    try:
        await businesses.add_business(staff.unit, _business_fields(form), actor=staff_actor(staff))
    except RuleError as error:
        values = {k: form.get(k) for k in FIELDS}
        return await _business_list(request, values, [rule_message(request, error)], 400)
    return see_other("/businesses?saved=1")


async def _business(request: web.Request) -> Business:
    found = await businesses.business_for(request[STAFF].unit_id, forms.path_id(request))
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke bedriften.")))
    return found


async def _business_page(
    request: web.Request, business: Business, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "business.html",
        {
            "b": business,
            "may_keep": follows(staff.id, staff.role, Action.CANDIDATE_EDIT, None),
            "errors": errors or [],
            "notice": saved_notice(request),
        },
        status=status,
    )


@routes.get("/businesses/{id}")
@requires(Action.CANDIDATE_VIEW)
async def business_detail(request: web.Request) -> web.Response:
    return await _business_page(request, await _business(request))


@routes.post("/businesses/{id}")
@requires(Action.CANDIDATE_EDIT)
async def business_save(request: web.Request) -> web.Response:
    staff = request[STAFF]
    business = await _business(request)
    _keeps_businesses(staff)
    form = await forms.form_of(request)
    try:
        await businesses.update_business(business, _business_fields(form), actor=staff_actor(staff))
    except RuleError as error:
        found = await _business(request)
        return await _business_page(request, found, [rule_message(request, error)], 400)
    return see_other(f"/businesses/{business.id}?saved=1")


@routes.post("/businesses/{id}/active")
@requires(Action.CANDIDATE_EDIT)
async def business_active(request: web.Request) -> web.Response:
    staff = request[STAFF]
    business = await _business(request)
    _keeps_businesses(staff)
    form = await forms.form_of(request)
    await businesses.set_active(business, forms.flag(form, "active"), actor=staff_actor(staff))
    return see_other(f"/businesses/{business.id}?saved=1")
