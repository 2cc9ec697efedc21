"""The coordinator's data-rights buttons on a participant's page: download, erase with a check."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    Participant,
)
from backend.people.ending import end_service
from tests.support.world import NOW
from tests.web.conftest import Web


async def test_only_the_coordinator_sees_the_data_rights_section(web: Web) -> None:
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/participants/P1")).text()
    assert 'href="/participants/P1/export?format=pdf"' in page
    assert 'href="/participants/P1/export?format=json"' in page
    assert "Opplysningene kan slettes når tjenesten er avsluttet." in page
    assert 'href="/participants/P1/erase"' not in page  # still in service
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P1")).text()
    assert "/export?" not in page and "Personvern" not in page


async def test_the_coordinator_downloads_everything_and_it_is_logged(web: Web) -> None:
    await Absence.create(
        participant=web.world.kari, day=date(2026, 4, 8), category=AbsenceCategory.SICK,
        note="Legetime", reporter_name="Kari Nordmann", channel="telegram",
    )  # fmt: skip
    await web.sign_in(web.coordinator)
    got = await web.client.get("/participants/P1/export?format=json")
    assert got.status == 200
    assert got.headers["Content-Type"] == "application/json"
    assert "personopplysninger-P1-2026-04-07.json" in got.headers["Content-Disposition"]
    data = json.loads(await got.read())
    assert data["participant"]["name"] == "Kari Nordmann"
    assert [a["note"] for a in data["absences"]] == ["Legetime"]
    pdf = await web.client.get("/participants/P1/export?format=pdf")
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF-")
    events = await AuditEvent.filter(action="person.export").order_by("id")
    assert [(e.actor, e.subject, e.detail["format"]) for e in events] == [
        ("staff:S3", "participant:P1", "json"),
        ("staff:S3", "participant:P1", "pdf"),
    ]
    wrong = await web.client.get("/participants/P1/export?format=docx")
    assert wrong.status == 400
    assert await AuditEvent.filter(action="person.export").count() == 2


async def test_erasing_asks_for_the_id_and_refuses_while_the_service_runs(web: Web) -> None:
    await web.sign_in(web.coordinator)
    form = await (await web.client.get("/participants/P1/erase")).text()
    assert "Avslutt tjenesten før du sletter opplysningene om P1" in form
    assert 'href="/participants/P1/decision"' in form
    assert 'name="confirm"' not in form  # nothing to type while the service runs

    running = await web.post("/participants/P1/erase", {"confirm": "P1"})
    assert running.status == 400
    assert "Avslutt tjenesten før du sletter opplysningene om P1" in await running.text()

    await end_service(web.world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    page = await (await web.client.get("/participants/P1")).text()
    assert 'href="/participants/P1/erase"' in page
    form = await (await web.client.get("/participants/P1/erase")).text()
    assert "Skriv id-en P1 for å bekrefte" in form and 'name="confirm"' in form
    assert "Avslutt tjenesten før" not in form
    wrong = await web.post("/participants/P1/erase", {"confirm": "P2"})
    assert wrong.status == 400
    assert "Skriv id-en P1 for å bekrefte at opplysningene skal slettes" in await wrong.text()
    assert (await Participant.get(code="P1")).name == "Kari Nordmann"
    assert await AuditEvent.filter(action="person.erase").count() == 0

    done = await web.post("/participants/P1/erase", {"confirm": " P1 "}, allow_redirects=False)
    assert done.status == 303
    assert done.headers["Location"] == "/participants/P1/erase"
    kari = await Participant.get(code="P1")
    assert kari.name == "Slettet deltaker" and kari.erased_at is not None
    page = await (await web.client.get("/participants/P1")).text()
    assert "Opplysningene ble slettet" in page
    event = await AuditEvent.get(action="person.erase")
    assert (event.actor, event.subject) == ("staff:S3", "participant:P1")

    again = await web.post("/participants/P1/erase", {"confirm": "P1"})
    assert again.status == 400
    assert "Opplysningene om P1 er allerede slettet" in await again.text()


async def test_the_erasure_ends_on_a_page_saying_what_went_and_what_stays(web: Web) -> None:
    await AttendanceDay.create(
        participant=web.world.kari, day=date(2026, 4, 6), status=AttendanceStatus.PRESENT,
        hours=Decimal("5"), confirmed_by_name="Lise Kontakt", confirmed_at=NOW,
    )  # fmt: skip
    await end_service(web.world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await web.sign_in(web.coordinator)
    done = await web.post("/participants/P1/erase", {"confirm": "P1"})
    assert done.status == 200
    assert str(done.url).endswith("/participants/P1/erase")
    page = await done.text()
    assert "<h1>Opplysningene om P1 er slettet</h1>" in page
    assert "Slettet deltaker" not in page.split("<h1>")[0]  # nor in the title
    assert "Opplysningene ble slettet 7. apr. 2026." in page
    assert "Beholdt uten navn: 1 oppmøtedag med timer, fordi lønn er utbetalt etter den" in page
    assert "Id-en P1 står igjen på lønnslisten." in page
    assert 'name="confirm"' not in page


async def test_the_log_names_what_an_export_held_and_an_erasure_anonymised(web: Web) -> None:
    await end_service(web.world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await web.sign_in(web.coordinator)
    await web.client.get("/participants/P1/export?format=json")
    await web.post("/participants/P1/erase", {"confirm": "P1"})
    page = await (await web.client.get("/audit")).text()
    assert "Hentet ut: Telegram-koblinger: 0; Invitasjoner: 0; Fravær: 0; Oppmøtedager: 0; " in page
    assert "Måneder med lønn: 0; Meldinger fra deltakeren: 0; Meldinger boten har sendt: " in page
    assert "Anonymisert: Navn, Fødselsdato, Kontaktperson, Transport, Formål, " in page
    assert "Kriterier for tildeling, Unntak fra kriteriene" in page
    for code in ("audit_log", "chat messages", "contact_id", "birth_date", "Fravær nr."):
        assert code not in page, code


async def test_an_erasure_with_no_attendance_days_says_none_are_kept(web: Web) -> None:
    await end_service(web.world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await web.sign_in(web.coordinator)
    page = await (await web.post("/participants/P1/erase", {"confirm": "P1"})).text()
    assert "Ingen oppmøtedager var lagret, så ingenting er beholdt." in page
    assert "Beholdt uten navn" not in page and "lønnslisten" not in page
