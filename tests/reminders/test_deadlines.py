from collections.abc import Callable, Sequence
from datetime import date, timedelta

import holidays
import pytest

from backend.reminders.deadlines import (
    Age18,
    Age67,
    AttendanceList,
    Audience,
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
    LowUseReason,
    NavMeetings,
    Reminder,
    ReminderKind,
    Rule,
    StatusMeetings,
    due_between,
    due_on,
    first_working_day_of_month,
    low_use,
    weekly_check_week,
)

D = date.fromisoformat
K = ReminderKind
A = Audience


def _closed_days() -> frozenset[date]:
    """Norwegian public holidays, Christmas to New Year, and fellesferie 2026 (weeks 28–30)."""
    days = set(holidays.Norway(years=range(2023, 2031)))
    for year in range(2023, 2031):
        days.update(date(year, 12, d) for d in range(24, 32))
    days.update(D("2026-07-06") + timedelta(days=n) for n in range(19))
    return frozenset(days)


CLOSED = _closed_days()


def pwd(day: date) -> date:
    """Test calendar: the day itself if open, else the nearest open day before it."""
    while day.weekday() >= 5 or day in CLOSED:
        day -= timedelta(days=1)
    return day


def brief(reminders: Sequence[Reminder]) -> list[tuple[str, str, str, str]]:
    return [(r.kind, r.due.isoformat(), r.audience, r.event_date.isoformat()) for r in reminders]


# ---------------------------------------------------------------------------
# The "must hold" cases from the brief, verbatim.
MUST_HOLD = [
    pytest.param(
        StatusMeetings("LARVIK"),
        "2026-08-11",
        [(K.STATUS_MEETING_CALL, "2026-08-11", A.COORDINATOR, "2026-09-01")],
        id="The September 2026 status-meeting call reminder is due three weeks before 1 September",
    ),
    pytest.param(
        Age18("P1", D("2009-03-10")),
        "2026-09-10",
        [(K.AGE_18, "2026-09-10", A.COORDINATOR, "2027-03-10")],
        id="a pupil born 10 March 2009 triggers the NAV-involvement reminder on 10 September 2026",
    ),
    pytest.param(
        Age67("P1", D("1959-06-15")),
        "2025-12-15",
        [
            (K.AGE_67, "2025-12-15", A.COORDINATOR, "2026-06-15"),
            (K.AGE_67, "2025-12-15", A.CONTACT, "2026-06-15"),
        ],
        id="born 15 June 1959 → flagged on 15 December 2025 (ahead of 15 June 2026)",
    ),
    pytest.param(
        Age67("P1", D("1959-06-15")),
        "2026-05-15",
        [
            (K.AGE_67, "2026-05-15", A.COORDINATOR, "2026-06-15"),
            (K.AGE_67, "2026-05-15", A.CONTACT, "2026-06-15"),
        ],
        id="born 15 June 1959 → flagged on 15 May 2026 (ahead of 15 June 2026)",
    ),
    pytest.param(
        KvpStart("P1", approved=D("2026-02-02"), started=None),
        "2026-06-02",
        [(K.KVP_START, "2026-06-02", A.KVP_COUNSELLOR, "2026-08-02")],
        id="KVP approved 2 February 2026, not started by 2 June 2026 → 4-month reminder on "
        "2 June 2026",
    ),
]


