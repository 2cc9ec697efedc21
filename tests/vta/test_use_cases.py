"""The joint path and the places on the database: history kept, audited, bad input writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from backend.models import AuditEvent, Participant, Programme, Unit, VtaPath, VtaPathStep
from backend.people import demo, ending
from backend.people import registry as people
from backend.shared.errors import RuleError
from backend.vta import path, places
from backend.vta.rules import PlacesTarget, Step, StepMove
from tests.support.world import NOW, WEEKDAYS, build_world

TODAY = NOW.date()


async def test_a_participant_joins_moves_leaves_and_comes_back_with_every_step_kept(
    db: str,
) -> None:
    world = await build_world()
    kari = world.kari
    await path.move_step(kari, StepMove(Step.INTERESTED, date(2026, 1, 5)), actor="A", today=TODAY)
    await path.move_step(kari, StepMove(Step.APPLIED, date(2026, 2, 1)), actor="A", today=TODAY)
    await path.move_step(
        kari, StepMove(Step.LEFT, date(2026, 3, 1), "  Vil  heller ha arbeidstrening "),
        actor="B", today=TODAY,
    )  # fmt: skip
    back = await path.move_step(
        kari, StepMove(Step.QUALIFICATION, date(2026, 4, 1)), actor="B", today=TODAY
    )
    assert (back.step, back.since, back.reason) == (Step.QUALIFICATION, date(2026, 4, 1), None)
    rows = await path.history(back)
    assert [(r.step, r.on, r.reason, r.actor) for r in rows] == [
        (Step.INTERESTED, date(2026, 1, 5), None, "A"),
        (Step.APPLIED, date(2026, 2, 1), None, "A"),
        (Step.LEFT, date(2026, 3, 1), "Vil heller ha arbeidstrening", "B"),
        (Step.QUALIFICATION, date(2026, 4, 1), None, "B"),
    ]
    assert await VtaPath.all().count() == 1
    events = (
        await AuditEvent.filter(action="vta.step").order_by("id").values_list("detail", flat=True)
    )
    assert [(e["old"], e["new"]) for e in events] == [
        (None, "interested"),
        ("interested", "applied"),
        ("applied", "left"),
        ("left", "qualification"),
    ]
    assert events[2]["reason"] == "Vil heller ha arbeidstrening"


async def test_only_an_active_aok_participant_joins(db: str) -> None:
    world = await build_world()
    vta = await people.add_participant(
        people.NewParticipant(
            "AOK", "P3", "Vera Vta", date(1980, 1, 1), WEEKDAYS, NOW.time().replace(hour=9),
            NOW.time().replace(hour=14), "S1", Programme.VTA,
        ),
        actor="test", today=TODAY,
    )  # fmt: skip
    with pytest.raises(RuleError, match="Bare deltakere i AoK kan være med i løpet mot VTA"):
        await path.move_step(vta, StepMove(Step.INTERESTED, TODAY), actor="A", today=TODAY)
    await ending.end_service(world.ola, TODAY, actor="test", today=TODAY)
    ola = await Participant.get(code="P2")
    with pytest.raises(RuleError, match="Tjenesten er avsluttet"):
        await path.move_step(ola, StepMove(Step.INTERESTED, TODAY), actor="A", today=TODAY)
    assert await VtaPathStep.all().count() == 0
    assert await AuditEvent.filter(action="vta.step").count() == 0


async def test_a_participant_on_the_path_keeps_moving_after_the_service_ends(db: str) -> None:
    """Granted a VTA place, they leave AoK: starting in the place is still recorded."""
    world = await build_world()
    await path.move_step(world.kari, StepMove(Step.GRANTED, TODAY), actor="A", today=TODAY)
    await ending.end_service(world.kari, TODAY, actor="test", today=TODAY)
    kari = await Participant.get(code="P1")
    done = await path.move_step(kari, StepMove(Step.STARTED, TODAY), actor="A", today=TODAY)
    assert done.step == Step.STARTED


async def test_counts_and_the_list_are_the_units_own(db: str) -> None:
    world = await build_world()
    await path.move_step(world.kari, StepMove(Step.GRANTED, TODAY), actor="A", today=TODAY)
    await path.move_step(world.ola, StepMove(Step.INTERESTED, TODAY), actor="A", today=TODAY)
    other = await people.add_unit("AOK2", "Andre AoK", actor="test")
    counts = await path.counts(world.unit.id)
    assert [counts[s] for s in Step] == [1, 0, 0, 1, 0, 0]
    assert [row.participant.code for row in await path.on_path(world.unit.id)] == ["P2", "P1"]
    assert sum((await path.counts(other.id)).values()) == 0


async def test_places_are_recorded_audited_and_measured_against_the_plan(db: str) -> None:
    await places.add_places(
        places.NewPlaces(date(2025, 5, 2), 5, " iVekst ", None), actor="A", today=TODAY
    )
    await places.add_places(places.NewPlaces(date(2026, 2, 2), 12), actor="A", today=TODAY)
    with pytest.raises(RuleError, match="Antall plasser må være fra 1 til 480"):
        await places.add_places(places.NewPlaces(TODAY, 0), actor="A", today=TODAY)
    status = await places.status(PlacesTarget(date(2025, 1, 1), date(2027, 12, 31), 48), TODAY)
    assert (status.created, status.planned, status.difference) == (17, 20, -3)
    assert [r.cumulative for r in status.begun] == [0, 5, 5, 5, 17, 17]
    events = await AuditEvent.filter(action="vta.places").values_list("detail", flat=True)
    assert events[0] == {"day": "2025-05-02", "count": 5, "where": "iVekst", "note": None}
    assert [r.count for r in await places.recorded()] == [12, 5]  # newest first


async def test_the_demo_has_aok_participants_on_the_path_and_places_for_the_chart(db: str) -> None:
    assert await demo.seed_demo(NOW)
    unit = await Unit.get(code="AOK")
    counts = await path.counts(unit.id)
    assert [counts[s] for s in Step] == [1, 1, 1, 1, 0, 0]
    status = await places.status(PlacesTarget(date(2025, 1, 1), date(2027, 12, 31), 48), TODAY)
    assert [r.created for r in status.begun] == [4, 0, 6, 0, 5, 0]  # none dated after today
