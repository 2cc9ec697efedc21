"""The attendance month grid for the unit: see and correct what was confirmed; all audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from aiohttp import web

from backend.access.permissions import Action
from backend.attendance import marking as attendance
from backend.calendar import plan
from backend.calendar.plan_rules import PlanDay, PlanKind
from backend.checkin import proposals
from backend.models import AttendanceDay, AttendanceStatus, Participant
from backend.people import directory
from backend.shared.dates import add_months, last_day_of_month
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import ngettext_for
from backend.shared.parse import number, parse_date
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, LANGUAGE, STAFF
from backend.web.render import render, rule_message, see_other

routes = web.RouteTableDef()
EDITABLE = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT_NOTIFIED,
    AttendanceStatus.ABSENT_UNNOTIFIED,
)


@dataclass(frozen=True)
class Cell:
    day: date
    plan: PlanDay
    record: AttendanceDay | None
    editable: bool

    @property
    def name(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True)
class Row:
    participant: Participant
    cells: list[Cell]
    present_days: int
    hours: Decimal


@dataclass(frozen=True)
class Confirmation:
    """Present over a reported absence: the question, and what a yes stores."""

    question: str
    name: str
    code: str
    day: str
    hours: str
    remark: str


def _confirmation(
    request: web.Request, error: attendance.AbsenceReported, hours: str = "", remark: str = ""
) -> Confirmation:
    return Confirmation(
        rule_message(request, error),
        error.participant.name,
        error.participant.code,
        error.day.isoformat(),
        hours,
        remark,
    )


async def _grid(staff, year: int, month: int, today: date) -> list[Row]:  # type: ignore[no-untyped-def]
    first, last = date(year, month, 1), date(year, month, last_day_of_month(year, month))
    people = [
        p
        for p in await directory.participants(staff, include_ended=True)
        if p.active or (p.ended_on is not None and p.ended_on >= first)
    ]
    plans = await plan.plans_between(people, first, last, include_off=True)
    records = await attendance.attendance_between(people, first, last)
    rows = []
    for person in people:
        cells = []
        for day_plan in plans[person.id]:
            record = records[person.id].get(day_plan.day)
            planned = day_plan.kind is not PlanKind.OFF
            # An erased participant's kept days are figures to read, not to change.
            editable = planned and day_plan.day <= today and person.erased_at is None
            cells.append(Cell(day_plan.day, day_plan, record, editable))
        present = [r for r in records[person.id].values() if r.status == AttendanceStatus.PRESENT]
        rows.append(
            Row(person, cells, len(present), sum((Decimal(r.hours) for r in present), Decimal(0)))
        )
    return rows


async def _page(
    request: web.Request,
    year: int,
    month: int,
    *,
    errors: list[str] | None = None,
    notice: str | None = None,
    status: int = 200,
    confirmations: list[Confirmation] | None = None,
    fill: tuple[str, date] | None = None,
) -> web.Response:
    """`fill`: the participant's code and the day the one-day form starts with."""
    today = request.app[CLOCK]().date()
    first = date(year, month, 1)
    rows = await _grid(request[STAFF], year, month, today)
    return render(
        request,
        "attendance.html",
        {
            "rows": rows,
            "days": [first + timedelta(days=i) for i in range(last_day_of_month(year, month))],
            "month": first,
            "previous": add_months(first, -1),
            "next": add_months(first, 1),
            "editable": EDITABLE,
            "errors": errors or [],
            "confirmations": confirmations or [],
            "notice": notice,
            "today": today,
            "proposals": await proposals.waiting(request[STAFF].unit_id, today),
            "fill_participant": fill[0] if fill else None,
            "fill_day": fill[1] if fill else None,
        },
        status=status,
    )


def _month(request: web.Request, value: str | None) -> tuple[int, int]:
    return forms.month_of(value, request.app[CLOCK]().date())


def saved_words(request: web.Request, count: int) -> str:
    ngettext = ngettext_for(request[LANGUAGE])
    return ngettext("Lagret: {count} endring.", "Lagret: {count} endringer.", count).format(
        count=count
    )


@routes.get("/attendance")
@requires(Action.ATTENDANCE_VIEW)
async def grid(request: web.Request) -> web.Response:
    try:
        year, month = _month(request, request.query.get("month"))
    except RuleError as error:
        today = request.app[CLOCK]().date()
        return await _page(
            request, today.year, today.month, errors=[rule_message(request, error)], status=400
        )
    saved = number(request.query.get("saved", ""))
    notice = saved_words(request, saved) if saved is not None else None
    return await _page(request, year, month, notice=notice, fill=_fill(request))


def _fill(request: web.Request) -> tuple[str, date] | None:
    """A day to record by hand, linked from a tablet visit too short for hours; an
    unreadable one is ignored (the form starts empty, as without it)."""
    code, day_text = request.query.get("participant"), request.query.get("day")
    if not code or not day_text:
        return None
    try:
        return code, parse_date(day_text)
    except RuleError:
        return None


