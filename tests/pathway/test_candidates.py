"""Registering candidates and moving them: the history is kept, bad moves write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from backend.models import AuditEvent, Candidate, CandidateStage
from backend.pathway import candidates
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world

TODAY = NOW.date()


def new(code: str = "K1", **changes: object) -> candidates.NewCandidate:
    fields: dict[str, object] = {
        "unit_code": "AOK", "code": code, "name": "Jonas  Lie", "referred_by": Referrer.NAV,
    }  # fmt: skip
    fields.update(changes)
    return candidates.NewCandidate(**fields)  # type: ignore[arg-type]


async def test_a_candidate_starts_at_approach_and_moves_with_a_dated_history(db: str) -> None:
    await build_world()
    jonas = await candidates.add_candidate(new(follower_code="S1"), actor="K", today=TODAY)
    assert (jonas.name, jonas.stage, jonas.stage_since) == ("Jonas Lie", Stage.APPROACH, TODAY)

    applied = Move(Position(Stage.VTA_O, pending=True), TODAY)
    await candidates.move_stage(jonas, applied, actor="K", today=TODAY)
    await candidates.move_stage(jonas, Move(Position(Stage.VTA_O), TODAY), actor="K", today=TODAY)
    stored = await Candidate.get(code="K1")
    assert (stored.stage, stored.stage_pending) == (Stage.VTA_O, False)
    rows = await candidates.history(stored)
    assert [(r.stage, r.pending) for r in rows] == [
        (Stage.APPROACH, False),
        (Stage.VTA_O, True),
        (Stage.VTA_O, False),
    ]
    actions = await AuditEvent.filter(subject="candidate:K1").values_list("action", flat=True)
    assert sorted(actions) == ["candidate.create", "candidate.stage", "candidate.stage"]


async def test_ending_keeps_the_reason(db: str) -> None:
    await build_world()
    jonas = await candidates.add_candidate(new(), actor="K", today=TODAY)
    end = Move(Position(Stage.ENDED), TODAY, EndReason.ORDINARY_WORK)
    await candidates.move_stage(jonas, end, actor="K", today=TODAY)
    assert (await Candidate.get(code="K1")).end_reason is EndReason.ORDINARY_WORK


async def test_a_refused_move_writes_nothing(db: str) -> None:
    await build_world()
    jonas = await candidates.add_candidate(new(), actor="K", today=TODAY)
    with pytest.raises(RuleError):
        await candidates.move_stage(
            jonas, Move(Position(Stage.MAPPING, pending=True), TODAY), actor="K", today=TODAY
        )
    assert await CandidateStage.filter(candidate_id=jonas.id).count() == 1
    assert (await Candidate.get(code="K1")).stage is Stage.APPROACH


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "P1"}, "Id-en P1 kan ikke brukes. Velg en annen id."),  # a participant's
        ({"unit_code": "NOPE"}, "Ingen enhet har koden NOPE"),
        ({"name": "  "}, "Et navn må ha 1 til 200 tegn"),
        ({"follower_code": "NOBODY"}, "NOBODY jobber ikke ved enheten AOK"),
        ({"birth_date": date(2030, 1, 1)}, "Fødselsdatoen må være tilbake i tid: 2030-01-01"),
    ],
)
async def test_bad_candidates_are_refused(
    db: str, changes: dict[str, object], message: str
) -> None:
    await build_world()
    with pytest.raises(RuleError) as error:
        await candidates.add_candidate(new(**changes), actor="K", today=TODAY)
    assert str(error.value) == message
    assert await Candidate.all().count() == 0


async def test_a_code_is_used_once(db: str) -> None:
    await build_world()
    await candidates.add_candidate(new(), actor="K", today=TODAY)
    with pytest.raises(RuleError) as error:
        await candidates.add_candidate(new(), actor="K", today=TODAY)
    assert str(error.value) == "Id-en K1 kan ikke brukes. Velg en annen id."
