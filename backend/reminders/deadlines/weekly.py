"""Weekly checks: low use and eligibility criteria still open.

Both are checked on Mondays (moved back to the working day before when the unit is
closed); the reminder's `event_date` is that Monday, the week key, so the outbox
keeps one per week. When a closure swallows several Mondays, only the latest
week's reminder is kept for the shared due day.

- Low use (seed 000: "Tjenesten blir avsluttet eller redusert hvis du ikke
  benytter deg av tjenesten", and "minimum to dager i uken"): over the last
  `weeks` weeks (default 4) the participant attended fewer than half the planned
  days, or fewer than two days a week on average. The contact person is told, to
  consider an evaluation. The two-a-week test only applies when the unit planned
  at least two days a week in the period, so closures alone never trigger it.
- Eligibility criteria not yet recorded (see `backend.people.eligibility_rules`): the
  coordinator is told weekly until they are recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backend.shared.dates import monday_of

from .base import (
    LOOKAHEAD,
    Audience,
    MovedBackRule,
    Planned,
    PreviousWorkingDay,
    Reminder,
    ReminderKind,
    participant_subject,
)

ONE_WEEK = timedelta(weeks=1)
MIN_DAYS_A_WEEK = 2


class LowUseReason(StrEnum):
    BELOW_HALF_PLANNED = "below_half_planned"
    UNDER_TWO_DAYS_A_WEEK = "under_two_days_a_week"


@dataclass(frozen=True, slots=True)
class LowUse:
    planned_days: int
    attended_days: int
    weeks: int
    reasons: tuple[LowUseReason, ...]


def low_use(planned_days: int, attended_days: int, weeks: int = 4) -> LowUse | None:
    """Low use over `weeks` weeks of planned (granted, open) and attended days, or None."""
    if weeks < 1 or planned_days < 0 or attended_days < 0:
        raise ValueError("weeks must be at least 1 and day counts not negative")
    if planned_days == 0:
        return None  # nothing was planned, so nothing was missed
    reasons: list[LowUseReason] = []
    if 2 * attended_days < planned_days:
        reasons.append(LowUseReason.BELOW_HALF_PLANNED)
    if planned_days >= MIN_DAYS_A_WEEK * weeks and attended_days < MIN_DAYS_A_WEEK * weeks:
        reasons.append(LowUseReason.UNDER_TWO_DAYS_A_WEEK)
    if not reasons:
        return None
    return LowUse(planned_days, attended_days, weeks, tuple(reasons))


def _mondays(first: date, last: date) -> Iterator[date]:
    monday = monday_of(first)
    if monday < first:
        monday += ONE_WEEK
    while monday <= last:
        yield monday
        monday += ONE_WEEK


class WeeklyRule(MovedBackRule):
    """A check every Monday; several Mondays moved onto one day collapse to the latest."""

    __slots__ = ()

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        latest: dict[tuple[date, Audience], Reminder] = {}
        for reminder in MovedBackRule.due_between(self, start, end, previous_working_day):
            latest[(reminder.due, reminder.audience)] = reminder  # ascending, so last wins
        return list(latest.values())


def weekly_check_week(day: date, previous_working_day: PreviousWorkingDay) -> date | None:
    """The Monday (week key) whose weekly check is due on `day`, or None.

    Lets the caller gather attendance counts only on check days.
    """
    if previous_working_day(day) != day:
        return None
    found = None
    for monday in _mondays(day, day + LOOKAHEAD):
        due = previous_working_day(monday)
        if due > day:
            break
        if due == day:
            found = monday  # keep the latest, as `WeeklyRule` does
    return found


@dataclass(frozen=True, slots=True)
class LowUseCheck(WeeklyRule):
    """Counts are for the `weeks` weeks before the check day (use with `due_on`)."""

    participant: str
    planned_days: int
    attended_days: int
    weeks: int = 4

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        found = low_use(self.planned_days, self.attended_days, self.weeks)
        if found is None:
            return
        detail = {
            "planned_days": str(found.planned_days),
            "attended_days": str(found.attended_days),
            "weeks": str(found.weeks),
            "reasons": ",".join(found.reasons),
        }
        subject = participant_subject(self.participant)
        for monday in _mondays(first, last):
            yield Planned(monday, ReminderKind.LOW_USE, subject, Audience.CONTACT, monday, detail)


@dataclass(frozen=True, slots=True)
class EligibilityOpen(WeeklyRule):
    participant: str
    open_criteria: tuple[str, ...]

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        if not self.open_criteria:
            return
        detail = {"criteria": ",".join(sorted(self.open_criteria))}
        subject = participant_subject(self.participant)
        for monday in _mondays(first, last):
            yield Planned(
                monday, ReminderKind.ELIGIBILITY_OPEN, subject, Audience.COORDINATOR, monday, detail
            )
