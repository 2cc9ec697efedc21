"""KVP applications' deadlines (seed 003), about the application (`kvp:<id>`), to the
counsellor who follows it (else the unit's leaders, see backend.reminders.plan).

- Decision expected: "Saksbehandlingstid ca. 2 – 3 uker". When three weeks pass
  without a decision (counted from the AEV when recorded, else from the day the
  application came in: `backend.kvp.rules.Application.waiting_since`), the counsellor
  is told on that day.
- Start: an approved application not yet started is reminded as a participant's
  approval is (`participant.KvpStart`): at 4 and 5 months, and on the deadline day.
- Renewal: a KVP decision is for up to a year at a time; one month before the latest
  decision period ends, the counsellor is told to renew it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from backend.kvp.rules import DECISION_EXPECTED_DAYS, RENEWAL_LEAD_MONTHS
from backend.shared.dates import add_months

from .base import (
    Audience,
    MovedBackRule,
    Planned,
    PreviousWorkingDay,
    Reminder,
    ReminderKind,
    in_range,
)
from .participant import kvp_start_steps


def kvp_subject(application_id: int) -> str:
    return f"kvp:{application_id}"


@dataclass(frozen=True, slots=True)
class KvpDecisionDue(MovedBackRule):
    application: int
    waiting_since: date  # the AEV's date, else the day the application came in
    decided: date | None = None

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        due = self.waiting_since + timedelta(days=DECISION_EXPECTED_DAYS)
        if in_range(due, first, last):
            yield Planned(
                due,
                ReminderKind.KVP_DECISION_DUE,
                kvp_subject(self.application),
                Audience.KVP_COUNSELLOR,
                due,
                {"since": self.waiting_since.isoformat()},
            )

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        found = MovedBackRule.due_between(self, start, end, previous_working_day)
        return [r for r in found if self.decided is None or self.decided > r.due]


@dataclass(frozen=True, slots=True)
class KvpApplicationStart(MovedBackRule):
    application: int
    approved: date
    started: date | None = None

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        return kvp_start_steps(self.approved, kvp_subject(self.application), first, last)

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        found = MovedBackRule.due_between(self, start, end, previous_working_day)
        return [r for r in found if self.started is None or self.started > r.due]


@dataclass(frozen=True, slots=True)
class KvpRenewal(MovedBackRule):
    application: int
    period_ends: date

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        nominal = add_months(self.period_ends, -RENEWAL_LEAD_MONTHS)
        if in_range(nominal, first, last):
            yield Planned(
                nominal,
                ReminderKind.KVP_RENEWAL,
                kvp_subject(self.application),
                Audience.KVP_COUNSELLOR,
                self.period_ends,
            )
