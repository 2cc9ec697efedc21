"""A candidate's dates on the coordinators' pathway (seed 002: "Oppfølging",
"Evaluering", and the action plan's "neste steg i prosessen").

- Follow-up and evaluation: the candidate's follower is told a week before and on the
  day, as a participant's contact person is told of an evaluation.
- The action plan's next step: told on its day.

Only candidates still on the pathway (not ended) have these reminders. The audience is
the follower, else the unit's coordinators, else its leaders (`plan.Planner`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .base import Audience, MovedBackRule, Planned, ReminderKind, in_range

CANDIDATE_LEAD = timedelta(days=7)


def candidate_subject(candidate: str) -> str:
    return f"candidate:{candidate}"


@dataclass(frozen=True, slots=True)
class CandidateDates(MovedBackRule):
    candidate: str
    follow_up: date | None = None
    evaluation: date | None = None
    next_step: date | None = None

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        subject = candidate_subject(self.candidate)
        dates = (
            (ReminderKind.CANDIDATE_FOLLOW_UP, self.follow_up, True),
            (ReminderKind.CANDIDATE_EVALUATION, self.evaluation, True),
            (ReminderKind.CANDIDATE_NEXT_STEP, self.next_step, False),
        )
        for kind, day, ahead in dates:
            if day is None:
                continue
            steps = (("before", day - CANDIDATE_LEAD), ("day", day)) if ahead else (("day", day),)
            for step, nominal in steps:
                if in_range(nominal, first, last):
                    yield Planned(nominal, kind, subject, Audience.FOLLOWER, day, {"step": step})
