"""Free-capacity report to NAV (seed 004 item 2: "NAV skal til enhver tid ha oversikt
over ledig kapasitet … Oppdatering sendes minimum en gang pr. mnd.").

The unit leader is told on the first working day of every month. Unlike the other
rules this one moves forward to the month's first open day, so the report always
belongs to its own month; only a month with no open day at all falls back to the
working day before the 1st.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backend.shared.dates import add_months, last_day_of_month, month_index

from .base import Audience, PreviousWorkingDay, Reminder, ReminderKind, unit_month_subject


def first_working_day_of_month(
    year: int, month: int, previous_working_day: PreviousWorkingDay
) -> date:
    day = date(year, month, 1)
    for offset in range(last_day_of_month(year, month)):
        candidate = day + timedelta(days=offset)
        if previous_working_day(candidate) == candidate:
            return candidate
    return previous_working_day(day)


@dataclass(frozen=True, slots=True)
class CapacityReport:
    unit: str

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        found: list[Reminder] = []
        # A report is due within its own month, except the fallback, which pulls
        # it into the month before: so look one month past `end`.
        month = start.replace(day=1)
        while month_index(month) <= month_index(end) + 1:
            due = first_working_day_of_month(month.year, month.month, previous_working_day)
            if start <= due <= end:
                found.append(
                    Reminder(
                        ReminderKind.CAPACITY_REPORT,
                        due,
                        unit_month_subject(self.unit, month),
                        Audience.LEADER,
                        month,
                        {"month": f"{month.year}-{month.month:02d}"},
                    )
                )
            month = add_months(month, 1)
        return found

    def due_on(self, day: date, previous_working_day: PreviousWorkingDay) -> list[Reminder]:
        if previous_working_day(day) != day:
            return []
        return self.due_between(day, day, previous_working_day)
