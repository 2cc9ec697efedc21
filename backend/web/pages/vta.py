"""Towards VTA: the joint path with iVekst (who stands where, moving a participant a step)
and the new VTA places (recording them; the plan is on the reports page)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from babel.dates import format_date

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.shared import charts
from backend.shared.errors import RuleError
from backend.shared.i18n import babel_locale, ngettext_for
from backend.vta import path, places
from backend.vta.rules import (
    StepMove,
    parse_step,
    plan_chart,
    quarter_label,
    standing_words,
)
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF, VTA_PLAN
from backend.web.pages.participants import _detail, participant_or_404
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


def step_move(form: forms.Form, today: Any) -> StepMove:
    to = parse_step(forms.text(form, "step", required=True, max_length=40) or "")
    return StepMove(
        to,
        forms.optional_date(form, "on") or today,
        forms.text(form, "reason", max_length=2000),
    )


@routes.post("/participants/{code}/vta")
@requires(Action.VTA_EDIT)
async def move(request: web.Request) -> web.Response:
    participant = await participant_or_404(request)
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        await path.move_step(
            participant, step_move(form, today), actor=staff_actor(request[STAFF]), today=today
        )
    except RuleError as error:
        return await _detail(
            request, participant, None, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/participants/{participant.code}?saved=1#vta")


@routes.get("/vta")
@requires(Action.VTA_VIEW)
async def listing(request: web.Request) -> web.Response:
    staff = request[STAFF]
    include_left = request.query.get("left") == "1"
    return render(
        request,
        "vta.html",
        {
            "on_path": await path.on_path(staff.unit_id, include_left=include_left),
            "counts": await path.counts(staff.unit_id),
            "include_left": include_left,
        },
    )


async def plan_context(request: web.Request) -> dict[str, Any]:
    """The places against the plan, as a chart and a table with every number of it, and
    the joint path's counts per step: for the reports page."""
    today = request.app[CLOCK]().date()
    gettext = request[GETTEXT]
    language = request[LANGUAGE]
    target = request.app[VTA_PLAN]
    status = await places.status(target, today)
    end_text = format_date(target.end, "long", locale=babel_locale(language))
    spec = plan_chart(status, gettext, end_text)
    # matplotlib draws in a worker thread: the event loop keeps serving meanwhile.
    chart = await asyncio.to_thread(charts.svg_data_uri, spec) if spec.periods else None
    return {
        "vta_status": status,
        "vta_chart": chart,
        "vta_chart_title": spec.title,
        "vta_rows": [(quarter_label(row.quarter, gettext), row) for row in status.rows],
        "vta_standing": standing_words(status.difference, gettext, ngettext_for(language)),
        "vta_counts": await path.counts(request[STAFF].unit_id),
    }


async def _places_page(
    request: web.Request,
    values: dict[str, Any],
    errors: list[str],
    status: int = 200,
) -> web.Response:
    today = request.app[CLOCK]().date()
    return render(
        request,
        "vta_places.html",
        {
            "records": await places.recorded(),
            "plan": await places.status(request.app[VTA_PLAN], today),
            "values": values,
            "errors": errors,
            "notice": saved_notice(request) if not errors else None,
            "today": today,
        },
        status=status,
    )


@routes.get("/vta/places")
@requires(Action.VTA_VIEW)
async def places_page(request: web.Request) -> web.Response:
    return await _places_page(request, {}, [])


@routes.post("/vta/places")
@requires(Action.VTA_EDIT)
async def add_places(request: web.Request) -> web.Response:
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        new = places.NewPlaces(
            on=forms.optional_date(form, "on") or today,
            count=forms.integer(form, "count", low=1, high=480) or 0,
            where=forms.text(form, "where", max_length=2000),
            note=forms.text(form, "note", max_length=5000),
        )
        await places.add_places(new, actor=staff_actor(request[STAFF]), today=today)
    except RuleError as error:
        values = {k: form.get(k) for k in ("on", "count", "where", "note")}
        return await _places_page(request, values, [rule_message(request, error)], status=400)
    return see_other("/vta/places?saved=1")
