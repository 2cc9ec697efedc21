"""The criteria in headless Chromium on a phone-wide screen (390 px): readable, labelled,
no sideways scrolling, and the new-participant form shows the chosen programme's only."""

from __future__ import annotations

import re
from pathlib import Path

from backend.access import sign_in as auth
from backend.models import Participant
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app, unlabelled
from tests.web.conftest import Web

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def test_criteria_on_a_phone(web: Web, clock: Clock, tmp_path: Path) -> None:
    await Participant.filter(code="P1").update(eligibility={"wants_service": True})
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.world.leader, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")

        await page.goto(base + "/participants/P1#criteria")
        assert await unlabelled(page) == []
        assert await page.evaluate(SIDEWAYS) == 0
        group = page.get_by_role("group", name="ønsker tjenesten")
        assert await group.get_by_label("Ja").is_checked()
        await page.get_by_role("group", name="bor i kommunen").get_by_label("Ja").check()
        await page.get_by_role("group", name="kan jobbe i gruppe").get_by_label("Nei").check()
        await page.locator("#criteria").scroll_into_view_if_needed()
        await page.screenshot(path=str(tmp_path / "criteria-390.png"), full_page=True)
        await page.get_by_role("button", name="Lagre kriteriene").click()
        await page.wait_for_load_state()
        assert "Lagret." in await page.inner_text("main")
        assert (await Participant.get(code="P1")).eligibility == {
            "wants_service": True,
            "lives_in_municipality": True,
            "can_work_in_group": False,
        }

        # The new-participant form: AoK's criteria first; VTA shows VTA's instead.
        await page.goto(base + "/participants/new")
        assert await unlabelled(page) == []
        assert await page.evaluate(SIDEWAYS) == 0
        aok = page.get_by_role("group", name=re.compile("^bor i kommunen"))
        vta = page.get_by_role("group", name=re.compile("^vedtak fra NAV"))
        assert await aok.is_visible() and not await vta.is_visible()
        await page.get_by_label("Program").select_option("vta")
        assert await vta.is_visible() and not await aok.is_visible()
        await page.screenshot(path=str(tmp_path / "new-participant-390.png"), full_page=True)
