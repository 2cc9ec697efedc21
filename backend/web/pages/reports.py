"""Reports: payroll (preview, CSV, Visma), capacity for NAV, and attendance lists."""

from __future__ import annotations

from datetime import date

from aiohttp import web

from backend.access.permissions import Action, may
from backend.pay import payroll
from backend.people import directory
from backend.shared.csv_safe import CSV_ENCODING, to_text
from backend.shared.errors import RuleError
from backend.shared.parse import number
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, LANGUAGE, STAFF
from backend.web.pages import attendance_lists, vta
from backend.web.render import attachment, render, rule_message

routes = web.RouteTableDef()


def download(text: str, filename: str, content_type: str) -> web.Response:
    return web.Response(
        body=text.encode(CSV_ENCODING),
        headers={
            "Content-Type": f"{content_type}; charset=utf-8",
            "Content-Disposition": attachment(filename),
        },
    )


def _default_month(today: date) -> str:
    return f"{today.year:04d}-{today.month:02d}"


@routes.get("/reports")
@requires(Action.REPORT_ATTENDANCE)
async def index(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    # `?participant=P1` chooses whom the attendance-list form starts with.
    lists = await attendance_lists.form_context(
        request[STAFF], today, request.query.get("participant")
    )
    # The new VTA places against the plan, and the joint path's counts (seed 001).
    towards_vta = (
        await vta.plan_context(request) if may(request[STAFF].role, Action.VTA_VIEW) else {}
    )
    return render(
        request,
        "reports.html",
        {"month": _default_month(today), "today": today, **lists, **towards_vta},
    )


async def _payroll_lines(request: web.Request) -> tuple[tuple[int, int], list]:  # type: ignore[type-arg]
    today = request.app[CLOCK]().date()
    year, month = forms.month_of(request.query.get("month"), today)
    unit = await directory.unit_of(request[STAFF])
    return (year, month), await payroll.payroll(unit, year, month)


@routes.get("/reports/payroll")
@requires(Action.REPORT_PAYROLL)
async def payroll_preview(request: web.Request) -> web.Response:
    try:
        (year, month), lines = await _payroll_lines(request)
    except RuleError as error:  # the error, and this month's pay as it truly is
        today = request.app[CLOCK]().date()
        lines = await payroll.payroll(
            await directory.unit_of(request[STAFF]), today.year, today.month
        )
        context = {
            "lines": lines,
            "month": today.replace(day=1),
            "total": sum(line.amount_ore for line in lines),
            "errors": [rule_message(request, error)],
        }
        return render(request, "payroll.html", context, status=400)
    return render(
        request,
        "payroll.html",
        {
            "lines": lines,
            "month": date(year, month, 1),
            "total": sum(line.amount_ore for line in lines),
        },
    )


@routes.get("/reports/payroll.csv")
@requires(Action.REPORT_PAYROLL)
async def payroll_csv(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    try:
        year, month = forms.month_of(request.query.get("month"), today)
        unit = await directory.unit_of(request[STAFF])
        text = await payroll.export(
            unit, year, month, payroll.PayrollFormat.CSV, language=request[LANGUAGE]
        )
    except RuleError as error:
        raise web.HTTPBadRequest(text=rule_message(request, error)) from None
    return download(text, f"lonn-{unit.code}-{year:04d}-{month:02d}.csv", "text/csv")


@routes.get("/reports/payroll.visma")
@requires(Action.REPORT_PAYROLL)
async def payroll_visma(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    try:
        year, month = forms.month_of(request.query.get("month"), today)
        run_text = request.query.get("run", "1")
        run = number(run_text, max_digits=3)
        run = -1 if run is None else run
        unit = await directory.unit_of(request[STAFF])
        text = await payroll.export(
            unit,
            year,
            month,
            payroll.PayrollFormat.VISMA,
            wage_type=request.query.get("wage_type", "")[:16],
            run=run,
        )
    except RuleError as error:
        raise web.HTTPBadRequest(text=rule_message(request, error)) from None
    return download(text, f"visma-{unit.code}-{year:04d}-{month:02d}.txt", "text/plain")


@routes.get("/reports/capacity")
@requires(Action.REPORT_CAPACITY)
async def capacity(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    found = await directory.capacity(request[STAFF], today)
    unit = await directory.unit_of(request[STAFF])
    if request.query.get("format") == "csv":
        text = to_text(
            [
                ("unit", "date", "places", "active", "free"),
                (unit.code, today.isoformat(), found.places, found.active, found.free),
            ]
        )
        return download(text, f"kapasitet-{unit.code}-{today.isoformat()}.csv", "text/csv")
    return render(request, "capacity.html", {"capacity": found, "unit": unit, "day": today})
