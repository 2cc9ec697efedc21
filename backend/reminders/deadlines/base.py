"""Shared types for the reminder rules: kinds, audiences, `Reminder` and the rule base.

A rule is a frozen dataclass holding the facts; `rule.due_between(start, end, pwd)`
is a pure function of those facts and the window. Rules compute their candidate
dates directly (no day-by-day scan), so a daily pass over many participants is cheap.

`previous_working_day(day)` must return `day` itself when the unit is open that day,
else the nearest open day before it (as `UnitCalendar.previous_working_day` does).
It is then monotone, which lets `due_between` stop at the first candidate past `end`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

from backend.shared.errors import N_

PreviousWorkingDay = Callable[[date], date]

# How far past `end` we look for nominal dates that move back into the window.
# Covers the longest closure we expect (fellesferie: three weeks plus weekends).
LOOKAHEAD = timedelta(days=62)


class ReminderKind(StrEnum):
    STATUS_MEETING_CALL = "status_meeting_call"
    STATUS_MEETING_DAY_BEFORE = "status_meeting_day_before"
    NAV_MEETING = "nav_meeting"
    EVALUATION = "evaluation"
    ATTENDANCE_LIST = "attendance_list"
    CAPACITY_REPORT = "capacity_report"
    AGE_18 = "age_18"
    AGE_67 = "age_67"
    KVP_START = "kvp_start"
    KVP_DECISION_DUE = "kvp_decision_due"
    KVP_RENEWAL = "kvp_renewal"
    DECISION_ENDING = "decision_ending"
    FINAL_REPORT = "final_report"
    LOW_USE = "low_use"
    ELIGIBILITY_OPEN = "eligibility_open"
    # a candidate's dates on the pathway (deadlines/candidate.py)
    CANDIDATE_FOLLOW_UP = "candidate_follow_up"
    CANDIDATE_EVALUATION = "candidate_evaluation"
    CANDIDATE_NEXT_STEP = "candidate_next_step"


# Each kind in a few words: the deadlines page and the calendar feeds name it so.
KIND_NAMES: Mapping[ReminderKind, str] = MappingProxyType(
    {
        ReminderKind.STATUS_MEETING_CALL: N_("Kall inn til statusmøte"),
        ReminderKind.STATUS_MEETING_DAY_BEFORE: N_("Statusmøte i morgen"),
        ReminderKind.NAV_MEETING: N_("Samarbeidsmøte med NAV"),
        ReminderKind.EVALUATION: N_("Evaluering"),
        ReminderKind.ATTENDANCE_LIST: N_("Frammøteliste til NAV"),
        ReminderKind.CAPACITY_REPORT: N_("Ledig kapasitet til NAV"),
        ReminderKind.AGE_18: N_("Fyller 18: involver NAV"),
        ReminderKind.AGE_67: N_("Fyller 67: tjenesten slutter"),
        ReminderKind.KVP_START: N_("KVP må starte"),
        ReminderKind.KVP_DECISION_DUE: N_("KVP-søknaden venter på vedtak"),
        ReminderKind.KVP_RENEWAL: N_("KVP-vedtaket må fornyes"),
        ReminderKind.DECISION_ENDING: N_("Vedtaket går ut"),
        ReminderKind.FINAL_REPORT: N_("Sluttrapport"),
        ReminderKind.LOW_USE: N_("Lite oppmøte"),
        ReminderKind.ELIGIBILITY_OPEN: N_("Kriterier er ikke registrert"),
        ReminderKind.CANDIDATE_FOLLOW_UP: N_("Oppfølging av en kandidat"),
        ReminderKind.CANDIDATE_EVALUATION: N_("Evaluering med en kandidat"),
        ReminderKind.CANDIDATE_NEXT_STEP: N_("Neste steg for en kandidat"),
    }
)


class Audience(StrEnum):
    COORDINATOR = "coordinator"
    CONTACT = "contact"
    LEADER = "leader"
    NAV_CONTACT = "nav_contact"
    MEETING_PARTICIPANTS = "meeting_participants"
    KVP_COUNSELLOR = "kvp_counsellor"
    FOLLOWER = "follower"  # a candidate's follower, else the coordinators


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    due: date  # the day to send it, already moved off closed days
    subject: str  # "participant:P12", "unit:LARVIK:2026-09"
    audience: Audience
    event_date: date  # what the reminder is about: meeting, birthday, deadline…
    # Plain data for the template, never prose; read-only, and left out of the hash.
    detail: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", MappingProxyType(dict(self.detail)))

    @property
    def key(self) -> str:
        """Stable identity that survives calendar changes moving `due`.

        `step` tells apart several reminders about the same event (e.g. 6 and 1
        months before turning 67).
        """
        step = self.detail.get("step", "")
        return f"{self.kind}|{self.subject}|{self.audience}|{self.event_date.isoformat()}|{step}"


class Rule(Protocol):
    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]: ...

    def due_on(self, day: date, previous_working_day: PreviousWorkingDay) -> list[Reminder]: ...


@dataclass(frozen=True, slots=True)
class Planned:
    """A reminder at its nominal date, before moving off closed days."""

    nominal: date
    kind: ReminderKind
    subject: str
    audience: Audience
    event_date: date
    detail: Mapping[str, str] = field(default_factory=dict, hash=False)

    def at(self, due: date) -> Reminder:
        return Reminder(self.kind, due, self.subject, self.audience, self.event_date, self.detail)


class MovedBackRule:
    """Base for rules whose nominal dates move back to the previous working day.

    Subclasses implement `planned(first, last)`: every reminder whose nominal
    date lies in [first, last], computed directly from the facts.
    """

    __slots__ = ()

    def planned(self, first: date, last: date) -> Iterable[Planned]:
        raise NotImplementedError

    def due_between(
        self, start: date, end: date, previous_working_day: PreviousWorkingDay
    ) -> list[Reminder]:
        if end < start:
            return []
        # A due date is never after its nominal date, so nominal dates before
        # `start` cannot land in the window.
        candidates = sorted(self.planned(start, end + LOOKAHEAD), key=lambda p: p.nominal)
        found: list[Reminder] = []
        for planned in candidates:
            due = previous_working_day(planned.nominal)
            if due > end:
                break  # monotone: every later nominal date moves to a later day too
            if due >= start:
                found.append(planned.at(due))
        return found

    def due_on(self, day: date, previous_working_day: PreviousWorkingDay) -> list[Reminder]:
        if previous_working_day(day) != day:
            return []  # nothing is ever due on a closed day
        return self.due_between(day, day, previous_working_day)


def participant_subject(participant: str) -> str:
    return f"participant:{participant}"


def pupil_subject(pupil_id: str | int) -> str:
    """A pupil of the register (backend.pupils), who is not a participant."""
    return f"pupil:{pupil_id}"


def unit_month_subject(unit: str, day: date) -> str:
    return f"unit:{unit}:{day.year}-{day.month:02d}"


def sort_key(reminder: Reminder) -> tuple[date, str, str, str, date]:
    return (reminder.due, reminder.kind, reminder.subject, reminder.audience, reminder.event_date)


def in_range(day: date, first: date, last: date) -> bool:
    return first <= day <= last
