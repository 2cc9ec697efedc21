"""Towards VTA on the pages: the path on the participant page, the list, the places, the plan."""

from __future__ import annotations

import base64
import re

from backend.models import AuditEvent, VtaPath, VtaPathStep, VtaPlacesCreated
from tests.web.conftest import Web


async def test_a_leader_moves_a_participant_along_the_path_and_the_history_shows(
    web: Web,
) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Ikke med i løpet mot VTA." in page
    assert 'action="/participants/P1/vta"' in page
    joined = await web.post(
        "/participants/P1/vta", {"step": "interested", "on": "2026-03-02"}, allow_redirects=False
    )
    assert joined.status == 303
    assert joined.headers["Location"] == "/participants/P1?saved=1#vta"
    moved = await web.post("/participants/P1/vta", {"step": "qualification", "on": "2026-04-01"})
    page = await moved.text()
    assert moved.status == 200
    assert "Står nå på: I kvalifisering med iVekst, fra 1. apr. 2026." in page
    # The form offers the next step on the path first, not "Interessert" again.
    assert '<option value="applied" selected>' in page
    assert '<option value="interested" selected>' not in page
    history = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", page)
    assert history[-2:] == [
        ("2. mars 2026", "Interessert", "–"),
        ("1. apr. 2026", "I kvalifisering med iVekst", "–"),
    ]
    events = (
        await AuditEvent.filter(action="vta.step")
        .order_by("id")
        .values_list("actor", "subject", "detail")
    )
    assert events[-1] == (
        "staff:S2",
        "participant:P1",
        {"old": "interested", "new": "qualification", "day": "2026-04-01", "reason": None},
    )


