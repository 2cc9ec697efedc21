"""Per-participant follow-up deadlines.

- Evaluation: the first date is set at intake (seed 004 item 7: "Dato for første
  evalueringssamtale bestemmes i opptaksmøte"), then regularly (seed 000:
  "evaluert jevnlig og ved behov"): every `every_months` months (unit setting,
  default 6). The contact person is told 14 days before and on the day.
- Attendance list to NAV every 14 days (seed 004 item 6: "leveres NAV Løten hver
  14. dag. Dato for innlevering av den første listen bestemmes av
  inntakssamtalen"): `first` is the first delivery date; due on first + 14·k.
- Decision ending (a temporary decision, seed 000 "midlertidig"): the contact
  person is told one month before the end date.
- Final report at the end of the agreement period (seed 004 item 8: "Ved
  avtaleperiodens slutt … sluttrapport"): due on the end date.
- KVP start (seed 003 "Programstart": six months from the approved application
  to start the programme): the KVP counsellor is told at 4 and 5 months, and on the
  deadline day itself, while it has not started (start date unknown, or after the day
  the reminder is sent).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from backend.kvp.rules import START_DEADLINE_MONTHS  # seed 003's six months, declared once
from backend.nav_lists.rules import LIST_DAYS  # NAV's fortnight, declared once
from backend.shared.dates import add_months, month_index

from .base import (
    Audience,
    MovedBackRule,
    Planned,
    PreviousWorkingDay,
    Reminder,
    ReminderKind,
    in_range,
    participant_subject,
)

EVALUATION_LEAD = timedelta(days=14)
DECISION_ENDING_LEAD_MONTHS = 1
KVP_START_DEADLINE_MONTHS = START_DEADLINE_MONTHS
# (months after the approval, step): at 4 and 5 months, and on the deadline day itself.
KVP_REMINDER_STEPS = ((4, "4m"), (5, "5m"), (KVP_START_DEADLINE_MONTHS, "deadline"))


@dataclass(frozen=True, slots=True)
class Evaluation(MovedBackRule):
    participant: str
    first: date
    every_months: int = 6
    until: date | None = None  # last day of the decision/agreement; no evaluations after it

    def __post_init__(self) -> None:
        if self.every_months < 1:
            raise ValueError("every_months must be at least 1")

    def _evaluation_dates(self, first: date, last: date) -> Iterator[date]:
        """Evaluation dates in [first, last], each counted from `self.first` (no drift)."""
        months_in = month_index(first) - month_index(self.first)
        step = max(0, months_in // self.every_months - 1)
        while True:
            evaluation = add_months(self.first, step * self.every_months)
            if evaluation > last or (self.until is not None and evaluation > self.until):
                return
            if evaluation >= first:
                yield evaluation
            step += 1

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        subject = participant_subject(self.participant)
        for evaluation in self._evaluation_dates(first, last + EVALUATION_LEAD):
            for step, nominal in (
                ("before", evaluation - EVALUATION_LEAD),
                ("day", evaluation),
            ):
                if in_range(nominal, first, last):
                    yield Planned(
                        nominal,
                        ReminderKind.EVALUATION,
                        subject,
                        Audience.CONTACT,
                        evaluation,
                        {"step": step},
                    )


@dataclass(frozen=True, slots=True)
class AttendanceList(MovedBackRule):
    participant: str
    first: date  # first delivery date, set at intake
    nav_followed: bool = True
    until: date | None = None  # end of the agreement period

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        if not self.nav_followed:
            return
        if self.until is not None:
            last = min(last, self.until)
        # Index of the first delivery on or after `first`, computed, not scanned.
        number = max(0, -(-(first - self.first).days // LIST_DAYS))
        subject = participant_subject(self.participant)
        while (delivery := self.first + timedelta(days=LIST_DAYS * number)) <= last:
            yield Planned(
                delivery,
                ReminderKind.ATTENDANCE_LIST,
                subject,
                Audience.CONTACT,
                delivery,
                {"number": str(number + 1)},
            )
            number += 1


@dataclass(frozen=True, slots=True)
class DecisionEnding(MovedBackRule):
    participant: str
    ends: date

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        nominal = add_months(self.ends, -DECISION_ENDING_LEAD_MONTHS)
        if in_range(nominal, first, last):
            yield Planned(
                nominal,
                ReminderKind.DECISION_ENDING,
                participant_subject(self.participant),
                Audience.CONTACT,
                self.ends,
            )


@dataclass(frozen=True, slots=True)
class FinalReport(MovedBackRule):
    participant: str
    agreement_ends: date

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        if in_range(self.agreement_ends, first, last):
            yield Planned(
                self.agreement_ends,
                ReminderKind.FINAL_REPORT,
                participant_subject(self.participant),
                Audience.CONTACT,
                self.agreement_ends,
            )


def kvp_start_steps(approved: date, subject: str, first: date, last: date) -> Iterator[Planned]:
    """The start reminders of a KVP approval, about a participant or an application:
    at 4 and 5 months, and on the deadline day (six months)."""
    deadline = add_months(approved, KVP_START_DEADLINE_MONTHS)
    for months, step in KVP_REMINDER_STEPS:
        nominal = add_months(approved, months)
        if in_range(nominal, first, last):
            yield Planned(
                nominal,
                ReminderKind.KVP_START,
                subject,
                Audience.KVP_COUNSELLOR,
                deadline,
                {"step": step, "approved": approved.isoformat()},
            )


@dataclass(frozen=True, slots=True)
class KvpStart(MovedBackRule):
    participant: str
    approved: date
    started: date | None = None  # planned or actual programme start

    @property
    def deadline(self) -> date:
        return add_months(self.approved, KVP_START_DEADLINE_MONTHS)

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        return kvp_start_steps(self.approved, participant_subject(self.participant), first, last)

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        found = MovedBackRule.due_between(self, start, end, previous_working_day)
        # Started means a start date on or before the day the reminder is sent.
        return [r for r in found if self.started is None or self.started > r.due]
