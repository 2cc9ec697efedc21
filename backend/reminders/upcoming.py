"""What the reminder rules make due for one unit over a span, whoever is reminded.

One home for the previews: the deadlines page (backend.people.directory) and a staff
member's calendar feed (backend.feeds) both read it and keep what their reader may see.
The daily pass plans day by day instead (`plan.Planner.reminders_on`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from backend.reminders.deadlines import Reminder, due_between
from backend.reminders.plan import Planner
from backend.reminders.rules import (
    candidate_rules,
    kvp_rules,
    participant_rules,
    pupil_rules,
    unit_rules,
)
from backend.reminders.snapshot import (
    CandidateRow,
    KvpApplicationRow,
    ParticipantRow,
    UnitData,
    load_snapshot,
)

Row = ParticipantRow | KvpApplicationRow | CandidateRow


@dataclass(frozen=True)
class Coming:
    """One reminder the rules make due, and whom it is about."""

    unit: UnitData
    reminder: Reminder
    row: Row | None  # the participant, KVP application or candidate, if one
    pupil_name: str | None  # a pupil of the register's

    def name(self, *, pupils_named: bool) -> str | None:
        """Whom it is about, by name; a pupil of the register only to those who may see
        the register (`pupils_named`)."""
        if self.row is not None:
            return self.row.name
        return self.pupil_name if pupils_named else None


async def upcoming(
    unit_code: str, start: date, end: date, *, email: bool
) -> tuple[Planner, list[Coming]]:
    """Every reminder due from `start` to `end` in the unit, and the planner that tells
    who would receive each (`Planner.recipients`, `Planner.concerned`)."""
    snapshot = await load_snapshot(start, unit_code)
    planner = Planner(snapshot, datetime.combine(start, time()), email=email)
    found: list[Coming] = []
    for data in snapshot.units:
        rules = list(unit_rules(data))
        rows: dict[str, Row] = {}
        for participant in data.participants:
            rules.extend(participant_rules(data, participant))
            rows[f"participant:{participant.code}"] = participant
        for application in data.kvp_applications:
            rules.extend(kvp_rules(application))
            rows[application.code] = application
        for candidate in data.candidates:
            rules.extend(candidate_rules(candidate))
            rows[candidate.subject] = candidate
        pupils: dict[str, str] = {}
        for pupil in data.pupils:
            rules.extend(pupil_rules(data, pupil))
            pupils[f"pupil:{pupil.id}"] = pupil.name
        for reminder in due_between(start, end, rules, data.calendar.previous_working_day):
            found.append(
                Coming(data, reminder, rows.get(reminder.subject), pupils.get(reminder.subject))
            )
    return planner, found
