"""A participant's plan as they see it: planned, reported absent, closed (and why), or off.

Built from the decision (vedtak), the unit's calendar and the absences that are
reported and not withdrawn; the rules themselves are in backend.calendar.plan_rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from backend.calendar.calendars import decision_of, unit_calendars
from backend.calendar.plan_rules import PlanDay, plan_days
from backend.models import Absence, Participant, Unit
from backend.shared.errors import N_, RuleError

PLAN_DAYS = 14
# A plan is a look at weeks, not years: a bound keeps one request cheap.
MAX_PLAN_DAYS = 400


@dataclass(frozen=True)
class ParticipantPlan:
    participant_id: int
    start: time  # the decision's daily hours, for "09:00–14:00"
    end: time
    days: tuple[PlanDay, ...]


async def next_days(
    participant: Participant, today: date, days: int = PLAN_DAYS
) -> ParticipantPlan:
    """Today and the following days, one entry per date, OFF days included."""
    end = today + timedelta(days=days - 1)
    plans = await plans_between([participant], today, end, include_off=True)
    return ParticipantPlan(
        participant.id, participant.start_time, participant.end_time, tuple(plans[participant.id])
    )


async def reported_absences(
    participant_ids: Sequence[int], start: date, end: date
) -> dict[int, dict[date, str]]:
    """Absences in force (not withdrawn): participant id → day → category, in one query."""
    found: dict[int, dict[date, str]] = {pid: {} for pid in participant_ids}
    rows = await Absence.filter(
        participant_id__in=list(participant_ids),
        day__gte=start,
        day__lte=end,
        withdrawn_at__isnull=True,
    ).values_list("participant_id", "day", "category")
    for pid, day, category in rows:
        found[pid][day] = str(category)
    return found


async def plans_between(
    participants: Sequence[Participant], start: date, end: date, *, include_off: bool = False
) -> dict[int, list[PlanDay]]:
    """Plans of many participants (any units) from start to end, with three queries in all."""
    if start > end:
        raise RuleError(N_("Startdatoen må komme før sluttdatoen"))
    if (end - start).days >= MAX_PLAN_DAYS:
        raise RuleError(N_("En plan kan vise høyst {days} dager"), days=MAX_PLAN_DAYS)
    unit_ids = {p.unit_id for p in participants}
    units = await Unit.filter(id__in=list(unit_ids))
    calendars = await unit_calendars(units)
    absences = await reported_absences([p.id for p in participants], start, end)
    return {
        p.id: plan_days(
            decision_of(p),
            calendars[p.unit_id],
            start,
            end,
            absences[p.id],
            include_off=include_off,
        )
        for p in participants
    }
