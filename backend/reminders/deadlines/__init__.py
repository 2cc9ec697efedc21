"""Reminder rules as pure functions: facts plus a date window in, `Reminder` values out.

Each rule is a frozen dataclass of facts with `due_on(day, pwd)` and
`due_between(start, end, pwd)`; `due_on` / `due_between` below run many rules.
Sources (the services' routine documents, numbered 000–004):

- status meetings, January/September ............ 001  (`meetings.StatusMeetings`)
- NAV cooperation meeting, late April/October ..... 004 §9 (`meetings.NavMeetings`)
- evaluation, first date at intake, then regularly  000, 004 §7 (`participant.Evaluation`)
- attendance list to NAV every 14 days ............ 004 §6 (`participant.AttendanceList`)
- free-capacity report, at least monthly .......... 004 §2 (`capacity.CapacityReport`)
- pupil turning 18, NAV half a year before ........ 001  (`age.Age18`)
- service ends at 67 .............................. 000  (`age.Age67`)
- KVP start within 6 months of approval, and on
  the deadline day itself ......................... 003  (`participant.KvpStart`,
                                                          `kvp.KvpApplicationStart`)
- KVP decision expected within 3 weeks
  (kind `kvp_decision_due`) ....................... 003  (`kvp.KvpDecisionDue`)
- KVP decision period renewed a month before its
  end, up to a year at a time (kind `kvp_renewal`)  003  (`kvp.KvpRenewal`)
- decision ending / final report .................. 000, 004 §8 (`participant.*`)
- low use ......................................... 000  (`weekly.LowUseCheck`)
- eligibility criteria not yet recorded ........... 000  (`weekly.EligibilityOpen`)
- a candidate's follow-up, evaluation, next step ... 002  (`candidate.CandidateDates`)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .age import Age18, Age67
from .base import (
    LOOKAHEAD,
    Audience,
    PreviousWorkingDay,
    Reminder,
    ReminderKind,
    Rule,
    sort_key,
)
from .candidate import CandidateDates, candidate_subject
from .capacity import CapacityReport, first_working_day_of_month
from .kvp import KvpApplicationStart, KvpDecisionDue, KvpRenewal, kvp_subject
from .meetings import NavMeetings, StatusMeetings
from .participant import AttendanceList, DecisionEnding, Evaluation, FinalReport, KvpStart
from .weekly import (
    EligibilityOpen,
    LowUse,
    LowUseCheck,
    LowUseReason,
    low_use,
    weekly_check_week,
)

__all__ = [
    "LOOKAHEAD",
    "Age18",
    "Age67",
    "AttendanceList",
    "Audience",
    "CandidateDates",
    "CapacityReport",
    "DecisionEnding",
    "EligibilityOpen",
    "Evaluation",
    "FinalReport",
    "KvpApplicationStart",
    "KvpDecisionDue",
    "KvpRenewal",
    "KvpStart",
    "LowUse",
    "LowUseCheck",
    "LowUseReason",
    "NavMeetings",
    "PreviousWorkingDay",
    "Reminder",
    "ReminderKind",
    "Rule",
    "StatusMeetings",
    "candidate_subject",
    "due_between",
    "due_on",
    "first_working_day_of_month",
    "kvp_subject",
    "low_use",
    "weekly_check_week",
]


def due_on(
    day: date, rules: Iterable[Rule], previous_working_day: PreviousWorkingDay
) -> list[Reminder]:
    """Everything the given rules make due on `day`, in a stable order."""
    if previous_working_day(day) != day:
        return []
    found = [r for rule in rules for r in rule.due_on(day, previous_working_day)]
    return sorted(found, key=sort_key)


def due_between(
    start: date, end: date, rules: Iterable[Rule], previous_working_day: PreviousWorkingDay
) -> list[Reminder]:
    """Everything due from `start` to `end` inclusive (a preview), in a stable order."""
    found = [r for rule in rules for r in rule.due_between(start, end, previous_working_day)]
    return sorted(found, key=sort_key)