async def test_a_refused_step_says_why_and_changes_nothing(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await web.post("/participants/P1/vta", {"step": "applied", "on": "2026-04-01"})
    refused = await web.post("/participants/P1/vta", {"step": "interested"})
    assert refused.status == 400
    assert (
        "Løpet går bare framover: fra Søkt NAV om VTA-plass kan ikke gå tilbake til Interessert"
        in await refused.text()
    )
    no_reason = await web.post("/participants/P1/vta", {"step": "left"})
    assert "Skriv kort hvorfor deltakeren går ut av løpet" in await no_reason.text()
    unknown = await web.post("/participants/P1/vta", {"step": "vta"})
    assert "Ukjent trinn: vta." in await unknown.text()
    assert await VtaPathStep.all().count() == 1
    assert (await VtaPath.get()).step == "applied"


async def test_a_contact_person_sees_the_path_but_has_no_form(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await web.post("/participants/P2/vta", {"step": "interested", "on": "2026-04-01"})
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/participants/P2")).text()
    assert "Står nå på: Interessert, fra 1. apr. 2026." in page
    assert 'action="/participants/P2/vta"' not in page
    refused = await web.post("/participants/P2/vta", {"step": "qualification"})
    assert refused.status == 403


async def test_the_list_shows_who_stands_where_and_hides_those_who_left(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await web.post("/participants/P1/vta", {"step": "granted", "on": "2026-04-01"})
    await web.post("/participants/P2/vta", {"step": "interested", "on": "2026-03-01"})
    await web.post(
        "/participants/P2/vta", {"step": "left", "on": "2026-04-02", "reason": "Flyttet"}
    )
    page = await (await web.client.get("/vta")).text()
    counts = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', page)
    assert counts == [
        ("Interessert", "0"),
        ("I kvalifisering med iVekst", "0"),
        ("Søkt NAV om VTA-plass", "0"),
        ("Innvilget VTA-plass", "1"),
        ("Startet i VTA-plass", "0"),
        ("Gått ut av løpet", "1"),
    ]
    assert "Kari Nordmann" in page and "Ola Hansen" not in page
    with_left = await (await web.client.get("/vta?left=1")).text()
    assert "Ola Hansen" in with_left and "Flyttet" in with_left


async def test_places_are_recorded_and_refused_with_a_reason(web: Web) -> None:
    await web.sign_in(web.world.leader)
    made = await web.post(
        "/vta/places",
        {"on": "2026-03-15", "count": "4", "where": "  iVekst,   Kvelde ", "note": "Ny linje"},
        allow_redirects=False,
    )
    assert made.status == 303 and made.headers["Location"] == "/vta/places?saved=1"
    row = await VtaPlacesCreated.get()
    assert (row.on.isoformat(), row.count, row.location, row.note, row.actor) == (
        "2026-03-15", 4, "iVekst, Kvelde", "Ny linje", "staff:S2"
    )  # fmt: skip
    page = await (await web.client.get("/vta/places?saved=1")).text()
    assert "Opprettet så langt: 4." in page and "iVekst, Kvelde" in page
    for form, message in [
        ({"on": "2026-04-08", "count": "1"}, "Datoen kan ikke være fram i tid: 2026-04-08"),
        ({"on": "2026-04-01", "count": "0"}, "«Antall» må være fra 1 til 480"),
        ({"on": "2026-04-01", "count": "fire"}, "«Antall» må være et helt tall"),
        ({"on": "2026-04-01"}, "Fyll ut feltet «Antall»"),
    ]:
        refused = await web.post("/vta/places", form)
        assert refused.status == 400
        assert message in await refused.text()
    assert await VtaPlacesCreated.all().count() == 1
    await web.sign_in(web.world.contact)
    assert (await web.post("/vta/places", {"on": "2026-04-01", "count": "1"})).status == 403


async def test_the_reports_page_has_the_chart_and_every_number_of_it_in_a_table(
    web: Web,
) -> None:
    await web.sign_in(web.coordinator)
    for on, count in (("2025-02-10", 3), ("2025-09-01", 8), ("2026-01-15", 3)):
        await web.post("/vta/places", {"on": on, "count": str(count)})
    await web.post("/participants/P1/vta", {"step": "qualification", "on": "2026-04-01"})
    page = await (await web.client.get("/reports")).text()
    assert (
        "Per 7. apr. 2026: 14 av 48 plasser opprettet, planen sier 20: 6 plasser bak planen."
        in page
    )
    rows = re.findall(
        r'<tr><th scope="row">(\d{4} K\d)</th>\s*<td class="num">([^<]+)</td>\s*'
        r'<td class="num">([^<]+)</td>\s*<td class="num">([^<]+)</td>\s*'
        r'<td class="num">([^<]+)</td></tr>',
        page,
    )
    assert rows[:7] == [
        ("2025 K1", "3", "3", "4", "−1"),
        ("2025 K2", "0", "3", "8", "−5"),
        ("2025 K3", "8", "11", "12", "−1"),
        ("2025 K4", "0", "11", "16", "−5"),
        ("2026 K1", "3", "14", "20", "−6"),
        ("2026 K2", "0", "14", "24", "−10"),
        ("2026 K3", "–", "–", "28", "–"),
    ]
    assert len(rows) == 12 and rows[-1] == ("2027 K4", "–", "–", "48", "–")
    image = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert image is not None
    assert image.group(2).startswith("Stolpediagram: Nye VTA-plasser: 48 innen 31. desember 2027.")
    drawing = base64.b64decode(image.group(1)).decode()
    for word in ("2025 K1", "2026 K2", ">14<", ">11<", "Opprettet til sammen", "Planen"):
        assert word in drawing, word
    # The plan's line runs to the target's quarter; the bars stop at the quarter under way.
    assert "2027 K4" in drawing and ">48<" not in drawing
    step_counts = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', page
    )
    assert ("I kvalifisering med iVekst", "1") in step_counts


async def test_the_plan_in_english(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await web.client.get("/language?lang=en&next=/reports")
    page = await (await web.client.get("/reports")).text()
    assert "New VTA places against the plan" in page
    assert "2025 Q1" in page


async def test_the_log_tells_the_step_and_the_places_in_words(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await web.post("/participants/P1/vta", {"step": "interested", "on": "2026-03-02"})
    await web.post("/participants/P1/vta", {"step": "qualification", "on": "2026-04-01"})
    await web.post("/vta/places", {"on": "2026-04-01", "count": "2", "where": "iVekst"})
    page = await (await web.client.get("/audit")).text()
    text = re.sub(r"<[^>]+>", " ", page)
    text = " ".join(text.split())
    assert "Flyttet en deltaker i løpet mot VTA" in text
    assert "Før: Interessert" in text and "Etter: I kvalifisering med iVekst" in text
    assert "Registrerte nye VTA-plasser" in text
    assert "Antall: 2" in text and "Hvor: iVekst" in text
