"""Birthday-driven reminders.

- Turning 18 (seed 001: "NAV ønsker å bli koplet på et halvt år før elevene fyller
  18 år"): for a registered pupil the coordinator is told half a year before the
  18th birthday to involve NAV. A pupil flagged after that day (less than six
  months before 18) is reminded of at once: on the first working day after the
  flag, since the morning pass of the flag day has usually run already. Flagged
  on or after the 18th birthday: no reminder. The pupils of the register
  (`backend.pupils`) are followed the same way, their registration day as the flag,
  under the subject `pupil:<id>`.
- Turning 67 (seed 000: "Du kan motta tjenester på AoK frem til du blir 67 år"):
  the service ends on the 67th birthday; the coordinator and the contact person
  are told 6 and 1 months ahead.

A 29 February birthday falls on 28 February in common years (see `dates`), and the
lead is counted back from that birthday with month-end clamping.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from backend.shared.dates import add_months, add_years

from .base import (
    LOOKAHEAD,
    Audience,
    MovedBackRule,
    Planned,
    PreviousWorkingDay,
    Reminder,
    ReminderKind,
    in_range,
    participant_subject,
    pupil_subject,
)

NAV_INVOLVEMENT_AGE = 18
NAV_INVOLVEMENT_LEAD_MONTHS = 6
SERVICE_END_AGE = 67
SERVICE_END_LEAD_MONTHS = (6, 1)


@dataclass(frozen=True, slots=True)
class Age18:
    participant: str
    birth_date: date
    pupil: bool = True  # only registered school pupils are followed towards 18
    flagged_on: date | None = None  # the day the person was flagged as a pupil
    register: bool = False  # a pupil of the register (`participant` is its id), not a participant

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        if not self.pupil or end < start:
            return []
        birthday = add_years(self.birth_date, NAV_INVOLVEMENT_AGE)
        due = previous_working_day(add_months(birthday, -NAV_INVOLVEMENT_LEAD_MONTHS))
        detail: dict[str, str] = {}
        if self.flagged_on is not None and self.flagged_on >= due:
            # Flagged when the half-year mark had passed (or on its day, after that
            # day's pass): remind at once, on the first working day after the flag.
            if self.flagged_on >= birthday:
                return []  # already 18 when flagged: nothing left to prepare
            due = next_working_day_after(self.flagged_on, previous_working_day)
            detail = {"step": "late", "flagged_on": self.flagged_on.isoformat()}
        if not in_range(due, start, end):
            return []
        return [
            Reminder(
                ReminderKind.AGE_18,
                due,
                pupil_subject(self.participant)
                if self.register
                else participant_subject(self.participant),
                Audience.COORDINATOR,
                birthday,
                detail,
            )
        ]

    def due_on(self, day: date, previous_working_day: PreviousWorkingDay) -> list[Reminder]:
        if previous_working_day(day) != day:
            return []  # nothing is ever due on a closed day
        return self.due_between(day, day, previous_working_day)


def next_working_day_after(day: date, previous_working_day: PreviousWorkingDay) -> date:
    """The first open day after `day` (a day is open when it is its own previous working day)."""
    candidate = day + timedelta(days=1)
    while previous_working_day(candidate) != candidate and candidate - day <= LOOKAHEAD:
        candidate += timedelta(days=1)
    return candidate


@dataclass(frozen=True, slots=True)
class Age67(MovedBackRule):
    participant: str
    birth_date: date

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        birthday = add_years(self.birth_date, SERVICE_END_AGE)
        for months in SERVICE_END_LEAD_MONTHS:
            nominal = add_months(birthday, -months)
            if not in_range(nominal, first, last):
                continue
            for audience in (Audience.COORDINATOR, Audience.CONTACT):
                yield Planned(
                    nominal,
                    ReminderKind.AGE_67,
                    participant_subject(self.participant),
                    audience,
                    birthday,
                    {"step": f"{months}m"},
                )
