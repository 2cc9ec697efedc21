"""The service's period: the decision's dates, an ending, and the end at 67."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from backend.calendar.plan_rules import Decision, PlanKind, plan_days
from backend.calendar.rules import UnitCalendar
from backend.people.eligibility_rules import Programme
from backend.people.service_period import ServicePeriod, age_end, born_by, last_day_by_age

D = date.fromisoformat


@pytest.mark.parametrize(
    ("programme", "birth", "first_day_without", "last_day"),
    [
        (Programme.AOK, "1959-04-15", "2026-04-15", "2026-04-14"),
        (Programme.AOK, "1960-01-01", "2027-01-01", "2026-12-31"),  # over the year end
        (Programme.AOK, "1960-03-01", "2027-03-01", "2027-02-28"),
        # Born 29 February: the 67th birthday always falls in a common year (a leap
        # year plus 67 is odd), on 28 February, so 27 February is the last day.
        (Programme.AOK, "1960-02-29", "2027-02-28", "2027-02-27"),
        (Programme.AOK, "1956-02-29", "2023-02-28", "2023-02-27"),
        (Programme.AOK, "1961-02-28", "2028-02-28", "2028-02-27"),
        (Programme.AOK, "1957-02-28", "2024-02-28", "2024-02-27"),  # 28 Feb in a leap year
        (Programme.VTA, "1959-04-15", "2026-04-15", "2026-04-14"),
        (Programme.VTA_O, "1959-04-15", "2026-04-15", "2026-04-14"),
        (Programme.KVP, "1959-04-15", "2026-04-15", "2026-04-14"),
        # NAV's work training and activity places have no age limit here.
        (Programme.WORK_TRAINING, "1959-04-15", None, None),
        (Programme.ACTIVITY_PLACE, "1959-04-15", None, None),
    ],
)
def test_the_service_ends_on_the_67th_birthday(
    programme: Programme, birth: str, first_day_without: str | None, last_day: str | None
) -> None:
    assert age_end(programme, D(birth)) == (first_day_without and D(first_day_without))
    assert last_day_by_age(programme, D(birth)) == (last_day and D(last_day))


AGE_END = D("2026-04-15")


@pytest.mark.parametrize(
    ("period", "day", "active"),
    [
        (ServicePeriod(), "2026-04-14", True),
        (ServicePeriod(age_end=AGE_END), "2026-04-14", True),
        (ServicePeriod(age_end=AGE_END), "2026-04-15", False),  # the birthday itself
        (ServicePeriod(age_end=AGE_END), "2026-09-01", False),
        (ServicePeriod(end=D("2026-12-31"), age_end=AGE_END), "2026-05-04", False),
        (ServicePeriod(start=D("2026-03-01")), "2026-02-28", False),
        (ServicePeriod(start=D("2026-03-01")), "2026-03-01", True),
        (ServicePeriod(end=D("2026-08-31")), "2026-08-31", True),
        (ServicePeriod(end=D("2026-08-31")), "2026-09-01", False),  # ended the day before
        (ServicePeriod(ended_on=D("2026-05-05")), "2026-05-05", True),
        (ServicePeriod(ended_on=D("2026-05-05")), "2026-05-06", False),
        (ServicePeriod(end=D("2027-01-01"), ended_on=D("2026-05-05")), "2026-06-01", False),
    ],
)
def test_active_on(period: ServicePeriod, day: str, active: bool) -> None:
    assert period.active_on(D(day)) is active


@pytest.mark.parametrize(
    ("period", "last_day"),
    [
        (ServicePeriod(), None),
        (ServicePeriod(age_end=AGE_END), "2026-04-14"),
        (ServicePeriod(end=D("2026-03-31"), age_end=AGE_END), "2026-03-31"),
        (ServicePeriod(end=D("2026-12-31"), age_end=AGE_END), "2026-04-14"),
        (ServicePeriod(end=D("2026-12-31"), ended_on=D("2026-06-01")), "2026-06-01"),
    ],
)
def test_last_day(period: ServicePeriod, last_day: str | None) -> None:
    assert period.last_day == (last_day and D(last_day))


def test_of_reads_the_age_limit_from_the_programme() -> None:
    period = ServicePeriod.of(Programme.AOK, D("1959-04-15"), D("2020-01-01"), None, None)
    assert period == ServicePeriod(D("2020-01-01"), None, None, D("2026-04-15"))
    assert period.ended_by_age(D("2026-04-15"))
    assert not period.ended_by_age(D("2026-04-14"))


def test_the_plan_stops_on_the_67th_birthday_whatever_the_decision_says() -> None:
    decision = Decision(
        frozenset({1, 2, 3, 4, 5}),
        time(9),
        time(14),
        valid_from=D("2020-01-01"),
        valid_to=D("2027-12-31"),
        age_end=AGE_END,
    )
    days = plan_days(decision, UnitCalendar(), D("2026-04-13"), D("2026-04-17"), include_off=True)
    assert [(d.day.isoformat(), d.kind) for d in days] == [
        ("2026-04-13", PlanKind.PLANNED),
        ("2026-04-14", PlanKind.PLANNED),
        ("2026-04-15", PlanKind.OFF),
        ("2026-04-16", PlanKind.OFF),
        ("2026-04-17", PlanKind.OFF),
    ]
    assert decision.ended_by_age(D("2026-04-15"))
    assert not decision.ended_by_age(D("2026-04-14"))


@pytest.mark.parametrize(
    ("day", "latest_birth"),
    [
        ("2026-04-15", "1959-04-15"),
        ("2026-04-14", "1959-04-14"),
        ("2027-02-28", "1960-02-29"),  # 29 February 1960 turns 67 on 28 February 2027
        ("2027-03-01", "1960-03-01"),
        ("2026-02-28", "1959-02-28"),  # 1959 had no 29 February
        ("2028-02-29", "1961-02-28"),
    ],
)
def test_born_by_is_the_latest_birth_date_that_has_turned_67(day: str, latest_birth: str) -> None:
    assert born_by(D(day), 67) == D(latest_birth)
    assert age_end(Programme.AOK, D(latest_birth)) is not None
    assert age_end(Programme.AOK, D(latest_birth)) <= D(day)  # type: ignore[operator]
    assert age_end(Programme.AOK, D(latest_birth) + timedelta(days=1)) > D(day)  # type: ignore[operator]
