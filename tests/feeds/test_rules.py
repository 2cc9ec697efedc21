"""What a calendar feed holds: the rules as tables, expected answers written out."""

from __future__ import annotations

from datetime import date

import pytest

from backend.feeds.rules import (
    FeedEvent,
    deadline_events,
    meeting_events,
    plan_events,
    uid,
    window,
)
from backend.reminders.deadlines import Audience, Reminder, ReminderKind


def same(text: str) -> str:
    return text


def english(text: str) -> str:
    return {
        "Statusmøte": "Status meeting",
        "Evaluering": "Evaluation",
        "Stengt": "Closed",
        "Frammøte {start}–{end}": "Attendance {start}–{end}",
    }.get(text, text)


def reminder(
    kind: ReminderKind,
    due: date,
    event: date,
    subject: str = "participant:P1",
    audience: Audience = Audience.CONTACT,
    step: str = "",
) -> Reminder:
    return Reminder(kind, due, subject, audience, event, {"step": step} if step else {})


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (date(2026, 4, 7), date(2026, 3, 24), date(2026, 6, 30)),
        (date(2026, 12, 31), date(2026, 12, 17), date(2027, 3, 25)),
    ],
)
def test_a_feed_covers_two_weeks_back_and_twelve_ahead(
    today: date, first: date, last: date
) -> None:
    assert window(today) == (first, last)


@pytest.mark.parametrize(
    ("reminders", "expected"),
    [
        # the deadline's own day, with the kind and the name
        (
            [(reminder(ReminderKind.AGE_67, date(2026, 4, 20), date(2026, 5, 20)), "Siri Annen")],
            [(date(2026, 5, 20), "Fyller 67: tjenesten slutter: Siri Annen")],
        ),
        # several reminders of one event (6 and 1 months before; two audiences) make one
        (
            [
                (
                    reminder(ReminderKind.AGE_67, date(2025, 11, 20), date(2026, 5, 20), step="6m"),
                    "Siri",
                ),
                (
                    reminder(ReminderKind.AGE_67, date(2026, 4, 20), date(2026, 5, 20), step="1m"),
                    "Siri",
                ),
                (
                    reminder(
                        ReminderKind.AGE_67,
                        date(2026, 4, 20),
                        date(2026, 5, 20),
                        audience=Audience.COORDINATOR,
                        step="1m",
                    ),
                    "Siri",
                ),
            ],
            [(date(2026, 5, 20), "Fyller 67: tjenesten slutter: Siri")],
        ),
        # the call to a status meeting goes on the day to send it
        (
            [
                (
                    reminder(
                        ReminderKind.STATUS_MEETING_CALL,
                        date(2026, 9, 1),
                        date(2026, 9, 15),
                        "unit:AOK",
                    ),
                    None,
                )
            ],
            [(date(2026, 9, 1), "Kall inn til statusmøte")],
        ),
        # the meetings themselves come from the meetings table; low use is no deadline
        (
            [
                (
                    reminder(
                        ReminderKind.NAV_MEETING, date(2026, 4, 15), date(2026, 4, 22), "unit:AOK"
                    ),
                    None,
                ),
                (
                    reminder(
                        ReminderKind.STATUS_MEETING_DAY_BEFORE, date(2026, 9, 14), date(2026, 9, 15)
                    ),
                    None,
                ),
                (reminder(ReminderKind.LOW_USE, date(2026, 4, 8), date(2026, 4, 8)), "Kari"),
            ],
            [],
        ),
        # the list to NAV and the decision ending, in date order
        (
            [
                (
                    reminder(ReminderKind.DECISION_ENDING, date(2026, 4, 1), date(2026, 7, 1)),
                    "Kari",
                ),
                (
                    reminder(ReminderKind.ATTENDANCE_LIST, date(2026, 4, 14), date(2026, 4, 14)),
                    "Ola",
                ),
            ],
            [
                (date(2026, 4, 14), "Frammøteliste til NAV: Ola"),
                (date(2026, 7, 1), "Vedtaket går ut: Kari"),
            ],
        ),
    ],
)
def test_deadlines_become_one_all_day_event_each(
    reminders: list[tuple[Reminder, str | None]], expected: list[tuple[date, str]]
) -> None:
    events = deadline_events(reminders, same)
    assert [(e.day, e.summary) for e in events] == expected
    assert len({e.uid for e in events}) == len(events)


def test_a_deadlines_uid_stays_when_its_reminder_moves() -> None:
    """A closed day moves the reminder's due day: the calendar app must update, not add."""
    before = deadline_events(
        [(reminder(ReminderKind.EVALUATION, date(2026, 5, 4), date(2026, 5, 18)), "Kari")], same
    )
    after = deadline_events(
        [(reminder(ReminderKind.EVALUATION, date(2026, 5, 1), date(2026, 5, 18)), "Kari")], same
    )
    other = deadline_events(
        [(reminder(ReminderKind.EVALUATION, date(2026, 5, 4), date(2026, 5, 18), "participant:P2"), "Ola")],
        same,
    )  # fmt: skip
    assert before[0].uid == after[0].uid != other[0].uid
    assert before[0].uid.endswith("@frammote") and "P1" not in before[0].uid


def test_summaries_are_in_the_owners_language() -> None:
    events = deadline_events(
        [(reminder(ReminderKind.EVALUATION, date(2026, 5, 4), date(2026, 5, 18)), "Kari")], english
    )
    assert [e.summary for e in events] == ["Evaluation: Kari"]
    meetings = meeting_events([(7, "status", date(2026, 9, 15))], english)
    assert meetings == [FeedEvent(uid("meeting", 7), date(2026, 9, 15), "Status meeting")]


@pytest.mark.parametrize(
    ("meetings", "expected"),
    [
        ([], []),
        (
            [(2, "status", date(2026, 9, 15)), (1, "nav", date(2026, 4, 22))],
            [(date(2026, 4, 22), "Samarbeidsmøte med NAV"), (date(2026, 9, 15), "Statusmøte")],
        ),
    ],
)
def test_meetings_are_events_on_their_day(
    meetings: list[tuple[int, str, date]], expected: list[tuple[date, str]]
) -> None:
    assert [(e.day, e.summary) for e in meeting_events(meetings, same)] == expected


def test_a_participants_plan_and_the_closed_days() -> None:
    events = plan_events(
        "P2",
        [date(2026, 4, 1), date(2026, 4, 8)],
        [date(2026, 4, 2), date(2026, 4, 6)],
        ("09:00", "13:00"),
        english,
    )
    assert [(e.day, e.summary) for e in events] == [
        (date(2026, 4, 1), "Attendance 09:00–13:00"),
        (date(2026, 4, 2), "Closed"),
        (date(2026, 4, 6), "Closed"),
        (date(2026, 4, 8), "Attendance 09:00–13:00"),
    ]
    again = plan_events("P2", [date(2026, 4, 1)], [], ("09:00", "13:00"), same)
    assert again[0].uid == events[0].uid
