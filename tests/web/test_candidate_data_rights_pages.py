"""The coordinator's data-rights section on a candidate's page: download everything, or
erase it with a check, once the pathway has ended."""

from __future__ import annotations

import json

from backend.models import AuditEvent, Candidate, CandidateStage
from backend.pathway import candidates
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage
from tests.support.world import NOW
from tests.web.conftest import Web


async def add_jonas(web: Web) -> Candidate:
    return await candidates.add_candidate(
        candidates.NewCandidate(unit_code="AOK", code="K1", name="Jonas Lie",
                                referred_by=Referrer.NAV, follower_code="S1"),
        actor="staff:S3", today=NOW.date(),
    )  # fmt: skip


async def end_pathway(jonas: Candidate) -> None:
    ended = Move(Position(Stage.ENDED), NOW.date(), EndReason.MOVED)
    await candidates.move_stage(jonas, ended, actor="staff:S3", today=NOW.date())


async def test_only_the_coordinator_sees_the_data_rights_section(web: Web) -> None:
    await add_jonas(web)
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/candidates/K1")).text()
    assert 'href="/candidates/K1/export?format=pdf"' in page
    assert 'href="/candidates/K1/export?format=json"' in page
    assert "Opplysningene kan slettes når veien er avsluttet." in page
    assert 'href="/candidates/K1/erase"' not in page  # still on the pathway
    for staff in (web.world.leader, web.world.contact):  # Lise follows Jonas
        await web.sign_in(staff)
        page = await (await web.client.get("/candidates/K1")).text()
        assert "/export?" not in page and "Personvern" not in page
        assert (await web.client.get("/candidates/K1/export?format=json")).status == 403
    assert not await AuditEvent.filter(action="candidate.export").exists()


async def test_the_coordinator_downloads_everything_and_it_is_logged(web: Web) -> None:
    await add_jonas(web)
    await web.sign_in(web.coordinator)
    got = await web.client.get("/candidates/K1/export?format=json")
    assert got.status == 200
    assert got.headers["Content-Type"] == "application/json"
    assert "personopplysninger-K1-2026-04-07.json" in got.headers["Content-Disposition"]
    data = json.loads(await got.read())
    assert data["candidate"]["name"] == "Jonas Lie"
    assert [s["stage"] for s in data["candidate"]["stages"]] == ["approach"]
    pdf = await web.client.get("/candidates/K1/export?format=pdf")
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF-")
    events = await AuditEvent.filter(action="candidate.export").order_by("id")
    assert [(e.actor, e.subject, e.detail["format"]) for e in events] == [
        ("staff:S3", "candidate:K1", "json"),
        ("staff:S3", "candidate:K1", "pdf"),
    ]
    assert (await web.client.get("/candidates/K1/export?format=docx")).status == 400
    assert (await web.client.get("/candidates/K9/export?format=json")).status == 404
    assert await AuditEvent.filter(action="candidate.export").count() == 2


async def test_erasing_asks_for_the_id_and_refuses_while_on_the_pathway(web: Web) -> None:
    jonas = await add_jonas(web)
    await web.sign_in(web.coordinator)
    form = await (await web.client.get("/candidates/K1/erase")).text()
    assert "Avslutt veien til K1 før du sletter opplysningene om kandidaten" in form
    assert 'name="confirm"' not in form  # nothing to type while on the pathway

    running = await web.post("/candidates/K1/erase", {"confirm": "K1"})
    assert running.status == 400
    assert "Avslutt veien til K1 før du sletter opplysningene om kandidaten" in (
        await running.text()
    )

    await end_pathway(jonas)
    page = await (await web.client.get("/candidates/K1")).text()
    assert 'href="/candidates/K1/erase"' in page
    form = await (await web.client.get("/candidates/K1/erase")).text()
    assert "Skriv id-en K1 for å bekrefte" in form and 'name="confirm"' in form
    wrong = await web.post("/candidates/K1/erase", {"confirm": "K2"})
    assert wrong.status == 400
    assert "Skriv id-en K1 for å bekrefte at opplysningene skal slettes" in await wrong.text()
    assert await Candidate.exists(code="K1")
    assert not await AuditEvent.filter(action="candidate.erase").exists()

    done = await web.post("/candidates/K1/erase", {"confirm": "K1"}, allow_redirects=False)
    assert done.status == 303 and done.headers["Location"] == "/candidates?erased=1"
    listing = await (await web.client.get("/candidates?erased=1")).text()
    assert "Opplysningene om kandidaten er slettet." in listing
    assert not await Candidate.exists(code="K1")
    assert not await CandidateStage.exists(candidate_id=jonas.id)
    event = await AuditEvent.filter(action="candidate.erase").get()
    assert (event.actor, event.subject) == ("staff:S3", "candidate:K1")
    assert (await web.client.get("/candidates/K1")).status == 404
