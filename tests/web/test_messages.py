"""Participants' messages on the web: the contact person only, every view logged, gone
after 90 days; the unit chooses whether they go to the chat instead."""

from __future__ import annotations

from datetime import date, timedelta

from backend.access import sign_in as auth
from backend.models import Absence, AbsenceCategory, AuditEvent, ParticipantMessage, Staff, Unit
from backend.people import messages as participant_messages
from backend.people import retention
from backend.shared.retention import Periods
from tests.support.world import NOW
from tests.web.conftest import NONCE, Web

WORDS = "Jeg har vondt i ryggen etter den nye medisinen"


async def test_the_contact_person_reads_it_and_the_view_is_logged(web: Web) -> None:
    kept = await participant_messages.keep(web.world.kari, now=NOW, text=WORDS)
    # Per is the leader, not Kari's contact person: he sees neither the list entry nor the text.
    await web.sign_in(web.world.leader)
    listing = await web.client.get("/messages")
    assert listing.status == 200 and "Kari Nordmann" not in await listing.text()
    assert (await web.client.get(f"/messages/{kept.id}")).status == 404
    await web.sign_in(web.coordinator)
    assert (await web.client.get(f"/messages/{kept.id}")).status == 404
    assert await AuditEvent.filter(action="message.view").count() == 0

    await web.sign_in(web.world.contact)
    listing = await web.client.get("/messages")
    page = await listing.text()
    assert "Kari Nordmann" in page and "Ny: les" in page and WORDS not in page
    shown = await web.client.get(f"/messages/{kept.id}")
    assert shown.status == 200 and WORDS in await shown.text()
    view = await AuditEvent.get(action="message.view")
    assert (view.actor, view.subject) == ("staff:S1", "participant:P1")
    assert WORDS not in str(view.detail)
    assert (await ParticipantMessage.get(id=kept.id)).read_at is not None
    assert (await web.client.get("/messages/99999")).status == 404


async def test_a_voice_note_plays_for_the_contact_person_only(web: Web) -> None:
    sound = b"OggS\x00\x02" + bytes(range(200))
    kept = await participant_messages.keep(web.world.kari, now=NOW, voice=sound)
    await web.sign_in(web.world.leader)
    assert (await web.client.get(f"/messages/{kept.id}/voice")).status == 404
    await web.sign_in(web.world.contact)
    page = await web.client.get(f"/messages/{kept.id}")
    assert f'src="/messages/{kept.id}/voice"' in await page.text()
    played = await web.client.get(f"/messages/{kept.id}/voice")
    assert played.status == 200 and played.content_type == "audio/ogg"
    assert await played.read() == sound
    assert played.headers["Cache-Control"] == "no-store"


async def test_the_sign_in_link_opens_the_message(web: Web) -> None:
    kept = await participant_messages.keep(web.world.kari, now=NOW, text=WORDS)
    path = await auth.issue_login_link(web.world.contact, web.clock())
    form = await web.client.get(f"{path}?next=/messages/{kept.id}")
    nonce = NONCE.search(await form.text())
    assert nonce is not None
    done = await web.client.post(
        path,
        data={"nonce": nonce.group(1), "next": f"/messages/{kept.id}"},
        allow_redirects=False,
    )
    assert done.status == 303 and done.headers["Location"] == f"/messages/{kept.id}"
    # Only a path on this site.
    path = await auth.issue_login_link(web.world.contact, web.clock())
    form = await web.client.get(path)
    nonce = NONCE.search(await form.text())
    assert nonce is not None
    done = await web.client.post(
        path,
        data={"nonce": nonce.group(1), "next": "//evil.example/"},
        allow_redirects=False,
    )
    assert done.headers["Location"] == "/"


async def test_the_unit_chooses_the_chat_on_its_page(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/unit")).text()
    assert "Meldinger kan inneholde helseopplysninger." in page
    assert 'name="messages_in_chat" checked' not in page  # the safe default
    form = {
        "name": "Arbeid og kvalifisering",
        "phone": "33 00 00 00",
        "roster_time": "08:30",
        "evaluation_every_months": "6",
        "tell_participant": "on",
        "messages_in_chat": "on",
    }
    saved = await web.post("/unit/settings", form)
    assert saved.status == 200
    assert (await Unit.get(code="AOK")).messages_in_chat is True
    event = await AuditEvent.filter(action="unit.settings").order_by("-id").first()
    assert event is not None and event.detail["new"]["messages_in_chat"] is True


async def test_private_text_is_deleted_after_ninety_days(web: Web) -> None:
    old = await participant_messages.keep(web.world.kari, now=NOW - timedelta(days=91), text="a")
    new = await participant_messages.keep(web.world.kari, now=NOW - timedelta(days=89), text="b")
    noted = await Absence.create(
        participant=web.world.kari, day=date(2026, 1, 5), category=AbsenceCategory.SICK,
        note="gammelt notat", reporter_name="Kari", channel="telegram",
    )  # fmt: skip
    fresh = await Absence.create(
        participant=web.world.kari, day=date(2026, 3, 30), category=AbsenceCategory.SICK,
        note="nytt notat", reporter_name="Kari", channel="telegram",
    )  # fmt: skip
    report = await retention.run(NOW, Periods())
    assert (report.participant_messages, report.absence_notes) == (1, 1)
    assert await ParticipantMessage.filter(id=old.id).exists() is False
    assert await ParticipantMessage.filter(id=new.id).exists() is True
    assert (await Absence.get(id=noted.id)).note is None
    assert (await Absence.get(id=fresh.id)).note == "nytt notat"
    event = await AuditEvent.get(action="retention.run")
    assert event.detail["deleted"]["participant_messages"] == 1
    assert event.detail["deleted"]["absence_notes"] == 1
    assert (await retention.run(NOW, Periods())).total == 0


async def test_without_a_contact_person_in_force_the_leaders_read_private_words(web: Web) -> None:
    kept = await participant_messages.keep(web.world.kari, now=NOW, text=WORDS)
    noted = await Absence.create(
        participant=web.world.kari, day=date(2026, 4, 8), category=AbsenceCategory.SICK,
        note="Legetime", reporter_name="Kari", channel="telegram",
    )  # fmt: skip
    await web.sign_in(web.world.leader)
    assert (await web.client.get(f"/messages/{kept.id}")).status == 404
    assert (await web.client.get(f"/absences/{noted.id}/note")).status == 404
    await Staff.filter(code="S1").update(active=False)  # Lise has left
    shown = await web.client.get(f"/messages/{kept.id}")
    assert shown.status == 200 and WORDS in await shown.text()
    note = await web.client.get(f"/absences/{noted.id}/note")
    assert note.status == 200 and "Legetime" in await note.text()
