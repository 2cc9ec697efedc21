"""The coordinators' report on the web: the page with its tables and charts, the PDF, the CSV
and the JSON, each for the caller's own unit only."""

from __future__ import annotations

import re
from datetime import date

from backend.models import StaffRole
from backend.pathway import candidates
from backend.pathway.rules import EndReason, Move, Position, Stage
from backend.people import registry as people
from tests.web.conftest import Web

# On 7 April 2026 (the tests' clock): K1 in VTA-O, K2 applied for VTA-O, K3 applied for a
# care-assistant place, K4 ended in March, K5 and K6 still in approach (K6 came in April).
PATHS: dict[str, list[tuple[date, Position]]] = {
    "K1": [(date(2026, 2, 2), Position(Stage.VTA_O))],
    "K2": [(date(2026, 3, 2), Position(Stage.VTA_O, pending=True))],
    "K3": [(date(2026, 3, 9), Position(Stage.CARE_ASSISTANT, pending=True))],
    "K4": [(date(2026, 3, 16), Position(Stage.ENDED))],
    "K5": [],
}


async def add_candidates(unit_code: str = "AOK") -> None:
    for code, moves in PATHS.items():
        new = candidates.NewCandidate(unit_code, code, f"Kandidat {code}")
        candidate = await candidates.add_candidate(new, actor="test", today=date(2026, 1, 12))
        for day, position in moves:
            reason = EndReason.HEALTH if position.stage is Stage.ENDED else None
            await candidates.move_stage(
                candidate, Move(position, day, reason), actor="test", today=day
            )
    new = candidates.NewCandidate(unit_code, "K6", "Kandidat K6")
    await candidates.add_candidate(new, actor="test", today=date(2026, 4, 1))


def stage_cell(html: str, stage: str) -> str:
    found = re.search(
        rf'data-stage="{stage}"><th scope="row">([^<]+)</th><td class="num">([^<]+)', html
    )
    assert found, stage
    return f"{found.group(1)}: {found.group(2)}"


async def test_the_page_shows_the_counts_with_pending_in_brackets_and_the_charts(web: Web) -> None:
    await add_candidates()
    await web.sign_in(web.coordinator)
    response = await web.client.get("/reports/candidates?from=2026-01-01&to=2026-04-07")
    assert response.status == 200
    html = await response.text()
    assert "<h1>Kandidatrapport – Arbeid og kvalifisering</h1>" in html
    assert [stage_cell(html, s) for s in ("approach", "vta-o", "care-assistant", "ended")] == [
        "Tilnærming: 2",
        "VTA-O: 1 (2)",
        "Omsorgsmedhjelper: 0 (1)",
        "Avsluttet: 1",
    ]
    assert '<td class="num" id="total">6</td>' in html
    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html)
    assert images == [
        "Stolpediagram: Kandidater per trinn. De samme tallene står i tabellen.",
        "Stolpediagram: Har nådd trinnet. De samme tallene står i tabellen.",
        "Stolpediagram: Nye kandidater per måned. De samme tallene står i tabellen.",
        "Stolpediagram: Avsluttet per måned. De samme tallene står i tabellen.",
    ]
    months = re.findall(r'<tr><th scope="row">(\w+ 2026)</th><td class="num">(\d+)</td>'
                        r'<td class="num">(\d+)</td></tr>', html)  # fmt: skip
    assert months == [
        ("januar 2026", "5", "0"),
        ("februar 2026", "0", "0"),
        ("mars 2026", "0", "1"),
        ("april 2026", "1", "0"),
    ]
    assert 'href="/reports/candidates.pdf?from=2026-01-01&amp;to=2026-04-07"' in html


async def test_the_reports_page_leads_there_for_the_leaders_only(web: Web) -> None:
    await web.sign_in(web.coordinator)
    assert 'href="/reports/candidates"' in await (await web.client.get("/reports")).text()
    await web.sign_in(web.world.contact)
    assert 'href="/reports/candidates"' not in await (await web.client.get("/reports")).text()
    assert (await web.client.get("/reports/candidates")).status == 403


async def test_without_dates_the_last_twelve_months(web: Web) -> None:
    await web.sign_in(web.world.leader)
    html = await (await web.client.get("/reports/candidates")).text()
    assert 'name="from" type="date" value="2025-05-01"' in html
    assert 'name="to" type="date" value="2026-04-07"' in html


