"""The JSON API under /api/: the same services, guards and unit scope as the pages.

Sign in with a one-time login token (`POST /api/sessions`) to get a bearer token, or
use the browser's session cookie (then unsafe methods need the X-CSRF-Token header).
Every route is described in openapi.py; a test checks the two agree.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

from backend.access import sign_in as auth
from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.attendance import marking as attendance
from backend.calendar import plan
from backend.links import invite_admin
from backend.links.invites import create_invite
from backend.models import AttendanceStatus, LinkRole, Participant, Programme
from backend.nav_lists.lists import export_for_staff
from backend.pay import payroll
from backend.people import criteria, directory
from backend.people import registry as people
from backend.people.eligibility_rules import parse_programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import number, parse_date, parse_hours, parse_weekdays
from backend.web import forms, list_query
from backend.web.api.openapi import document
from backend.web.guards import public, requires
from backend.web.keys import BOT_USERNAME, CLOCK, EMAIL, GETTEXT, LANGUAGE, SESSION, STAFF
from backend.web.render import file_download, rule_message

routes = web.RouteTableDef()


def refused(request: web.Request, error: RuleError, status: int = 400) -> web.Response:
    return web.json_response({"error": rule_message(request, error)}, status=status)


def not_found(request: web.Request) -> web.HTTPNotFound:
    return web.HTTPNotFound(
        text=json.dumps({"error": request[GETTEXT]("Fant ikke det du spurte etter.")}),
        content_type="application/json",
    )


async def body_of(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        raise RuleError(N_("Forespørselen må være et JSON-objekt")) from None
    if not isinstance(body, dict):
        raise RuleError(N_("Forespørselen må være et JSON-objekt"))
    return body


def text_of(
    body: dict[str, Any], name: str, *, required: bool = True, max_length: int = 200
) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field=name)
    return value.strip()


def participant_json(p: Participant) -> dict[str, Any]:
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
        "decision_start": _iso(p.decision_start),
        "decision_end": _iso(p.decision_end),
        "next_evaluation": _iso(p.next_evaluation),
        "criteria": {state.criterion: state.value for state in criteria.states_of(p)},
    }


def criteria_of_body(body: dict[str, Any], programme: Programme) -> dict[str, bool | None]:
    """`criteria`: {key: true (met) | false (not met) | null (not assessed)}, keys checked."""
    given = body.get("criteria", {})
    if not isinstance(given, dict):
        raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="criteria")
    criteria.check_wanted(given, programme)
    return given


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@routes.get("/api/openapi.json")
@public
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(document())


@routes.post("/api/sessions")
@public
async def create_session(request: web.Request) -> web.Response:
    try:
        token = text_of(await body_of(request), "token", max_length=200) or ""
    except RuleError as error:
        return refused(request, error)
    try:
        signed = await auth.sign_in(token, request.app[CLOCK](), remote=request.remote)
    except auth.TooManyAttempts as error:
        response = refused(request, error, status=429)
        response.headers["Retry-After"] = str(int(auth.SIGN_IN_LIMIT.within.total_seconds()))
        return response
    except RuleError as error:
        return refused(request, error, status=403)
    return web.json_response(
        {
            "access_token": signed.cookie,
            "token_type": "bearer",
            "expires_at": signed.session.expires_at.isoformat(),
            "csrf_token": signed.session.csrf_token,
        },
        status=201,
    )


@routes.get("/api/me")
@requires(Action.SIGNED_IN)
async def me(request: web.Request) -> web.Response:
    staff = request[STAFF]
    return web.json_response(
        {
            "code": staff.code,
            "name": staff.name,
            "role": str(staff.role),
            "unit": staff.unit.code,
            "expires_at": request[SESSION].expires_at.isoformat(),
        }
    )


@routes.get("/api/unit")
@requires(Action.UNIT_VIEW)
async def unit(request: web.Request) -> web.Response:
    found = await directory.unit_of(request[STAFF])
    return web.json_response(
        {
            "code": found.code,
            "name": found.name,
            "phone": found.phone,
            "nav_contact_name": found.nav_contact_name,
            "nav_email": found.nav_email,
            "transport_email": found.transport_email,
            "places": found.places,
            "opening_hours": found.opening_hours,
            "cafe_hours": found.cafe_hours,
            "cafe_opens_on": _iso(found.cafe_opens_on),
            "fellesferie_weeks": [found.fellesferie_first_week, found.fellesferie_last_week],
        }
    )


@routes.get("/api/participants")
@requires(Action.PARTICIPANT_VIEW)
async def participants(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()[:100] or None
    found = await directory.participants(
        request[STAFF], query, include_ended=request.query.get("ended") == "true"
    )
    return web.json_response([participant_json(p) for p in found])


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
    return web.json_response(participant_json(found))


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


@routes.get("/api/invites")
@requires(Action.INVITE_MANAGE)
async def invites(request: web.Request) -> web.Response:
    found = await directory.open_invites(request[STAFF], request.app[CLOCK]())
    return web.json_response(
        [
            {
                "id": i.id,
                "role": str(i.role),
                "for": i.participant.code if i.participant else i.staff.code,
                "relative_name": i.relative_name,
                "expires_at": i.expires_at.isoformat(),
                "created_by": i.created_by,
            }
            for i in found
        ]
    )


@routes.post("/api/invites")
@requires(Action.INVITE_MANAGE)
async def create_invite_api(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        body = await body_of(request)
        role_text = text_of(body, "role", max_length=20) or ""
        try:
            role = LinkRole(role_text)
        except ValueError:
            raise RuleError(N_("Velg hvem invitasjonen er for")) from None
        code = text_of(body, "for", max_length=64) or ""
        if role == LinkRole.STAFF:
            if not any(
                s.code == code and s.active for s in await directory.staff_of(staff.unit_id)
            ):
                raise RuleError(N_("Ingen ansatt har id-en {code}"), code=code)
        elif await directory.participant(staff, code) is None:
            raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code)
        days = body.get("days", 7)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 90:
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="days")
        relative_name = text_of(body, "relative_name", required=role == LinkRole.RELATIVE)
        issued = await create_invite(
            code,
            role,
            actor=staff_actor(staff),
            now=request.app[CLOCK](),
            valid_for=timedelta(days=days),
            relative_name=relative_name if role == LinkRole.RELATIVE else None,
        )
    except RuleError as error:
        return refused(request, error)
    username = request.app[BOT_USERNAME]()
    return web.json_response(
        {
            "id": issued.invite.id,
            "code": issued.code,
            "link": issued.deep_link(username) if username else None,
            "expires_at": issued.invite.expires_at.isoformat(),
        },
        status=201,
    )


@routes.post("/api/invites/{id}/revoke")
@requires(Action.INVITE_MANAGE)
async def revoke_invite(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await directory.invite(staff, forms.path_id(request))
    if found is None:
        raise not_found(request)
    try:
        await invite_admin.revoke_invite(found, actor=staff_actor(staff), now=request.app[CLOCK]())
    except RuleError as error:
        return refused(request, error, status=409)
    return web.json_response({"id": found.id, "revoked": True})


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


@routes.get("/api/capacity")
@requires(Action.REPORT_CAPACITY)
async def capacity(request: web.Request) -> web.Response:
    found = await directory.capacity(request[STAFF], request.app[CLOCK]().date())
    return web.json_response({"places": found.places, "active": found.active, "free": found.free})


@routes.get("/api/deadlines")
@requires(Action.DEADLINE_VIEW)
async def deadlines(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    weeks_text = request.query.get("weeks", "8")
    weeks = number(weeks_text, max_digits=2) or 8
    weeks = weeks if 1 <= weeks <= 26 else 8
    items = await directory.deadlines(
        request[STAFF], today, today + timedelta(weeks=weeks), email=request.app[EMAIL]
    )
    _ = request[GETTEXT]
    return web.json_response(
        [
            {
                "due": item.reminder.due.isoformat(),
                "kind": str(item.reminder.kind),
                "subject": item.reminder.subject,
                "event_date": item.reminder.event_date.isoformat(),
                # Empty when someone receives it; else why nobody can, and what to do.
                "nobody_can_receive": [gap.render(_) for gap in item.gaps],
            }
            for item in items
        ]
    )


@routes.get("/api/audit")
@requires(Action.AUDIT_VIEW)
async def audit_log(request: web.Request) -> web.Response:
    before = request.query.get("before", "")
    events = await directory.audit_events(
        request[STAFF],
        action=request.query.get("action", "").strip()[:100] or None,
        before_id=number(before),
    )
    return web.json_response(
        [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "subject": e.subject,
                "detail": e.detail,
            }
            for e in events
        ]
    )
