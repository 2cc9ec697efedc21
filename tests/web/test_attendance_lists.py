"""Attendance lists for NAV on /reports and /api/attendance-lists/{code}: preview, PDF and
CSV downloads, the default period, and refusals that read and write nothing."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from backend.access import sign_in as auth
from backend.attendance import marking as attendance
from backend.models import AttendanceStatus, AuditEvent, Participant
from backend.people import registry as people
from backend.web.security import LANGUAGE_COOKIE
from tests.web.conftest import Web

APRIL = {"participant": "P1", "from": "2026-04-01", "to": "2026-04-10"}


async def marked_april(web: Web) -> None:
    """Kari (Mon–Fri 09–14): two present days (one short, with a remark), one unnotified."""
    web.clock.set(2026, 4, 30, 15, 0)
    kari = await Participant.get(code="P1")
    now = web.clock()
    marks = [
        (date(2026, 4, 7), AttendanceStatus.PRESENT, None, None),
        (date(2026, 4, 8), AttendanceStatus.PRESENT, "4.5", "Gikk tidlig"),
        (date(2026, 4, 9), AttendanceStatus.ABSENT_UNNOTIFIED, None, None),
    ]
    for day, status, hours, remark in marks:
        await attendance.mark_day(
            kari, day, status, hours, actor_staff=web.world.contact, now=now, remark=remark
        )


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads æøå right
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def day_rows(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows if row and row[0][:2].isdigit() and row[0][2] == "."}


async def list_audits() -> int:
    return await AuditEvent.filter(action="attendance_list.make").count()


async def test_reports_offers_the_form_with_the_participants_and_a_default_period(web: Web) -> None:
    web.clock.set(2026, 4, 30, 15, 0)
    await web.sign_in(web.world.contact)  # every staff role may make the lists
    text = await (await web.client.get("/reports")).text()
    assert 'action="/reports/attendance-list/download"' in text
    assert 'value="P1" data-first="2026-04-17" data-last="2026-04-30"' in text  # last 14 days
    assert 'value="P2"' in text and "Ola Hansen (P2)" in text
    assert 'name="from" type="date" value="2026-04-17"' in text
    assert 'name="to" type="date" value="2026-04-30"' in text


async def test_the_default_period_is_the_latest_nav_fortnight(web: Web) -> None:
    change = people.DecisionChange(list_start=date(2026, 3, 2), nav_followed=True)
    await people.update_decision("P2", change, actor="test", today=date(2026, 4, 7))
    web.clock.set(2026, 4, 30, 15, 0)
    await web.sign_in(web.coordinator)
    text = await (await web.client.get("/reports?participant=P2")).text()
    # Deliveries every 14 days from 2 March: 16 and 30 March, 13 and 27 April.
    assert 'value="P2" data-first="2026-04-13" data-last="2026-04-26" selected' in text
    assert 'name="from" type="date" value="2026-04-13"' in text
    # The API without dates takes the same period.
    made = await web.client.get("/api/attendance-lists/P2?format=csv")
    assert made.status == 200
    assert "frammoteliste-P2-2026-04-13-2026-04-26.csv" in made.headers["Content-Disposition"]


async def test_preview_shows_the_rows_and_totals_and_is_audited(web: Web) -> None:
    await marked_april(web)
    await web.sign_in(web.world.contact)
    response = await web.client.get("/reports/attendance-list", params=APRIL)
    text = await response.text()
    assert response.status == 200, text
    assert "Frammøteliste for Kari Nordmann" in text
    assert '<tr class="kind-present" data-day="2026-04-07">' in text
    row = text.split('data-day="2026-04-08">', 1)[1].split("</tr>", 1)[0]
    assert "Til stede" in row and "5,00" in row and "4,50" in row and "Gikk tidlig" in row
    closed = text.split('data-day="2026-04-06">', 1)[1].split("</tr>", 1)[0]
    assert "Stengt" in closed and "påskedag" in closed
    assert 'data-day="2026-04-04"' not in text  # a Saturday: no row
    assert "Borte, ikke meldt" in text
    assert "Planlagte dager" in text and "Sum for perioden" in text
    assert await list_audits() == 1
    event = await AuditEvent.get(action="attendance_list.make")
    assert event.actor == "staff:S1" and event.subject == "participant:P1"


async def test_pdf_and_csv_downloads(web: Web) -> None:
    await marked_april(web)
    await web.sign_in(web.world.contact)
    pdf = await web.client.get(
        "/reports/attendance-list/download", params=APRIL | {"format": "pdf"}
    )
    assert pdf.status == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"] == (
        'attachment; filename="frammoteliste-P1-2026-04-01-2026-04-10.pdf"'
    )
    assert (await pdf.read()).startswith(b"%PDF")
    made = await web.client.get(
        "/reports/attendance-list/download", params=APRIL | {"format": "csv"}
    )
    assert made.status == 200
    assert made.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = day_rows(csv_rows(await made.read()))
    assert list(rows) == [
        "01.04.2026", "02.04.2026", "03.04.2026", "06.04.2026",
        "07.04.2026", "08.04.2026", "09.04.2026", "10.04.2026",
    ]  # fmt: skip
    assert rows["07.04.2026"] == ["07.04.2026", "tir", "Til stede", "5,00", "5,00", "", "", ""]
    assert rows["08.04.2026"][2:] == ["Til stede", "5,00", "4,50", "", "", "Gikk tidlig"]
    assert rows["09.04.2026"][2:5] == ["Borte, ikke meldt", "5,00", "0,00"]
    assert rows["02.04.2026"][:5] == ["02.04.2026", "tor", "Stengt", "0,00", "0,00"]
    assert rows["10.04.2026"][2] == "Ikke bekreftet"
    assert await list_audits() == 2


async def test_the_file_is_in_the_users_language(web: Web) -> None:
    await marked_april(web)
    await web.sign_in(web.world.contact)
    web.client.session.cookie_jar.update_cookies({LANGUAGE_COOKIE: "en"})
    made = await web.client.get(
        "/reports/attendance-list/download", params=APRIL | {"format": "csv"}
    )
    rows = day_rows(csv_rows(await made.read()))
    assert rows["07.04.2026"][1:5] == ["Tue", "Present", "5.00", "5.00"]


BAD_INPUT = [
    ({"participant": "P9"}, "Fant ikke den deltakeren ved enheten din"),
    ({"participant": ""}, "Velg en deltaker"),
    ({"from": "1. april"}, "Ikke en dato (ÅÅÅÅ-MM-DD): 1. april"),
    ({"to": "2026-02-30"}, "Ikke en dato (ÅÅÅÅ-MM-DD): 2026-02-30"),
    ({"from": "2026-04-10", "to": "2026-04-01"}, "Startdatoen må komme før sluttdatoen"),
    ({"from": "1900-01-01"}, "Velg en dato mellom år 2000 og 2100"),
    ({"from": "2025-01-01", "to": "2026-04-10"}, "En liste kan gjelde høyst 400 dager"),
    ({"format": "xlsx"}, "Velg PDF eller CSV"),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUT, ids=[m for _c, m in BAD_INPUT])
async def test_bad_input_is_refused_with_a_message_and_nothing_written(
    web: Web, change: dict[str, str], message: str
) -> None:
    await marked_april(web)
    await web.sign_in(web.coordinator)
    before = await AuditEvent.all().count()
    asked = APRIL | {"format": "pdf"} | change
    for path in ("/reports/attendance-list", "/reports/attendance-list/download"):
        response = await web.client.get(path, params=asked)
        text = await response.text()
        assert response.status == 400, path
        assert response.content_type == "text/html"
        assert 'role="alert"' in text and message in text, path
    if asked["participant"]:  # the API names the participant in its path
        query = {k: v for k, v in asked.items() if k != "participant"}
        api = await web.client.get(f"/api/attendance-lists/{asked['participant']}", params=query)
        if asked["participant"] == "P9":
            assert api.status == 404
        else:
            assert api.status == 400
            assert (await api.json())["error"] == message
    assert await AuditEvent.all().count() == before


async def test_a_refusal_is_in_the_users_language(web: Web) -> None:
    await web.sign_in(web.coordinator)
    web.client.session.cookie_jar.update_cookies({LANGUAGE_COOKIE: "en"})
    asked = APRIL | {"from": "2026-04-10", "to": "2026-04-01"}
    response = await web.client.get("/reports/attendance-list/download", params=asked)
    assert response.status == 400
    assert "The start date must come before the end date" in await response.text()


async def test_the_menu_page_shows_the_form_alone(web: Web) -> None:
    await web.sign_in(web.world.leader)
    response = await web.client.get("/reports/attendance-list")
    text = await response.text()
    assert response.status == 200
    assert 'id="al-participant"' in text and "<table" not in text
    assert await list_audits() == 0


async def test_the_api_returns_the_file_with_a_bearer_token(web: Web) -> None:
    await marked_april(web)
    path = await auth.issue_login_link(web.world.contact, web.clock())
    signed = await web.client.post("/api/sessions", json={"token": path.rsplit("/", 1)[1]})
    bearer = {"Authorization": f"Bearer {(await signed.json())['access_token']}"}
    query = {"from": "2026-04-01", "to": "2026-04-10"}
    pdf = await web.client.get("/api/attendance-lists/P1", params=query, headers=bearer)
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert (await pdf.read()).startswith(b"%PDF")
    made = await web.client.get(
        "/api/attendance-lists/P1", params=query | {"format": "csv"}, headers=bearer
    )
    assert made.headers["Content-Disposition"] == (
        'attachment; filename="frammoteliste-P1-2026-04-01-2026-04-10.csv"'
    )
    rows = day_rows(csv_rows(await made.read()))
    assert rows["06.04.2026"][2] == "Stengt"
    assert rows["07.04.2026"][2:5] == ["Til stede", "5,00", "5,00"]
    assert await list_audits() == 2