@routes.post("/attendance")
@requires(Action.ATTENDANCE_EDIT)
async def save_grid(request: web.Request) -> web.Response:
    """Cells are named `c:<participant>:<date>`; only cells whose value changed are stored."""
    staff = request[STAFF]
    form = await forms.form_of(request)
    try:
        year, month = _month(request, forms.text(form, "month"))
    except RuleError as error:
        today = request.app[CLOCK]().date()
        return await _page(
            request, today.year, today.month, errors=[rule_message(request, error)], status=400
        )
    now = request.app[CLOCK]()
    people = {p.code: p for p in await directory.participants(staff, include_ended=True)}
    errors: list[str] = []
    confirmations: list[Confirmation] = []
    saved = 0
    for name, value in form.items():
        if not name.startswith("c:") or not isinstance(value, str):
            continue
        _c, code, day_text = [*name.split(":", 2), "", ""][:3]
        if not value or form.get(f"o:{code}:{day_text}") == value:
            continue
        participant = people.get(code)
        try:
            if participant is None:
                raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code)
            day, status = parse_date(day_text), _status(value)
            # Present on a day the tablet saw: its hours, as the one-tap confirm stores.
            hours = (
                await proposals.tablet_hours(participant, day)
                if status == AttendanceStatus.PRESENT
                else None
            )
            await attendance.mark_day(participant, day, status, hours, actor_staff=staff, now=now)
            saved += 1
        except attendance.AbsenceReported as error:  # asked once, below the grid
            confirmations.append(_confirmation(request, error))
        except RuleError as error:
            errors.append(f"{code} {day_text}: {rule_message(request, error)}")
    if errors or confirmations:
        return await _page(
            request,
            year,
            month,
            errors=errors,
            notice=saved_words(request, saved) if saved else None,
            status=400 if errors else 200,
            confirmations=confirmations,
        )
    return see_other(f"/attendance?month={year:04d}-{month:02d}&saved={saved}")


def _status(value: str) -> AttendanceStatus:
    try:
        return AttendanceStatus(value)
    except ValueError:
        raise RuleError(N_("Ukjent oppmøtestatus: {text}"), text=value) from None


@routes.post("/attendance/day")
@requires(Action.ATTENDANCE_EDIT)
async def save_day(request: web.Request) -> web.Response:
    """One day with its hours and a remark: late arrival, early leave."""
    staff = request[STAFF]
    form = await forms.form_of(request)
    today = request.app[CLOCK]().date()
    try:
        day = parse_date(forms.text(form, "day", required=True) or "")
        participant = await directory.participant(
            staff, forms.text(form, "participant", required=True, max_length=64) or ""
        )
        if participant is None:
            raise RuleError(N_("Ingen deltaker har id-en {code}"), code=form.get("participant"))
        status = _status(forms.text(form, "status", required=True) or "")
        hours_text = forms.text(form, "hours", max_length=8)
        try:
            hours = Decimal(hours_text.replace(",", ".")) if hours_text else None
        except InvalidOperation:
            raise RuleError(
                N_("Timer skrives som 5 eller 4,75, ikke {text}"), text=hours_text
            ) from None
        remark = forms.text(form, "remark", max_length=500)
        try:
            await attendance.mark_day(
                participant,
                day,
                status,
                hours if status == AttendanceStatus.PRESENT else None,
                actor_staff=staff,
                now=request.app[CLOCK](),
                remark=remark,
                end_absence=form.get("end_absence") == "1",
            )
        except attendance.AbsenceReported as error:
            asked = _confirmation(request, error, hours_text or "", remark or "")
            return await _page(request, day.year, day.month, confirmations=[asked])
    except RuleError as error:
        return await _page(
            request, today.year, today.month, errors=[rule_message(request, error)], status=400
        )
    return see_other(f"/attendance?month={day.year:04d}-{day.month:02d}&saved=1")


@routes.post("/attendance/checkins/{id}/confirm")
@requires(Action.ATTENDANCE_EDIT)
async def confirm_checkin(request: web.Request) -> web.Response:
    """One tap: a visit from the tablet becomes the day's attendance with its hours."""
    staff = request[STAFF]
    today = request.app[CLOCK]().date()
    visit_id = number(request.match_info["id"])
    try:
        if visit_id is None:
            raise proposals.VisitNotFound()
        record = await proposals.confirm(staff, visit_id, request.app[CLOCK]())
    except proposals.VisitNotFound as error:
        raise web.HTTPNotFound(text=rule_message(request, error)) from None
    except attendance.AbsenceReported as error:  # asked once, with the tablet's hours
        found = next(
            (p for p in await proposals.waiting(staff.unit_id, today) if p.id == visit_id), None
        )
        hours = str(found.hours).replace(".", ",") if found and found.hours else ""
        asked = _confirmation(request, error, hours)
        return await _page(request, error.day.year, error.day.month, confirmations=[asked])
    except RuleError as error:
        return await _page(
            request, today.year, today.month, errors=[rule_message(request, error)], status=400
        )
    day = record.day
    return see_other(f"/attendance?month={day.year:04d}-{day.month:02d}&saved=1")
