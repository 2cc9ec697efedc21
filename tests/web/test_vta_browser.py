"""Towards VTA in Chromium at 390 px: the step form on the participant page, and the plan's
chart with its table on the reports page, neither scrolling sideways."""

from __future__ import annotations

from datetime import date

from backend.access import sign_in as auth
from backend.models import VtaPath
from backend.vta import places
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app, unlabelled
from tests.web.conftest import Web


async def test_a_step_and_the_plan_on_a_phone(web: Web, clock: Clock) -> None:
    for on, count in ((date(2025, 2, 10), 3), (date(2025, 9, 1), 8), (date(2026, 1, 15), 3)):
        await places.add_places(
            places.NewPlaces(on, count, "iVekst"), actor="t", today=clock().date()
        )
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.coordinator, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")

        await page.goto(base + "/participants/P1")
        await page.get_by_label("Nytt trinn").select_option(label="Søkt NAV om VTA-plass")
        await page.get_by_role("button", name="Lagre trinnet").click()
        await page.wait_for_url(base + "/participants/P1?saved=1#vta")
        assert await page.get_by_text("Står nå på: Søkt NAV om VTA-plass").is_visible()
        assert await unlabelled(page) == []
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        assert (await VtaPath.get()).step == "applied"

        await page.goto(base + "/reports#vta")
        chart = page.get_by_role("img", name="Stolpediagram: Nye VTA-plasser")
        assert await chart.evaluate("img => img.naturalWidth > 0 && img.complete")
        box = await chart.bounding_box()
        assert box is not None and 0 < box["width"] <= 390
        table = page.locator("table.vta-plan")
        assert await table.locator("tbody tr").count() == 12
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        edge = await table.bounding_box()
        assert edge is not None and edge["x"] + edge["width"] <= 390  # the table fits too
