"""Recording criteria, as pure rules: what a recording changes, and when intake is done."""

from __future__ import annotations

from datetime import date

import pytest

from backend.people.eligibility_rules import (
    CriterionChange,
    Programme,
    criteria_changes,
    criteria_of,
    intake_done,
)


@pytest.mark.parametrize(
    ("stored", "wanted", "expected"),
    [
        pytest.param({}, {"wants_service": True}, [("wants_service", None, True)], id="new: met"),
        pytest.param(
            {"wants_service": True}, {"wants_service": True}, [], id="the same again: no change"
        ),
        pytest.param(
            {"wants_service": True},
            {"wants_service": False},
            [("wants_service", True, False)],
            id="met to not met",
        ),
        pytest.param(
            {"wants_service": False},
            {"wants_service": None},
            [("wants_service", False, None)],
            id="back to not assessed",
        ),
        pytest.param({}, {"wants_service": None}, [], id="not assessed stays not assessed"),
        pytest.param(
            {"a": True},
            {"b": False, "a": True, "c": True},
            [("b", None, False), ("c", None, True)],
            id="only what changed, in the order asked",
        ),
    ],
)
def test_criteria_changes(
    stored: dict[str, bool],
    wanted: dict[str, bool | None],
    expected: list[tuple[str, object, object]],
) -> None:
    found = criteria_changes(stored, wanted)
    assert [(c.criterion, c.old, c.new) for c in found] == expected


@pytest.mark.parametrize(
    ("old", "new", "became_not_met"),
    [(None, False, True), (True, False, True), (False, False, False), (False, None, False),
     (None, True, False)],
)  # fmt: skip
def test_became_not_met(old: bool | None, new: bool | None, became_not_met: bool) -> None:
    assert CriterionChange("x", old, new).became_not_met is became_not_met


@pytest.mark.parametrize(
    ("start", "done"),
    [(None, False), (date(2026, 4, 8), False), (date(2026, 4, 7), True), (date(2025, 1, 1), True)],
)
def test_intake_is_done_once_the_decision_is_in_force(start: date | None, done: bool) -> None:
    assert intake_done(start, date(2026, 4, 7)) is done


def test_aok_records_the_seven_criteria_of_its_allocation_rules() -> None:
    assert criteria_of(Programme.AOK) == (
        "lives_in_municipality",
        "wants_service",
        "needs_day_adaptation",
        "multidisciplinary_assessment",
        "can_work_in_group",
        "no_heavy_shielding_need",
        "full_disability_benefit",
    )
    assert criteria_of(Programme.VTA) == ("disability_benefit", "nav_decision")
