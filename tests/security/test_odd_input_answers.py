"""What odd input gets, exactly: a clear 400 in the user's language (or, in the bot, a
clear answer with nothing lost), on SQLite and PostgreSQL alike."""

from __future__ import annotations

from base64 import b64encode

import pytest

from backend.models import Absence, ChatState, LinkRole, Participant, Unit
from tests.support.telegram import RunningBot
from tests.support.world import build_world, link
from tests.web.conftest import Web

NUL_REFUSED = "Teksten har et usynlig tegn (NUL) som ikke kan lagres. Skriv teksten inn på nytt."
NUL_REFUSED_EN = (
    "The text has an invisible character (NUL) that cannot be stored. Type the text again."
)
KARI, LISE = 1001, 1003


async def test_nul_in_a_form_is_refused_and_nothing_changes(web: Web) -> None:
    await web.sign_in(web.coordinator)
    response = await web.post(
        "/unit/settings",
        {"name": "Arbeid\x00", "roster_time": "09:30", "evaluation_every_months": "6"},
    )
    assert response.status == 400
    assert await response.text() == NUL_REFUSED
    assert (await Unit.get(code="AOK")).name == "Arbeid og kvalifisering"


async def test_nul_is_refused_in_the_users_language(web: Web) -> None:
    await web.sign_in(web.coordinator)
    web.client.session.cookie_jar.update_cookies({"frammote_lang": "en"})
    response = await web.client.get("/participants", params={"q": "Kari\x00"})
    assert response.status == 400
    assert await response.text() == NUL_REFUSED_EN


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/attendance/P1/2026-04-07", {"status": "present", "remark": "sent\x00"}),
        ("POST", "/api/invites", {"role": "relative", "for": "P1", "relative_name": ["M\x00r"]}),
        ("PATCH", "/api/participants/P1/criteria", {"criteria": {"wants_service\x00": True}}),
        ("GET", "/api/participants/P\x001", None),
        ("GET", "/api/audit?action=a%00", None),
    ],
)
async def test_nul_anywhere_in_an_api_call_is_a_clear_400(
    web: Web, method: str, path: str, body: object
) -> None:
    await web.sign_in(web.coordinator)
    response = await web.client.request(method, path, json=body, headers={"X-CSRF-Token": web.csrf})
    assert response.status == 400
    assert await response.json() == {"error": NUL_REFUSED}


async def test_an_import_file_with_nul_is_not_text(web: Web) -> None:
    await web.sign_in(web.coordinator)
    nul = "id;navn;fødselsdato\nP9;Ni\x00na;1990-01-01\n".encode()
    response = await web.post(
        "/import/preview", {"content": b64encode(nul).decode(), "filename": "liste.csv"}
    )
    assert response.status == 400
    assert "Filen er ikke tekst i UTF-8 eller Windows-1252" in await response.text()
    # UTF-16 (zero bytes all through) is named for what it is.
    utf16 = "id;navn;fødselsdato\nP9;Nina;1990-01-01\n".encode("utf-16")
    response = await web.post(
        "/import/preview", {"content": b64encode(utf16).decode(), "filename": "liste.csv"}
    )
    assert response.status == 400
    assert "Filen er lagret som UTF-16." in await response.text()
    assert not await Participant.exists(code="P9")


@pytest.mark.parametrize(
    "path",
    ["/links/²/consent", "/links/①/withdraw", "/invites/٣/revoke", "/links/1000000000/consent"],
)
async def test_unicode_digits_in_an_id_are_not_found(web: Web, path: str) -> None:
    await web.sign_in(web.coordinator)
    response = await web.post(path, {"confirmed": "on"})
    assert response.status == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/absences/²/note", 404),
        ("/api/invites/①/revoke", 404),
        ("/deadlines?weeks=²", 200),  # the default of 8 weeks
        ("/api/deadlines?weeks=①", 200),
        ("/audit?before=²", 200),  # from the newest
        ("/api/audit?before=①", 200),
        ("/reports/payroll.visma?month=2026-04&run=²", 400),  # no such run
        ("/attendance?saved=²", 200),
    ],
)
async def test_unicode_digits_in_numbers_get_an_answer(web: Web, path: str, status: int) -> None:
    await web.sign_in(web.coordinator)
    method = "POST" if path.endswith("revoke") else "GET"
    response = await web.client.request(
        method, path, headers={"X-CSRF-Token": web.csrf}, allow_redirects=False
    )
    assert response.status == status


async def test_a_very_long_code_is_not_found(web: Web) -> None:
    await web.sign_in(web.coordinator)
    assert (await web.client.get("/participants/" + "x" * 500)).status == 404
    response = await web.client.get("/api/participants/" + "x" * 500)
    assert response.status == 404


async def test_year_9999_is_refused_with_the_years_allowed(web: Web) -> None:
    await web.sign_in(web.coordinator)
    response = await web.client.get("/api/absences", params={"from": "9999-12-31"})
    assert response.status == 400
    assert await response.json() == {"error": "Velg en dato mellom år 1900 og 2100"}
    page = await web.client.get("/absences", params={"from": "9999-12-31"})
    assert page.status == 400
    assert "Velg en dato mellom år 1900 og 2100" in await page.text()


async def test_a_too_long_override_note_is_a_message_not_an_error(web: Web) -> None:
    await web.sign_in(web.coordinator)
    form = [("code", "P9"), ("name", "Nina"), ("birth_date", "1990-01-01"), ("weekdays", "1"),
            ("start", "09:00"), ("end", "14:00"), ("contact", "S1"),
            ("override_note", "x" * 2001)]  # fmt: skip
    response = await web.post("/participants", form)
    assert response.status == 400
    assert "Feltet «Begrunnelse» er for langt" in await response.text()
    assert not await Participant.exists(code="P9")


async def test_a_note_with_nul_is_kept_without_it(bot: RunningBot) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    stored = await kari.send("Vondt i\x00 magen\x00")
    assert stored.text.startswith("Takk! Det er lagret. Bare de ansatte kan se det.")
    absence = await Absence.get(participant_id=world.kari.id)
    assert absence.note == "Vondt i magen"
    assert not await ChatState.exists(chat_id=KARI, step="absence_note")  # answered


async def test_a_typed_absence_in_year_9999_is_not_a_date(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    answer = await kari.send("syk 31.12.9999")
    assert "Beklager" not in answer.text
    assert not await Absence.exists()
