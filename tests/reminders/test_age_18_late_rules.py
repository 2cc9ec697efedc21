"""A pupil flagged less than six months before 18 is reminded of at once."""

from __future__ import annotations

from datetime import date

import pytest

from backend.reminders.deadlines import Age18, Audience, ReminderKind
from tests.reminders.test_deadlines import pwd

D = date.fromisoformat
BORN = D("2009-03-10")  # 18 on Wednesday 10 March 2027; half a year before: Thu 10 Sep 2026


@pytest.mark.parametrize(
    ("flagged_on", "due", "step"),
    [
        (None, "2026-09-10", None),  # flagged before the system knew the day: as before
        ("2025-08-18", "2026-09-10", None),  # flagged in Vg1: reminded at the half-year mark
        ("2026-09-09", "2026-09-10", None),  # the day before the mark: still in time
        ("2026-09-10", "2026-09-11", "late"),  # on the day: its morning pass has run
        ("2026-09-14", "2026-09-15", "late"),  # a Monday: Tuesday
        ("2026-11-20", "2026-11-23", "late"),  # a Friday: the Monday after
        ("2026-12-23", "2027-01-04", "late"),  # the last day before Christmas: after New Year
        ("2027-03-09", "2027-03-10", "late"),  # the day before 18: on the birthday
        ("2027-03-10", None, None),  # flagged on the birthday: already 18
        ("2027-05-01", None, None),
    ],
)
def test_a_late_flag_is_reminded_on_the_first_working_day_after_it(
    flagged_on: str | None, due: str | None, step: str | None
) -> None:
    rule = Age18("P1", BORN, flagged_on=D(flagged_on) if flagged_on else None)
    found = rule.due_between(D("2025-01-01"), D("2027-12-31"), pwd)
    if due is None:
        assert found == []
        return
    [reminder] = found
    assert (reminder.kind, reminder.due, reminder.audience, reminder.event_date) == (
        ReminderKind.AGE_18,
        D(due),
        Audience.COORDINATOR,
        D("2027-03-10"),
    )
    assert reminder.detail.get("step") == step
    assert rule.due_on(D(due), pwd) == [reminder]


def test_a_late_reminder_is_due_once() -> None:
    rule = Age18("P1", BORN, flagged_on=D("2026-11-20"))
    days = [D("2026-11-20"), D("2026-11-21"), D("2026-11-24"), D("2026-12-01")]
    assert [r for day in days for r in rule.due_on(day, pwd)] == []


def test_no_reminder_when_not_a_pupil() -> None:
    rule = Age18("P1", BORN, pupil=False, flagged_on=D("2026-11-20"))
    assert rule.due_between(D("2025-01-01"), D("2027-12-31"), pwd) == []
