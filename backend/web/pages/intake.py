"""The intake with NAV as a guided step, evaluations, the final report, and the NAV
cooperation meeting's minutes (seed 004). The use cases are `backend.intake`, shared
with `frammote intake` and `frammote evaluation` and the JSON API.

The intake is one form in steps (a fieldset each); app.js shows one step at a time with
Back and Next, so every step keeps what was typed when one goes back. Without script
the whole form shows at once and works the same.
"""

from __future__ import annotations

from datetime import date, time

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.intake import evaluations, final_report, minutes
from backend.intake import intake as intakes
from backend.intake.documents import PDF_MIME
from backend.intake.rules import (
    AGREEMENT_PROGRAMMES,
    OUTCOME_LABELS,
    RECOMMENDATION_LABELS,
    parse_outcome,
)
from backend.models import Participant, Programme, Staff
from backend.people import directory
from backend.people.eligibility_rules import parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import checked_weekdays, number, parse_date
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import file_download, render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()

INTAKE_FIELDS = (
    "who", "code", "name", "birth_date", "participant", "referred_on", "counsellor", "contact",
    "conversation_on", "programme", "agreement_start", "agreement_end", "start", "end",
    "purpose", "first_list", "first_evaluation",
)  # fmt: skip


def _required_date(form: forms.Form, name: str) -> date:
    return parse_date(forms.text(form, name, required=True, max_length=40) or "")


def _time(form: forms.Form, name: str) -> time:
    typed = forms.text(form, name, required=True, max_length=8) or ""
    try:
        return time.fromisoformat(typed)
    except ValueError:
        raise RuleError(N_("Skriv klokkeslettet som 08:30, ikke {text}"), text=typed) from None


def intake_form(unit_code: str, form: forms.Form) -> intakes.IntakeForm:
    """The submitted steps as one intake; a new participant when `who` is "new"."""
    new = form.get("who") == "new"
    if new:
        code = forms.text(form, "code", required=True, max_length=64) or ""
        person: intakes.NewPerson | None = intakes.NewPerson(
            forms.text(form, "name", required=True, max_length=200) or "",
            _required_date(form, "birth_date"),
        )
    else:
        code = forms.text(form, "participant", required=True, max_length=64) or ""
        person = None
    return intakes.IntakeForm(
        unit_code=unit_code,
        participant_code=code,
        referred_on=_required_date(form, "referred_on"),
        counsellor=forms.text(form, "counsellor", required=True, max_length=200) or "",
        contact_code=forms.text(form, "contact", required=True, max_length=64) or "",
        conversation_on=_required_date(form, "conversation_on"),
        nav_took_part=forms.flag(form, "with_nav"),
        programme=parse_programme(forms.text(form, "programme", max_length=20)),
        agreement_start=_required_date(form, "agreement_start"),
        agreement_end=_required_date(form, "agreement_end"),
        weekdays=checked_weekdays(form.getall("weekdays", [])),
        start_time=_time(form, "start"),
        end_time=_time(form, "end"),
        purpose=forms.text(form, "purpose", required=True, max_length=2000) or "",
        first_list=_required_date(form, "first_list"),
        first_evaluation=_required_date(form, "first_evaluation"),
        new_person=person,
    )


async def _intake_page(
    request: web.Request,
    values: dict[str, object],
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "intake.html",
        {
            "values": values,
            "errors": errors or [],
            "participants": await directory.participants(staff),
            "staff_list": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "agreement_programmes": [p.value for p in AGREEMENT_PROGRAMMES],
            "start_at_end": bool(errors),
        },
        status=status,
    )


@routes.get("/intake")
@requires(Action.INTAKE_EDIT)
async def intake_page(request: web.Request) -> web.Response:
    code = request.query.get("participant", "").strip()[:64]
    known = await directory.participant(request[STAFF], code) if code else None
    values: dict[str, object] = {
        "who": "existing" if known else "new",
        "participant": known.code if known else "",
        "contact": known.contact.code if known and known.contact else "",
        "programme": Programme.WORK_TRAINING.value,
        "with_nav": True,
        "weekdays": [],
        "start": "09:00",
        "end": "15:00",
    }
    if known is not None:  # what is known of them already is not typed again
        values["weekdays"] = [d for d in known.weekdays.split(",") if d]
        values["start"], values["end"] = known.day_start, known.day_end
        values["purpose"] = known.purpose or ""
    return await _intake_page(request, values)


