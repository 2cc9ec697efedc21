"""An erased participant on the staff pages: only what is left is shown, and nothing
new can be stored about them (the forms are gone; a form sent anyway is refused)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backend.models import AttendanceDay, AttendanceStatus, AuditEvent, Participant
from backend.people import data_rights
from backend.people.ending import end_service
from backend.shared import audit
from tests.support.world import NOW
from tests.web.conftest import Web
from tests.web.test_criteria_pages import bearer_for

REFUSED = "Opplysningene om P1 er slettet. Ingenting nytt kan lagres om deltakeren."


async def erase_kari(web: Web) -> None:
    await AttendanceDay.create(
        participant=web.world.kari, day=date(2026, 4, 6), status=AttendanceStatus.PRESENT,
        hours=Decimal("5"), confirmed_by_name="Lise Kontakt", confirmed_at=NOW,
    )  # fmt: skip
    await end_service(web.world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="test", now=NOW)


async def test_the_page_of_an_erased_participant_shows_only_what_is_left(web: Web) -> None:
    await erase_kari(web)
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/participants/P1")).text()

    assert "<h1><bdi>Slettet deltaker</bdi> <small>(P1)</small></h1>" in page
    assert "<dt>Fødselsår</dt><dd>1990</dd>" in page
    assert "<dt>Opplysningene slettet</dt><dd>7. apr. 2026</dd>" in page
    assert "Opplysningene ble slettet 7. apr. 2026" in page
    assert "Beholdt uten navn: 1 oppmøtedag med timer" in page
    # Not the made-up birth date, and no form that would store anything new.
    assert "31. des. 1990" not in page and "Fødselsdato" not in page
    for gone in (
        'action="/participants/P1/criteria"',
        'action="/participants/P1/contact"',
        'href="/participants/P1/decision"',
        "Endre vedtaket",
        "Lag en invitasjon",
        "Lagre kriteriene",
        "Bytt kontaktperson",
    ):
        assert gone not in page, gone
    form = await web.client.get("/participants/P1/decision", allow_redirects=False)
    assert (form.status, form.headers["Location"]) == (303, "/participants/P1")


async def test_forms_sent_for_an_erased_participant_are_refused(web: Web) -> None:
    await erase_kari(web)
    await web.sign_in(web.coordinator)
    before = await Participant.get(code="P1").values()

    sent = {
        "/participants/P1/criteria": {"c-wants_service": "yes"},
        "/participants/P1/contact": {"contact": "S1"},
        "/participants/P1/decision": {"weekdays": "1", "start": "09:00", "end": "14:00"},
    }
    for path, form in sent.items():
        answer = await web.post(path, form)
        assert answer.status == 400, path
        assert REFUSED in await answer.text(), path
    day = await web.post(
        "/attendance/day", {"participant": "P1", "day": "2026-04-06", "status": "absent_unnotified"}
    )
    assert REFUSED in await day.text()
    assert await Participant.get(code="P1").values() == before
    assert (await AttendanceDay.get(participant_id=web.world.kari.id)).status == "present"


async def test_the_api_refuses_criteria_for_an_erased_participant(web: Web) -> None:
    await erase_kari(web)
    bearer = await bearer_for(web, web.world.leader)
    answer = await web.client.patch(
        "/api/participants/P1/criteria", json={"criteria": {"wants_service": True}}, headers=bearer
    )
    assert answer.status == 400
    assert await answer.json() == {"error": REFUSED}
    assert (await Participant.get(code="P1")).eligibility == {}


async def test_lists_name_an_erased_participant_as_erased_and_offer_no_change(web: Web) -> None:
    await erase_kari(web)
    await end_service(web.world.ola, date(2026, 4, 7), actor="test", today=NOW.date())
    await web.sign_in(web.coordinator)

    listing = await (await web.client.get("/participants?ended=1")).text()
    rows = {row.split("</bdi>")[0].rsplit(">", 1)[1]: row for row in listing.split("<tr>")[2:]}
    assert '<span class="tag">Slettet</span>' in rows["Slettet deltaker"]
    assert '<span class="tag">Avsluttet</span>' in rows["Ola Hansen"]

    grid = await (await web.client.get("/attendance?month=2026-04")).text()
    one_day = grid.split('id="d-participant"')[1].split("</select>")[0]
    assert '<option value="P2">Ola Hansen</option>' in one_day
    assert 'value="P1"' not in one_day
    assert 'name="c:P1:' not in grid  # the kept days are shown, not offered for change
    assert 'name="c:P2:' in grid


async def test_the_log_link_of_a_participant_shows_that_participant_only(web: Web) -> None:
    await Participant.filter(code="P2").update(code="P10")
    await audit.record("staff:S2", "participant.decision", "participant:P1")
    await audit.record("staff:S2", "participant.decision", "participant:P10")
    await web.sign_in(web.coordinator)

    page = await (await web.client.get("/audit?subject=participant:P1")).text()

    subjects = set(
        await AuditEvent.filter(subject__startswith="participant:P1").values_list(
            "subject", flat=True
        )
    )
    assert subjects == {"participant:P1", "participant:P10"}
    assert "P10" not in page.split("<tbody>")[1]
    assert "Kari Nordmann" in page.split("<tbody>")[1]
    typed = await (await web.client.get("/audit?subject=P1")).text()  # a typed search
    assert "P10" in typed.split("<tbody>")[1]
