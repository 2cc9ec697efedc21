"""Offboarding on the web: a coordinator deactivates a staff member, who is out at once;
their participants are marked as needing a new contact person until one is set."""

from __future__ import annotations

from backend.access import sign_in as auth
from backend.models import AuditEvent, Participant, Staff
from backend.people import registry as people
from tests.web.conftest import Web


async def test_a_coordinator_deactivates_and_the_session_ends_at_once(web: Web) -> None:
    token = (await auth.issue_login_link(web.world.contact, web.clock())).rsplit("/", 1)[1]
    lise = await auth.sign_in(token, web.clock())
    bearer = {"Authorization": f"Bearer {lise.cookie}"}
    assert (await web.client.get("/api/me", headers=bearer)).status == 200

    await web.sign_in(web.coordinator)
    page = await web.client.get("/staff")
    assert page.status == 200 and "Lise Kontakt" in await page.text()
    done = await web.post("/staff/S1/deactivate")
    text = await done.text()
    assert done.status == 200, text
    assert "Deaktivert. Koblinger, innlogginger og lenker er avsluttet." in text
    assert "Kari Nordmann" in text and "Ola Hansen" in text  # need a new contact person

    assert (await web.client.get("/api/me", headers=bearer)).status == 401
    assert not (await Staff.get(code="S1")).active
    event = await AuditEvent.get(action="staff.deactivate")
    assert (event.actor, event.subject) == ("staff:S3", "staff:S1")

    again = await web.post("/staff/S1/reactivate")
    assert "Aktiv igjen. Lag en ny invitasjon" in await again.text()
    assert (await Staff.get(code="S1")).active


async def test_no_coordinator_deactivates_themself_or_another_units_staff(web: Web) -> None:
    await people.add_unit("VTA", "Verkstedet", actor="test")
    await people.add_staff("VTA", "B1", "Berit Annen", people.StaffRole.CONTACT, actor="test")
    await web.sign_in(web.coordinator)
    own = await web.post("/staff/S3/deactivate")
    assert own.status == 409
    assert "Du kan ikke deaktivere deg selv. Be en annen koordinator." in await own.text()
    other = await web.post("/staff/B1/deactivate")
    assert other.status == 404
    assert (await Staff.get(code="B1")).active and (await Staff.get(code="S3")).active


async def test_participants_needing_a_new_contact_are_marked_counted_and_filtered(
    web: Web,
) -> None:
    await people.Staff.filter(code="S1").update(active=False)
    await Participant.filter(code="P2").update(contact_id=web.world.leader.id)
    await web.sign_in(web.world.leader)
    listing = await (await web.client.get("/participants")).text()
    assert "1 deltaker trenger ny kontaktperson" in listing
    assert listing.count("Trenger ny kontaktperson</span>") == 1
    only = await (await web.client.get("/participants?needs_contact=1")).text()
    assert "Kari Nordmann" in only and "Ola Hansen" not in only

    page = await (await web.client.get("/participants/P1")).text()
    assert "Trenger ny kontaktperson" in page
    refused = await web.post("/participants/P1/contact", {"contact": "S1"})
    assert refused.status == 400
    assert "Lise Kontakt er deaktivert og kan ikke være kontaktperson" in await refused.text()
    changed = await web.post("/participants/P1/contact", {"contact": "S3"})
    assert changed.status == 200
    assert (await Participant.get(code="P1")).contact_id == web.coordinator.id
    listing = await (await web.client.get("/participants")).text()
    assert "deltaker trenger ny kontaktperson" not in listing
    assert "Trenger ny kontaktperson</span>" not in listing
