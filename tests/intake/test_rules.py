"""The intake's pure rules, as tables: dates in order, evaluations, the final report."""

from __future__ import annotations

from datetime import date

import pytest

from backend.intake.rules import (
    AttendanceSummary,
    EvaluationOutcome,
    IntakeDates,
    Recommendation,
    attendance_summary,
    check_dates,
    check_evaluation,
    check_next_meeting,
    check_programme,
    check_referral_day,
    parse_days,
    parse_outcome,
    parse_recommendation,
    report_period,
)
from backend.people.eligibility_rules import Programme
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for

D = date


def dates(**changed: date) -> IntakeDates:
    base = {
        "referred_on": D(2026, 3, 2),
        "conversation_on": D(2026, 3, 10),
        "agreement_start": D(2026, 3, 16),
        "agreement_end": D(2026, 9, 15),
        "first_list": D(2026, 3, 30),
        "first_evaluation": D(2026, 5, 11),
    }
    return IntakeDates(**{**base, **changed})


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({}, None),
        # all on one day is in order
        ({"referred_on": D(2026, 3, 16), "conversation_on": D(2026, 3, 16)}, None),
        ({"first_list": D(2026, 3, 16), "first_evaluation": D(2026, 9, 15)}, None),
        (
            {"conversation_on": D(2026, 3, 1)},
            "Inntakssamtalen (2026-03-01) kan ikke være før henvisningen fra NAV (2026-03-02)",
        ),
        (
            {"agreement_start": D(2026, 3, 9)},
            "Avtalen kan ikke starte (2026-03-09) før inntakssamtalen (2026-03-10)",
        ),
        (
            {"agreement_end": D(2026, 3, 16)},
            "Avtalen må slutte (2026-03-16) etter at den starter (2026-03-16)",
        ),
        (
            {"first_list": D(2026, 3, 15)},
            "Første frammøteliste (2026-03-15) må være innenfor avtaleperioden "
            "2026-03-16–2026-09-15",
        ),
        (
            {"first_evaluation": D(2026, 9, 16)},
            "Første evaluering (2026-09-16) må være innenfor avtaleperioden 2026-03-16–2026-09-15",
        ),
    ],
)
def test_the_intakes_dates_come_in_order(changed: dict[str, date], message: str | None) -> None:
    if message is None:
        check_dates(dates(**changed))
        return
    with pytest.raises(RuleError) as caught:
        check_dates(dates(**changed))
    assert caught.value.render(gettext_for("nb")) == message


@pytest.mark.parametrize(
    ("referred_on", "message"),
    [
        (D(2026, 3, 1), None),
        (D(2026, 3, 2), None),  # referred today
        (D(2026, 3, 3), "Henvisningen fra NAV kan ikke være fram i tid: 2026-03-03"),
    ],
)
def test_the_referral_is_not_dated_ahead(referred_on: date, message: str | None) -> None:
    if message is None:
        check_referral_day(referred_on, D(2026, 3, 2))
        return
    with pytest.raises(RuleError) as caught:
        check_referral_day(referred_on, D(2026, 3, 2))
    assert caught.value.render(gettext_for("nb")) == message


@pytest.mark.parametrize(
    ("conversation_on", "message"),
    [
        (D(2026, 3, 2), None),  # held today
        (D(2026, 3, 3), "Inntakssamtalen registreres når den er holdt, ikke før: 2026-03-03"),
    ],
)
def test_the_intake_conversation_is_recorded_once_held(
    conversation_on: date, message: str | None
) -> None:
    if message is None:
        check_referral_day(D(2026, 3, 1), D(2026, 3, 2), conversation_on)
        return
    with pytest.raises(RuleError) as caught:
        check_referral_day(D(2026, 3, 1), D(2026, 3, 2), conversation_on)
    assert caught.value.render(gettext_for("nb")) == message


@pytest.mark.parametrize(
    ("held", "message"),
    [
        (D(2026, 3, 16), None),  # the agreement's first day
        (
            D(2026, 3, 13),
            "En evaluering kan ikke være før avtalen begynte (2026-03-16): 2026-03-13",
        ),
    ],
)
def test_an_evaluation_is_held_within_the_agreement(held: date, message: str | None) -> None:
    outcome = EvaluationOutcome.END
    if message is None:
        assert check_evaluation(held, outcome, None, TODAY, D(2026, 3, 16)) is None
        return
    with pytest.raises(RuleError) as caught:
        check_evaluation(held, outcome, None, TODAY, D(2026, 3, 16))
    assert caught.value.render(gettext_for("nb")) == message


def test_the_message_is_in_the_users_language() -> None:
    with pytest.raises(RuleError) as caught:
        check_dates(dates(agreement_end=D(2026, 3, 1)))
    assert caught.value.render(gettext_for("en")) == (
        "The agreement must end (2026-03-01) after it starts (2026-03-16)"
    )


