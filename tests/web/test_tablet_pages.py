"""The check-in tablet over HTTP: a leader makes a code, the tablet pairs with it and gets
its own cookie, taps in and out, the visit waits on the attendance page and one tap
confirms it into pay; unpaired, the tablet shows the pairing screen again."""

from __future__ import annotations

import io
import re
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from aiohttp import FormData
from PIL import Image

from backend.models import AttendanceDay, AuditEvent, CheckIn, ParticipantPicture, Tablet
from backend.pay import payroll
from tests.security.payloads import JSON, TEXT
from tests.support.telegram import OSLO
from tests.web.conftest import Web

CODE = re.compile(r'<p class="pairing-code"[^>]*>(\d{3} \d{3})</p>')


async def _code(web: Web, name: str = "Inngangen") -> str:
    await web.sign_in(web.world.leader)
    page = await web.post("/tablets", {"name": name})
    assert page.status == 200
    found = CODE.search(await page.text())
    assert found, "the page shows the code"
    return found.group(1)


async def _pair(web: Web) -> str:
    """Pair the client as a tablet (signed out as staff); returns the tablet cookie."""
    code = await _code(web)
    web.client.session.cookie_jar.clear()
    paired = await web.client.post("/tablet/pair", data={"code": code}, allow_redirects=False)
    assert paired.status == 303 and paired.headers["Location"] == "/tablet"
    cookie = paired.cookies["frammote_tablet"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/tablet"
    assert not cookie["secure"]  # plain http on loopback; behind https it is Secure
    return cookie.value


async def _tap(web: Web, action: str, at: str, key: str, participant: int | None = None) -> Any:
    response = await web.client.post(
        "/tablet/tap",
        json={"participant": participant or web.world.kari.id, "action": action, "at": at,
              "key": key},
    )  # fmt: skip
    return response.status, await response.json()


async def test_pair_tap_in_and_out_confirm_and_pay(web: Web) -> None:
    web.clock.set(2026, 4, 7, 8, 50)
    # The leaders' page tells where the tablet goes and makes a code.
    await web.sign_in(web.world.leader)
    listing = await web.client.get("/tablets")
    assert "Ingen nettbrett er koblet til ennå." in await listing.text()
    token = await _pair(web)
    assert await Tablet.filter(name="Inngangen").count() == 1
    assert token not in str(await Tablet.all().values())  # only its hash is kept

    board = await web.client.get("/tablet")
    html = await board.text()
    assert board.status == 200 and "Trykk når du kommer" in html
    assert ">Kari</span>" in html and "Nordmann" not in html  # the first name only
    assert "Ola" not in html  # not expected on Tuesdays
    assert "<nav" not in html and "<a " not in html  # nothing else: no menu, no links

    web.clock.set(2026, 4, 7, 9, 3)
    status, answer = await _tap(web, "in", "2026-04-07T07:02:10.000Z", "tap-in-1")
    assert (status, answer) == (200, {"outcome": "done", "state": "in", "in": "09:02", "out": None})
    status, answer = await _tap(web, "in", "2026-04-07T07:02:10.000Z", "tap-in-1")  # again
    assert answer["outcome"] == "already" and answer["in"] == "09:02"
    assert "Inne 09:02" in await (await web.client.get("/tablet")).text()

    web.clock.set(2026, 4, 7, 14, 10)
    status, answer = await _tap(web, "out", "2026-04-07T12:08:00.000Z", "tap-out-1")
    assert (status, answer["state"], answer["out"]) == (200, "out", "14:08")

    # The visit waits on the attendance page: 09:02-14:08 is 5 h 6 min, proposed as 5.
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Fra nettbrettet ved døra" in page and "Bekreft 5 t" in page
    assert "09:02" in page and "14:08" in page
    assert await AttendanceDay.all().count() == 0
    visit = await CheckIn.get()
    confirmed = await web.post(f"/attendance/checkins/{visit.id}/confirm", allow_redirects=False)
    assert confirmed.status == 303
    assert confirmed.headers["Location"] == "/attendance?month=2026-04&saved=1"
    record = await AttendanceDay.get()
    assert (record.status, Decimal(record.hours)) == ("present", Decimal("5.00"))
    assert record.confirmed_by_name == "Lise Kontakt"
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Fra nettbrettet ved døra" not in page
    statement = await payroll.participant_statement(web.world.kari, 2026, 4)
    assert statement.amount_ore == 8000  # 5 hours at 16 kr

    # The leader unpairs it: its next request shows the pairing screen.
    await web.sign_in(web.world.leader)
    tablets = await (await web.client.get("/tablets")).text()
    assert "Inngangen" in tablets and "Koble fra Inngangen" in tablets
    tablet = await Tablet.get()
    gone = await web.post(f"/tablets/{tablet.id}/unpair", allow_redirects=False)
    assert gone.status == 303
    web.client.session.cookie_jar.clear()
    web.client.session.cookie_jar.update_cookies({"frammote_tablet": token})
    screen = await web.client.get("/tablet")
    assert "Koble til nettbrettet" in await screen.text()
    status, answer = await _tap(web, "in", "2026-04-07T12:09:00.000Z", "late")
    assert status == 401 and answer["paired"] is False
    assert await AuditEvent.filter(action="tablet.unpair").count() == 1


def _as_tablet(web: Web, token: str) -> None:
    web.client.session.cookie_jar.clear()
    web.client.session.cookie_jar.update_cookies({"frammote_tablet": token})


async def test_gone_by_mistake_is_undone_until_staff_have_stored_the_day(web: Web) -> None:
    web.clock.set(2026, 4, 7, 8, 50)
    token = await _pair(web)
    web.clock.set(2026, 4, 7, 11, 40)
    assert (await _tap(web, "in", "2026-04-07T07:00:00.000Z", "in-1"))[0] == 200
    assert (await _tap(web, "out", "2026-04-07T09:30:00.000Z", "out-1"))[0] == 200
    status, answer = await _tap(web, "back", "2026-04-07T09:31:00.000Z", "back-1")
    assert (status, answer) == (200, {"outcome": "done", "state": "in", "in": "09:00", "out": None})
    assert "Inne 09:00" in await (await web.client.get("/tablet")).text()
    status, answer = await _tap(web, "back", "2026-04-07T09:31:00.000Z", "back-1")  # again
    assert (status, answer["outcome"], answer["state"]) == (200, "already", "in")
    assert (await CheckIn.get()).out_at is None
    # The visit is open again on the attendance page: nothing to confirm.
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "inne nå" in page and "Bekreft " not in page
    # She leaves at noon; the contact person confirms 3 hours.
    _as_tablet(web, token)
    web.clock.set(2026, 4, 7, 12, 5)
    assert (await _tap(web, "out", "2026-04-07T10:00:00.000Z", "out-2"))[0] == 200
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Bekreft 3 t" in page
    confirmed = await web.post(f"/attendance/checkins/{(await CheckIn.get()).id}/confirm")
    assert confirmed.status == 200
    # Now "back" from the door is refused, said in the tablet's language; nothing changes.
    _as_tablet(web, token)
    status, answer = await _tap(web, "back", "2026-04-07T10:04:00.000Z", "back-2")
    assert (status, answer) == (
        400,
        {"error": "Dagen er allerede bekreftet. En ansatt kan rette den på siden Oppmøte."},
    )
    english = await web.client.post(
        "/tablet/tap",
        json={"participant": web.world.kari.id, "action": "back",
              "at": "2026-04-07T10:04:00.000Z", "key": "back-3"},
        cookies={"frammote_lang": "en"},
    )  # fmt: skip
    assert english.status == 400
    assert await english.json() == {
        "error": "The day is already confirmed. Staff can correct it on the Attendance page."
    }
    visit = await CheckIn.get()
    assert visit.out_at == datetime(2026, 4, 7, 12, 0, tzinfo=OSLO)
    record = await AttendanceDay.get()
    assert (record.status, Decimal(record.hours)) == ("present", Decimal("3.00"))
    assert await AuditEvent.filter(action="checkin.back").count() == 1


async def test_a_short_visit_says_so_and_its_day_is_recorded_by_hand(web: Web) -> None:
    web.clock.set(2026, 4, 7, 8, 50)
    await _pair(web)
    web.clock.set(2026, 4, 7, 9, 10)
    assert (await _tap(web, "in", "2026-04-07T07:00:00.000Z", "in-1"))[0] == 200
    assert (await _tap(web, "out", "2026-04-07T07:05:40.000Z", "out-1"))[0] == 200
    web.clock.set(2026, 4, 8, 10, 0)  # the next day, so the form's own day is not that day
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Kort besøk (5 min): ingen timer foreslått" in page
    assert "Bekreft " not in page
    link = "/attendance?month=2026-04&amp;participant=P1&amp;day=2026-04-07#one-day"
    assert f'<a href="{link}">Før timer selv' in page
    # The link opens the one-day form for Kari and that day.
    filled = await (
        await web.client.get("/attendance?month=2026-04&participant=P1&day=2026-04-07")
    ).text()
    assert '<option value="P1" selected>Kari Nordmann</option>' in filled
    assert 'name="day" type="date" value="2026-04-07"' in filled
    odd = await web.client.get("/attendance?month=2026-04&participant=P1&day=7.4.2026")
    assert odd.status == 200 and 'name="day" type="date" value="2026-04-08"' in await odd.text()
    saved = await web.post(
        "/attendance/day",
        {"participant": "P1", "day": "2026-04-07", "status": "present", "hours": "0,25"},
        allow_redirects=False,
    )
    assert saved.status == 303
    record = await AttendanceDay.get()
    assert (record.status, Decimal(record.hours)) == ("present", Decimal("0.25"))
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Fra nettbrettet ved døra" not in page


async def test_a_short_visit_in_english(web: Web) -> None:
    web.clock.set(2026, 4, 7, 8, 50)
    await _pair(web)
    web.clock.set(2026, 4, 7, 9, 10)
    await _tap(web, "in", "2026-04-07T07:00:00.000Z", "in-1")
    await _tap(web, "out", "2026-04-07T07:01:00.000Z", "out-1")
    await web.sign_in(web.world.contact)
    await web.client.get("/language?lang=en&next=/")
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert "Short visit (1 min): no hours proposed" in page
    assert "Record the hours yourself" in page


async def test_present_in_the_grid_stores_the_tablets_hours(web: Web) -> None:
    """Kari's decision gives her 5 hours a day; she came 09:00 and left 12:05: 3 hours."""
    web.clock.set(2026, 4, 7, 8, 50)
    await _pair(web)
    web.clock.set(2026, 4, 7, 12, 15)
    assert (await _tap(web, "in", "2026-04-07T07:00:00.000Z", "in-1"))[0] == 200
    assert (await _tap(web, "out", "2026-04-07T10:05:00.000Z", "out-1"))[0] == 200
    await web.sign_in(web.world.contact)
    saved = await web.post(
        "/attendance",
        [("month", "2026-04"), ("c:P1:2026-04-07", "present"), ("c:P1:2026-04-01", "present")],
    )
    assert saved.status in (200, 303)
    hours = {str(d.day): Decimal(d.hours) for d in await AttendanceDay.all()}
    assert hours == {"2026-04-07": Decimal("3.00"), "2026-04-01": Decimal("5.00")}


async def test_a_wrong_code_is_told_on_the_pairing_screen(web: Web) -> None:
    response = await web.client.post("/tablet/pair", data={"code": "12 34"})
    assert response.status == 400
    assert "Koden virker ikke." in await response.text()
    english = await web.client.post(
        "/tablet/pair", data={"code": "000000"}, cookies={"frammote_lang": "en"}
    )
    assert english.status == 400
    assert "The code does not work. Ask a leader for a new code on the “Tablets” page." in (
        await english.text()
    )


async def test_a_refused_tap_says_why(web: Web) -> None:
    web.clock.set(2026, 4, 7, 10, 0)
    await _pair(web)
    status, answer = await _tap(web, "in", "2026-04-06T08:00:00.000Z", "yesterday")
    assert (status, answer) == (400, {"error": "Trykket er fra en annen dag."})
    status, answer = await _tap(web, "in", "2026-04-07T08:00:00Z", "k", web.world.ola.id)
    assert (status, answer) == (400, {"error": "Denne personen er ikke ventet i dag."})
    assert await CheckIn.all().count() == 0


def _variants() -> list[dict[str, object]]:
    base: dict[str, object] = {"participant": 1, "action": "in", "at": "2026-04-07T09:00:00+02:00",
                               "key": "k1"}  # fmt: skip
    found = [base]
    for field in base:
        found += [{**base, field: value} for value in [*TEXT, *JSON]]
        found.append({k: v for k, v in base.items() if k != field})
    return found


async def test_odd_taps_get_no_server_error(web: Web) -> None:
    web.clock.set(2026, 4, 7, 10, 0)
    await _pair(web)
    failures = []
    for body in [*_variants(), [], "x", 5]:
        response = await web.client.post("/tablet/tap", json=body)
        if response.status >= 500:
            failures.append((response.status, str(body)[:80]))
    raw = await web.client.post(
        "/tablet/tap", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert raw.status == 400
    assert failures == []


def _png(size: tuple[int, int] = (600, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, "PNG")
    return out.getvalue()


async def _upload(web: Web, filename: str, data: bytes, **fields: str) -> Any:
    form = FormData()
    form.add_field("csrf_token", web.csrf)
    for name, value in fields.items():
        form.add_field(name, value)
    form.add_field("photo", data, filename=filename, content_type="application/octet-stream")
    return await web.client.post("/participants/P1/picture", data=form, allow_redirects=False)


async def test_a_photo_upload_with_consent_a_bad_file_told_and_the_symbol(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Nettbrettet ved døra" in page and 'value="sun"' in page
    refused = await _upload(web, "kari.png", _png(), symbol="sun")  # no consent ticked
    assert refused.status == 400
    assert "Et bilde kan bare lagres når deltakeren har samtykket." in await refused.text()
    bad = await _upload(web, "kari.png", b"this is not a picture", photo_consent="on")
    assert bad.status == 400
    assert "Filen er ikke et bilde som kan leses. Bruk JPEG, PNG eller WebP." in await bad.text()
    english = await web.client.get("/language?lang=en&next=/")
    assert english.status == 200
    bad_en = await _upload(web, "kari.png", b"GIF89a", photo_consent="on")
    assert "The file is not a picture that can be read. Use JPEG, PNG or WebP." in (
        await bad_en.text()
    )
    await web.client.get("/language?lang=nb&next=/")
    saved = await _upload(web, "kari.png", _png(), symbol="sun", photo_consent="on")
    assert saved.status == 303
    picture = await ParticipantPicture.get()
    assert picture.symbol == "sun" and picture.photo is not None
    photo = await web.client.get("/participants/P1/photo")
    assert photo.status == 200 and photo.content_type == "image/jpeg"
    with Image.open(io.BytesIO(await photo.read())) as image:
        assert image.size == (360, 480)
    page = await (await web.client.get("/participants/P1")).text()
    assert "av Per Leder." in page and "staff:S2" not in page  # who, by name
    # A contact person sees the photo but does not change the tile.
    await web.sign_in(web.world.contact)
    assert (await web.client.get("/participants/P1/photo")).status == 200
    assert (await _upload(web, "x.png", _png(), photo_consent="on")).status == 403


@pytest.mark.parametrize("moment", ["2026-04-07T09:00:00", "2026-04-07T09:00:00+02:00"])
async def test_a_tap_time_without_a_zone_is_the_service_s(web: Web, moment: str) -> None:
    web.clock.set(2026, 4, 7, 10, 0)
    await _pair(web)
    status, answer = await _tap(web, "in", moment, "k-zone")
    assert status == 200 and answer["in"] == "09:00"
    assert (await CheckIn.get()).in_at == datetime(2026, 4, 7, 9, 0, tzinfo=OSLO)


async def test_behind_https_the_tablet_cookie_is_secure(web: Web) -> None:
    code = await _code(web)
    web.client.session.cookie_jar.clear()
    paired = await web.client.post(
        "/tablet/pair",
        data={"code": code},
        headers={"X-Forwarded-Proto": "https"},
        allow_redirects=False,
    )
    assert paired.status == 303
    cookie = paired.cookies["frammote_tablet"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Strict"


async def test_a_file_beyond_the_request_limit_gets_a_page_in_words(web: Web) -> None:
    await web.sign_in(web.world.leader)
    form = FormData()
    form.add_field("csrf_token", web.csrf)
    form.add_field("photo_consent", "on")
    form.add_field("photo", b"\0" * (5 * 1024 * 1024 + 1), filename="big.png")
    response = await web.client.post(
        "/participants/P1/picture", data=form, headers={"Accept": "text/html"}
    )
    assert response.status == 413
    page = await response.text()
    assert "Det som ble sendt, er for stort. Send en mindre fil." in page
    assert "Maximum request body size" not in page
    assert not await ParticipantPicture.exists()
