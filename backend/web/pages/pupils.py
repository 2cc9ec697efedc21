"""The pupil register: list (by school and class year), register, see and change one, end
an entry, make a participant of a pupil, and the status meeting's overview with its PDF."""

from __future__ import annotations

from datetime import date

from aiohttp import web
from multidict import MultiDict, MultiDictProxy

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.models import Pupil
from backend.pathway.rules import STAGE_NAMES, Stage
from backend.people import directory
from backend.pupils import becoming, overview_pdf, rules
from backend.pupils import register as pupils
from backend.pupils.rules import CLASS_YEAR_NAMES, NEED_NAMES, ClassYear
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF
from backend.web.pages.participants import ALL_CRITERIA, new_participant
from backend.web.render import file_download, render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()
FIELDS = (
    "name",
    "birth_date",
    "school",
    "class_year",
    "expected_end",
    "consent_given_on",
    "consent_withdrawn_on",
    "note",
)


def _today(request: web.Request) -> date:
    return request.app[CLOCK]().date()


def _unit_id(request: web.Request) -> int:
    return request[STAFF].unit_id


async def pupil_or_404(request: web.Request) -> Pupil:
    found = await pupils.pupil_of(_unit_id(request), forms.path_id(request))
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke eleven.")))
    return found


def _context() -> dict[str, object]:
    return {"class_years": CLASS_YEAR_NAMES, "need_names": NEED_NAMES}


def pupil_fields(form: forms.Form) -> pupils.PupilFields:
    return pupils.PupilFields(
        name=forms.text(form, "name", required=True, max_length=200) or "",
        birth_date=parse_date(forms.text(form, "birth_date", required=True, max_length=20) or ""),
        school=forms.text(form, "school", required=True, max_length=200) or "",
        class_year=rules.parse_class_year(forms.text(form, "class_year", max_length=20)),
        expected_end=forms.optional_date(form, "expected_end"),
        consent_given_on=forms.optional_date(form, "consent_given_on"),
        consent_withdrawn_on=forms.optional_date(form, "consent_withdrawn_on"),
        share_name=forms.flag(form, "share_name"),
        needs=rules.parse_needs(str(v) for v in form.getall("needs", [])),
        note=forms.text(form, "note", max_length=2000),
    )


def _typed(form: forms.Form) -> dict[str, object]:
    values: dict[str, object] = {k: form.get(k) for k in FIELDS}
    values["share_name"] = forms.flag(form, "share_name")
    values["needs"] = [str(v) for v in form.getall("needs", [])]
    return values


def _values_of(pupil: Pupil) -> dict[str, object]:
    def iso(day: date | None) -> str:
        return day.isoformat() if day else ""

    return {
        "name": pupil.name,
        "birth_date": iso(pupil.birth_date),
        "school": pupil.school,
        "class_year": pupil.class_year,
        "expected_end": iso(pupil.expected_end),
        "consent_given_on": iso(pupil.consent_given_on),
        "consent_withdrawn_on": iso(pupil.consent_withdrawn_on),
        "share_name": pupil.share_name,
        "needs": list(pupil.needs or []),
        "note": pupil.note or "",
    }


# -- the register ------------------------------------------------------------------------


@routes.get("/pupils")
@requires(Action.PUPIL_VIEW)
async def listing(request: web.Request) -> web.Response:
    school = request.query.get("school", "").strip()[:200] or None
    year_text = request.query.get("year", "").strip().lower()
    year = ClassYear(year_text) if year_text in {y.value for y in ClassYear} else None
    ended = request.query.get("ended") == "1"
    today = _today(request)
    found = await pupils.pupils_of(
        _unit_id(request), school=school, class_year=year, include_ended=ended
    )
    return render(
        request,
        "pupils.html",
        {
            **_context(),
            "pupils": found,
            "schools": await pupils.schools_of(_unit_id(request)),
            "school": school or "",
            "year": year.value if year else "",
            "ended": ended,
            "today": today,
            "age_at": rules.age_at,
            "past_nav_mark": rules.past_nav_mark,
            "nav_mark": rules.nav_mark,
            "named": lambda p: rules.names_allowed(
                p.consent_given_on, p.consent_withdrawn_on, p.share_name, today
            ),
            "notice": saved_notice(request),
        },
    )


