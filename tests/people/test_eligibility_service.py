"""Eligibility at registration and on every change of a decision: refusal, override, audit."""

from __future__ import annotations

from datetime import date, time

import pytest

from backend.models import AuditEvent, Participant, Programme, StaffRole
from backend.people import eligibility
from backend.people import registry as people
from backend.people.criteria import record_criteria
from backend.people.eligibility import EligibilityRefused
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from tests.support.reminder_world import FULL_AOK_FACTS, at, build_reminder_world

TODAY = date(2026, 4, 7)
NOW = at("2026-04-07", 10)
NOTE = "Tverrfaglig team anbefaler én dag i uken som start."


def new(code: str, weekdays: set[int], birth: date = date(1990, 1, 1), **kw: object):
    return people.NewParticipant(
        "AOK",
        code,
        "Nora Ny",
        birth,
        frozenset(weekdays),
        time(9),
        time(14),
        "S1",
        eligibility=kw.pop("facts", FULL_AOK_FACTS),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


async def test_aok_with_one_day_a_week_is_refused_with_a_clear_reason(db: str) -> None:
    await build_reminder_world()
    with pytest.raises(EligibilityRefused) as caught:
        await people.add_participant(new("P9", {1}), actor="test", today=TODAY)
    text = caught.value.render(gettext_for("nb"))
    assert "AoK krever minst 2 dager i uken, vedtaket gir 1" in text
    assert "koordinator kan overstyre" in text
    assert not await Participant.exists(code="P9")
    assert not await AuditEvent.filter(subject="participant:P9").exists()


async def test_a_coordinator_overrides_with_a_written_note_and_it_is_audited(db: str) -> None:
    await build_reminder_world()
    participant = await people.add_participant(
        new("P9", {1}),
        actor="web:S3",
        today=TODAY,
        override_note=NOTE,
        override_by="S3",
    )
    assert participant.eligibility_override == NOTE
    event = await AuditEvent.get(action="eligibility.override", subject="participant:P9")
    assert event.actor == "web:S3"
    assert event.detail == {"refusals": ["min_two_days"], "coordinator": "S3", "note": NOTE}


@pytest.mark.parametrize(
    ("by", "note"),
    [
        ("S1", NOTE),  # a contact person is not a coordinator
        (None, NOTE),  # nobody named
        ("S3", "ok"),  # not a written note
    ],
)
async def test_an_override_needs_a_coordinator_and_a_real_note(
    db: str, by: str | None, note: str
) -> None:
    await build_reminder_world()
    with pytest.raises(RuleError):
        await people.add_participant(
            new("P9", {1}), actor="test", today=TODAY, override_note=note, override_by=by
        )
    assert not await Participant.exists(code="P9")


async def test_a_coordinator_of_another_unit_cannot_override(db: str) -> None:
    await build_reminder_world()
    await people.add_unit("VTA", "Verksted", actor="test")
    await people.add_staff("VTA", "V3", "Vera Koord", StaffRole.COORDINATOR, actor="test")
    with pytest.raises(RuleError) as caught:
        await people.add_participant(
            new("P9", {1}), actor="test", today=TODAY, override_note=NOTE, override_by="V3"
        )
    assert "Bare en koordinator ved enheten" in caught.value.render(gettext_for("nb"))


async def test_age_67_is_a_fixed_limit_no_note_can_override(db: str) -> None:
    await build_reminder_world()
    with pytest.raises(EligibilityRefused) as caught:
        await people.add_participant(
            new("P9", {1, 2, 3}, birth=date(1958, 1, 1)),
            actor="test",
            today=TODAY,
            override_note=NOTE,
            override_by="S3",
        )
    text = caught.value.render(gettext_for("nb"))
    assert "er 68 år, tjenesten slutter ved 67 år" in text
    assert "overstyre" not in text
    assert not await AuditEvent.filter(action="eligibility.override").exists()


async def test_a_recorded_criterion_not_met_is_refused_by_name(db: str) -> None:
    await build_reminder_world()
    facts = FULL_AOK_FACTS | {"lives_in_municipality": False}
    with pytest.raises(EligibilityRefused) as caught:
        await people.add_participant(new("P9", {1, 2}, facts=facts), actor="test", today=TODAY)
    assert "ikke oppfylt: bor i kommunen" in caught.value.render(gettext_for("nb"))


async def test_a_change_of_decision_is_checked_again(db: str) -> None:
    await build_reminder_world()
    change = people.DecisionChange(weekdays=frozenset({3}))
    with pytest.raises(EligibilityRefused):
        await people.update_decision("P2", change, actor="test", today=TODAY)
    unchanged = await Participant.get(code="P2")
    assert unchanged.weekday_set == frozenset({1, 3, 5})

    changed = await people.update_decision(
        "P2", change, actor="web:S3", today=TODAY, override_note=NOTE, override_by="S3"
    )
    assert changed.weekday_set == frozenset({3})
    assert changed.eligibility_override == NOTE
    event = await AuditEvent.get(action="participant.decision", subject="participant:P2")
    assert event.detail["fields"] == ["weekdays"]

    # Back to three days: no refusal, so no override is kept.
    back = await people.update_decision(
        "P2", people.DecisionChange(weekdays=frozenset({1, 3, 5})), actor="test", today=TODAY
    )
    assert back.eligibility_override is None


async def test_a_change_keeps_the_rest_of_the_decision_and_validates_it(db: str) -> None:
    await build_reminder_world()
    with pytest.raises(RuleError):
        await people.update_decision(
            "P1",
            people.DecisionChange(decision_start=date(2026, 9, 1), decision_end=date(2026, 8, 1)),
            actor="test",
            today=TODAY,
        )
    with pytest.raises(RuleError):
        await people.update_decision(
            "P1", people.DecisionChange(end_time=time(8)), actor="test", today=TODAY
        )
    updated = await people.update_decision(
        "P1",
        people.DecisionChange(
            decision_end=date(2026, 12, 31), next_evaluation=date(2026, 6, 1), pupil=False
        ),
        actor="test",
        today=TODAY,
    )
    assert (updated.decision_end, updated.next_evaluation) == (date(2026, 12, 31), date(2026, 6, 1))
    assert (updated.day_start, updated.day_end, updated.weekdays) == ("09:00", "14:00", "1,2,3,4,5")


async def test_open_criteria_are_listed_until_recorded(db: str) -> None:
    await build_reminder_world()
    participant = await people.add_participant(
        new("P9", {1, 2}, facts={"wants_service": True}), actor="test", today=TODAY
    )
    still_open = eligibility.open_criteria(participant, TODAY)
    assert "wants_service" not in still_open
    assert {"lives_in_municipality", "full_disability_benefit"} <= set(still_open)

    recorded = await record_criteria("P9", dict.fromkeys(still_open, True), actor="web:S3", now=NOW)
    assert recorded.result.ok and recorded.result.open_criteria == ()
    stored = await Participant.get(code="P9")
    assert eligibility.open_criteria(stored, TODAY) == ()
    assert await AuditEvent.filter(action="eligibility.record", subject="participant:P9").exists()


async def test_recording_an_unknown_criterion_changes_nothing(db: str) -> None:
    await build_reminder_world()
    with pytest.raises(RuleError):
        await record_criteria("P1", {"likes_coffee": True}, actor="test", now=NOW)
    with pytest.raises(RuleError):
        await record_criteria("NOPE", {"wants_service": True}, actor="test", now=NOW)
    assert (await Participant.get(code="P1")).eligibility == FULL_AOK_FACTS


async def test_kvp_is_full_time(db: str) -> None:
    await build_reminder_world()
    with pytest.raises(EligibilityRefused) as caught:
        await people.add_participant(
            new("K1", {1, 2, 3}, programme=Programme.KVP, facts={}), actor="test", today=TODAY
        )
    assert caught.value.result.refusal_codes == ("full_time",)


def test_refusal_reasons_are_translated_where_shown() -> None:
    from backend.people.eligibility_rules import EligibilityFacts, check_eligibility

    result = check_eligibility(
        Programme.AOK,
        EligibilityFacts(birth_date=date(1990, 1, 1), granted_days_per_week=1),
        TODAY,
    )
    error = EligibilityRefused(result)
    assert str(error).startswith("Oppfyller ikke kriteriene: AoK krever minst 2 dager")
    # A gettext that marks what it translated: every part goes through it.
    marked = error.render(lambda text: f"«{text}»")
    assert marked.startswith("«Oppfyller ikke kriteriene")
    assert "«AoK krever minst 2 dager i uken, vedtaket gir 1»" in marked
