"""Arabic in headless Chromium, on a desk (1400 px) and on a phone (390 px): the page runs
right to left, the menu starts at the right edge, nothing scrolls sideways, and a
Norwegian name with its code keeps its order inside the Arabic page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backend.access import sign_in as auth
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app
from tests.web.conftest import Web

PAGES = ("/", "/participants", "/participants/P1", "/attendance", "/reports/payroll")
# Set FRAMMOTE_SCREENSHOTS to a folder to keep a picture of each page.
SHOTS = os.environ.get("FRAMMOTE_SCREENSHOTS")


@pytest.mark.parametrize("width", [1400, 390])
async def test_arabic_pages_run_right_to_left(web: Web, clock: Clock, width: int) -> None:
    clock.set(2026, 4, 30, 15, 0)
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.coordinator, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")
        assert await page.evaluate("document.dir") == "ltr"

        # The footer offers Arabic in its own name; choosing it turns the page around.
        await page.get_by_role("link", name="العربية").click()
        await page.wait_for_url(base + "/")
        assert await page.evaluate("document.dir") == "rtl"
        assert await page.evaluate("document.documentElement.lang") == "ar"

        for target in PAGES:
            response = await page.goto(base + target)
            assert response is not None and response.status == 200, target
            assert await page.evaluate("document.dir") == "rtl", target
            scroll = await page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{target} scrolls sideways: {scroll}"
            if SHOTS:
                name = target.strip("/").replace("/", "-") or "home"
                shot = Path(SHOTS) / f"rtl-{width}-{name}.png"
                await page.screenshot(path=str(shot), full_page=True)

        # The menu's first entry (the overview) sits at the right edge, the next to its left
        # (on a phone once the folded menu is opened).
        await page.goto(base + "/participants")
        if width < 640:
            summary = page.locator("nav summary")
            summary_box = await summary.bounding_box()
            assert summary_box is not None and summary_box["x"] + summary_box["width"] == width
            await summary.click()
        links = page.locator("nav a")
        first = await links.nth(0).bounding_box()
        second = await links.nth(1).bounding_box()
        assert first is not None and second is not None
        assert width - 40 <= first["x"] + first["width"] <= width, first
        assert second["x"] + second["width"] <= first["x"], (first, second)
        assert await links.nth(0).inner_text() == "نظرة عامة"

        # The brand stands at the right of the top band, the name of who signed in at the left
        # (on a phone on a line of its own below, starting at the right: the staff member's
        # name first, then the unit's, each whole).
        brand = await page.locator("header.top .brand").bounding_box()
        who = await page.locator("header.top .who").bounding_box()
        assert brand is not None and who is not None
        if width < 640:
            staff, unit = [await n.bounding_box() for n in await page.locator(".who bdi").all()]
            assert staff is not None and unit is not None
            assert who["y"] >= brand["y"] + brand["height"]
            assert (
                width - 20 <= staff["x"] + staff["width"] and unit["x"] + unit["width"] < staff["x"]
            )
            assert staff["height"] == unit["height"] < 30
        else:
            assert who["x"] + who["width"] <= brand["x"]

        # A table's first column is at the right; a Latin name in it reads left to right.
        header = await page.locator("main table th").first.bounding_box()
        table = await page.locator("main table").first.bounding_box()
        assert header is not None and table is not None
        assert abs((header["x"] + header["width"]) - (table["x"] + table["width"])) < 2
        name = page.locator("main table tbody th a").first
        assert await name.inner_text() == "Kari Nordmann"
        assert await name.evaluate("a => getComputedStyle(a).direction") == "rtl"