async def _form(
    request: web.Request,
    values: dict[str, object],
    *,
    pupil: Pupil | None = None,
    errors: list[str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> web.Response:
    today = _today(request)
    return render(
        request,
        "pupil.html",
        {
            **_context(),
            "pupil": pupil,
            "values": values,
            "errors": errors or [],
            "notice": notice,
            "today": today,
            "usual_ends": {year: rules.usual_end(year, today) for year in ClassYear},
            "past_nav_mark": pupil is not None and rules.past_nav_mark(pupil.birth_date, today),
            "nav_mark": rules.nav_mark(pupil.birth_date) if pupil else None,
            "age": rules.age_at(pupil.birth_date, today) if pupil else None,
            "participant": await pupils.participant_of(pupil) if pupil else None,
            "candidate": await pupils.candidate_of(pupil) if pupil else None,
        },
        status=status,
    )


@routes.get("/pupils/new")
@requires(Action.PUPIL_EDIT)
async def new_form(request: web.Request) -> web.Response:
    return await _form(request, {"class_year": ClassYear.VG1.value, "needs": []})


@routes.post("/pupils")
@requires(Action.PUPIL_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        pupil = await pupils.add_pupil(
            await directory.unit_of(staff),
            pupil_fields(form),
            actor=staff_actor(staff),
            today=_today(request),
        )
    except RuleError as error:
        return await _form(request, _typed(form), errors=[rule_message(request, error)], status=400)
    return see_other(f"/pupils/{pupil.id}?saved=1")


@routes.get("/pupils/{id:\\d+}")
@requires(Action.PUPIL_VIEW)
async def detail(request: web.Request) -> web.Response:
    pupil = await pupil_or_404(request)
    return await _form(request, _values_of(pupil), pupil=pupil, notice=saved_notice(request))


@routes.post("/pupils/{id:\\d+}")
@requires(Action.PUPIL_EDIT)
async def save(request: web.Request) -> web.Response:
    pupil = await pupil_or_404(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        await pupils.change_pupil(
            staff.unit_id,
            pupil.id,
            pupil_fields(form),
            actor=staff_actor(staff),
            today=_today(request),
        )
    except RuleError as error:
        return await _form(
            request, _typed(form), pupil=pupil, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/pupils/{pupil.id}?saved=1")


@routes.post("/pupils/{id:\\d+}/end")
@requires(Action.PUPIL_EDIT)
async def end(request: web.Request) -> web.Response:
    pupil = await pupil_or_404(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    today = _today(request)
    try:
        day = forms.optional_date(form, "ended_on") or today
        await pupils.end_pupil(staff.unit_id, pupil.id, day, actor=staff_actor(staff), today=today)
    except RuleError as error:
        return await _form(
            request,
            _values_of(pupil),
            pupil=pupil,
            errors=[rule_message(request, error)],
            status=400,
        )
    return see_other(f"/pupils/{pupil.id}?saved=1")


# -- a pupil becomes a participant -------------------------------------------------------


async def _participant_form(
    request: web.Request,
    pupil: Pupil,
    values: dict[str, object],
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "pupil_participant.html",
        {
            "pupil": pupil,
            "values": values,
            "errors": errors or [],
            "staff_list": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "all_criteria": ALL_CRITERIA,
        },
        status=status,
    )


@routes.get("/pupils/{id:\\d+}/participant")
@requires(Action.PUPIL_EDIT)
async def participant_form(request: web.Request) -> web.Response:
    pupil = await pupil_or_404(request)
    if pupil.participant_id is not None:
        return see_other(f"/pupils/{pupil.id}")
    values = {"weekdays": [], "start": "09:00", "end": "14:00", "programme": "aok", "criteria": {}}
    return await _participant_form(request, pupil, values)


@routes.post("/pupils/{id:\\d+}/participant")
@requires(Action.PUPIL_EDIT)
async def make_participant(request: web.Request) -> web.Response:
    """The decision's fields only: the name, the birth date and the unit are the pupil's."""
    pupil = await pupil_or_404(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        # The participant form's own reading, with the person taken from the register.
        merged = MultiDict(form)
        merged["name"] = pupil.name
        merged["birth_date"] = pupil.birth_date.isoformat()
        new = new_participant(staff.unit.code, MultiDictProxy(merged))
        note = forms.text(form, "override_note", max_length=2000)
        participant = await becoming.make_participant(
            await directory.unit_of(staff),
            pupil.id,
            becoming.Decision(
                code=new.code,
                weekdays=new.weekdays,
                start_time=new.start_time,
                end_time=new.end_time,
                contact_code=new.contact_code,
                programme=new.programme,
                transport=new.transport,
                eligibility=new.eligibility,
            ),
            actor=staff_actor(staff),
            today=_today(request),
            override_note=note,
            override_by=staff.code if note else None,
        )
    except RuleError as error:
        values: dict[str, object] = {
            k: form.get(k) for k in ("code", "start", "end", "contact", "programme")
        }
        values["weekdays"] = form.getall("weekdays", [])
        values["transport"] = forms.flag(form, "transport")
        values["criteria"] = {k: form.get(f"c-{k}") for k in ALL_CRITERIA}
        values["override_note"] = form.get("override_note")
        return await _participant_form(
            request, pupil, values, [rule_message(request, error)], status=400
        )
    return see_other(f"/participants/{participant.code}?saved=1")


# -- a pupil becomes a candidate ---------------------------------------------------------


async def _candidate_form(
    request: web.Request,
    pupil: Pupil,
    values: dict[str, object],
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "pupil_candidate.html",
        {
            "pupil": pupil,
            "values": values,
            "errors": errors or [],
            "staff_list": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "stages": {stage: STAGE_NAMES[stage] for stage in becoming.FIRST_STAGES},
        },
        status=status,
    )


@routes.get("/pupils/{id:\\d+}/candidate")
@requires(Action.PUPIL_EDIT)
async def candidate_form(request: web.Request) -> web.Response:
    pupil = await pupil_or_404(request)
    if pupil.participant_id is not None or pupil.candidate_id is not None:
        return see_other(f"/pupils/{pupil.id}")
    return await _candidate_form(request, pupil, {"stage": Stage.APPROACH.value})


@routes.post("/pupils/{id:\\d+}/candidate")
@requires(Action.PUPIL_EDIT)
async def make_candidate(request: web.Request) -> web.Response:
    """The candidate's id and first stage only: the person is the pupil, referred by school."""
    pupil = await pupil_or_404(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        stage_text = forms.text(form, "stage", max_length=20) or Stage.APPROACH.value
        try:
            stage = Stage(stage_text)
        except ValueError:
            raise RuleError(
                N_("En elev begynner som kandidat i tilnærming eller kartlegging")
            ) from None
        await becoming.make_candidate(
            await directory.unit_of(staff),
            pupil.id,
            forms.text(form, "code", required=True, max_length=64) or "",
            actor=staff_actor(staff),
            today=_today(request),
            follower_code=forms.text(form, "follower", max_length=64),
            first_stage=stage,
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("code", "follower", "stage")}
        return await _candidate_form(
            request, pupil, values, [rule_message(request, error)], status=400
        )
    return see_other(f"/pupils/{pupil.id}?saved=1")


# -- the status meeting's overview -------------------------------------------------------


async def _overview_day(request: web.Request) -> date:
    given = request.query.get("at", "").strip()
    if given:
        return parse_date(given[:40])
    return await pupils.next_status_meeting(_unit_id(request), _today(request))


@routes.get("/pupils/overview")
@requires(Action.PUPIL_VIEW)
async def overview(request: web.Request) -> web.Response:
    errors: list[str] = []
    try:
        day = await _overview_day(request)
    except RuleError as error:
        errors.append(rule_message(request, error))
        day = await pupils.next_status_meeting(_unit_id(request), _today(request))
    found = await pupils.overview_for(_unit_id(request), day)
    return render(
        request,
        "pupils_overview.html",
        {**_context(), "o": found, "errors": errors},
        status=400 if errors else 200,
    )


@routes.get("/pupils/overview.pdf")
@requires(Action.PUPIL_VIEW)
async def overview_download(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        day = await _overview_day(request)
    except RuleError as error:
        return render(
            request,
            "pupils_overview.html",
            {
                **_context(),
                "o": await pupils.overview_for(staff.unit_id, _today(request)),
                "errors": [rule_message(request, error)],
            },
            status=400,
        )
    unit = await directory.unit_of(staff)
    found = await pupils.overview_for(unit.id, day)
    content = overview_pdf.render_pdf(found, unit.name, _today(request), request[LANGUAGE])
    await pupils.record_overview_made(unit, day, actor=staff_actor(staff), fmt="pdf")
    filename = f"statusmote-elever-{day.isoformat()}.pdf"
    return file_download(content, filename, "application/pdf")
