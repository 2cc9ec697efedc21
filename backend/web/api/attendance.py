"""Absences, attendance (read and mark), payroll, attendance lists."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from aiohttp import web

from backend.access.permissions import Action
from backend.attendance import marking as attendance
from backend.calendar import plan
from backend.models import AttendanceStatus
from backend.nav_lists.lists import export_for_staff
from backend.pay import payroll
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date
from backend.web import forms, list_query
from backend.web.api.common import body_of, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import CLOCK, LANGUAGE, STAFF
from backend.web.render import file_download

routes = web.RouteTableDef()


def _period(request: web.Request) -> tuple[date, date]:
    today = request.app[CLOCK]().date()
    start = parse_date(request.query["from"]) if request.query.get("from") else today
    end = parse_date(request.query["to"]) if request.query.get("to") else start + timedelta(days=28)
    if end < start or (end - start).days > 366:
        raise RuleError(N_("Velg en periode på høyst ett år, med sluttdato etter startdato"))
    return start, end


@routes.get("/api/absences")
@requires(Action.ABSENCE_VIEW)
async def absences(request: web.Request) -> web.Response:
    try:
        start, end = _period(request)
    except RuleError as error:
        return refused(request, error)
    found = await directory.absences(request[STAFF], start, end)
    return web.json_response(
        [
            {
                "id": a.id,
                "participant": a.participant.code,
                "day": a.day.isoformat(),
                "category": str(a.category),
                "reporter_name": a.reporter_name,
                "late": a.late,
                "withdrawn": a.withdrawn_at is not None,
                "has_note": bool(a.note),  # the text only on the page, to the contact person
            }
            for a in found
        ]
    )


@routes.get("/api/attendance")
@requires(Action.ATTENDANCE_VIEW)
async def attendance_month(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        year, month = forms.month_of(request.query.get("month"), request.app[CLOCK]().date())
        first, last = payroll.month_bounds(year, month)
    except RuleError as error:
        return refused(request, error)
    people_ = await directory.participants(staff)
    plans = await plan.plans_between(people_, first, last)
    records = await attendance.attendance_between(people_, first, last)
    result = []
    for person in people_:
        days = []
        for day_plan in plans[person.id]:
            record = records[person.id].get(day_plan.day)
            days.append(
                {
                    "day": day_plan.day.isoformat(),
                    "plan": str(day_plan.kind),
                    "status": str(record.status) if record else None,
                    "hours": str(Decimal(record.hours)) if record else None,
                }
            )
        result.append({"participant": person.code, "days": days})
    return web.json_response(result)


@routes.put("/api/attendance/{code}/{day}")
@requires(Action.ATTENDANCE_EDIT)
async def mark(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise not_found(request)
    try:
        day = parse_date(request.match_info["day"])
        body = await body_of(request)
        status_text = text_of(body, "status", max_length=30) or ""
        try:
            status = AttendanceStatus(status_text)
        except ValueError:
            raise RuleError(N_("Ukjent oppmøtestatus: {text}"), text=status_text) from None
        hours_value = body.get("hours")
        hours: Decimal | None = None
        if hours_value is not None:
            if not isinstance(hours_value, str):
                raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="hours")
            try:
                hours = Decimal(hours_value)
            except InvalidOperation:
                raise RuleError(
                    N_("Feltet «{field}» mangler eller er ugyldig"), field="hours"
                ) from None
        record = await attendance.mark_day(
            found,
            day,
            status,
            hours if status == AttendanceStatus.PRESENT else None,
            actor_staff=staff,
            now=request.app[CLOCK](),
            remark=text_of(body, "remark", required=False, max_length=500),
            end_absence=body.get("end_absence") is True,
        )
    except RuleError as error:
        return refused(request, error)
    return web.json_response(
        {
            "participant": found.code,
            "day": record.day.isoformat(),
            "status": str(record.status),
            "hours": str(Decimal(record.hours)),
        }
    )


@routes.get("/api/payroll")
@requires(Action.REPORT_PAYROLL)
async def payroll_month(request: web.Request) -> web.Response:
    try:
        year, month = forms.month_of(request.query.get("month"), request.app[CLOCK]().date())
        lines = await payroll.payroll(await directory.unit_of(request[STAFF]), year, month)
    except RuleError as error:
        return refused(request, error)
    return web.json_response(
        [
            {
                "employee_no": line.employee_no,
                "name": line.name,
                "days": line.days,
                "hours": str(line.hours),
                "amount_ore": line.amount_ore,
            }
            for line in lines
        ]
    )


@routes.get("/api/attendance-lists/{code}")
@requires(Action.REPORT_ATTENDANCE)
async def attendance_list_file(request: web.Request) -> web.Response:
    """One participant's attendance list for NAV as a PDF or CSV file (audited)."""
    staff = request[STAFF]
    found = await directory.participant(staff, request.match_info["code"])
    if found is None:
        raise not_found(request)
    today = request.app[CLOCK]().date()
    try:
        asked = list_query.read(request.query, found, today)
        made = await export_for_staff(
            staff, found.id, asked.first, asked.last, today, asked.fmt, request[LANGUAGE]
        )
    except RuleError as error:
        return refused(request, error)
    return file_download(made.content, made.filename, made.mime)
