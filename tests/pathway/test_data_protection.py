"""Candidates' data is personal: ended candidates are deleted after their keeping time,
and no chat of a participant or relative can reach a candidate."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import grimp

from backend.models import Business, Candidate, CandidateStage, Presentation
from backend.pathway import businesses, candidates, retention
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage
from backend.people import retention as nightly
from backend.shared.retention import Periods
from tests.support.world import build_world

D = date.fromisoformat


async def add(code: str, ended_on: date | None) -> Candidate:
    made = await candidates.add_candidate(
        candidates.NewCandidate("AOK", code, f"Kandidat {code}", Referrer.SELF),
        actor="test",
        today=D("2025-01-02"),
    )
    if ended_on is not None:
        end = Move(Position(Stage.ENDED), ended_on, EndReason.MOVED)
        await candidates.move_stage(made, end, actor="test", today=ended_on)
    return made


async def test_an_ended_candidate_goes_twelve_months_after_the_end(db: str) -> None:
    world = await build_world()
    old = await add("K1", D("2025-04-06"))  # ended a year and a day before 7 April 2026
    await add("K2", D("2025-04-07"))  # the border: kept
    await add("K3", None)  # still on the pathway since 2025: kept
    shop = await Business.create(unit=world.unit, name="Jysk")
    await businesses.present(old, shop, D("2025-03-01"), None, actor="t", today=D("2025-03-01"))

    report = await nightly.run(
        datetime(2026, 4, 7, 3, 0, tzinfo=ZoneInfo("Europe/Oslo")), Periods()
    )

    assert report.ended_candidates == 1
    assert sorted(await Candidate.all().values_list("code", flat=True)) == ["K2", "K3"]
    assert not await CandidateStage.filter(candidate_id=old.id).exists()
    assert not await Presentation.exists()
    assert await Business.exists(id=shop.id)  # the business is the unit's, not the candidate's


async def test_the_keeping_time_is_a_setting(db: str) -> None:
    await build_world()
    await add("K1", D("2025-04-06"))
    assert await retention.delete_ended(D("2025-04-06")) == 0
    assert await retention.delete_ended(D("2025-04-07")) == 1


def test_no_part_of_the_bot_reaches_a_candidate() -> None:
    """The bot (every chat a participant or relative has) imports nothing of the pathway,
    so no reply, button or notice of theirs can hold a candidate."""
    graph = grimp.build_graph("backend", "bot", exclude_type_checking_imports=True)
    pathway = {"backend.pathway", *graph.find_descendants("backend.pathway")}
    bot = {"bot", *graph.find_descendants("bot")}
    reaching = {
        (importer, imported)
        for imported in pathway | {"backend.models.candidates"}
        for importer in graph.find_modules_that_directly_import(imported)
        if importer in bot
    }
    assert reaching == set()
