"""Participants: list and search, register, see one, edit the decision, end the service."""

from __future__ import annotations

from datetime import time

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.calendar.calendars import service_period
from backend.checkin import door, photos, pictures
from backend.checkin.rules import SYMBOLS
from backend.feeds import feeds
from backend.intake.evaluations import may_evaluate
from backend.intake.overview import follow_up_of
from backend.links import consent
from backend.models import LinkRole, Participant, Programme, TelegramLink
from backend.pay import payroll
from backend.people import criteria, data_rights, directory, ending, staffing
from backend.people import registry as people
from backend.people.contact_rules import needs_new_contact
from backend.people.eligibility_rules import age_limit, criteria_of, parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import checked_weekdays, parse_date
from backend.voice import choice as read_aloud
from backend.voice.choice import may_set_read_aloud
from backend.voice.rules import own_voice
from backend.vta import path as vta_path
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


async def participant_or_404(request: web.Request) -> Participant:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke deltakeren.")))
    return found


@routes.get("/participants")
@requires(Action.PARTICIPANT_VIEW)
async def listing(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()[:100]
    ended = request.query.get("ended") == "1"
    needs_contact = request.query.get("needs_contact") == "1"
    found = await directory.participants(request[STAFF], query or None, include_ended=ended)
    if needs_contact:
        found = [p for p in found if p.active and needs_new_contact(p.contact)]
    waiting = await staffing.participants_needing_contact(request[STAFF].unit_id)
    return render(
        request,
        "participants.html",
        {
            "participants": found,
            "query": query,
            "ended": ended,
            "needs_contact": needs_contact,
            "waiting": len(waiting),
        },
    )


async def _new_form(
    request: web.Request, values: dict[str, object], errors: list[str], status: int = 200
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "participant_new.html",
        {
            "values": values,
            "errors": errors,
            "staff_list": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "all_criteria": ALL_CRITERIA,
        },
        status=status,
    )


def _criteria_by_key() -> dict[str, list[str]]:
    """Every criterion once, in the programmes' order, with the programmes that use it."""
    found: dict[str, list[str]] = {}
    for programme in Programme:
        for key in criteria_of(programme):
            found.setdefault(key, []).append(programme.value)
    return found


ALL_CRITERIA = _criteria_by_key()
CHOICES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}
CHOICE_OF: dict[bool | None, str] = {v: k for k, v in CHOICES.items()}


def criteria_choices(form: forms.Form, programme: Programme) -> dict[str, bool | None]:
    """The programme's criteria as the form answers them (`c-<key>`: yes, no, unknown);
    a criterion the form does not name is left as it is."""
    wanted: dict[str, bool | None] = {}
    for key in criteria_of(programme):
        answer = form.get(f"c-{key}")
        if answer is None:
            continue
        if answer not in CHOICES:
            raise RuleError(N_("Kriteriet {name} må være ja eller nei"), name=key)
        wanted[key] = CHOICES[answer]
    return wanted


@routes.get("/participants/new")
@requires(Action.PARTICIPANT_EDIT)
async def new_form(request: web.Request) -> web.Response:
    return await _new_form(
        request,
        {"weekdays": [], "start": "09:00", "end": "14:00", "programme": "aok", "criteria": {}},
        [],
    )


def _time(form: forms.Form, name: str) -> time:
    typed = forms.text(form, name, required=True, max_length=8) or ""
    try:
        return time.fromisoformat(typed)
    except ValueError:
        raise RuleError(N_("Skriv klokkeslettet som 08:30, ikke {text}"), text=typed) from None


def new_participant(unit_code: str, form: forms.Form) -> people.NewParticipant:
    weekdays = checked_weekdays(form.getall("weekdays", []))
    programme = parse_programme(forms.text(form, "programme"))
    start, end = _time(form, "start"), _time(form, "end")
    if end <= start:
        raise RuleError(
            N_("Sluttid må komme etter starttid: {text}"), text=f"{start:%H:%M}-{end:%H:%M}"
        )
    return people.NewParticipant(
        unit_code=unit_code,
        code=forms.text(form, "code", required=True, max_length=64) or "",
        name=forms.text(form, "name", required=True, max_length=200) or "",
        birth_date=parse_date(forms.text(form, "birth_date", required=True) or ""),
        weekdays=weekdays,
        start_time=start,
        end_time=end,
        contact_code=forms.text(form, "contact", required=True, max_length=64) or "",
        programme=programme,
        transport=forms.flag(form, "transport"),
        eligibility={k: v for k, v in criteria_choices(form, programme).items() if v is not None},
    )


