""" "🔊 Les opp" on the JSON API: a participant shows whether it is on and the voice of
their own chat's language; staff who may change it on the page change it here, through
the same check, use case and audit, and the participant's own chat is told."""

from __future__ import annotations

from backend.models import AuditEvent, LinkRole, OutboxMessage, Participant, StaffRole, TelegramLink
from backend.people import registry as people
from tests.support.world import link
from tests.web.conftest import Web
from tests.web.test_criteria_pages import bearer_for

KARI = 1001


async def test_a_participant_shows_read_aloud_and_the_voice_of_their_language(web: Web) -> None:
    bearer = await bearer_for(web, web.world.contact)
    shown = await (await web.client.get("/api/participants/P1", headers=bearer)).json()
    assert (shown["read_aloud"], shown["voice"]) == (False, {"language": None, "available": None})

    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await Participant.filter(code="P1").update(read_aloud=True)
    shown = await (await web.client.get("/api/participants/P1", headers=bearer)).json()
    assert (shown["read_aloud"], shown["voice"]) == (True, {"language": "nb", "available": True})

    # Somali has no voice: on, but no voice notes come.
    await TelegramLink.filter(telegram_user_id=KARI).update(language="so")
    listed = await (await web.client.get("/api/participants", headers=bearer)).json()
    assert [(p["code"], p["read_aloud"], p["voice"]) for p in listed] == [
        ("P1", True, {"language": "so", "available": False}),
        ("P2", False, {"language": None, "available": None}),
    ]


async def test_the_contact_person_turns_it_on_and_the_participant_is_told(web: Web) -> None:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await TelegramLink.filter(telegram_user_id=KARI).update(language="en")
    bearer = await bearer_for(web, web.world.contact)
    answer = await web.client.patch(
        "/api/participants/P1/read-aloud", json={"read_aloud": True}, headers=bearer
    )
    assert answer.status == 200
    assert await answer.json() == {
        "participant": "P1",
        "read_aloud": True,
        "changed": True,
        "told": 1,
        "voice": {"language": "en", "available": True},
    }
    assert (await Participant.get(code="P1")).read_aloud is True
    rows = await OutboxMessage.all().values_list("chat_id", "template", "language", "window")
    assert rows == [(KARI, "read_aloud_on", "en", "participant")]
    events = await AuditEvent.filter(action="participant.read_aloud")
    assert [(e.actor, e.subject, e.detail) for e in events] == [
        ("staff:S1", "participant:P1", {"read_aloud": True})
    ]

    again = await web.client.patch(
        "/api/participants/P1/read-aloud", json={"read_aloud": True}, headers=bearer
    )
    assert (await again.json())["changed"] is False
    assert (await again.json())["told"] == 0
    assert await OutboxMessage.all().count() == 1

    off = await web.client.patch(
        "/api/participants/P1/read-aloud", json={"read_aloud": False}, headers=bearer
    )
    assert (await off.json())["read_aloud"] is False
    # The "on" notice was not sent yet: the "off" one takes its place.
    assert await OutboxMessage.all().values_list("template", flat=True) == ["read_aloud_off"]


async def test_without_a_chat_it_is_saved_and_nobody_is_told(web: Web) -> None:
    bearer = await bearer_for(web, web.world.leader)
    answer = await web.client.patch(
        "/api/participants/P1/read-aloud", json={"read_aloud": True}, headers=bearer
    )
    assert await answer.json() == {
        "participant": "P1",
        "read_aloud": True,
        "changed": True,
        "told": 0,
        "voice": {"language": None, "available": None},
    }
    assert await OutboxMessage.all().count() == 0


async def test_the_api_refuses_as_the_page_does(web: Web) -> None:
    other = await people.add_staff("AOK", "S9", "Siv Annen", StaffRole.CONTACT, actor="test")
    bearer = await bearer_for(web, other)
    refused = await web.client.patch(
        "/api/participants/P1/read-aloud", json={"read_aloud": True}, headers=bearer
    )
    assert refused.status == 403
    assert await refused.json() == {"error": "Bare kontaktpersonen eller en leder kan gjøre dette."}

    bearer = await bearer_for(web, web.world.contact)
    field = "Feltet «read_aloud» mangler eller er ugyldig"
    for body, error in [
        ({}, field),
        ({"read_aloud": "ja"}, field),
        ({"read_aloud": 1}, field),
        (["read_aloud"], "Forespørselen må være et JSON-objekt"),
    ]:
        bad = await web.client.patch("/api/participants/P1/read-aloud", json=body, headers=bearer)
        assert (bad.status, await bad.json()) == (400, {"error": error})
    missing = await web.client.patch(
        "/api/participants/P9/read-aloud", json={"read_aloud": True}, headers=bearer
    )
    assert missing.status == 404
    assert (await Participant.get(code="P1")).read_aloud is False
    assert await AuditEvent.filter(action="participant.read_aloud").count() == 0
