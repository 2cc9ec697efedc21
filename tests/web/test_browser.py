"""A coordinator's desk work in headless Chromium: sign in through a one-time link, register
a participant, create and print an invite, mark a month of attendance, download the payroll
and an attendance list for NAV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from backend.access import sign_in as auth
from backend.models import AttendanceDay, AttendanceStatus, Invite, Participant
from tests.support.telegram import Clock
from tests.web.browser import chromium, live_app, unlabelled
from tests.web.conftest import Web


async def test_desk_walk_in_chromium(web: Web, clock: Clock, tmp_path: Path) -> None:
    clock.set(2026, 4, 30, 15, 0)
    async with live_app(clock) as base, chromium() as browser:
        context = await browser.new_context(accept_downloads=True)
        page = await context.new_page()
        page.set_default_timeout(5000)

        # Sign in: the link shows a button; the one press uses the token.
        path = await auth.issue_login_link(web.coordinator, clock())
        await page.goto(base + path)
        assert await page.get_attribute("html", "lang") == "nb"
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")
        assert await page.get_by_role("heading", level=1).inner_text() == "Hei, Kim Koordinator!"
        cookie = next(c for c in await context.cookies() if c["name"] == "frammote_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        # The link is used up: a second visit cannot sign in again.
        other = await browser.new_page()
        await other.goto(base + path)
        await other.get_by_role("button", name="Logg inn").click()
        assert "virker ikke lenger" in await other.inner_text("main")
        await other.close()

        # Keyboard: the first Tab reaches "skip to content".
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.className") == "skip"

        # Register a participant.
        await page.get_by_role("link", name="Registrer en deltaker").first.click()
        assert await unlabelled(page) == []
        await page.get_by_label(re.compile("^Id")).fill("P8")
        await page.get_by_label(re.compile("^Navn")).fill("Sara Lund")
        await page.get_by_label("Fødselsdato").fill("1992-08-15")
        for day in ("mandag", "onsdag", "fredag"):
            await page.get_by_label(day).check()
        await page.get_by_label("Kontaktperson").select_option("S1")
        await page.get_by_role("button", name="Registrer").click()
        await page.wait_for_url(base + "/participants/P8?saved=1")
        assert "Sara Lund" in await page.inner_text("h1")
        assert (await Participant.get(code="P8")).weekdays == "1,3,5"

        # Create and print an invite with its QR code.
        await page.get_by_role("link", name="Lag en invitasjon").click()
        assert await page.get_by_label("Hvem gjelder det?").input_value() == "P8"
        await page.get_by_role("button", name="Lag invitasjon").click()
        qr = page.get_by_role("img", name="QR-kode til invitasjonen")
        assert await qr.is_visible()
        assert "t.me/frammote_test_bot?start=" in await page.inner_text("article")
        await page.emulate_media(media="print")
        assert not await page.get_by_role("navigation").is_visible()  # the printout is the invite
        await page.emulate_media(media="screen")
        assert await Invite.filter(participant__code="P8").count() == 1

        # Mark a month of attendance: every planned April day of Kari present.
        await page.goto(base + "/attendance?month=2026-04")
        assert await unlabelled(page) == []
        cells = page.locator('select[name^="c:P1:"]')
        count = await cells.count()
        assert count == 19  # April 2026 Monday-Friday minus the Easter holidays
        for index in range(count):
            await cells.nth(index).select_option("present")
        await page.get_by_role("button", name="Lagre oppmøte").click()
        assert "Lagret: 19 endringer." in await page.inner_text("main")
        present = await AttendanceDay.filter(
            participant__code="P1", status=AttendanceStatus.PRESENT
        ).count()
        assert present == 19

        # Download the payroll: 19 days × 5 hours × 16 kr = 1 520 kr.
        await page.goto(base + "/reports")
        await page.get_by_label("Måned", exact=True).first.fill("2026-04")
        async with page.expect_download() as info:
            await page.get_by_role("button", name="Last ned lønn (CSV)").click()
        download = await info.value
        saved = tmp_path / download.suggested_filename
        await download.save_as(saved)
        assert saved.name == "lonn-AOK-2026-04.csv"
        rows = saved.read_bytes().decode("utf-8-sig").splitlines()
        assert rows[1] == "P1;Kari Nordmann;19;95,00;1520,00"

        # Download Kari's attendance list for NAV for the marked month: PDF, then CSV.
        await page.get_by_label("Deltaker").select_option("P1")
        await page.get_by_label("Fra", exact=True).fill("2026-04-01")
        await page.get_by_label("Til", exact=True).fill("2026-04-30")
        assert await unlabelled(page) == []
        await page.get_by_label("PDF", exact=False).check()
        async with page.expect_download() as info:
            await page.get_by_role("button", name="Last ned frammøteliste").click()
        pdf = await info.value
        assert pdf.suggested_filename == "frammoteliste-P1-2026-04-01-2026-04-30.pdf"
        await pdf.save_as(tmp_path / pdf.suggested_filename)
        assert (tmp_path / pdf.suggested_filename).read_bytes().startswith(b"%PDF")
        await page.get_by_label("CSV", exact=False).check()
        async with page.expect_download() as info:
            await page.get_by_role("button", name="Last ned frammøteliste").click()
        listed = await info.value
        assert listed.suggested_filename == "frammoteliste-P1-2026-04-01-2026-04-30.csv"
        await listed.save_as(tmp_path / listed.suggested_filename)
        text = (tmp_path / listed.suggested_filename).read_bytes().decode("utf-8-sig")
        cells = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";") if row}
        assert cells["Frammøteliste"] == ["Frammøteliste", "Kari Nordmann"]
        assert cells["07.04.2026"] == ["07.04.2026", "tir", "Til stede", "5,00", "5,00", "", "", ""]
        assert cells["30.04.2026"] == ["30.04.2026", "tor", "Til stede", "5,00", "5,00", "", "", ""]
        assert cells["06.04.2026"] == [
            "06.04.2026", "man", "Stengt", "0,00", "0,00", "", "", "Andre påskedag",
        ]  # fmt: skip
        assert cells["Sum"][3:5] == ["95,00", "95,00"]
        # The same list as a preview on the page, row by row.
        await page.get_by_role("button", name="Forhåndsvis frammøteliste").click()
        await page.wait_for_url(re.compile(r"/reports/attendance-list\?"))
        closed = page.locator('tr[data-day="2026-04-03"] td')
        assert await closed.all_inner_texts() == [
            "03.04.2026", "fre", "Stengt", "0,00", "0,00", "Langfredag",
        ]  # fmt: skip
        await context.close()
