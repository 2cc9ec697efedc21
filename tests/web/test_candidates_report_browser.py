"""A coordinator opens the candidates' report in headless Chromium: the counts with pending
in brackets, the charts as images with their words, the PDF and the CSV downloaded, and
the page on a phone."""

from __future__ import annotations

from pathlib import Path

from backend.access import sign_in as auth
from tests.pathway.test_report_files import pdf_lines
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app, unlabelled
from tests.web.conftest import Web
from tests.web.test_candidates_report import add_candidates

STAGES_ALT = "Stolpediagram: Kandidater per trinn. De samme tallene står i tabellen."


async def test_the_candidates_report_in_chromium(web: Web, clock: Clock, tmp_path: Path) -> None:
    await add_candidates()
    async with live_app(clock) as base, chromium() as browser:
        context = await browser.new_context(accept_downloads=True)
        page = await context.new_page()
        page.set_default_timeout(10000)
        path = await auth.issue_login_link(web.coordinator, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")

        # From the reports page to the report, for January to today (7 April 2026).
        await page.goto(base + "/reports")
        await page.get_by_role("link", name="Kandidatrapport").click()
        await page.wait_for_url(base + "/reports/candidates")
        assert await unlabelled(page) == []
        await page.get_by_label("Fra", exact=True).fill("2026-01-01")
        await page.get_by_label("Til", exact=True).fill("2026-04-07")
        await page.get_by_role("button", name="Vis rapporten").click()
        await page.wait_for_url(base + "/reports/candidates?from=2026-01-01&to=2026-04-07")
        heading = page.get_by_role("heading", name="Kandidater per trinn 7. apr. 2026")
        assert await heading.is_visible()
        rows = page.locator("table.report-stages tr[data-stage]")
        texts = [" ".join((await rows.nth(i).inner_text()).split()) for i in range(9)]
        assert texts == [
            "Tilnærming 2",
            "Kartlegging 0",
            "Arbeidsutprøving 0",
            "Arbeidstrening/aktivitet 0",
            "VTA 0",
            "VTA-O 1 (2)",
            "Omsorgsmedhjelper 0 (1)",
            "Oppfølging 0",
            "Avsluttet 1",
        ]
        assert await page.locator("#total").inner_text() == "6"

        # The charts are images the browser draws (the CSP allows data: images), with words.
        chart = page.get_by_role("img", name=STAGES_ALT)
        assert await chart.is_visible()
        assert await chart.evaluate("img => img.complete && img.naturalWidth > 0")
        assert await page.locator("figure.chart img").count() == 4

        # The PDF, read back as text.
        async with page.expect_download() as info:
            await page.get_by_role("link", name="Last ned (PDF)").click()
        pdf = await info.value
        assert pdf.suggested_filename == "kandidater-AOK-2026-01-01-2026-04-07.pdf"
        saved = tmp_path / pdf.suggested_filename
        await pdf.save_as(saved)
        lines = pdf_lines(saved)
        for line in ("Kandidatrapport", "VTA-O 1 (2)", "Omsorgsmedhjelper 0 (1)", "Totalt 6"):
            assert line in lines, line

        # The CSV, formulas neutralised by the one writer, as Excel opens it.
        async with page.expect_download() as info:
            await page.get_by_role("link", name="Last ned (CSV)").click()
        listed = await info.value
        assert listed.suggested_filename == "kandidater-AOK-2026-01-01-2026-04-07.csv"
        await listed.save_as(tmp_path / listed.suggested_filename)
        rows_csv = (tmp_path / listed.suggested_filename).read_bytes().decode("utf-8-sig")
        assert "VTA-O;1;1;2\r\n" in rows_csv and "Totalt;4;2;6\r\n" in rows_csv

        # On a phone: nothing scrolls sideways, the chart still shows.
        await page.set_viewport_size({"width": 390, "height": 844})
        await page.reload()
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        box = await page.get_by_role("img", name=STAGES_ALT).bounding_box()
        assert box is not None and 0 < box["width"] <= 390
