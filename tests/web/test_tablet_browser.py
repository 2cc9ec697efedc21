"""The check-in tablet in headless Chromium at a tablet's size, by touch: pair with a code,
tap in, tap out (with its question), lose the network and tap (the taps wait, the banner
says so), get it back (they are sent, with their own time), and be unpaired from the
leaders' page (the tablet shows the pairing screen). A server error is told apart from no
network, a tap the server refuses leaves the queue with a message, and a mistaken "Gått"
is undone on its tile until staff have confirmed the day. Screenshots land in
FRAMMOTE_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, Route, expect

from backend.access import sign_in as auth
from backend.checkin import pairing, pictures, proposals
from backend.checkin.demo import drawn_face
from backend.models import AttendanceDay, AuditEvent, CheckIn, Participant
from backend.people import registry as people
from tests.support.telegram import OSLO, Clock
from tests.web.browser import chromium, live_app
from tests.web.conftest import Web

TABLET = {"width": 1280, "height": 800}
PORTRAIT = {"width": 800, "height": 1280}


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 4, 7, hour, minute, tzinfo=OSLO)


async def _shot(page: Page, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("FRAMMOTE_SCREENSHOTS") or tmp_path)
    await page.screenshot(path=str(folder / f"{name}.png"))


async def test_the_tablet_at_the_door_by_touch(web: Web, clock: Clock, tmp_path: Path) -> None:
    clock.set(2026, 4, 7, 8, 55)  # Tuesday: Kari and Siri are expected, Ola is not
    await people.add_participant(
        people.NewParticipant(
            "AOK", "P3", "Siri Annen", date(1980, 2, 3), frozenset({2, 4}), time(10), time(14), "S1"
        ),
        actor="test",
        today=clock().date(),
    )
    kari = web.world.kari
    siri = await Participant.get(code="P3")
    # Kari's photo (drawn, consent recorded); Siri has the bicycle.
    await pictures.save(web.world.leader, kari, clock(), symbol=None, consent=True,
                        upload=drawn_face())  # fmt: skip
    await pictures.save(web.world.leader, siri, clock(), symbol="bike", consent=False)
    code = (await pairing.new_code(web.world.leader, "Inngangen", clock())).code
    async with live_app(clock) as base, chromium() as browser:
        context = await browser.new_context(
            viewport=TABLET,
            has_touch=True,
            is_mobile=True,
            timezone_id="Europe/Oslo",
            locale="nb-NO",
        )
        tablet = await context.new_page()
        tablet.set_default_timeout(5000)
        await tablet.clock.set_fixed_time(at(8, 58))
        errors: list[str] = []
        tablet.on("pageerror", lambda error: errors.append(str(error)))

        # Pairing: the code from the leaders' page, typed once.
        await tablet.goto(base + "/tablet")
        assert await tablet.get_by_role("heading", level=1).inner_text() == "Koble til nettbrettet"
        await tablet.get_by_label("Kode").fill(code[:3] + " " + code[3:])
        await tablet.get_by_role("button", name="Koble til").tap()
        await tablet.locator(".tiles").wait_for()
        assert tablet.url == base + "/tablet"
        cookie = next(c for c in await context.cookies() if c["name"] == "frammote_tablet")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        tiles = tablet.locator(".tile")
        assert await tiles.all_inner_texts() == [
            "Kari\nTrykk når du kommer",
            "🚲\nSiri\nTrykk når du kommer",
        ]  # first names only, not Ola (not a Tuesday of his)
        assert await tablet.locator("a, nav, input").count() == 0  # nothing else on the screen
        photo = tablet.locator(f'.tile[data-participant="{kari.id}"] img.face')
        assert await photo.evaluate("image => image.complete && image.naturalWidth") == 400
        await _shot(tablet, tmp_path, "tablet-1-morning")

        # Kari arrives: one tap, and her tile turns green with the time.
        clock.set(2026, 4, 7, 8, 59)
        kari_tile = tablet.locator(f'.tile[data-participant="{kari.id}"]')
        await kari_tile.tap()
        await tablet.locator(".tile.queued").wait_for(state="detached")
        assert await kari_tile.locator(".status").inner_text() == "Inne 08:58"
        assert "state-in" in (await kari_tile.get_attribute("class") or "")
        visit = await CheckIn.get(participant_id=kari.id)
        assert visit.in_at == at(8, 58)
        box = await kari_tile.bounding_box()
        assert box is not None and box["width"] >= 200 and box["height"] >= 240  # big targets

        # Kari leaves: a tap asks first; a double tap does not answer the question.
        clock.set(2026, 4, 7, 14, 10)
        await tablet.clock.set_fixed_time(at(14, 8))
        await kari_tile.tap()
        ask = tablet.get_by_role("dialog")
        await ask.wait_for()
        assert await tablet.locator("#ask-text").inner_text() == "Skal Kari gå nå?"
        assert await ask.get_by_role("button", name="Ja, jeg går").is_disabled()
        await _shot(tablet, tmp_path, "tablet-2-leaving-question")
        await ask.get_by_role("button", name="Nei").tap(timeout=3000)  # enabled after a moment
        assert await ask.is_hidden()
        assert await CheckIn.filter(out_at__isnull=False).count() == 0
        await kari_tile.tap()
        await ask.get_by_role("button", name="Ja, jeg går").tap(timeout=3000)
        await tablet.locator(".tile.queued").wait_for(state="detached")
        assert await kari_tile.locator(".status").inner_text() == "Gått 14:08"
        await visit.refresh_from_db()
        assert visit.out_at == at(14, 8)

        # The network is lost: Siri's tap waits on the tablet, and the banner says so.
        siri_tile = tablet.locator(f'.tile[data-participant="{siri.id}"]')
        await context.set_offline(True)
        await tablet.clock.set_fixed_time(at(14, 15))
        await siri_tile.tap()
        banner = tablet.locator(".offline")
        await banner.wait_for()
        await expect(banner).to_have_text(
            "Ingen nett. Trykkene lagres her og sendes når nettet er tilbake. "
            "Venter på å bli sendt: 1"
        )
        assert await siri_tile.locator(".status").inner_text() == "Inne 14:15"
        await _shot(tablet, tmp_path, "tablet-3-offline")
        assert await CheckIn.filter(participant_id=siri.id).count() == 0
        # Back online a few minutes later: sent, with the tap's own time.
        clock.set(2026, 4, 7, 14, 21)
        await tablet.clock.set_fixed_time(at(14, 21))
        await context.set_offline(False)
        await banner.wait_for(state="hidden")
        recorded = await CheckIn.get(participant_id=siri.id)
        assert recorded.in_at == at(14, 15)
        assert await tablet.evaluate("localStorage.getItem('frammote.tablet.queue')") == "[]"

        # Portrait, as the tablet may hang.
        await tablet.set_viewport_size(PORTRAIT)
        await tablet.reload()
        assert await tiles.count() == 2
        await _shot(tablet, tmp_path, "tablet-4-portrait")
        await tablet.set_viewport_size(TABLET)

        # The contact person confirms Kari's day on the attendance page with one tap.
        desk = await browser.new_context(viewport={"width": 1280, "height": 900})
        staff = await desk.new_page()
        staff.set_default_timeout(5000)
        await staff.goto(base + await auth.issue_login_link(web.world.leader, clock()))
        await staff.get_by_role("button", name="Logg inn").click()
        await staff.wait_for_url(base + "/")
        await staff.goto(base + "/attendance?month=2026-04")
        proposals = staff.locator("section.proposals")
        assert "Kari Nordmann" in await proposals.inner_text()
        await _shot(staff, tmp_path, "staff-1-proposals")
        await proposals.get_by_role("button", name=re.compile("^Bekreft 5,25 t")).click()
        await staff.wait_for_url(re.compile(r"saved=1"))
        record = await AttendanceDay.get(participant_id=kari.id)
        assert Decimal(record.hours) == Decimal("5.25")  # 08:58-14:08 is 5 h 10 min: 5.25

        # The leader unpairs the tablet: its next tap shows the pairing screen.
        await staff.goto(base + "/tablets")
        assert "Inngangen" in await staff.locator("main table").inner_text()
        await _shot(staff, tmp_path, "staff-2-tablets")
        staff.on("dialog", lambda dialog: dialog.accept())
        await staff.get_by_role("button", name="Koble fra Inngangen").click()
        await staff.wait_for_url(base + "/tablets?saved=1")
        await siri_tile.tap()
        await ask.get_by_role("button", name="Ja, jeg går").tap(timeout=3000)
        await tablet.get_by_role("heading", name="Koble til nettbrettet").wait_for()
        await _shot(tablet, tmp_path, "tablet-5-unpaired")
        assert not [c for c in await context.cookies() if c["name"] == "frammote_tablet"]
        assert errors == []
        await desk.close()
        await context.close()


async def _board(
    web: Web, clock: Clock, browser: Browser, base: str
) -> tuple[BrowserContext, Page]:
    """A paired tablet at 1280x800 by touch, on the board."""
    made = await pairing.new_code(web.world.leader, "Inngangen", clock())
    token = (await pairing.pair(made.code, clock(), remote="127.0.0.1")).token
    context = await browser.new_context(
        viewport=TABLET, has_touch=True, is_mobile=True, timezone_id="Europe/Oslo", locale="nb-NO"
    )
    tablet = await context.new_page()
    tablet.set_default_timeout(5000)
    await tablet.clock.set_fixed_time(clock())
    await tablet.goto(f"{base}/tablet/open/{token}")
    await tablet.locator(".tiles").wait_for()
    return context, tablet


async def test_a_server_error_is_not_no_network_and_a_refused_tap_is_dropped(
    web: Web, clock: Clock, tmp_path: Path
) -> None:
    clock.set(2026, 4, 7, 8, 55)
    kari = web.world.kari
    async with live_app(clock) as base, chromium() as browser:
        context, tablet = await _board(web, clock, browser, base)
        errors: list[str] = []
        tablet.on("pageerror", lambda error: errors.append(str(error)))
        kari_tile = tablet.locator(f'.tile[data-participant="{kari.id}"]')
        banner = tablet.locator(".offline")

        # The server answers 500: the tap waits, and the banner says the server failed.
        async def failing(route: Route) -> None:
            await route.fulfill(status=500, body="Internal Server Error")

        await tablet.route("**/tablet/tap", failing)
        await kari_tile.tap()
        await expect(banner).to_have_text(
            "Serveren svarte med en feil. Trykkene venter her og sendes på nytt. "
            "Venter på å bli sendt: 1"
        )
        assert "server" in (await banner.get_attribute("class") or "")
        assert await kari_tile.locator(".status").inner_text() == "Inne 08:55"
        await _shot(tablet, tmp_path, "tablet-6-server-error")
        assert await CheckIn.all().count() == 0

        # A page that is no answer to a tap (a proxy's, with 200) is no better: still waits.
        async def portal(route: Route) -> None:
            await route.fulfill(status=200, content_type="text/html", body="<p>Logg inn</p>")

        await tablet.unroute("**/tablet/tap")
        await tablet.route("**/tablet/tap", portal)
        await tablet.evaluate("window.dispatchEvent(new Event('online'))")  # sent again now
        await expect(banner).to_contain_text("Serveren svarte med en feil.")
        assert await CheckIn.all().count() == 0

        # The server is back: the waiting tap is sent by itself (every 5 s), its time its own.
        await tablet.unroute("**/tablet/tap")
        clock.set(2026, 4, 7, 8, 57)
        await banner.wait_for(state="hidden", timeout=8000)
        assert (await CheckIn.get()).in_at == at(8, 55)

        # A tap the server refuses (the tablet's clock half an hour ahead) is not sent again:
        # it leaves the queue, the board shows the server's state, and a message says why.
        await tablet.clock.set_fixed_time(at(9, 30))
        await kari_tile.tap()
        ask = tablet.get_by_role("dialog")
        await ask.get_by_role("button", name="Ja, jeg går").tap(timeout=3000)
        refused = tablet.locator(".refused")
        await expect(refused).to_have_text(
            "Ikke lagret for Kari: Trykket har et tidspunkt fram i tid."
        )
        await tablet.wait_for_load_state()
        await expect(kari_tile.locator(".status")).to_have_text("Inne 08:55")  # read anew
        await expect(refused).to_be_visible()  # kept over the reload
        assert await tablet.evaluate("localStorage.getItem('frammote.tablet.queue')") == "[]"
        assert await banner.is_hidden()
        await _shot(tablet, tmp_path, "tablet-7-refused")
        assert (await CheckIn.get()).out_at is None
        assert errors == []
        await context.close()


async def test_a_mistaken_gone_is_undone_on_the_tile_until_staff_confirm(
    web: Web, clock: Clock, tmp_path: Path
) -> None:
    clock.set(2026, 4, 7, 8, 58)
    kari = web.world.kari
    async with live_app(clock) as base, chromium() as browser:
        context, tablet = await _board(web, clock, browser, base)
        errors: list[str] = []
        tablet.on("pageerror", lambda error: errors.append(str(error)))
        kari_tile = tablet.locator(f'.tile[data-participant="{kari.id}"]')
        ask = tablet.get_by_role("dialog")
        await kari_tile.tap()
        await tablet.locator(".tile.queued").wait_for(state="detached")
        clock.set(2026, 4, 7, 11, 0)
        await tablet.clock.set_fixed_time(at(11, 0))
        await kari_tile.tap()
        await ask.get_by_role("button", name="Ja, jeg går").tap(timeout=3000)
        await expect(kari_tile.locator(".status")).to_have_text("Gått 11:00")
        await tablet.locator(".tile.queued").wait_for(state="detached")

        # A tap on the gone tile asks; a double tap does not answer; "Nei" changes nothing.
        clock.set(2026, 4, 7, 11, 2)
        await tablet.clock.set_fixed_time(at(11, 2))
        await kari_tile.tap()
        await ask.wait_for()
        assert await tablet.locator("#ask-text").inner_text() == "Er Kari tilbake?"
        yes = ask.get_by_role("button", name="Ja, jeg er tilbake")
        assert await yes.is_disabled()
        await _shot(tablet, tmp_path, "tablet-8-back-question")
        await ask.get_by_role("button", name="Nei").tap(timeout=3000)
        assert await ask.is_hidden()
        assert await kari_tile.locator(".status").inner_text() == "Gått 11:00"
        await kari_tile.tap()
        await yes.tap(timeout=3000)
        await expect(kari_tile.locator(".status")).to_have_text("Inne 08:58")
        await tablet.locator(".tile.queued").wait_for(state="detached")
        visit = await CheckIn.get()
        assert (visit.in_at, visit.out_at) == (at(8, 58), None)
        assert await AuditEvent.filter(action="checkin.back").count() == 1
        await _shot(tablet, tmp_path, "tablet-9-back-in")
        # The leaving question is the leaving one again.
        await kari_tile.tap()
        assert await tablet.locator("#ask-text").inner_text() == "Skal Kari gå nå?"
        await ask.get_by_role("button", name="Ja, jeg går").tap(timeout=3000)
        await tablet.locator(".tile.queued").wait_for(state="detached")

        # Staff confirm the day: "back" from the door is then refused, in words.
        (proposal,) = await proposals.waiting(web.world.unit.id, clock().date())
        await proposals.confirm(web.world.contact, proposal.id, clock())
        await kari_tile.tap()
        await yes.tap(timeout=3000)
        refused = tablet.locator(".refused")
        await expect(refused).to_have_text(
            "Ikke lagret for Kari: Dagen er allerede bekreftet. "
            "En ansatt kan rette den på siden Oppmøte."
        )
        await tablet.wait_for_load_state()
        await expect(kari_tile.locator(".status")).to_have_text("Gått 11:02")
        await _shot(tablet, tmp_path, "tablet-10-back-refused")
        record = await AttendanceDay.get(participant_id=kari.id)
        assert Decimal(record.hours) == Decimal("2.00")  # 08:58-11:02, as confirmed
        assert (await CheckIn.get()).out_at == at(11, 2)
        assert errors == []
        await context.close()