@routes.post("/intake")
@requires(Action.INTAKE_EDIT)
async def save_intake(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        done = await intakes.record_intake(
            intake_form(staff.unit.code, form),
            actor=staff_actor(staff),
            now=request.app[CLOCK](),
        )
    except RuleError as error:
        values: dict[str, object] = {k: form.get(k) for k in INTAKE_FIELDS}
        values["weekdays"] = form.getall("weekdays", [])
        values["with_nav"] = forms.flag(form, "with_nav")
        return await _intake_page(request, values, [rule_message(request, error)], status=400)
    await done.fetch_related("participant")
    return see_other(f"/participants/{done.participant.code}?saved=1#intake")


# -- evaluations and the final report ----------------------------------------------------


async def _followed(request: web.Request) -> Participant:
    """The participant, for their own contact person or a leader of the unit."""
    staff: Staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke deltakeren.")))
    if not evaluations.may_evaluate(staff, found):
        raise web.HTTPForbidden(
            text=request[GETTEXT](N_("Bare kontaktpersonen eller en leder kan gjøre dette."))
        )
    return found


@routes.post("/participants/{code}/evaluations")
@requires(Action.EVALUATION_EDIT)
async def save_evaluation(request: web.Request) -> web.Response:
    participant = await _followed(request)
    form = await forms.form_of(request)
    try:
        await evaluations.record_evaluation(
            participant.code,
            evaluations.EvaluationForm(
                held_on=_required_date(form, "held_on"),
                outcome=parse_outcome(forms.text(form, "outcome", required=True, max_length=20)),
                next_evaluation=forms.optional_date(form, "next_evaluation"),
                note=forms.text(form, "note", max_length=500),
            ),
            actor=staff_actor(request[STAFF]),
            today=request.app[CLOCK]().date(),
            unit_id=participant.unit_id,
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("held_on", "outcome", "next_evaluation", "note")}
        return render(
            request,
            "evaluation.html",
            {
                "p": participant,
                "values": values,
                "outcomes": OUTCOME_LABELS,
                "errors": [rule_message(request, error)],
            },
            status=400,
        )
    return see_other(f"/participants/{participant.code}?saved=1#evaluations")


async def _report_page(
    request: web.Request,
    participant: Participant,
    values: dict[str, object],
    errors: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    today = request.app[CLOCK]().date()
    try:
        draft = await final_report.draft_for(participant, today)
    except RuleError as error:
        draft = None
        errors = [*(errors or []), rule_message(request, error)]
        status = 400 if status == 200 and request.method == "POST" else status
    return render(
        request,
        "final_report.html",
        {
            "p": participant,
            "draft": draft,
            "values": values,
            "errors": errors or [],
            "recommendations": RECOMMENDATION_LABELS,
            "reports": await final_report.reports_of(participant),
        },
        status=status,
    )


@routes.get("/participants/{code}/final-report")
@requires(Action.EVALUATION_EDIT)
async def report_form(request: web.Request) -> web.Response:
    participant = await _followed(request)
    return await _report_page(request, participant, {})


@routes.post("/participants/{code}/final-report")
@requires(Action.EVALUATION_EDIT)
async def save_report(request: web.Request) -> web.Response:
    participant = await _followed(request)
    form = await forms.form_of(request)
    staff = request[STAFF]
    try:
        await final_report.write_final_report(
            participant,
            final_report.FinalReportForm(
                goals=forms.text(form, "goals", max_length=2000) or "",
                what_worked=forms.text(form, "what_worked", max_length=2000) or "",
                work_ability=forms.text(form, "work_ability", max_length=2000) or "",
                recommendation=forms.text(form, "recommendation", max_length=40) or "",
                recommendation_note=forms.text(form, "recommendation_note", max_length=2000),
            ),
            written_by=staff.name,
            actor=staff_actor(staff),
            today=request.app[CLOCK]().date(),
        )
    except RuleError as error:
        values = {
            k: form.get(k)
            for k in (
                "goals",
                "what_worked",
                "work_ability",
                "recommendation",
                "recommendation_note",
            )
        }
        return await _report_page(
            request, participant, values, [rule_message(request, error)], status=400
        )
    return see_other(f"/participants/{participant.code}?saved=1#final-report")


@routes.get("/participants/{code}/final-report.pdf")
@requires(Action.EVALUATION_EDIT)
async def report_pdf(request: web.Request) -> web.Response:
    participant = await _followed(request)
    wanted = request.query.get("id")
    report_id = number(wanted) if wanted else None
    if wanted and report_id is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke den sluttrapporten.")))
    try:
        filename, content = await final_report.report_pdf(
            participant, report_id, actor=staff_actor(request[STAFF]), language="nb"
        )
    except RuleError as error:
        raise web.HTTPNotFound(text=rule_message(request, error)) from None
    return file_download(content, filename, PDF_MIME)


# -- the NAV cooperation meeting's minutes ---------------------------------------------


async def _minutes_page(
    request: web.Request,
    meeting_id: int,
    values: dict[str, object] | None = None,
    errors: list[str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    unit = await directory.unit_of(staff)
    try:
        meeting = await minutes.nav_meeting(unit, meeting_id)
    except RuleError:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke det møtet."))) from None
    stored = await minutes.minutes_of(meeting)
    if values is None:
        values = {
            "text": stored.text if stored else "",
            "present": stored.present if stored else "",
            "next_meeting": stored.next_meeting.isoformat()
            if stored and stored.next_meeting
            else "",
        }
    return render(
        request,
        "minutes.html",
        {
            "meeting": meeting,
            "minutes": stored,
            "values": values,
            "errors": errors or [],
            "notice": notice or saved_notice(request),
            "unit": unit,
            "today": request.app[CLOCK]().date(),
        },
        status=status,
    )


@routes.get("/deadlines/meetings/{id}/minutes")
@requires(Action.DEADLINE_VIEW)
async def minutes_page(request: web.Request) -> web.Response:
    return await _minutes_page(request, forms.path_id(request))


@routes.post("/deadlines/meetings/{id}/minutes")
@requires(Action.MEETING_EDIT)
async def save_minutes(request: web.Request) -> web.Response:
    staff = request[STAFF]
    meeting_id = forms.path_id(request)
    form = await forms.form_of(request)
    unit = await directory.unit_of(staff)
    gettext = request[GETTEXT]
    try:
        await minutes.nav_meeting(unit, meeting_id)
    except RuleError:
        raise web.HTTPNotFound(text=gettext("Fant ikke det møtet.")) from None
    try:
        sent = await minutes.record_minutes(
            unit,
            meeting_id,
            minutes.MinutesForm(
                text=forms.text(form, "text", max_length=minutes.MAX_MINUTES) or "",
                present=forms.text(form, "present", max_length=2000) or "",
                next_meeting=forms.optional_date(form, "next_meeting"),
            ),
            actor=staff_actor(staff),
            sender=staff.name,
            now=request.app[CLOCK](),
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("text", "present", "next_meeting")}
        return await _minutes_page(
            request, meeting_id, values, [rule_message(request, error)], status=400
        )
    if not sent.changed:
        notice = gettext("Ingenting er endret.")
    else:
        parts = [gettext("Lagret.")]
        if sent.told:
            parts.append(gettext("Sendt til: {names}.").format(names=", ".join(sent.told)))
        if sent.nav_leader:
            parts.append(
                gettext("Sendt til NAVs leder: {address}.").format(address=unit.nav_leader_email)
            )
        notice = " ".join(parts)
    errors = []
    if sent.changed and sent.not_told:
        errors.append(
            gettext("Nådde ikke (ingen Telegram eller e-post): {names}.").format(
                names=", ".join(sent.not_told)
            )
        )
    if sent.changed and not sent.nav_leader:
        errors.append(
            gettext(
                "NAVs leder har ingen e-postadresse i enhetens innstillinger, så referatet ble "
                "ikke sendt dit."
            )
        )
    return await _minutes_page(request, meeting_id, None, errors, notice)


@routes.get("/deadlines/meetings/{id}/minutes.pdf")
@requires(Action.DEADLINE_VIEW)
async def minutes_download(request: web.Request) -> web.Response:
    unit = await directory.unit_of(request[STAFF])
    try:
        filename, content = await minutes.minutes_pdf(unit, forms.path_id(request))
    except RuleError as error:
        raise web.HTTPNotFound(text=rule_message(request, error)) from None
    return file_download(content, filename, PDF_MIME)
