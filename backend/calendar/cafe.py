"""The drop-in café's hours, open to anyone without registration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from backend.calendar.cafe_rules import CafeStatus, cafe_status
from backend.calendar.calendars import cafe_settings, unit_calendars
from backend.models import Unit


@dataclass(frozen=True)
class CafeOverview:
    unit_name: str
    phone: str | None
    status: CafeStatus


async def cafes(today: date, days: int = 7) -> list[CafeOverview]:
    """Every unit that runs a café (hours set, or an opening date announced)."""
    units = await Unit.filter(Q(cafe_opens_on__isnull=False) | ~Q(cafe_hours={})).order_by("name")
    units = [u for u in units if u.cafe_hours or u.cafe_opens_on]
    calendars = await unit_calendars(units)
    return [
        CafeOverview(u.name, u.phone, cafe_status(cafe_settings(u), calendars[u.id], today, days))
        for u in units
    ]
