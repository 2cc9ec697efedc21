"""The candidates' pages: list per stage with "søkt" and the waiting list, registering,
one candidate's page and its forms, businesses, and starting as a participant."""

from __future__ import annotations

from datetime import date

from backend.models import AuditEvent, Business, Candidate, Participant, Presentation, StaffRole
from backend.pathway import candidates
from backend.pathway.rules import Referrer, Stage
from backend.people import registry as people
from tests.web.conftest import Web

D = date.fromisoformat
TODAY = D("2026-04-07")


async def add(code: str, name: str, follower: str | None, stage: Stage = Stage.APPROACH) -> None:
    await candidates.add_candidate(
        candidates.NewCandidate(
            "AOK", code, name, Referrer.NAV, birth_date=D("1992-01-15"), follower_code=follower,
            first_stage=stage,
        ),
        actor="test",
        today=TODAY,
    )  # fmt: skip


async def test_the_list_groups_by_stage_marks_pending_and_shows_the_waiting(web: Web) -> None:
    await add("K1", "Jonas Lie", "S1")
    await add("K2", "Siri Dahl", "S2", Stage.MAPPING)
    await Candidate.filter(code="K2").update(stage=Stage.VTA_O, stage_pending=True)
    await Candidate.filter(code="K1").update(waiting_for_benefit=True)
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/candidates")).text()
    assert "2 kandidater" in page
    assert "<h2>Tilnærming <small>(1)</small></h2>" in page
    assert "<h2>VTA-O <small>(1)</small></h2>" in page
    assert 'Siri Dahl</a> <span class="tag warn">søkt</span>' in page
    assert "Venter på uføretrygd" in page
    assert 'href="/candidates" aria-current="page">Kandidater</a>' in page  # in the navigation
    only = await (await web.client.get("/candidates?stage=vta-o")).text()
    assert "Siri Dahl" in only and "Jonas Lie" not in only
    by_follower = await (await web.client.get("/candidates?follower=S1")).text()
    assert "Jonas Lie" in by_follower and "Siri Dahl" not in by_follower
    bad = await web.client.get("/candidates?stage=nowhere")
    assert bad.status == 400 and "Ukjent trinn: nowhere" in await bad.text()


async def test_a_contact_person_sees_only_the_candidates_they_follow(web: Web) -> None:
    await add("K1", "Jonas Lie", "S1")
    await add("K2", "Siri Dahl", "S2")
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/candidates")).text()
    assert "Jonas Lie" in page and "Siri Dahl" not in page
    assert (await web.client.get("/candidates/K1")).status == 200
    refused = await web.client.get("/candidates/K2")
    assert refused.status == 404 and "Siri" not in await refused.text()
    before = await AuditEvent.all().count()
    moved = await web.post("/candidates/K2/stage", {"stage": "mapping"})
    assert moved.status == 404
    assert (await Candidate.get(code="K2")).stage is Stage.APPROACH
    assert await AuditEvent.all().count() == before


async def test_another_unit_is_refused_every_candidate(web: Web) -> None:
    await add("K1", "Jonas Lie", "S1")
    await people.add_unit("VTA", "Verkstedet", actor="test")
    other = await people.add_staff("VTA", "V1", "Vera", StaffRole.COORDINATOR, actor="test")
    await web.sign_in(other)
    assert "Jonas" not in await (await web.client.get("/candidates")).text()
    assert (await web.client.get("/candidates/K1")).status == 404
    assert (await web.post("/candidates/K1/plan", {"next_step": "x"})).status == 404
    assert (await Candidate.get(code="K1")).next_step is None


