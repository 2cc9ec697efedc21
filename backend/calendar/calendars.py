"""Builds the pure calendar, café and decision values from what is stored."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from backend.calendar.cafe_rules import CafeSettings
from backend.calendar.plan_rules import Decision
from backend.calendar.rules import CalendarSettings, Hours, UnitCalendar
from backend.models import Closure, Participant, Unit
from backend.people.service_period import ServicePeriod


def _hours(stored: dict[str, list[str]]) -> dict[int, Hours]:
    return {
        int(weekday): (time.fromisoformat(start), time.fromisoformat(end))
        for weekday, (start, end) in stored.items()
    }


# The unit's columns its calendar is made of.
CALENDAR_FIELDS = (
    "fellesferie_first_week",
    "fellesferie_last_week",
    "close_christmas_eve",
    "close_new_years_eve",
    "opening_hours",
)


def calendar_settings(unit: Unit, closures: list[Closure]) -> CalendarSettings:
    fields = {name: getattr(unit, name) for name in CALENDAR_FIELDS}
    return settings_of(fields, {c.day: c.reason for c in closures})


def settings_of(unit: dict[str, Any], closures: dict[date, str]) -> CalendarSettings:
    """The settings from the unit's CALENDAR_FIELDS (as read, by name) and its closures."""
    return CalendarSettings(
        fellesferie_weeks=(unit["fellesferie_first_week"], unit["fellesferie_last_week"]),
        close_christmas_eve=unit["close_christmas_eve"],
        close_new_years_eve=unit["close_new_years_eve"],
        extra_closures=closures,
        opening_hours=_hours(unit["opening_hours"]),
    )


async def unit_calendar(unit: Unit) -> UnitCalendar:
    closures = await Closure.filter(unit_id=unit.id).all()
    return UnitCalendar(calendar_settings(unit, closures))


async def unit_of(participant: Participant) -> Unit:
    """The participant's unit: the row loaded with the participant (the bot loads it with
    the user's links), else read once and kept on the participant."""
    unit = participant.unit
    if not isinstance(unit, Unit):
        await participant.fetch_related("unit")
        unit = participant.unit
    return unit


async def participant_calendar(participant: Participant) -> UnitCalendar:
    """The calendar of the participant's unit: its closures in one query, the unit read
    only when it did not come with the participant."""
    return await unit_calendar(await unit_of(participant))


async def unit_calendars(units: list[Unit]) -> dict[int, UnitCalendar]:
    """Calendars for many units with one query for their closures."""
    closures = await Closure.filter(unit_id__in=[u.id for u in units]).all()
    return {
        u.id: UnitCalendar(calendar_settings(u, [c for c in closures if c.unit_id == u.id]))
        for u in units
    }


def cafe_settings(unit: Unit) -> CafeSettings:
    return CafeSettings(hours=_hours(unit.cafe_hours), opens_on=unit.cafe_opens_on)


def service_period(participant: Participant) -> ServicePeriod:
    """The decision's period, the service's end and the age limit (67th birthday)."""
    return ServicePeriod.of(
        participant.programme,
        participant.birth_date,
        participant.decision_start,
        participant.decision_end,
        participant.ended_on,
    )


def decision_of(participant: Participant) -> Decision:
    period = service_period(participant)
    ends = [d for d in (period.end, period.ended_on) if d is not None]
    return Decision(
        weekdays=participant.weekday_set,
        start=participant.start_time,
        end=participant.end_time,
        valid_from=period.start,
        valid_to=min(ends, default=None),
        age_end=period.age_end,
    )