@routes.post("/participants")
@requires(Action.PARTICIPANT_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        note = forms.text(form, "override_note", max_length=2000)
        new = new_participant(staff.unit.code, form)
        participant = await people.add_participant(
            new,
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
            override_note=note,
            override_by=staff.code if note else None,
        )
    except RuleError as error:
        values = {
            k: form.get(k)
            for k in ("code", "name", "birth_date", "start", "end", "contact", "programme")
        }
        values["weekdays"] = form.getall("weekdays", [])
        values["transport"] = forms.flag(form, "transport")
        values["criteria"] = {k: form.get(f"c-{k}") for k in ALL_CRITERIA}
        values["override_note"] = form.get("override_note")  # as typed, to be shortened
        return await _new_form(request, values, [rule_message(request, error)], status=400)
    return see_other(f"/participants/{participant.code}?saved=1")


@routes.get("/participants/{code}")
@requires(Action.PARTICIPANT_VIEW)
async def detail(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    return await _detail(request, participant, saved_notice(request))


async def _detail(
    request: web.Request,
    participant: Participant,
    notice: str | None,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    links = [
        link
        for link in await directory.links(staff, include_revoked=True)
        if link.participant_id == participant.id
    ]
    try:
        statement = await payroll.participant_statement(participant, today.year, today.month)
    except RuleError:
        statement = None
    period = service_period(participant)
    erased = participant.erased_at is not None
    return render(
        request,
        "participant.html",
        {
            "p": participant,
            "kept": await data_rights.kept_attendance_days(participant) if erased else 0,
            # The 67th birthday, once it has come: the decision has ended by age.
            "ended_by_age": period.age_end if period.ended_by_age(today) else None,
            "age_limit": age_limit(Programme(participant.programme)),
            "links": links,
            "pending": await consent.pending_for([participant.id]),
            "absences": await directory.absences_of(participant, today),
            "statement": statement,
            "notice": notice,
            "errors": errors or [],
            "today": today,
            "contacts": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "staff_names": {
                f"staff:{s.code}": s.name for s in await directory.staff_of(staff.unit_id)
            },
            "criteria": [
                (state.criterion, CHOICE_OF[state.value])
                for state in criteria.states_of(participant)
            ],
            "vta": await vta_path.view_of(participant),
            "follow_up": await follow_up_of(participant),
            "may_evaluate": may_evaluate(staff, participant),
            "feed_in_force": await feeds.in_force(participant=participant),
            "picture": await pictures.picture_of(participant),
            "symbols": SYMBOLS,
            "may_read_aloud": may_set_read_aloud(staff, participant),
            "speaks_language": _speaks(participant, links),
        },
        status=status,
    )


@routes.post("/participants/{code}/criteria")
@requires(Action.PARTICIPANT_EDIT)
async def save_criteria(request: web.Request) -> web.Response:
    """Shown again at once (not redirected): "who was told" is part of the answer, and
    sending the same form again changes nothing and tells nobody twice."""
    participant = await participant_or_404(request)
    form = await forms.form_of(request)
    gettext = request[GETTEXT]
    try:
        recorded = await criteria.record_criteria(
            participant.code,
            criteria_choices(form, Programme(participant.programme)),
            actor=staff_actor(request[STAFF]),
            now=request.app[CLOCK](),
        )
    except RuleError as error:
        return await _detail(
            request, participant, None, errors=[rule_message(request, error)], status=400
        )
    found = await participant_or_404(request)
    notice = gettext("Lagret.") if recorded.changes else gettext("Ingenting er endret.")
    lines = criteria.told_lines(recorded)
    told = [gettext(line.message).format(names=line.names) for line in lines if line.reached]
    unreached = [
        gettext(line.message).format(names=line.names) for line in lines if not line.reached
    ]
    return await _detail(request, found, " ".join([notice, *told]), errors=unreached)


def decision_change(form: forms.Form) -> people.DecisionChange:
    weekdays = checked_weekdays(form.getall("weekdays", []))
    programme = parse_programme(forms.text(form, "programme"))
    return people.DecisionChange(
        weekdays=weekdays,
        start_time=_time(form, "start"),
        end_time=_time(form, "end"),
        programme=programme,
        purpose=forms.text(form, "purpose", max_length=2000),
        temporary=forms.flag(form, "temporary"),
        decision_start=forms.optional_date(form, "decision_start"),
        decision_end=forms.optional_date(form, "decision_end"),
        next_evaluation=forms.optional_date(form, "next_evaluation"),
        list_start=forms.optional_date(form, "list_start"),
        nav_followed=forms.flag(form, "nav_followed"),
        pupil=forms.flag(form, "pupil"),
        kvp_approved_on=forms.optional_date(form, "kvp_approved_on"),
        kvp_started_on=forms.optional_date(form, "kvp_started_on"),
    )


@routes.get("/participants/{code}/decision")
@requires(Action.PARTICIPANT_EDIT)
async def decision_form(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    if participant.erased_at is not None:  # nothing to change: the page says what is left
        return see_other(f"/participants/{participant.code}")
    return render(request, "decision.html", {"p": participant})


@routes.post("/participants/{code}/decision")
@requires(Action.PARTICIPANT_EDIT)
async def save_decision(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        note = forms.text(form, "override_note", max_length=2000)
        await people.update_decision(
            participant.code,
            decision_change(form),
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
            override_note=note,
            override_by=staff.code if note else None,
        )
    except RuleError as error:
        return render(
            request,
            "decision.html",
            {"p": participant, "errors": [rule_message(request, error)]},
            status=400,
        )
    return see_other(f"/participants/{participant.code}?saved=1")


@routes.post("/participants/{code}/end")
@requires(Action.PARTICIPANT_EDIT)
async def end(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        day = forms.optional_date(form, "ended_on") or today
        await ending.end_service(participant, day, actor=staff_actor(request[STAFF]), today=today)
    except RuleError as error:
        return render(
            request,
            "decision.html",
            {"p": participant, "errors": [rule_message(request, error)]},
            status=400,
        )
    return see_other(f"/participants/{participant.code}?saved=1")


@routes.post("/participants/{code}/contact")
@requires(Action.PARTICIPANT_EDIT)
async def contact(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    form = await forms.form_of(request)
    staff = request[STAFF]
    try:
        code = forms.text(form, "contact", required=True, max_length=64) or ""
        await staffing.set_contact(
            participant.code, code, actor=staff_actor(staff), unit_id=staff.unit_id
        )
    except RuleError as error:
        return await _detail(
            request, participant, None, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/participants/{participant.code}?saved=1")


@routes.get("/participants/{code}/photo")
@requires(Action.PARTICIPANT_VIEW)
async def photo(request: web.Request) -> web.Response:
    """The photo on the participant's tile at the door (only while consented to)."""
    participant = await participant_or_404(request)
    body = await door.photo(None, participant.id, unit_id=participant.unit_id)
    if body is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=body, content_type="image/jpeg", headers={"Cache-Control": "private, no-store"}
    )


@routes.post("/participants/{code}/picture")
@requires(Action.PICTURE_EDIT)
async def save_picture(request: web.Request) -> web.Response:
    """The tile at the door: a symbol, the consent to a photo, and the photo."""
    participant = await participant_or_404(request)
    form = await forms.form_of(request)
    upload = form.get("photo")
    data = (
        upload.file.read(photos.MAX_UPLOAD_BYTES + 1) if isinstance(upload, web.FileField) else None
    )
    try:
        await pictures.save(
            request[STAFF],
            participant,
            request.app[CLOCK](),
            symbol=forms.text(form, "symbol", max_length=16),
            consent=forms.flag(form, "photo_consent"),
            upload=data or None,
            remove_photo=forms.flag(form, "remove_photo"),
        )
    except RuleError as error:
        return await _detail(
            request, participant, None, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/participants/{participant.code}?saved=1#picture")


def _speaks(participant: Participant, links: list[TelegramLink]) -> bool:
    """Whether the participant's own chat's language has a voice (Somali has none)."""
    own = [
        link.language
        for link in links
        if link.role == LinkRole.PARTICIPANT and link.revoked_at is None and link.language
    ]
    return own_voice(own[0] if own else None).available is not False


@routes.post("/participants/{code}/read-aloud")
@requires(Action.READ_ALOUD)
async def save_read_aloud(request: web.Request) -> web.Response:
    """ "🔊 Les opp" on or off for the participant's own chat, as they could in the bot.
    Shown again at once (not redirected): whether the participant is told is part of
    the answer, and sending the same form again changes nothing and tells nobody twice."""
    participant = await participant_or_404(request)
    staff = request[STAFF]
    if not may_set_read_aloud(staff, participant):
        raise web.HTTPForbidden(
            text=request[GETTEXT](N_("Bare kontaktpersonen eller en leder kan gjøre dette."))
        )
    form = await forms.form_of(request)
    gettext = request[GETTEXT]
    now = request.app[CLOCK]()
    try:
        change = await read_aloud.set_read_aloud(
            participant.code,
            forms.flag(form, "read_aloud"),
            actor=staff_actor(staff),
            now=now,
            unit_id=staff.unit_id,
        )
    except RuleError as error:
        return await _detail(
            request, participant, None, errors=[rule_message(request, error)], status=400
        )
    told = read_aloud.told_notice(change, now, gettext)
    notice = (
        " ".join([gettext(N_("Lagret.")), told]) if told else gettext(N_("Ingenting er endret."))
    )
    found = await participant_or_404(request)
    return await _detail(request, found, notice)