async def test_a_contact_person_registers_a_candidate_they_then_follow(web: Web) -> None:
    await web.sign_in(web.world.contact)
    made = await web.post(
        "/candidates",
        {"code": "K7", "name": "Ali Ahmed", "referred_by": "mental-health", "follower": "S2"},
    )
    assert made.status == 200 and "Lagret." in await made.text()
    stored = await Candidate.get(code="K7").prefetch_related("follower")
    assert (stored.follower.code, stored.referred_by) == ("S1", Referrer.MENTAL_HEALTH)
    bad = await web.post("/candidates", {"code": "K8", "name": ""})
    assert bad.status == 400 and "Fyll ut feltet «Navn»" in await bad.text()


async def test_the_candidates_page_moves_records_and_presents(web: Web) -> None:
    await add("K1", "Jonas Lie", "S1")
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/candidates/K1")).text()
    assert "Jonas Lie" in page and "Kandidat, 34 år" in page

    pending = await web.post("/candidates/K1/stage", {"stage": "vta", "pending": "on"})
    assert pending.status == 200
    text = await (await web.client.get("/candidates/K1")).text()
    assert '<span class="tag warn">søkt</span>' in text
    refused = await web.post("/candidates/K1/stage", {"stage": "ended"})
    assert refused.status == 400 and "Velg hvorfor løpet avsluttes" in await refused.text()

    await web.post("/candidates/K1/person", {
        "name": "Jonas Lie", "birth_date": "1992-01-15", "benefit": "unknown", "on_aap": "on",
        "wishes": "lager/butikk", "referred_by": "nav",
    })  # fmt: skip
    await web.post(
        "/candidates/K1/mapping", {"mapping_on": "2026-04-01", "mapping_note": "Praktisk"}
    )
    await web.post("/candidates/K1/plan", {
        "next_step": "Besøk", "next_step_on": "2026-04-20", "follow_up_on": "2026-05-04",
        "evaluation_on": "2026-06-01",
    })  # fmt: skip
    stored = await Candidate.get(code="K1")
    assert stored.waiting_for_benefit and stored.mapping_note == "Praktisk"
    assert (stored.next_step_on, stored.evaluation_on) == (D("2026-04-20"), D("2026-06-01"))

    shop = await Business.create(unit=web.world.unit, name="Coop Mega")
    await web.post("/candidates/K1/presentations", {"business": str(shop.id)})
    await web.post("/candidates/K1/consent", {
        "consent_on": "2026-04-02", "scope": "Bedrifter", "names_to_businesses": "on",
    })  # fmt: skip
    named = await (await web.client.get("/candidates/K1")).text()
    assert "«Jonas Lie, 34 år, ønsker lager/butikk»" in named
    await web.post("/candidates/K1/consent/withdraw", {"withdrawn_on": "2026-04-07"})
    after = await (await web.client.get("/candidates/K1")).text()
    assert "«Kandidat, 34 år, ønsker lager/butikk»" in after
    assert [p.named for p in await Presentation.all()] == [False]


async def test_only_the_leaders_keep_the_businesses(web: Web) -> None:
    await web.sign_in(web.world.leader)
    made = await web.post("/businesses", {"name": "Rema 1000", "offers": "Butikk"})
    assert made.status == 200 and "Rema 1000" in await made.text()
    shop = await Business.get(name="Rema 1000")
    await web.post(f"/businesses/{shop.id}", {"name": "Rema 1000 Hønefoss"})
    await web.post(f"/businesses/{shop.id}/active", {})
    assert not (await Business.get(id=shop.id)).active
    await web.sign_in(web.world.contact)
    listing = await (await web.client.get("/businesses")).text()
    assert "Rema 1000 Hønefoss" in listing and "Ny bedrift" not in listing
    assert (await web.post("/businesses", {"name": "Jysk"})).status == 403
    assert (await web.post(f"/businesses/{shop.id}/active", {"active": "1"})).status == 403
    assert not await Business.exists(name="Jysk")