async def test_a_bad_range_shows_the_form_again_with_the_reason(web: Web) -> None:
    await web.sign_in(web.coordinator)
    cases = {
        "from=2026-04-01&to=2026-03-01": "Fra-datoen kan ikke være etter til-datoen",
        "to=2026-05-01": "Til-datoen kan ikke være fram i tid: 2026-05-01",
        "from=2026-02-30": "Ikke en dato (ÅÅÅÅ-MM-DD): 2026-02-30",
    }
    for query, message in cases.items():
        page = await web.client.get(f"/reports/candidates?{query}")
        assert page.status == 400
        html = await page.text()
        assert message in html and "<img" not in html
        for suffix in (".pdf", ".csv"):
            download = await web.client.get(f"/reports/candidates{suffix}?{query}")
            assert (download.status, await download.text()) == (400, message)
        api = await web.client.get(f"/api/reports/candidates?{query}")
        assert (api.status, await api.json()) == (400, {"error": message})


async def test_the_pdf_and_the_csv(web: Web) -> None:
    await add_candidates()
    await web.sign_in(web.world.leader)
    pdf = await web.client.get("/reports/candidates.pdf?from=2026-01-01&to=2026-04-07")
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    assert pdf.headers["Content-Disposition"] == (
        'attachment; filename="kandidater-AOK-2026-01-01-2026-04-07.pdf"'
    )
    assert (await pdf.read()).startswith(b"%PDF")
    csv = await web.client.get("/reports/candidates.csv?from=2026-01-01&to=2026-04-07")
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = (await csv.read()).decode("utf-8-sig").split("\r\n")
    assert rows[:2] == ["Kandidatrapport;Arbeid og kvalifisering", "Periode;2026-01-01;2026-04-07"]
    assert "VTA-O;1;1;2" in rows and "Totalt;4;2;6" in rows


async def test_the_json_numbers(web: Web) -> None:
    await add_candidates()
    await web.sign_in(web.coordinator)
    response = await web.client.get("/api/reports/candidates?from=2026-03-01&to=2026-04-07")
    assert response.status == 200
    found = await response.json()
    assert (found["unit"], found["from"], found["to"], found["total"]) == (
        "AOK", "2026-03-01", "2026-04-07", 6,
    )  # fmt: skip
    assert found["stages"][5] == {
        "stage": "vta-o", "name": "VTA-O", "count": 1, "pending": 1, "text": "1 (2)",
    }  # fmt: skip
    assert found["months"] == [
        {"month": "2026-03", "entries": 0, "exits": 1},
        {"month": "2026-04", "entries": 1, "exits": 0},
    ]
    # Approach: K2, K3 and K4 left it in March (49, 56, 63 days), K5 and K6 are still there
    # on 7 April (85 and 6 days).
    assert found["days_in_stage"][0] == {"stage": "approach", "median_days": 56.0, "stays": 5}
    assert found["funnel"][6] == {"stage": "care-assistant", "reached": 0, "applied_only": 1}


async def test_another_unit_sees_its_own_report_only(web: Web) -> None:
    await add_candidates()
    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    vera = await people.add_staff("VTA", "V1", "Vera", StaffRole.COORDINATOR, actor="test")
    await web.sign_in(vera)
    html = await (await web.client.get("/reports/candidates")).text()
    assert "Kandidatrapport – VTA-verkstedet" in html
    assert '<td class="num" id="total">0</td>' in html
    found = await (await web.client.get("/api/reports/candidates")).json()
    assert (found["unit"], found["total"]) == ("VTA", 0)
    text = (await (await web.client.get("/reports/candidates.csv")).read()).decode("utf-8-sig")
    assert "Totalt;0;0;0" in text and "Arbeid og kvalifisering" not in text


async def test_the_page_in_english(web: Web) -> None:
    await add_candidates()
    await web.sign_in(web.coordinator)
    await web.client.get("/language?lang=en&next=/")
    html = await (await web.client.get("/reports/candidates?from=2026-01-01")).text()
    assert stage_cell(html, "care-assistant") == "Care assistant: 0 (1)"
    assert "<h1>Candidate report – Arbeid og kvalifisering</h1>" in html
    assert "January 2026" in html