@pytest.mark.parametrize(
    ("programme", "allowed"),
    [
        (Programme.WORK_TRAINING, True),
        (Programme.ACTIVITY_PLACE, True),
        (Programme.AOK, False),
        (Programme.VTA, False),
        (Programme.KVP, False),
    ],
)
def test_the_agreement_is_on_work_training_or_an_activity_place(
    programme: Programme, allowed: bool
) -> None:
    if allowed:
        assert check_programme(programme) is programme
    else:
        with pytest.raises(RuleError, match="arbeidstrening eller aktivitetsplass"):
            check_programme(programme)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("1,3,5", frozenset({1, 3, 5})),
        ("1, 2", frozenset({1, 2})),
        ("man,ons,fre", frozenset({1, 3, 5})),
        ("mon wed", frozenset({1, 3})),
    ],
)
def test_days_are_iso_numbers_or_names(text: str, days: frozenset[int]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "8", "1,funday"])
def test_bad_days_are_refused(text: str) -> None:
    with pytest.raises(RuleError):
        parse_days(text)


TODAY = D(2026, 5, 11)


@pytest.mark.parametrize(
    ("held", "outcome", "next_", "stored", "message"),
    [
        (TODAY, EvaluationOutcome.CONTINUE, D(2026, 8, 11), D(2026, 8, 11), None),
        (D(2026, 5, 4), EvaluationOutcome.ADJUST, D(2026, 6, 1), D(2026, 6, 1), None),
        (TODAY, EvaluationOutcome.END, None, None, None),
        (TODAY, EvaluationOutcome.END, D(2026, 8, 11), None, None),  # ending: no next date
        (
            TODAY,
            EvaluationOutcome.CONTINUE,
            None,
            None,
            "Sett datoen for neste evaluering, eller velg at avtalen avsluttes",
        ),
        (
            TODAY,
            EvaluationOutcome.ADJUST,
            TODAY,
            None,
            "Neste evaluering (2026-05-11) må komme etter denne (2026-05-11)",
        ),
        (
            D(2026, 5, 12),
            EvaluationOutcome.CONTINUE,
            D(2026, 8, 1),
            None,
            "En evaluering registreres når den er holdt, ikke før: 2026-05-12",
        ),
    ],
)
def test_an_evaluation_sets_the_next_date_unless_it_ends(
    held: date,
    outcome: EvaluationOutcome,
    next_: date | None,
    stored: date | None,
    message: str | None,
) -> None:
    if message is None:
        assert check_evaluation(held, outcome, next_, TODAY) == stored
        return
    with pytest.raises(RuleError) as caught:
        check_evaluation(held, outcome, next_, TODAY)
    assert caught.value.render(gettext_for("nb")) == message


@pytest.mark.parametrize(
    ("text", "outcome"),
    [("continue", EvaluationOutcome.CONTINUE), (" END ", EvaluationOutcome.END)],
)
def test_outcomes_by_key(text: str, outcome: EvaluationOutcome) -> None:
    assert parse_outcome(text) is outcome


def test_an_unknown_outcome_or_recommendation_is_refused() -> None:
    with pytest.raises(RuleError, match="continue, adjust eller end"):
        parse_outcome("maybe")
    with pytest.raises(RuleError, match="anbefaling"):
        parse_recommendation("")
    assert parse_recommendation("vta") is Recommendation.VTA


def test_absent_days_are_with_and_without_notice() -> None:
    assert attendance_summary(40, 33, 5, 2) == AttendanceSummary(40, 33, 7)


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (D(2026, 9, 20), (D(2026, 3, 16), D(2026, 9, 15))),  # after the end: the whole period
        (D(2026, 9, 15), (D(2026, 3, 16), D(2026, 9, 15))),
        (D(2026, 9, 1), (D(2026, 3, 16), D(2026, 9, 1))),  # early: up to today
        (D(2026, 3, 16), (D(2026, 3, 16), D(2026, 3, 16))),
    ],
)
def test_the_final_report_covers_the_agreement_up_to_today(
    today: date, period: tuple[date, date]
) -> None:
    assert report_period(D(2026, 3, 16), D(2026, 9, 15), today) == period


def test_no_final_report_before_the_agreement_starts() -> None:
    with pytest.raises(RuleError, match="har ikke begynt"):
        report_period(D(2026, 3, 16), D(2026, 9, 15), D(2026, 3, 15))


@pytest.mark.parametrize(
    ("next_day", "ok"),
    [(None, True), (D(2026, 10, 20), True), (D(2026, 4, 22), False), (D(2026, 4, 1), False)],
)
def test_the_next_meeting_comes_after_this_one(next_day: date | None, ok: bool) -> None:
    if ok:
        check_next_meeting(D(2026, 4, 22), next_day)
    else:
        with pytest.raises(RuleError, match="må komme etter dette møtet"):
            check_next_meeting(D(2026, 4, 22), next_day)
