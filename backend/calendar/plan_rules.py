"""A participant's plan: which days the decision (vedtak) expects them to come.

Per date, first rule that matches wins:

1. ``OFF``     -- not a decision weekday, outside ``valid_from``..``valid_to``, or on
   and after ``age_end``, the birthday the service ends on (`service_period`)
   (not relevant to the participant; left out unless ``include_off``).
2. ``CLOSED``  -- the unit is closed (holiday, fellesferie, ...); ``closure`` holds the
   calendar's kind for the caller to translate, ``reason`` the holiday names or the
   configured closure text joined with "; ", else None.
3. ``ABSENT``  -- a reported absence; ``reason`` is its category when given.
4. ``PLANNED`` -- expected to come.

``hours`` is the decision's daily hours for PLANNED and ABSENT (the hours expected,
or missed) and 0 for CLOSED and OFF. Daily hours are end - start, with no break
deducted, and must be whole quarter hours because pay counts quarter hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from backend.calendar.rules import DayKind, UnitCalendar, days_between
from backend.people.service_period import ServicePeriod

_ZERO = Decimal("0.00")


class PlanKind(StrEnum):
    PLANNED = "planned"
    ABSENT = "absent"
    CLOSED = "closed"
    OFF = "off"


def _check_quarter(moment: time) -> None:
    if moment.minute % 15 or moment.second or moment.microsecond:
        raise ValueError(f"decision times must be on a quarter hour, got {moment.isoformat()}")


@dataclass(frozen=True)
class Decision:
    weekdays: frozenset[int]  # ISO 1 (Monday) - 7 (Sunday)
    start: time
    end: time
    valid_from: date | None = None
    valid_to: date | None = None
    age_end: date | None = None  # the first day without service by age (67th birthday)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        if not self.weekdays or not all(1 <= day <= 7 for day in self.weekdays):
            raise ValueError(f"weekdays must be ISO weekdays 1-7, got {sorted(self.weekdays)}")
        if not self.start < self.end:
            raise ValueError("a decision must start before it ends")
        _check_quarter(self.start)
        _check_quarter(self.end)
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from must not be after valid_to")

    @property
    def hours_per_day(self) -> Decimal:
        span = datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)
        return (Decimal(int(span.total_seconds())) / 3600).quantize(_ZERO)

    @property
    def period(self) -> ServicePeriod:
        return ServicePeriod(self.valid_from, self.valid_to, age_end=self.age_end)

    def ended_by_age(self, day: date) -> bool:
        return self.period.ended_by_age(day)

    def covers(self, day: date) -> bool:
        """True if the day is a decision weekday within the validity period, before the age limit."""
        return self.period.active_on(day) and day.isoweekday() in self.weekdays


@dataclass(frozen=True)
class PlanDay:
    day: date
    kind: PlanKind
    hours: Decimal
    reason: str | None = None
    closure: DayKind | None = None  # set for CLOSED only


def granted_days_per_week(decision: Decision) -> int:
    return len(decision.weekdays)


def _plan_day(
    decision: Decision,
    calendar: UnitCalendar,
    day: date,
    absences: Mapping[date, str] | Set[date],
) -> PlanDay:
    if not decision.covers(day):
        return PlanDay(day, PlanKind.OFF, _ZERO)
    status = calendar.status(day)
    if not status.is_open:
        reason = "; ".join(status.reasons) or None
        return PlanDay(day, PlanKind.CLOSED, _ZERO, reason, status.kind)
    if day in absences:
        category = absences.get(day) if isinstance(absences, Mapping) else None
        return PlanDay(day, PlanKind.ABSENT, decision.hours_per_day, category or None)
    return PlanDay(day, PlanKind.PLANNED, decision.hours_per_day)


def plan_days(
    decision: Decision,
    calendar: UnitCalendar,
    start: date,
    end: date,
    absences: Mapping[date, str] | Set[date] = frozenset(),
    *,
    include_off: bool = False,
) -> list[PlanDay]:
    """The plan from start to end, both inclusive."""
    days = (_plan_day(decision, calendar, day, absences) for day in days_between(start, end))
    return [day for day in days if include_off or day.kind is not PlanKind.OFF]


def planned_days(decision: Decision, calendar: UnitCalendar, start: date, end: date) -> list[date]:
    """Opening days that are decision weekdays within validity (absences ignored)."""
    return [day for day in calendar.opening_days(start, end) if decision.covers(day)]


def absence_runs(absent: Mapping[date, str], planned: Set[date]) -> list[tuple[date, date]]:
    """Reported days in a row, as (first, last): a run goes on while no planned day lies
    between two reported ones (a weekend or a day off does not break it) and the reason
    stays the same (`absent` maps each day to its category: another reason, another report)."""
    runs: list[tuple[date, date]] = []
    for day in sorted(absent):
        if (
            runs
            and absent[runs[-1][1]] == absent[day]
            and not any(runs[-1][1] < p < day for p in planned)
        ):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
