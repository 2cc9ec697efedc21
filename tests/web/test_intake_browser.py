"""A leader walks the intake with NAV step by step in headless Chromium, on a desk and on
a phone (390 px wide): each step keeps what was typed when going back, and the new
participant's page then shows the dates that drive the reminders."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page

from backend.access import sign_in as auth
from backend.models import Intake, Participant
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app, unlabelled
from tests.web.conftest import Web


async def step(page: Page) -> str:
    """The step shown ("Steg 2 av 6"); no step may scroll sideways on the page's width."""
    width = await page.evaluate("window.innerWidth")
    assert await page.evaluate("document.documentElement.scrollWidth") <= width
    return await page.locator(".step-count").inner_text()


async def walk_the_intake(page: Page, base: str, code: str, name: str) -> None:
    await page.goto(base + "/participants")
    await page.get_by_role("link", name="Inntak med NAV").click()
    await page.wait_for_url(base + "/intake")
    assert await unlabelled(page) == []
    assert await step(page) == "Steg 1 av 6"
    next_ = page.get_by_role("button", name="Neste")

    # 1. The participant: a new one.
    await page.get_by_label(re.compile("^Id")).fill(code)
    await page.get_by_label(re.compile("^Navn")).fill(name)
    await page.get_by_label(re.compile("^Fødselsdato")).fill("1995-06-01")
    await next_.click()

    # 2. NAV's referral. Next refuses while a field of the step is empty.
    assert await step(page) == "Steg 2 av 6"
    await page.get_by_label(re.compile("^Henvist fra NAV")).fill("2026-03-02")
    await next_.click()
    assert await step(page) == "Steg 2 av 6"  # the counsellor is missing
    await page.get_by_label(re.compile("^NAV-veileder")).fill("Nina Veileder")
    await next_.click()

    # 3. The contact person and the intake conversation.
    assert await step(page) == "Steg 3 av 6"
    await page.get_by_label(re.compile("^Kontaktperson")).select_option("S1")
    await page.get_by_label(re.compile("^Inntakssamtale")).fill("2026-03-10")
    assert await page.get_by_label("NAV-veilederen var med i samtalen").is_checked()
    # Back to step 2 and on again: what was typed is still there.
    await page.get_by_role("button", name="Tilbake").click()
    assert await step(page) == "Steg 2 av 6"
    assert await page.get_by_label(re.compile("^NAV-veileder")).input_value() == "Nina Veileder"
    await next_.click()
    assert await page.get_by_label(re.compile("^Inntakssamtale")).input_value() == "2026-03-10"
    await next_.click()

    # 4. The agreement.
    assert await step(page) == "Steg 4 av 6"
    await page.get_by_label("Arbeidstrening").check()
    await page.get_by_label(re.compile("^Avtalen starter")).fill("2026-03-16")
    await page.get_by_label(re.compile("^Avtalen slutter")).fill("2026-09-15")
    for day in ("mandag", "onsdag", "fredag"):
        await page.get_by_label(day).check()
    await page.get_by_label(re.compile("^Starter")).fill("09:00")
    await page.get_by_label(re.compile("^Slutter")).fill("15:00")
    await page.get_by_label(re.compile("^Formål")).fill("Prøve ut arbeid i kantina")
    await next_.click()

    # 5. The first attendance list and the first evaluation.
    assert await step(page) == "Steg 5 av 6"
    await page.get_by_label(re.compile("^Første frammøteliste")).fill("2026-03-30")
    await page.get_by_label(re.compile("^Første evaluering")).fill("2026-05-11")
    await next_.click()

    # 6. The summary, then save.
    assert await step(page) == "Steg 6 av 6"
    summary = await page.locator("#intake-summary").inner_text()
    for words in (name, "Nina Veileder", "2026-03-30", "mandag, onsdag, fredag"):
        assert words in summary, words
    # The labels read as on the form, without the screen reader's "(må fylles ut)".
    assert f"Navn\n{name}" in summary and "NAV-veileder\nNina Veileder" in summary
    assert "må fylles ut" not in summary and "*" not in summary
    await page.get_by_role("button", name="Registrer inntaket").click()
    await page.wait_for_url(base + f"/participants/{code}?saved=1#intake")


@pytest.mark.parametrize(("width", "code"), [(1280, "P7"), (390, "P8")])
async def test_a_leader_walks_the_intake_steps(
    web: Web, clock: Clock, width: int, code: str
) -> None:
    clock.set(2026, 3, 10, 14, 0)
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": width, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.world.leader, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")

        await walk_the_intake(page, base, code, "Sara Lund")

        main = await page.inner_text("main")
        assert "Lagret." in main
        for words in (
            "Henvist fra NAV",
            "2. mars 2026 (Nina Veileder)",
            "10. mars 2026 – med NAV",
            "Første frammøteliste til NAV",
            "30. mars 2026",
            "11. mai 2026",
            "Lise Kontakt",
        ):
            assert words in main, words
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        participant = await Participant.get(code=code)
        assert participant.list_start.isoformat() == "2026-03-30"
        assert participant.next_evaluation.isoformat() == "2026-05-11"
        assert await Intake.filter(participant_id=participant.id).count() == 1

        # On a phone, no step of the form scrolls sideways either.
        await page.goto(base + "/intake")
        assert await page.evaluate("document.documentElement.scrollWidth") <= width


async def test_choosing_a_registered_participant_fills_in_their_decision(
    web: Web, clock: Clock
) -> None:
    """Kari's days, hours, purpose and contact person come from her decision in force, so
    an intake for her does not overwrite them with the form's blanks."""
    clock.set(2026, 3, 10, 14, 0)
    kari = web.world.kari
    kari.purpose = "Arbeid i vaskeriet"
    await kari.save(update_fields=["purpose"])
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.world.leader, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")
        await page.goto(base + "/intake")
        await page.get_by_label("Registrert deltaker").check()
        await page.get_by_label(re.compile("^Deltaker")).select_option("P1")
        checked = await page.eval_on_selector_all(
            'input[name="weekdays"]:checked', "boxes => boxes.map(b => b.value)"
        )
        assert checked == ["1", "2", "3", "4", "5"]
        assert await page.input_value('input[name="start"]') == "09:00"
        assert await page.input_value('input[name="end"]') == "14:00"
        assert await page.input_value('textarea[name="purpose"]') == "Arbeid i vaskeriet"
        assert await page.input_value('select[name="contact"]') == "S1"
