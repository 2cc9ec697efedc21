"""The unit page: contacts and routines, opening hours, café, holidays, closures, pay rates."""

from __future__ import annotations

from datetime import time

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.calendar import settings as calendar_settings
from backend.calendar import unit_settings
from backend.people import directory
from backend.shared.errors import RuleError
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


def _range(stored: dict[str, list[str]], weekday: int) -> str:
    hours = stored.get(str(weekday))
    return f"{hours[0]}-{hours[1]}" if hours else ""


async def show(
    request: web.Request, *, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    unit = await directory.unit_of(staff)
    year = request.app[CLOCK]().year
    context = {
        "unit": unit,
        "opening": {d: _range(unit.opening_hours, d) for d in range(1, 8)},
        "cafe": {d: _range(unit.cafe_hours, d) for d in range(1, 8)},
        "closures": await directory.closures(unit),
        "rates": await calendar_settings.pay_rates(unit),
        "closed_days": await calendar_settings.closed_days(unit, year),
        "year": year,
        "errors": errors or [],
        "notice": saved_notice(request),
    }
    return render(request, "unit.html", context, status=status)


@routes.get("/unit")
@requires(Action.UNIT_VIEW)
async def unit_page(request: web.Request) -> web.Response:
    return await show(request)


async def _change(request: web.Request, change) -> web.Response:  # type: ignore[no-untyped-def]
    staff = request[STAFF]
    unit = await directory.unit_of(staff)
    form = await forms.form_of(request)
    try:
        await change(unit, form, staff_actor(staff))
    except RuleError as error:
        return await show(request, errors=[rule_message(request, error)], status=400)
    return see_other("/unit?saved=1")


@routes.post("/unit/settings")
@requires(Action.UNIT_EDIT)
async def save_settings(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        values = unit_settings.UnitContacts(
            name=forms.text(form, "name", required=True, max_length=200) or "",
            phone=forms.text(form, "phone", max_length=32),
            nav_contact_name=forms.text(form, "nav_contact_name", max_length=200),
            nav_email=forms.text(form, "nav_email", max_length=254),
            nav_leader_email=forms.text(form, "nav_leader_email", max_length=254),
            transport_email=forms.text(form, "transport_email", max_length=254),
            places=forms.integer(form, "places", low=0, high=10000, required=False),
            roster_time=forms.text(form, "roster_time", required=True, max_length=5) or "",
            absence_digest=forms.flag(form, "absence_digest"),
            tell_participant_of_relative_report=forms.flag(form, "tell_participant"),
            evaluation_every_months=forms.integer(form, "evaluation_every_months", low=1, high=36)
            or 6,
            messages_in_chat=forms.flag(form, "messages_in_chat"),
        )
        await unit_settings.set_contacts(unit, values, actor=actor)

    return await _change(request, change)


def _hours_of(form: forms.Form, prefix: str, weekday: int) -> tuple[time, time] | None:
    typed = forms.text(form, f"{prefix}{weekday}")
    return calendar_settings.parse_time_range(typed) if typed else None  # empty: closed


@routes.post("/unit/hours")
@requires(Action.UNIT_EDIT)
async def save_hours(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        wanted = {weekday: _hours_of(form, "open", weekday) for weekday in range(1, 8)}
        changed = {
            day: hours
            for day, hours in wanted.items()
            if _range(unit.opening_hours, day) != _as_text(hours)
        }
        if changed:  # the week as one change: all of it is saved, or none of it
            changes = calendar_settings.CalendarChanges(opening_hours=changed)
            await calendar_settings.change_calendar(unit, changes, actor=actor)

    return await _change(request, change)


@routes.post("/unit/cafe")
@requires(Action.UNIT_EDIT)
async def save_cafe(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        for weekday in range(1, 8):
            wanted = _hours_of(form, "cafe", weekday)
            if _range(unit.cafe_hours, weekday) != _as_text(wanted):
                unit = await calendar_settings.set_cafe_hours(unit, weekday, wanted, actor=actor)
        opens_on = forms.optional_date(form, "cafe_opens_on")
        if opens_on != unit.cafe_opens_on:
            await calendar_settings.set_cafe_opening(unit, opens_on, actor=actor)

    return await _change(request, change)


def _as_text(hours: tuple[time, time] | None) -> str:
    return f"{hours[0]:%H:%M}-{hours[1]:%H:%M}" if hours else ""


@routes.post("/unit/holidays")
@requires(Action.UNIT_EDIT)
async def save_holidays(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        first = forms.integer(form, "fellesferie_first", low=1, high=53) or 28
        last = forms.integer(form, "fellesferie_last", low=1, high=53) or 30
        if (first, last) != (unit.fellesferie_first_week, unit.fellesferie_last_week):
            unit = await calendar_settings.set_fellesferie(unit, first, last, actor=actor)
        christmas, new_year = forms.flag(form, "christmas_eve"), forms.flag(form, "new_years_eve")
        if (christmas, new_year) != (unit.close_christmas_eve, unit.close_new_years_eve):
            await calendar_settings.set_eves(
                unit, christmas_eve=christmas, new_years_eve=new_year, actor=actor
            )

    return await _change(request, change)


@routes.post("/unit/closures")
@requires(Action.UNIT_EDIT)
async def add_closure(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        day = forms.optional_date(form, "day")
        if day is None:
            forms.text(form, "day", required=True)
        await calendar_settings.add_closure(
            unit, day, forms.text(form, "reason", max_length=200) or "", actor=actor
        )

    return await _change(request, change)


@routes.post("/unit/closures/remove")
@requires(Action.UNIT_EDIT)
async def remove_closure(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        day = forms.optional_date(form, "day")
        if day is None:
            forms.text(form, "day", required=True)
        await calendar_settings.remove_closure(unit, day, actor=actor)

    return await _change(request, change)


@routes.post("/unit/rates")
@requires(Action.UNIT_EDIT)
async def add_rate(request: web.Request) -> web.Response:
    async def change(unit, form, actor):  # type: ignore[no-untyped-def]
        valid_from = forms.optional_date(form, "valid_from")
        if valid_from is None:
            forms.text(form, "valid_from", required=True)
        amount = calendar_settings.parse_nok(forms.text(form, "nok", required=True) or "")
        await calendar_settings.add_pay_rate(unit, valid_from, amount, actor=actor)

    return await _change(request, change)