@pytest.mark.parametrize(("rule", "day", "expected"), MUST_HOLD)
def test_must_hold(rule: Rule, day: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert brief(rule.due_on(D(day), pwd)) == expected


# ---------------------------------------------------------------------------
# Each rule over a window: (rule, start, end, expected reminders in order).
WINDOWS = [
    # Status meetings (seed 001): calls three weeks before 1 January and 1 September.
    pytest.param(
        StatusMeetings("LARVIK"),
        "2026-01-01",
        "2026-12-31",
        [
            (K.STATUS_MEETING_CALL, "2026-08-11", A.COORDINATOR, "2026-09-01"),
            (K.STATUS_MEETING_CALL, "2026-12-11", A.COORDINATOR, "2027-01-01"),
        ],
        id="status calls in 2026: August for September, December for January",
    ),
    pytest.param(
        StatusMeetings("LARVIK"),
        "2024-08-01",
        "2024-08-31",
        [(K.STATUS_MEETING_CALL, "2024-08-09", A.COORDINATOR, "2024-09-01")],
        id="status call on Sunday 11 Aug 2024 moves back to Friday",
    ),
    pytest.param(
        StatusMeetings("LARVIK", meeting_dates=(D("2026-09-14"),)),
        "2026-09-01",
        "2026-09-30",
        [(K.STATUS_MEETING_DAY_BEFORE, "2026-09-11", A.MEETING_PARTICIPANTS, "2026-09-14")],
        id="meeting on a Monday: participants told on the Friday",
    ),
    # NAV cooperation meeting (seed 004 §9).
    pytest.param(
        NavMeetings("LOTEN"),
        "2026-01-01",
        "2026-12-31",
        [
            (K.NAV_MEETING, "2026-04-01", A.LEADER, "2026-04-16"),
            (K.NAV_MEETING, "2026-04-01", A.NAV_CONTACT, "2026-04-16"),
            (K.NAV_MEETING, "2026-10-01", A.LEADER, "2026-10-16"),
            (K.NAV_MEETING, "2026-10-01", A.NAV_CONTACT, "2026-10-16"),
        ],
        id="NAV meeting: schedule on 1 April and 1 October",
    ),
    pytest.param(
        NavMeetings("LOTEN"),
        "2029-03-01",
        "2029-04-30",
        [
            (K.NAV_MEETING, "2029-03-28", A.LEADER, "2029-04-16"),
            (K.NAV_MEETING, "2029-03-28", A.NAV_CONTACT, "2029-04-16"),
        ],
        id="1 April 2029 is Easter Sunday: moved back over Maundy Thursday and Good Friday",
    ),
    pytest.param(
        NavMeetings("LOTEN", meeting_dates=(D("2026-04-23"),)),
        "2026-03-01",
        "2026-06-30",
        [
            (K.NAV_MEETING, "2026-04-22", A.LEADER, "2026-04-23"),
            (K.NAV_MEETING, "2026-04-22", A.NAV_CONTACT, "2026-04-23"),
        ],
        id="NAV meeting date already set: no schedule reminder, day-before only",
    ),
    # Evaluation (seeds 000, 004 §7).
    pytest.param(
        Evaluation("P1", first=D("2026-03-16")),
        "2026-01-01",
        "2026-12-31",
        [
            (K.EVALUATION, "2026-03-02", A.CONTACT, "2026-03-16"),
            (K.EVALUATION, "2026-03-16", A.CONTACT, "2026-03-16"),
            (K.EVALUATION, "2026-09-02", A.CONTACT, "2026-09-16"),
            (K.EVALUATION, "2026-09-16", A.CONTACT, "2026-09-16"),
        ],
        id="evaluation every 6 months: 14 days before and on the day",
    ),
    pytest.param(
        Evaluation("P1", first=D("2026-08-31")),
        "2027-02-20",
        "2027-09-30",
        [
            (K.EVALUATION, "2027-02-26", A.CONTACT, "2027-02-28"),
            (K.EVALUATION, "2027-08-17", A.CONTACT, "2027-08-31"),
            (K.EVALUATION, "2027-08-31", A.CONTACT, "2027-08-31"),
        ],
        id="evaluation from 31 August: clamps to 28 February, then back to 31 August (no drift)",
    ),
    pytest.param(
        Evaluation("P1", first=D("2026-01-15"), every_months=3, until=D("2026-07-31")),
        "2026-01-01",
        "2026-12-31",
        [
            (K.EVALUATION, "2026-01-15", A.CONTACT, "2026-01-15"),
            (K.EVALUATION, "2026-04-01", A.CONTACT, "2026-04-15"),
            (K.EVALUATION, "2026-04-15", A.CONTACT, "2026-04-15"),
            (K.EVALUATION, "2026-07-01", A.CONTACT, "2026-07-15"),
            (K.EVALUATION, "2026-07-03", A.CONTACT, "2026-07-15"),
        ],
        id="evaluation every 3 months until the end; 15 July in fellesferie moves to 3 July",
    ),
    # Attendance list every 14 days from the first delivery date (seed 004 §6).
    pytest.param(
        AttendanceList("P1", first=D("2026-01-05")),
        "2026-01-01",
        "2026-02-28",
        [
            (K.ATTENDANCE_LIST, "2026-01-05", A.CONTACT, "2026-01-05"),
            (K.ATTENDANCE_LIST, "2026-01-19", A.CONTACT, "2026-01-19"),
            (K.ATTENDANCE_LIST, "2026-02-02", A.CONTACT, "2026-02-02"),
            (K.ATTENDANCE_LIST, "2026-02-16", A.CONTACT, "2026-02-16"),
        ],
        id="attendance list every 14 days from the first delivery date",
    ),
    pytest.param(
        AttendanceList("P1", first=D("2026-03-23")),
        "2026-03-24",
        "2026-04-10",
        [(K.ATTENDANCE_LIST, "2026-04-01", A.CONTACT, "2026-04-06")],
        id="attendance list on Easter Monday moves back to the Wednesday before",
    ),
    pytest.param(
        AttendanceList("P1", first=D("2026-06-22"), until=D("2026-08-10")),
        "2026-06-01",
        "2026-12-31",
        [
            (K.ATTENDANCE_LIST, "2026-06-22", A.CONTACT, "2026-06-22"),
            (K.ATTENDANCE_LIST, "2026-07-03", A.CONTACT, "2026-07-06"),
            (K.ATTENDANCE_LIST, "2026-07-03", A.CONTACT, "2026-07-20"),
            (K.ATTENDANCE_LIST, "2026-08-03", A.CONTACT, "2026-08-03"),
        ],
        id="attendance lists in fellesferie move to before it; none after the agreement ends",
    ),
    pytest.param(
        AttendanceList("P1", first=D("2026-01-05"), nav_followed=False),
        "2026-01-01",
        "2026-12-31",
        [],
        id="no attendance lists for a participant NAV does not follow",
    ),
    # Capacity report (seed 004 §2).
    pytest.param(
        CapacityReport("LOTEN"),
        "2025-12-15",
        "2026-08-31",
        [
            (K.CAPACITY_REPORT, "2026-01-02", A.LEADER, "2026-01-01"),
            (K.CAPACITY_REPORT, "2026-02-02", A.LEADER, "2026-02-01"),
            (K.CAPACITY_REPORT, "2026-03-02", A.LEADER, "2026-03-01"),
            (K.CAPACITY_REPORT, "2026-04-01", A.LEADER, "2026-04-01"),
            (K.CAPACITY_REPORT, "2026-05-04", A.LEADER, "2026-05-01"),
            (K.CAPACITY_REPORT, "2026-06-01", A.LEADER, "2026-06-01"),
            (K.CAPACITY_REPORT, "2026-07-01", A.LEADER, "2026-07-01"),
            (K.CAPACITY_REPORT, "2026-08-03", A.LEADER, "2026-08-01"),
        ],
        id="capacity report on each month's first working day",
    ),
    # Age 18 (seed 001) and 67 (seed 000).
    pytest.param(
        Age18("P1", D("2008-02-29")),
        "2025-01-01",
        "2026-12-31",
        [(K.AGE_18, "2025-08-28", A.COORDINATOR, "2026-02-28")],
        id="born 29 February: 18 on 28 February, NAV reminder on 28 August",
    ),
    pytest.param(
        Age18("P1", D("2009-08-31")),
        "2027-01-01",
        "2027-12-31",
        [(K.AGE_18, "2027-02-26", A.COORDINATOR, "2027-08-31")],
        id="born 31 August: six months before is 28 February (a Sunday), moved to Friday",
    ),
    pytest.param(
        Age18("P1", D("2009-01-20")),
        "2026-06-01",
        "2026-12-31",
        [(K.AGE_18, "2026-07-03", A.COORDINATOR, "2027-01-20")],
        id="NAV reminder inside fellesferie moves to the last day before it",
    ),
    pytest.param(
        Age18("P1", D("2009-03-10"), pupil=False),
        "2026-01-01",
        "2027-12-31",
        [],
        id="not a pupil: no NAV-involvement reminder",
    ),
    pytest.param(
        Age67("P1", D("1960-02-29")),
        "2026-01-01",
        "2027-12-31",
        [
            (K.AGE_67, "2026-08-28", A.CONTACT, "2027-02-28"),
            (K.AGE_67, "2026-08-28", A.COORDINATOR, "2027-02-28"),
            (K.AGE_67, "2027-01-28", A.CONTACT, "2027-02-28"),
            (K.AGE_67, "2027-01-28", A.COORDINATOR, "2027-02-28"),
        ],
        id="born 29 February 1960: 67 on 28 February 2027",
    ),
    # KVP start (seed 003).
    pytest.param(
        KvpStart("P1", approved=D("2026-02-02")),
        "2026-01-01",
        "2026-12-31",
        [
            (K.KVP_START, "2026-06-02", A.KVP_COUNSELLOR, "2026-08-02"),
            (K.KVP_START, "2026-07-02", A.KVP_COUNSELLOR, "2026-08-02"),
            (K.KVP_START, "2026-07-31", A.KVP_COUNSELLOR, "2026-08-02"),
        ],
        id="KVP not started: reminders at 4 and 5 months, and on the 6-month deadline "
        "(2 August, a Sunday → Friday)",
    ),
    pytest.param(
        KvpStart("P1", approved=D("2026-02-02"), started=D("2026-06-02")),
        "2026-01-01",
        "2026-12-31",
        [],
        id="KVP started on the 4-month day: no reminders",
    ),
    pytest.param(
        KvpStart("P1", approved=D("2026-02-02"), started=D("2026-06-20")),
        "2026-01-01",
        "2026-12-31",
        [(K.KVP_START, "2026-06-02", A.KVP_COUNSELLOR, "2026-08-02")],
        id="KVP start planned between the reminders: only the 4-month one",
    ),
    pytest.param(
        KvpStart("P1", approved=D("2025-08-31")),
        "2025-12-01",
        "2026-02-28",
        [
            (K.KVP_START, "2025-12-23", A.KVP_COUNSELLOR, "2026-02-28"),
            (K.KVP_START, "2026-01-30", A.KVP_COUNSELLOR, "2026-02-28"),
            (K.KVP_START, "2026-02-27", A.KVP_COUNSELLOR, "2026-02-28"),
        ],
        id="KVP approved 31 August: months clamp; Christmas closure moves to 23 December",
    ),
    pytest.param(
        KvpStart("P1", approved=D("2026-03-16")),
        "2026-09-14",
        "2026-09-18",
        [(K.KVP_START, "2026-09-16", A.KVP_COUNSELLOR, "2026-09-16")],
        id="KVP approved 16 March, not started: reminded on the deadline day, 16 September",
    ),
    # KVP applications (seed 003).
    pytest.param(
        KvpDecisionDue(7, waiting_since=D("2026-03-02")),
        "2026-03-01",
        "2026-04-30",
        [(K.KVP_DECISION_DUE, "2026-03-23", A.KVP_COUNSELLOR, "2026-03-23")],
        id="KVP application received 2 March, no decision: reminded three weeks on, 23 March",
    ),
    pytest.param(
        KvpDecisionDue(7, waiting_since=D("2026-03-07")),
        "2026-03-01",
        "2026-04-30",
        [(K.KVP_DECISION_DUE, "2026-03-27", A.KVP_COUNSELLOR, "2026-03-28")],
        id="AEV on Saturday 7 March: three weeks on is a Saturday → Friday 27 March",
    ),
    pytest.param(
        KvpDecisionDue(7, waiting_since=D("2026-03-02"), decided=D("2026-03-20")),
        "2026-03-01",
        "2026-04-30",
        [],
        id="KVP decision made within three weeks: no reminder",
    ),
    pytest.param(
        KvpApplicationStart(7, approved=D("2026-02-02")),
        "2026-01-01",
        "2026-12-31",
        [
            (K.KVP_START, "2026-06-02", A.KVP_COUNSELLOR, "2026-08-02"),
            (K.KVP_START, "2026-07-02", A.KVP_COUNSELLOR, "2026-08-02"),
            (K.KVP_START, "2026-07-31", A.KVP_COUNSELLOR, "2026-08-02"),
        ],
        id="KVP application approved, not started: 4 and 5 months, and the deadline day",
    ),
    pytest.param(
        KvpApplicationStart(7, approved=D("2026-02-02"), started=D("2026-06-15")),
        "2026-01-01",
        "2026-12-31",
        [(K.KVP_START, "2026-06-02", A.KVP_COUNSELLOR, "2026-08-02")],
        id="KVP application started 15 June: only the 4-month reminder came before",
    ),
    pytest.param(
        KvpRenewal(7, period_ends=D("2027-03-31")),
        "2026-01-01",
        "2027-12-31",
        [(K.KVP_RENEWAL, "2027-02-26", A.KVP_COUNSELLOR, "2027-03-31")],
        id="KVP period ends 31 March 2027: renewal a month before (28 February, a Sunday)",
    ),
    # Decision ending and final report (seeds 000, 004 §8).
    pytest.param(
        DecisionEnding("P1", ends=D("2026-03-31")),
        "2026-01-01",
        "2026-12-31",
        [(K.DECISION_ENDING, "2026-02-27", A.CONTACT, "2026-03-31")],
        id="decision ending 31 March: one month before is 28 February (Saturday) → Friday",
    ),
    pytest.param(
        FinalReport("P1", agreement_ends=D("2026-05-17")),
        "2026-01-01",
        "2026-12-31",
        [(K.FINAL_REPORT, "2026-05-15", A.CONTACT, "2026-05-17")],
        id="final report due on the agreement end date (17 May, a Sunday) → Friday",
    ),
    # Weekly checks.
    pytest.param(
        LowUseCheck("P1", planned_days=12, attended_days=4),
        "2026-03-28",
        "2026-04-10",
        [
            (K.LOW_USE, "2026-03-30", A.CONTACT, "2026-03-30"),
            (K.LOW_USE, "2026-04-01", A.CONTACT, "2026-04-06"),
        ],
        id="low use checked on Mondays; Easter Monday's check moves to Wednesday",
    ),
    pytest.param(
        LowUseCheck("P1", planned_days=12, attended_days=4),
        "2026-07-01",
        "2026-07-31",
        [
            (K.LOW_USE, "2026-07-03", A.CONTACT, "2026-07-20"),
            (K.LOW_USE, "2026-07-27", A.CONTACT, "2026-07-27"),
        ],
        id="three fellesferie Mondays collapse into one low-use reminder",
    ),
    pytest.param(
        LowUseCheck("P1", planned_days=12, attended_days=8),
        "2026-03-01",
        "2026-03-31",
        [],
        id="no low-use reminder when use is fine",
    ),
    pytest.param(
        EligibilityOpen("P1", ("full_disability_benefit",)),
        "2026-03-01",
        "2026-03-14",
        [
            (K.ELIGIBILITY_OPEN, "2026-03-02", A.COORDINATOR, "2026-03-02"),
            (K.ELIGIBILITY_OPEN, "2026-03-09", A.COORDINATOR, "2026-03-09"),
        ],
        id="open eligibility criteria: the coordinator is told weekly",
    ),
    pytest.param(
        EligibilityOpen("P1", ()),
        "2026-03-01",
        "2026-03-31",
        [],
        id="nothing open: no eligibility reminder",
    ),
]


@pytest.mark.parametrize(("rule", "start", "end", "expected"), WINDOWS)
def test_due_between(
    rule: Rule, start: str, end: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert brief(due_between(D(start), D(end), [rule], pwd)) == expected


@pytest.mark.parametrize(("rule", "start", "end", "expected"), WINDOWS)
def test_due_on_each_day_agrees_with_due_between(
    rule: Rule, start: str, end: str, expected: list[tuple[str, str, str, str]]
) -> None:
    first, last = D(start), D(end)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    daily = [r for day in days for r in due_on(day, [rule], pwd)]
    assert brief(daily) == expected
    assert all(r.due not in CLOSED and r.due.weekday() < 5 for r in daily)


# ---------------------------------------------------------------------------
# Subjects, detail and keys: what the outbox and the templates rely on.
@pytest.mark.parametrize(
    ("rule", "day", "subject", "detail"),
    [
        (StatusMeetings("LARVIK"), "2026-08-11", "unit:LARVIK:2026-09", {"month": "2026-09"}),
        (
            NavMeetings("LOTEN"),
            "2026-10-01",
            "unit:LOTEN:2026-10",
            {"step": "schedule", "window_start": "2026-10-16", "window_end": "2026-10-31"},
        ),
        (Evaluation("P7", D("2026-03-16")), "2026-03-02", "participant:P7", {"step": "before"}),
        (AttendanceList("P7", D("2026-01-05")), "2026-02-02", "participant:P7", {"number": "3"}),
        (CapacityReport("LOTEN"), "2026-05-04", "unit:LOTEN:2026-05", {"month": "2026-05"}),
        (Age18("P7", D("2009-03-10")), "2026-09-10", "participant:P7", {}),
        (
            KvpStart("P7", D("2026-02-02")),
            "2026-07-02",
            "participant:P7",
            {"step": "5m", "approved": "2026-02-02"},
        ),
        (
            KvpStart("P7", D("2026-03-16")),
            "2026-09-16",
            "participant:P7",
            {"step": "deadline", "approved": "2026-03-16"},
        ),
        (KvpDecisionDue(7, D("2026-03-02")), "2026-03-23", "kvp:7", {"since": "2026-03-02"}),
        (
            KvpApplicationStart(7, D("2026-02-02")),
            "2026-06-02",
            "kvp:7",
            {"step": "4m", "approved": "2026-02-02"},
        ),
        (KvpRenewal(7, D("2027-03-31")), "2027-02-26", "kvp:7", {}),
        (
            LowUseCheck("P7", planned_days=12, attended_days=4),
            "2026-03-02",
            "participant:P7",
            {
                "planned_days": "12",
                "attended_days": "4",
                "weeks": "4",
                "reasons": "below_half_planned,under_two_days_a_week",
            },
        ),
        (
            EligibilityOpen("P7", ("wants_service", "birth_date")),
            "2026-03-02",
            "participant:P7",
            {"criteria": "birth_date,wants_service"},
        ),
    ],
)
def test_subject_and_detail(rule: Rule, day: str, subject: str, detail: dict[str, str]) -> None:
    reminders = rule.due_on(D(day), pwd)
    assert reminders
    assert {r.subject for r in reminders} == {subject}
    assert all(dict(r.detail) == detail for r in reminders)


def test_keys_tell_steps_apart_and_survive_moved_dates() -> None:
    reminders = due_between(D("2025-01-01"), D("2026-12-31"), [Age67("P1", D("1959-06-15"))], pwd)
    assert len({r.key for r in reminders}) == 4
    moved = Reminder(
        K.AGE_67, D("2025-12-12"), "participant:P1", A.CONTACT, D("2026-06-15"), {"step": "6m"}
    )
    assert moved.key in {r.key for r in reminders}


def test_reminder_is_frozen_and_hashable() -> None:
    reminder = Reminder(
        K.LOW_USE, D("2026-03-02"), "participant:P1", A.CONTACT, D("2026-03-02"), {"a": "1"}
    )
    assert reminder == Reminder(
        K.LOW_USE, D("2026-03-02"), "participant:P1", A.CONTACT, D("2026-03-02"), {"a": "1"}
    )
    assert len({reminder, reminder}) == 1
    with pytest.raises(TypeError):
        reminder.detail["a"] = "2"  # type: ignore[index]


# ---------------------------------------------------------------------------
# Running many rules, and staying cheap.
def test_due_on_runs_many_rules_sorted() -> None:
    rules: list[Rule] = [
        Age67("P2", D("1959-06-15")),
        AttendanceList("P1", D("2025-12-01")),
        CapacityReport("LARVIK"),
        LowUseCheck("P3", planned_days=8, attended_days=1),
    ]
    assert brief(due_on(D("2025-12-15"), rules, pwd)) == [
        (K.AGE_67, "2025-12-15", A.CONTACT, "2026-06-15"),
        (K.AGE_67, "2025-12-15", A.COORDINATOR, "2026-06-15"),
        (K.ATTENDANCE_LIST, "2025-12-15", A.CONTACT, "2025-12-15"),
        (K.LOW_USE, "2025-12-15", A.CONTACT, "2025-12-15"),
    ]


@pytest.mark.parametrize("day", ["2026-04-03", "2026-04-04", "2026-12-28"])
def test_nothing_is_due_on_a_closed_day(day: str) -> None:
    # A Good Friday list date, a Saturday, a Christmas-week evaluation.
    rules: list[Rule] = [
        AttendanceList("P1", D("2026-03-20")),
        Evaluation("P1", D("2026-12-28")),
        StatusMeetings("LARVIK", (D("2026-04-05"),)),
    ]
    assert due_on(D(day), rules, pwd) == []


def counting(calendar: Callable[[date], date]) -> tuple[Callable[[date], date], list[date]]:
    calls: list[date] = []

    def wrapped(day: date) -> date:
        calls.append(day)
        return calendar(day)

    return wrapped, calls


@pytest.mark.parametrize(
    ("rule", "max_calls"),
    [
        (AttendanceList("P1", D("2000-01-03")), 3),
        (Evaluation("P1", D("1990-01-15"), every_months=1), 3),
        (Age67("P1", D("1959-06-15")), 3),
        (StatusMeetings("LARVIK"), 3),
    ],
)
def test_due_on_is_cheap_for_old_start_dates(rule: Rule, max_calls: int) -> None:
    # A daily pass must not walk from a start date decades back.
    calendar, calls = counting(pwd)
    rule.due_on(D("2026-03-10"), calendar)
    assert len(calls) <= max_calls


# ---------------------------------------------------------------------------
# Low use (seed 000): counts in, verdict out.
@pytest.mark.parametrize(
    ("planned", "attended", "weeks", "reasons"),
    [
        (8, 8, 4, None),
        (12, 4, 4, (LowUseReason.BELOW_HALF_PLANNED, LowUseReason.UNDER_TWO_DAYS_A_WEEK)),
        (10, 5, 4, (LowUseReason.UNDER_TWO_DAYS_A_WEEK,)),  # exactly half is not below half
        (20, 9, 4, (LowUseReason.BELOW_HALF_PLANNED,)),  # 2.25 a week, but under half
        (20, 10, 4, None),
        (6, 6, 4, None),  # closures left under two planned days a week
        (6, 2, 4, (LowUseReason.BELOW_HALF_PLANNED,)),
        (4, 1, 1, (LowUseReason.BELOW_HALF_PLANNED, LowUseReason.UNDER_TWO_DAYS_A_WEEK)),
        (2, 2, 1, None),
        (0, 0, 4, None),  # nothing planned
    ],
)
def test_low_use(
    planned: int, attended: int, weeks: int, reasons: tuple[LowUseReason, ...] | None
) -> None:
    found = low_use(planned, attended, weeks)
    assert (found.reasons if found else None) == reasons


@pytest.mark.parametrize(("planned", "attended", "weeks"), [(8, 2, 0), (-1, 0, 4), (8, -1, 4)])
def test_low_use_rejects_bad_counts(planned: int, attended: int, weeks: int) -> None:
    with pytest.raises(ValueError):
        low_use(planned, attended, weeks)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-03-02", "2026-03-02"),  # an open Monday
        ("2026-03-03", None),
        ("2026-03-01", None),  # Sunday
        ("2026-03-30", "2026-03-30"),
        ("2026-04-01", "2026-04-06"),  # Easter Monday's check, moved back
        ("2026-04-06", None),  # closed
        ("2026-07-03", "2026-07-20"),  # last fellesferie Monday wins
        ("2026-07-27", "2026-07-27"),
    ],
)
def test_weekly_check_week(day: str, week: str | None) -> None:
    assert weekly_check_week(D(day), pwd) == (D(week) if week else None)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 1, "2026-01-02"),
        (2026, 8, "2026-08-03"),
        (2026, 4, "2026-04-01"),
        (2027, 1, "2027-01-04"),
    ],
)
def test_first_working_day_of_month(year: int, month: int, expected: str) -> None:
    assert first_working_day_of_month(year, month, pwd) == D(expected)


def test_evaluation_rejects_zero_interval() -> None:
    with pytest.raises(ValueError):
        Evaluation("P1", D("2026-01-01"), every_months=0)


def test_capacity_report_for_a_month_closed_throughout_falls_back_to_the_day_before() -> None:
    july = {D("2026-07-01") + timedelta(days=n) for n in range(31)}

    def closed_july(day: date) -> date:
        while day in july:
            day -= timedelta(days=1)
        return pwd(day)

    assert brief(CapacityReport("LOTEN").due_on(D("2026-06-30"), closed_july)) == [
        (K.CAPACITY_REPORT, "2026-06-30", A.LEADER, "2026-07-01")
    ]


def test_evaluation_computes_dates_without_walking_from_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import backend.reminders.deadlines.participant as participant

    calls: list[int] = []

    def add_months(day: date, months: int) -> date:
        calls.append(months)
        return real(day, months)

    real = participant.add_months
    monkeypatch.setattr(participant, "add_months", add_months)
    rule = Evaluation("P1", D("1990-01-15"), every_months=1)
    assert brief(rule.due_on(D("2026-04-15"), pwd)) == [
        (K.EVALUATION, "2026-04-15", A.CONTACT, "2026-04-15"),
    ]
    assert len(calls) <= 6
