"""From what is stored to the domain's reminder rules (pure: no queries here).

Which rule applies to whom, where the seeds leave it open:

- status meetings (the pupils' status meeting that AoK calls): units with AoK
  participants, or with a status meeting on record;
- NAV cooperation meetings: units with a NAV contact (e-mail or name), with
  NAV-followed participants, or with a NAV meeting on record;
- capacity report: units whose number of places is set;
- age 18: participants flagged as pupils (still at school), and the pupils of the
  register (`backend.pupils`), from the day they were registered;
- age 67: programmes whose criteria end the service by age (from the domain);
  evaluations and attendance lists stop after the last day of service, as after
  the decision's end;
- decision ending: any decision with an end date; final report: the end of a
  NAV-followed agreement (work training and activity places, seed 004);
- KVP start: any participant with an approval date, and any approved KVP application
  not yet started; a KVP decision expected: an application without one; a KVP
  renewal: the latest decision period of an approved application (a participant
  started from an application has no "decision ending" reminder of its own: the
  application's renewal reminder is it, to the counsellor);
- low use and open eligibility criteria: weekly, on the unit's check day;
- a candidate's follow-up, evaluation and next step: any candidate not ended with one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache

from backend.people.eligibility import facts_for
from backend.people.eligibility_rules import EligibilityFacts, Programme, check_eligibility
from backend.reminders.deadlines import (
    Age18,
    Age67,
    AttendanceList,
    CandidateDates,
    CapacityReport,
    DecisionEnding,
    EligibilityOpen,
    Evaluation,
    FinalReport,
    KvpApplicationStart,
    KvpDecisionDue,
    KvpRenewal,
    KvpStart,
    LowUseCheck,
    NavMeetings,
    Rule,
    StatusMeetings,
)
from backend.reminders.snapshot import (
    CandidateRow,
    KvpApplicationRow,
    ParticipantRow,
    PupilRow,
    UnitData,
)

LOW_USE_WEEKS = 4
AGREEMENT_PROGRAMMES = frozenset({Programme.WORK_TRAINING, Programme.ACTIVITY_PLACE})


def _age_capped() -> frozenset[Programme]:
    """Programmes whose criteria end the service at an age, asked of the domain itself."""
    probe = EligibilityFacts(birth_date=date(2000, 1, 1))
    return frozenset(
        p for p in Programme if check_eligibility(p, probe, date(2030, 1, 1)).ends_on is not None
    )


AGE_CAPPED = _age_capped()


def unit_rules(unit: UnitData) -> Iterator[Rule]:
    has_aok = any(p.programme == Programme.AOK for p in unit.participants)
    if has_aok or unit.status_meetings:
        yield StatusMeetings(unit.code, unit.status_meetings)
    nav_followed = any(p.nav_followed for p in unit.participants)
    if unit.nav_email or unit.nav_contact_name or nav_followed or unit.nav_meetings:
        yield NavMeetings(unit.code, unit.nav_meetings)
    if unit.places is not None:
        yield CapacityReport(unit.code)


def participant_rules(unit: UnitData, p: ParticipantRow) -> Iterator[Rule]:
    """The rules that do not depend on the check day (see `weekly_rules`)."""
    if p.pupil:
        yield Age18(p.code, p.birth_date, flagged_on=p.pupil_since)
    if p.programme in AGE_CAPPED:
        yield Age67(p.code, p.birth_date)
    # No evaluations or attendance lists after the decision's end or the 67th birthday.
    last_day = p.period.last_day
    if p.next_evaluation is not None:
        yield Evaluation(p.code, p.next_evaluation, unit.evaluation_every_months, last_day)
    if p.list_start is not None and p.nav_followed:
        yield AttendanceList(p.code, p.list_start, True, last_day)
    if p.decision_end is not None:
        if p.id not in unit.kvp_participant_ids:
            yield DecisionEnding(p.code, p.decision_end)
        if (p.nav_followed or p.programme in AGREEMENT_PROGRAMMES) and not p.final_report_done:
            yield FinalReport(p.code, p.decision_end)
    if p.kvp_approved_on is not None:
        yield KvpStart(p.code, p.kvp_approved_on, p.kvp_started_on)


def pupil_rules(unit: UnitData, p: PupilRow) -> Iterator[Rule]:
    """A pupil of the register: NAV half a year before 18, to the coordinator; registered
    after that mark, at once."""
    yield Age18(str(p.id), p.birth_date, flagged_on=p.registered_on, register=True)


def kvp_rules(a: KvpApplicationRow) -> Iterator[Rule]:
    """A KVP application's rules (refused ones are not loaded)."""
    if a.decided_on is None:
        yield KvpDecisionDue(a.id, a.aev_on or a.received_on)
    elif a.approved:
        yield KvpApplicationStart(a.id, a.decided_on, a.started_on)
        if a.period_ends is not None:
            yield KvpRenewal(a.id, a.period_ends)


def weekly_rules(
    p: ParticipantRow, day: date, counts: dict[int, tuple[int, int]] | None
) -> Iterator[Rule]:
    """Low use (when counts were gathered for this check day) and open criteria."""
    if counts is not None and p.id in counts:  # no recorded day: nothing to judge
        recorded, present = counts[p.id]
        yield LowUseCheck(p.code, recorded, present, LOW_USE_WEEKS)
    open_criteria = _open_criteria(
        p.programme,
        frozenset((k, v) for k, v in p.eligibility.items() if isinstance(v, bool)),
    )
    if open_criteria:
        yield EligibilityOpen(p.code, open_criteria)


@cache
def _open_criteria(programme: str, recorded: frozenset[tuple[str, bool]]) -> tuple[str, ...]:
    """Open criteria depend only on the recorded facts (birth date and days a week are
    always known), so participants with the same facts share one answer."""
    facts = facts_for(date(2000, 1, 1), 5, dict(recorded))
    return check_eligibility(Programme(programme), facts, date(2030, 1, 1)).open_criteria


# -- candidates on the pathway (seed 002) ------------------------------------------------


def candidate_rules(c: CandidateRow) -> Iterator[Rule]:
    """A candidate's follow-up, evaluation and next-step dates (ended ones are not loaded)."""
    if c.follow_up_on or c.evaluation_on or c.next_step_on:
        yield CandidateDates(c.code, c.follow_up_on, c.evaluation_on, c.next_step_on)
