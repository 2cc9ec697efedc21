"""The coordinators' report from candidates entered through the product's own use cases:
the seed's slide reproduced exactly, and each unit sees its own."""

from __future__ import annotations

from datetime import date

import pytest

from backend.models import StaffRole, Unit
from backend.pathway import candidates
from backend.pathway.report import histories, report_for_staff, unit_report
from backend.pathway.report_rules import Report
from backend.pathway.rules import EndReason, Move, Position, Stage
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.world import build_world

TODAY = date(2026, 11, 30)
REGISTERED = date(2025, 6, 2)

# Seed 002's slide as (how many, the moves after approach: (day, stage, pending)).
SEED: list[tuple[int, list[tuple[date, Stage, bool]]]] = [
    (12, [(date(2025, 9, 1), Stage.VTA, False)]),
    (4, [(date(2025, 10, 1), Stage.VTA_O, False)]),
    (1, [(date(2026, 10, 1), Stage.VTA_O, True)]),
    (4, [(date(2025, 10, 1), Stage.CARE_ASSISTANT, True), (date(2026, 1, 5), Stage.CARE_ASSISTANT, False)]),
    (2, [(date(2026, 9, 1), Stage.CARE_ASSISTANT, True)]),
    (7, [(date(2025, 8, 1), Stage.WORK_TRAINING, False)]),
    (31, []),
    (4, [(date(2026, 3, 1), Stage.ENDED, False)]),
]  # fmt: skip


async def enter_the_seed(unit_code: str = "AOK", prefix: str = "K") -> None:
    number = 0
    for how_many, moves in SEED:
        for _ in range(how_many):
            number += 1
            new = candidates.NewCandidate(unit_code, f"{prefix}{number}", f"Kandidat {number}")
            candidate = await candidates.add_candidate(new, actor="test", today=REGISTERED)
            for day, stage, pending in moves:
                reason = EndReason.OWN_WISH if stage is Stage.ENDED else None
                move = Move(Position(stage, pending), day, reason)
                await candidates.move_stage(candidate, move, actor="test", today=day)


def lines(found: Report) -> dict[str, str]:
    return {c.stage.value: c.text for c in found.stages}


async def test_the_seed_slide_from_65_candidates_entered_through_the_product(db: str) -> None:
    world = await build_world()
    await enter_the_seed()
    unit, report = await report_for_staff(world.leader, date(2025, 12, 1), TODAY, TODAY)
    assert unit.code == "AOK"
    assert report.total == 65
    assert lines(report) == {
        "approach": "31",
        "mapping": "0",
        "work-trial": "0",
        "work-training": "7",
        "vta": "12",
        "vta-o": "4 (5)",
        "care-assistant": "4 (6)",
        "follow-up": "0",
        "ended": "4",
    }
    # The range's flows: nobody new since December 2025; four ended in March 2026.
    assert [(m.month.month, m.entries, m.exits) for m in report.months][2:5] == [
        (2, 0, 0),
        (3, 0, 4),
        (4, 0, 0),
    ]
    assert sum(m.entries for m in report.months) == 0
    funnel = {r.stage.value: (r.reached, r.applied_only) for r in report.funnel}
    assert funnel["approach"] == (65, 0)
    assert funnel["vta-o"] == (4, 1)
    assert funnel["care-assistant"] == (4, 2)
    times = {t.stage.value: (t.stays, t.median_days) for t in report.times}
    # Approach stays that ended in the range: the four ended on 1 March 2026 (272 days),
    # the three who applied in September and October 2026; and the 31 still in approach
    # on 30 November 2026, since 2 June 2025: 546 days, the median.
    assert times["approach"] == (38, 546.0)
    # Granted in January 2026 after applying in October 2025: one care-assistant stay
    # each, still running (425 days); the two applied in September: 90 days.
    assert times["care-assistant"] == (6, 425.0)


async def test_on_an_earlier_day_the_counts_are_as_they_were(db: str) -> None:
    await build_world()
    await enter_the_seed()
    unit = await Unit.get(code="AOK")
    before = await unit_report(unit, date(2025, 6, 1), date(2025, 12, 31), TODAY)
    assert before.report.total == 65
    assert {k: v for k, v in lines(before.report).items() if v != "0"} == {
        # The four who ended in March 2026 had not yet, nor had the three who applied
        # in the autumn of 2026.
        "approach": "38",
        "work-training": "7",
        "vta": "12",
        "vta-o": "4",
        "care-assistant": "0 (4)",
    }
    # Before anyone was registered: nothing is counted.
    empty = await unit_report(unit, date(2025, 5, 1), date(2025, 6, 1), TODAY)
    assert empty.report.total == 0


async def test_each_unit_sees_its_own_candidates(db: str) -> None:
    world = await build_world()
    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    other = await people.add_staff("VTA", "V1", "Vera", StaffRole.COORDINATOR, actor="test")
    first = candidates.NewCandidate("AOK", "K1", "Jonas Lie")
    await candidates.add_candidate(first, actor="test", today=REGISTERED)
    unit, theirs = await report_for_staff(other, date(2025, 1, 1), TODAY, TODAY)
    assert (unit.code, theirs.total) == ("VTA", 0)
    unit, ours = await report_for_staff(world.leader, date(2025, 1, 1), TODAY, TODAY)
    assert (unit.code, ours.total) == ("AOK", 1)
    everyone = await unit_report(None, date(2025, 1, 1), TODAY, TODAY)
    assert everyone.unit is None and everyone.report.total == 1
    assert len(await histories(None)) == 1


async def test_a_bad_range_is_refused(db: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError) as error:
        await report_for_staff(world.leader, TODAY, date(2026, 1, 1), TODAY)
    assert str(error.value) == "Fra-datoen kan ikke være etter til-datoen"
