"""KVP applications: the list (step, days waiting, deadline), a new application, and one
application with a form for its next step. A contact person sees and edits only the
applications they follow; another unit's, or one they do not follow, is not found."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from aiohttp import web

from backend.access.permissions import Action, may
from backend.access.sign_in import staff_actor
from backend.kvp import applications as kvp
from backend.kvp.rules import STEP_NAMES, KvpStep
from backend.models import KvpApplication, StaffRole
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.shared.parse import checked_weekdays, parse_date
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


def _today(request: web.Request) -> date:
    return request.app[CLOCK]().date()


async def _application_or_404(request: web.Request) -> KvpApplication:
    found = await kvp.application_for(request[STAFF], forms.path_id(request))
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke den KVP-søknaden.")))
    return found


async def _counsellors(request: web.Request) -> list[Any]:
    return [s for s in await directory.staff_of(request[STAFF].unit_id) if s.active]


@routes.get("/kvp")
@requires(Action.KVP_VIEW)
async def listing(request: web.Request) -> web.Response:
    found = await kvp.applications_for(request[STAFF], _today(request))
    return render(request, "kvp.html", {"applications": found, "steps": STEP_NAMES})


async def _new_form(
    request: web.Request, values: dict[str, Any], errors: list[str], status: int = 200
) -> web.Response:
    return render(
        request,
        "kvp_new.html",
        {"values": values, "errors": errors, "staff_list": await _counsellors(request)},
        status=status,
    )


@routes.get("/kvp/new")
@requires(Action.KVP_EDIT)
async def new_form(request: web.Request) -> web.Response:
    staff = request[STAFF]
    return await _new_form(
        request, {"received_on": _today(request).isoformat(), "counsellor": staff.code}, []
    )


@routes.post("/kvp")
@requires(Action.KVP_EDIT)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        counsellor = forms.text(form, "counsellor", max_length=64)
        if staff.role == StaffRole.CONTACT:
            counsellor = staff.code  # a contact person registers what they follow
        created = await kvp.add_application(
            kvp.NewApplication(
                unit_code=staff.unit.code,
                name=forms.text(form, "name", required=True, max_length=200) or "",
                birth_date=parse_date(forms.text(form, "birth_date", required=True) or ""),
                received_on=parse_date(forms.text(form, "received_on", required=True) or ""),
                counsellor_code=counsellor,
            ),
            actor=staff_actor(staff),
            today=_today(request),
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("name", "birth_date", "received_on", "counsellor")}
        return await _new_form(request, values, [rule_message(request, error)], status=400)
    return see_other(f"/kvp/{created.id}?saved=1")


async def _detail(
    request: web.Request,
    application: KvpApplication,
    *,
    notice: str | None = None,
    errors: list[str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> web.Response:
    staff = request[STAFF]
    view = await kvp.view_of(application, _today(request))
    start_values = {
        "weekdays": ["1", "2", "3", "4", "5"],
        "start": "09:00",
        "end": "15:00",
        "contact": application.counsellor.code if application.counsellor else "",
        "code": "",
    }
    return render(
        request,
        "kvp_application.html",
        {
            "a": application,
            "view": view,
            "steps": STEP_NAMES,
            "periods": await kvp.periods_of(application),
            "may_edit": kvp.may_edit(staff, application),
            "may_assign": may(staff.role, Action.KVP_ASSIGN),
            "default_code": kvp.default_code(application.id),
            "staff_list": await _counsellors(request),
            "values": start_values | (values or {}),
            "today": _today(request),
            "notice": notice,
            "errors": errors or [],
            "Step": KvpStep,
        },
        status=status,
    )


@routes.get("/kvp/{id}")
@requires(Action.KVP_VIEW)
async def detail(request: web.Request) -> web.Response:
    application = await _application_or_404(request)
    return await _detail(request, application, notice=saved_notice(request))


async def _editable(request: web.Request) -> KvpApplication:
    application = await _application_or_404(request)
    if not kvp.may_edit(request[STAFF], application):
        raise web.HTTPForbidden(text=request[GETTEXT](N_("Du kan ikke endre denne søknaden.")))
    return application


def _day(form: forms.Form, name: str) -> date:
    return parse_date(forms.text(form, name, required=True, max_length=20) or "")


@routes.post("/kvp/{id}/aev")
@requires(Action.KVP_EDIT)
async def aev(request: web.Request) -> web.Response:
    application = await _editable(request)
    form = await forms.form_of(request)
    try:
        await kvp.record_aev(
            application.id,
            _day(form, "aev_on"),
            actor=staff_actor(request[STAFF]),
            today=_today(request),
        )
    except RuleError as error:
        return await _detail(
            request, application, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/kvp/{application.id}?saved=1")


@routes.post("/kvp/{id}/counsellor")
@requires(Action.KVP_ASSIGN)
async def counsellor(request: web.Request) -> web.Response:
    application = await _application_or_404(request)
    form = await forms.form_of(request)
    try:
        await kvp.change_counsellor(
            application.id,
            forms.text(form, "counsellor", max_length=64),
            actor=staff_actor(request[STAFF]),
        )
    except RuleError as error:
        return await _detail(
            request, application, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/kvp/{application.id}?saved=1")


OUTCOMES = {"approved": True, "refused": False}


@routes.post("/kvp/{id}/decision")
@requires(Action.KVP_EDIT)
async def decision(request: web.Request) -> web.Response:
    application = await _editable(request)
    form = await forms.form_of(request)
    try:
        outcome = form.get("outcome")
        if outcome not in OUTCOMES:
            raise RuleError(N_("Velg om søknaden er innvilget eller avslått"))
        await kvp.record_decision(
            application.id,
            _day(form, "decided_on"),
            approved=OUTCOMES[str(outcome)],
            reason=forms.text(form, "reason", max_length=2000),
            actor=staff_actor(request[STAFF]),
            today=_today(request),
        )
    except RuleError as error:
        return await _detail(
            request, application, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/kvp/{application.id}?saved=1")


@routes.post("/kvp/{id}/period")
@requires(Action.KVP_EDIT)
async def period(request: web.Request) -> web.Response:
    application = await _editable(request)
    form = await forms.form_of(request)
    try:
        await kvp.add_period(
            application.id,
            _day(form, "starts_on"),
            _day(form, "ends_on"),
            actor=staff_actor(request[STAFF]),
            today=_today(request),
        )
    except RuleError as error:
        return await _detail(
            request, application, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/kvp/{application.id}?saved=1")


def _time(form: forms.Form, name: str) -> time:
    typed = forms.text(form, name, required=True, max_length=8) or ""
    try:
        return time.fromisoformat(typed)
    except ValueError:
        raise RuleError(N_("Skriv klokkeslettet som 08:30, ikke {text}"), text=typed) from None


@routes.post("/kvp/{id}/start")
@requires(Action.PARTICIPANT_EDIT)  # the start registers a participant: leaders' work
async def start(request: web.Request) -> web.Response:
    application = await _editable(request)
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        note = forms.text(form, "override_note", max_length=2000)
        participant = await kvp.start_programme(
            application.id,
            kvp.StartProgramme(
                day=_day(form, "started_on"),
                weekdays=checked_weekdays(form.getall("weekdays", [])),
                start_time=_time(form, "start"),
                end_time=_time(form, "end"),
                contact_code=forms.text(form, "contact", required=True, max_length=64) or "",
                code=forms.text(form, "code", max_length=64),
                override_note=note,
                override_by=staff.code if note else None,
            ),
            actor=staff_actor(staff),
            today=_today(request),
        )
    except RuleError as error:
        values = {k: form.get(k) for k in ("start", "end", "contact", "code", "started_on")}
        values["weekdays"] = form.getall("weekdays", [])
        values["override_note"] = form.get("override_note")
        return await _detail(
            request, application, errors=[rule_message(request, error)], values=values, status=400
        )
    # The new participant's page: every role sees the unit's participants.
    return see_other(f"/participants/{participant.code}?saved=1")