async def test_a_candidate_starts_as_a_participant_from_their_page(web: Web) -> None:
    await add("K1", "Jonas Lie", "S1", Stage.MAPPING)
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/candidates/K1")).text()
    assert "Begynner som deltaker" not in page  # a contact person registers no participant
    assert (await web.post("/candidates/K1/participant", {})).status == 403

    await web.sign_in(web.world.leader)
    assert "Begynner som deltaker" in await (await web.client.get("/candidates/K1")).text()
    done = await web.post(
        "/candidates/K1/participant",
        [("programme", "work-training"), ("weekdays", "1"), ("weekdays", "3"),
         ("start", "09:00"), ("end", "14:00"), ("contact", "S1")],
    )  # fmt: skip
    assert done.status == 200, await done.text()
    assert str(done.url).endswith("/participants/K1?saved=1")
    participant = await Participant.get(code="K1")
    assert (participant.name, participant.birth_date) == ("Jonas Lie", D("1992-01-15"))
    assert (await Candidate.get(code="K1")).stage is Stage.WORK_TRAINING
    bad = await web.post(
        "/candidates/K1/participant",
        [("weekdays", "1"), ("start", "09:00"), ("end", "14:00"), ("contact", "S1")],
    )
    assert bad.status == 400 and "K1 er allerede deltaker" in await bad.text()


async def test_the_start_form_offers_the_vta_o_place_nav_granted(web: Web) -> None:
    """A candidate granted VTA-O starts in VTA-O unless someone chooses otherwise: the
    form no longer offers AoK first and moves them off the granted place unawares."""
    await add("K1", "Jonas Lie", "S1", Stage.VTA_O)
    await add("K2", "Siri Dahl", "S1", Stage.MAPPING)
    await web.sign_in(web.world.leader)
    granted = await (await web.client.get("/candidates/K1")).text()
    assert '<option value="vta-o" selected>' in granted
    assert '<option value="aok" selected>' not in granted
    mapping = await (await web.client.get("/candidates/K2")).text()
    assert "selected>" not in mapping.split('id="f-programme"')[1].split("</select>")[0]


def test_a_candidates_move_reads_in_words_in_the_log() -> None:
    from backend.shared.i18n import gettext_for
    from backend.web.audit_words import event_words

    event = AuditEvent(
        actor="staff:S1", action="candidate.stage", subject="candidate:K1",
        detail={"stage": "ended", "pending": False, "on": "2026-04-07", "reason": "health"},
    )  # fmt: skip
    words = event_words(event, gettext_for("nb"), "nb")
    assert words.action == "Flyttet en kandidat til et annet trinn"
    assert words.details == [
        ("Dato", "07.04.2026"), ("Søkt, ikke innvilget", "nei"), ("Grunn", "Helse"),
        ("Trinn", "Avsluttet"),
    ]  # fmt: skip
    fields = AuditEvent(
        actor="staff:S1", action="candidate.plan", subject="candidate:K1",
        detail={"fields": ["next_step_on", "follow_up_on"]},
    )  # fmt: skip
    assert event_words(fields, gettext_for("nb"), "nb").details == [
        ("Felt", "Dato for neste steg, Oppfølging")
    ]


async def test_the_candidates_pages_fit_a_phone_and_label_every_field(web: Web) -> None:
    from backend.access import sign_in as auth
    from tests.web.browser import chromium, live_app, unlabelled

    await add("K1", "Jonas Lie med et svært langt navn som ikke får plass", "S1")
    await Candidate.filter(code="K1").update(
        stage=Stage.VTA_O, stage_pending=True, waiting_for_benefit=True, next_step_on=TODAY
    )
    await Business.create(unit=web.world.unit, name="Coop Mega", offers="Lager og butikk " * 8)
    async with live_app(web.clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.coordinator, web.clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")
        wide, unnamed = {}, {}
        for target in ("/candidates", "/candidates/new", "/candidates/K1", "/businesses"):
            response = await page.goto(base + target)
            assert response is not None and response.status == 200, target
            width = await page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[target] = width
            if found := await unlabelled(page):
                unnamed[target] = found
        assert (wide, unnamed) == ({}, {})
