"""On a phone (390 px wide) no staff page scrolls sideways, in Norwegian or in Arabic: wide
tables scroll on their own, and the menu folds under one line and wraps when opened."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from PIL import Image

from backend.access import sign_in as auth
from backend.checkin import pictures
from backend.models import CheckIn
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear
from tests.support.telegram import OSLO, Clock
from tests.web.browser import chromium, live_app
from tests.web.conftest import Web


def _png(width: int, height: int) -> bytes:
    picture = BytesIO()
    Image.new("RGB", (width, height), (200, 120, 60)).save(picture, "PNG")
    return picture.getvalue()


# How wide the page is, and by how much the menu's links overflow it (0: none).
OVERFLOW = """() => {
  const menu = document.querySelector('nav ul');
  return {page: document.documentElement.scrollWidth,
          menu: Math.max(0, menu.scrollWidth - menu.clientWidth)};
}"""

PAGES = (
    "/",
    "/unit",
    "/participants",
    "/participants/P1",
    "/intake",
    "/participants/P1/final-report",
    "/invites",
    "/links",
    "/absences",
    "/messages",
    "/attendance",
    "/deadlines",
    "/kvp",
    "/reports",
    "/reports/payroll",
    "/reports/capacity",
    "/vta",
    "/vta/places",
    "/reports/candidates",
    "/audit",
    "/staff",
    "/import",
    "/pupils",
    "/pupils/new",
    "/pupils/overview",
    "/pupils/{pupil}/participant",  # a textarea inside a fieldset
    "/participants/new",
    "/candidates",
    "/candidates/new",
    "/businesses",
    "/kvp/new",
)


async def test_no_page_scrolls_sideways_at_390_px(web: Web, clock: Clock) -> None:
    clock.set(2026, 4, 30, 15, 0)
    pupil = await pupils.add_pupil(
        web.world.unit,
        pupils.PupilFields("Ada Elev", date(2009, 3, 10), "Skolen", ClassYear.VG2),
        actor="test",
        today=date(2026, 4, 30),
    )
    # Kari's tile has a photo 600 px wide (stored at most 480): it fits the phone's page.
    await pictures.save(
        web.coordinator, web.world.kari, clock(), symbol=None, consent=True, upload=_png(600, 800)
    )
    # A visit from the tablet waits on the attendance page: its button is on the screen.
    await CheckIn.create(
        participant=web.world.kari, day=date(2026, 4, 30), in_key="a", out_key="b",
        in_at=datetime(2026, 4, 30, 9, 0, tzinfo=OSLO),
        out_at=datetime(2026, 4, 30, 14, 10, tzinfo=OSLO),
    )  # fmt: skip
    async with live_app(clock) as base, chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        path = await auth.issue_login_link(web.coordinator, clock())
        await page.goto(base + path)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url(base + "/")
        wide = {}
        for target in (p.format(pupil=pupil.id) for p in PAGES):
            response = await page.goto(base + target)
            assert response is not None and response.status == 200, target
            width = await page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[target] = width
        assert wide == {}

        await page.goto(base + "/attendance")
        confirm = await page.get_by_role("button", name="Bekreft 5,25 t").bounding_box()
        assert confirm is not None and confirm["x"] + confirm["width"] <= 390, confirm

        # A new calendar address is one long word: it wraps, and a button copies it.
        await page.goto(base + "/feed")
        await page.get_by_role("button", name="Lag en ny kalenderadresse").click()
        await page.wait_for_selector(".feed-address")
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        assert await page.get_by_role("button", name="Kopier adressen").is_visible()

        # The coordinator's menu is folded under one row naming the page: the page starts
        # high. Opened, its links wrap: none is cut off and nothing scrolls sideways.
        await page.goto(base + "/kvp")
        menu = await page.locator("nav").bounding_box()
        assert menu is not None and menu["height"] < 70, menu
        assert await page.locator("nav summary").inner_text() == "Hovedmeny · KVP-søknader"
        assert not await page.locator("nav a").first.is_visible()
        await page.locator("nav summary").click()
        links = page.locator("nav a")
        assert await links.count() >= 15
        for box in [await links.nth(i).bounding_box() for i in range(await links.count())]:
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert await page.evaluate(OVERFLOW) == {"page": 390, "menu": 0}

        # In Norwegian and in Arabic: the page and its menu keep within the phone, the
        # header's name and "Logg ut" each take one line.
        for language in ("nb", "ar"):
            await page.goto(f"{base}/language?lang={language}&next=/")
            for target in ("/", "/participants", "/participants/P1", "/deadlines", "/attendance"):
                await page.goto(base + target)
                assert await page.evaluate(OVERFLOW) == {"page": 390, "menu": 0}, target
                for line in ("header .who", "header .link-button"):
                    box = await page.locator(line).bounding_box()
                    assert box is not None and box["height"] < 30, (language, target, line)
