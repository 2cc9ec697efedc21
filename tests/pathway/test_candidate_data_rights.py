"""A candidate's data rights: everything exported (JSON and a readable PDF), or erased with
the stage history and presentations; refused while the candidate is on the pathway."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from backend.models import (
    AuditEvent,
    Business,
    Candidate,
    CandidateStage,
    Presentation,
    Pupil,
)
from backend.pathway import candidates, data_rights
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage
from backend.shared.errors import RuleError
from backend.web.audit_words import EXPORT_WORDS
from tests.people.test_data_rights import pdf_text
from tests.support.world import NOW, World, build_world

D = date.fromisoformat
TODAY = NOW.date()


async def jonas(world: World, *, ended: bool = False) -> Candidate:
    """Jonas: referred by NAV, followed by Lise, with consent, a presentation, a pupil entry."""
    found = await candidates.add_candidate(
        candidates.NewCandidate(unit_code="AOK", code="K1", name="Jonas Lie",
                                referred_by=Referrer.NAV, birth_date=D("1999-02-03"),
                                follower_code="S1"),
        actor="staff:S2", today=D("2026-03-02"),
    )  # fmt: skip
    await Candidate.filter(id=found.id).update(
        phone="41234567", consent_on=D("2026-03-02"), consent_scope="Bedrifter i Tromsø",
        consent_names_to_businesses=True, wishes="Lager eller butikk",
    )  # fmt: skip
    await candidates.move_stage(
        found, Move(Position(Stage.MAPPING), D("2026-03-09")), actor="staff:S2", today=TODAY
    )
    business = await Business.create(unit_id=world.unit.id, name="Bakeriet AS")
    await Presentation.create(
        candidate=found, business=business, on=D("2026-03-20"), named=True, outcome="Prøver en uke"
    )
    await Pupil.create(
        unit_id=world.unit.id, name="Jonas Lie", birth_date=D("1999-02-03"), school="Kvaløya vgs",
        class_year="vg3", expected_end=D("2018-06-20"), registered_on=D("2016-09-01"),
        needs=["work-training"], candidate=found,
    )  # fmt: skip
    if ended:
        await candidates.move_stage(
            found,
            Move(Position(Stage.ENDED), TODAY, EndReason.OWN_WISH),
            actor="staff:S2",
            today=TODAY,
        )
    return await Candidate.get(id=found.id)


async def test_the_export_holds_everything_about_the_candidate(db: str, tmp_path: Path) -> None:
    world = await build_world()
    await jonas(world)
    found = await data_rights.export_candidate("K1", actor="staff:S2", now=NOW)
    made = found.json_file()
    assert made.filename == "personopplysninger-K1-2026-04-07.json"
    data = json.loads(made.content)
    c = data["candidate"]
    assert (c["name"], c["birth_date"], c["phone"], c["referred_by"], c["follower"]) == (
        "Jonas Lie", "1999-02-03", "41234567", "nav", {"code": "S1", "name": "Lise Kontakt"})  # fmt: skip
    assert (c["consent_on"], c["consent_scope"], c["consent_names_to_businesses"]) == (
        "2026-03-02", "Bedrifter i Tromsø", True)  # fmt: skip
    assert [(s["on"], s["stage"]) for s in c["stages"]] == [
        ("2026-03-02", "approach"),
        ("2026-03-09", "mapping"),
    ]
    assert [(p["business"], p["on"], p["outcome"]) for p in c["presentations"]] == [
        ("Bakeriet AS", "2026-03-20", "Prøver en uke")
    ]
    assert [(p["school"], p["class_year"]) for p in data["pupil_entries"]] == [
        ("Kvaløya vgs", "vg3")
    ]
    assert [e["action"] for e in data["audit_log"]] == ["candidate.create", "candidate.stage"]
    event = await AuditEvent.filter(action="candidate.export").get()
    assert (event.actor, event.subject, event.detail["format"]) == (
        "staff:S2", "candidate:K1", "json,pdf")  # fmt: skip

    pdf = found.pdf_file(words=EXPORT_WORDS)
    assert pdf.filename == "personopplysninger-K1-2026-04-07.pdf"
    text = pdf_text(pdf.content, tmp_path)
    for words in (
        "Opplysninger om Jonas Lie",
        "41234567",
        "NAV",  # referred by
        "Lise Kontakt",
        "Tilnærming",
        "Kartlegging",
        "09.03.2026",
        "Bedrifter i Tromsø",
        "Bakeriet AS",
        "Prøver en uke",
        "Kvaløya vgs",
        "Arbeidstrening",
        "Registrerte en kandidat",  # the audit log in words
        "Flyttet en kandidat til et annet trinn",
        "Per Leder",  # who did it
    ):
        assert words in text, words
    for code in ("approach", "mapping", "work-training", "candidate.create", "staff:S2"):
        assert code not in text, code


async def test_an_english_pdf(db: str, tmp_path: Path) -> None:
    world = await build_world()
    await jonas(world)
    found = await data_rights.export_candidate("K1", actor="staff:S2", now=NOW)
    text = pdf_text(found.pdf_file("en", EXPORT_WORDS).content, tmp_path)
    assert "Information about Jonas Lie" in text


async def test_erasing_deletes_the_candidate_with_history_and_presentations(db: str) -> None:
    world = await build_world()
    found = await jonas(world, ended=True)
    done = await data_rights.erase_candidate("K1", "K1", actor="staff:S2", now=NOW)
    assert done.deleted == {"stages": 3, "presentations": 1, "pupil_entries": 1}
    assert not await Candidate.exists(code="K1")
    assert not await CandidateStage.exists(candidate_id=found.id)
    assert not await Presentation.exists(candidate_id=found.id)
    assert not await Pupil.exists(name="Jonas Lie")
    assert await Business.exists(name="Bakeriet AS")  # the business is not about Jonas
    event = await AuditEvent.filter(action="candidate.erase").get()
    assert (event.actor, event.subject) == ("staff:S2", "candidate:K1")
    assert event.detail == {"deleted": {"stages": 3, "presentations": 1, "pupil_entries": 1}}


@pytest.mark.parametrize(
    ("ended", "code", "confirm", "message"),
    [
        (False, "K1", "K1", "Avslutt veien til K1 før du sletter opplysningene om kandidaten"),
        (True, "K1", "", "Skriv id-en K1 for å bekrefte at opplysningene skal slettes"),
        (True, "K1", "K2", "Skriv id-en K1 for å bekrefte at opplysningene skal slettes"),
        (True, "K9", "K9", "Ingen kandidat har id-en K9"),
        (True, " ", " ", "Skriv id-en til kandidaten"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    db: str, ended: bool, code: str, confirm: str, message: str
) -> None:
    world = await build_world()
    await jonas(world, ended=ended)
    with pytest.raises(RuleError) as refused:
        await data_rights.erase_candidate(code, confirm, actor="staff:S2", now=NOW)
    assert str(refused.value) == message
    assert await Candidate.exists(code="K1")
    assert await Presentation.all().count() == 1
    assert not await AuditEvent.filter(action="candidate.erase").exists()


async def test_another_units_candidate_is_not_found(db: str) -> None:
    world = await build_world()
    await jonas(world, ended=True)
    with pytest.raises(RuleError):
        await data_rights.export_candidate(
            "K1", actor="staff:S2", now=NOW, unit_id=world.unit.id + 1
        )
    with pytest.raises(RuleError):
        await data_rights.erase_candidate(
            "K1", "K1", actor="staff:S2", now=NOW, unit_id=world.unit.id + 1
        )
    assert await Candidate.exists(code="K1")
