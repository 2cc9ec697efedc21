"""A candidate who starts in a programme becomes a participant without typing again."""

from __future__ import annotations

from datetime import date, time

import pytest

from backend.models import AuditEvent, Candidate, CandidateStage, Participant, Programme
from backend.pathway import candidates, conversion
from backend.pathway.rules import Move, Position, Referrer, Stage
from backend.people import registry
from backend.shared.errors import RuleError
from tests.support.reminder_world import FULL_AOK_FACTS
from tests.support.world import NOW, WEEKDAYS, build_world

TODAY = NOW.date()
D = date.fromisoformat


def start(programme: Programme = Programme.AOK, contact: str = "S1") -> conversion.Start:
    return conversion.Start(programme, WEEKDAYS, time(9), time(14), contact, FULL_AOK_FACTS)


BORN = D("1992-01-15")


async def candidate(stage: Stage = Stage.MAPPING, birth: date | None = BORN) -> Candidate:
    await build_world()
    return await candidates.add_candidate(
        candidates.NewCandidate(
            "AOK", "K1", "Jonas Lie", Referrer.NAV, birth_date=birth, follower_code="S1",
            first_stage=stage,
        ),
        actor="staff:S3",
        today=D("2026-03-01"),
    )  # fmt: skip


async def test_a_candidate_starting_in_aok_becomes_a_participant_at_work_training(db: str) -> None:
    jonas = await candidate()
    participant = await conversion.start_as_participant(
        jonas, start(), actor="staff:S2", today=TODAY
    )
    stored = await Participant.get(code="K1").prefetch_related("unit", "contact")
    assert (stored.name, stored.birth_date, stored.unit.code, stored.contact.code) == (
        "Jonas Lie", D("1992-01-15"), "AOK", "S1"
    )  # fmt: skip
    assert stored.id == participant.id and stored.programme == Programme.AOK
    after = await Candidate.get(code="K1")
    assert (after.participant_id, after.stage, after.stage_since) == (
        participant.id, Stage.WORK_TRAINING, TODAY
    )  # fmt: skip
    assert await AuditEvent.filter(action="candidate.participant").count() == 1


async def test_a_granted_vta_place_stays_at_vta(db: str) -> None:
    jonas = await candidate(Stage.VTA)
    await conversion.start_as_participant(
        jonas, start(Programme.VTA), actor="staff:S2", today=TODAY
    )
    after = await Candidate.get(code="K1")
    assert (after.stage, after.participant_id is not None) == (Stage.VTA, True)
    assert await CandidateStage.filter(candidate_id=after.id).count() == 1


async def test_a_pending_vta_o_place_becomes_granted(db: str) -> None:
    jonas = await candidate()
    await candidates.move_stage(
        jonas, Move(Position(Stage.VTA_O, pending=True), TODAY), actor="t", today=TODAY
    )
    await conversion.start_as_participant(
        jonas, start(Programme.VTA_O), actor="staff:S2", today=TODAY
    )
    after = await Candidate.get(code="K1")
    assert (after.stage, after.stage_pending) == (Stage.VTA_O, False)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no birth date", "Registrer fødselsdatoen til kandidaten først"),
        ("kvp", "En kandidat kan begynne i AoK, VTA, VTA-O, arbeidstrening eller aktivitetsplass"),
        ("contact elsewhere", "Ingen ansatt har id-en NOBODY"),
        ("twice", "K1 er allerede deltaker"),
    ],
)
async def test_a_refused_start_writes_nothing(db: str, case: str, message: str) -> None:
    jonas = await candidate(birth=None if case == "no birth date" else D("1992-01-15"))
    if case == "twice":
        await conversion.start_as_participant(jonas, start(), actor="t", today=TODAY)
    before = (await Participant.all().count(), await CandidateStage.all().count())
    chosen = start(
        Programme.KVP if case == "kvp" else Programme.AOK,
        "NOBODY" if case == "contact elsewhere" else "S1",
    )
    with pytest.raises(RuleError) as error:
        await conversion.start_as_participant(
            await Candidate.get(code="K1"), chosen, actor="t", today=TODAY
        )
    assert str(error.value) == message
    assert (await Participant.all().count(), await CandidateStage.all().count()) == before


async def test_a_failure_after_the_participant_rolls_the_whole_start_back(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    jonas = await candidate()

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(conversion, "move_stage", broken)
    with pytest.raises(RuntimeError):
        await conversion.start_as_participant(jonas, start(), actor="t", today=TODAY)
    assert not await Participant.exists(code="K1")
    assert (await Candidate.get(code="K1")).participant_id is None


async def test_a_candidates_code_is_refused_for_any_other_participant(db: str) -> None:
    await candidate()
    with pytest.raises(RuleError) as error:
        await registry.add_participant(
            registry.NewParticipant(
                "AOK", "K1", "Noen Andre", D("1990-01-01"), WEEKDAYS, time(9), time(14), "S1",
                eligibility=FULL_AOK_FACTS,
            ),
            actor="t",
            today=TODAY,
        )  # fmt: skip
    assert str(error.value) == "Id-en K1 kan ikke brukes. Velg en annen id."
