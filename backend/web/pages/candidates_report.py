"""The coordinators' report on /reports/candidates: the page with its charts, a PDF and a CSV.

The numbers are backend.pathway.report's, for the signed-in staff member's own unit
only. The charts are drawn in a worker thread, as matplotlib takes a moment. A refused
range shows the form again with the message, as a 400; a refused download is a 400.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from backend.access.permissions import Action
from backend.models import Unit
from backend.pathway.report import report_for_staff
from backend.pathway.report_files import (
    CSV_MIME,
    PDF_MIME,
    filename,
    render_csv,
    render_pdf,
)
from backend.pathway.report_rules import (
    Report,
    days_text,
    entries_chart,
    exits_chart,
    funnel_chart,
    month_words,
    read_range,
    stage_chart,
)
from backend.pathway.rules import STAGE_NAMES
from backend.people import directory
from backend.shared import charts
from backend.shared.chart_specs import BarChart
from backend.shared.errors import RuleError
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF
from backend.web.render import file_download, render, rule_message

routes = web.RouteTableDef()


async def _report(request: web.Request) -> tuple[Unit, Report]:
    today = request.app[CLOCK]().date()
    first, last = read_range(request.query.get("from", ""), request.query.get("to", ""), today)
    return await report_for_staff(request[STAFF], first, last, today)


def _draw(specs: dict[str, BarChart]) -> dict[str, str]:
    return {name: charts.svg_data_uri(spec) for name, spec in specs.items()}


@routes.get("/reports/candidates")
@requires(Action.REPORT_CANDIDATES)
async def page(request: web.Request) -> web.Response:
    _ = request[GETTEXT]
    language = request[LANGUAGE]
    asked = {k: request.query.get(k, "")[:40] for k in ("from", "to")}
    try:
        unit, report = await _report(request)
    except RuleError as error:
        unit = await directory.unit_of(request[STAFF])
        shown = {"unit": unit, "found": None, "values": asked}
        shown["errors"] = [rule_message(request, error)]
        return render(request, "candidates_report.html", shown, status=400)
    specs = {
        "stages": stage_chart(report, _),
        "funnel": funnel_chart(report, _),
        "entries": entries_chart(report, _, language),
        "exits": exits_chart(report, _, language),
    }
    images = await asyncio.to_thread(_draw, specs)
    context: dict[str, Any] = {
        "unit": unit,
        "found": report,
        "values": {"from": report.first.isoformat(), "to": report.last.isoformat()},
        "range_query": f"from={report.first.isoformat()}&to={report.last.isoformat()}",
        "stage_names": STAGE_NAMES,
        "months": [(month_words(m.month, language), m) for m in report.months],
        "times": [(s, days_text(s.median_days, language)) for s in report.times],
        "images": images,
        "titles": {name: spec.title for name, spec in specs.items()},
    }
    return render(request, "candidates_report.html", context)


@routes.get("/reports/candidates.pdf")
@requires(Action.REPORT_CANDIDATES)
async def pdf(request: web.Request) -> web.Response:
    try:
        unit, report = await _report(request)
    except RuleError as error:
        raise web.HTTPBadRequest(text=rule_message(request, error)) from None
    made_on = request.app[CLOCK]().date()
    content = await asyncio.to_thread(render_pdf, report, unit.name, made_on, request[LANGUAGE])
    return file_download(content, filename(unit.code, report, "pdf"), PDF_MIME)


@routes.get("/reports/candidates.csv")
@requires(Action.REPORT_CANDIDATES)
async def csv(request: web.Request) -> web.Response:
    try:
        unit, report = await _report(request)
    except RuleError as error:
        raise web.HTTPBadRequest(text=rule_message(request, error)) from None
    content = render_csv(report, unit.name, request[LANGUAGE])
    return file_download(content, filename(unit.code, report, "csv"), CSV_MIME)
