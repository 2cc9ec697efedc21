""" "🔊 Les opp" on a participant's page: their contact person or a leader turns it on
and off, each change audited; another contact person may not; the page says when the
participant's language has no voice. A change is told to the participant's own chat,
and the page says whether it was."""

from __future__ import annotations

import re

from backend.models import (
    AuditEvent,
    LinkRole,
    OutboxMessage,
    Participant,
    StaffRole,
    TelegramLink,
)
from backend.people import registry as people
from tests.support.world import link
from tests.web.conftest import Web

KARI = 1001
NOTICE = re.compile(r'<p class="notice" role="status">([^<]*)</p>')


def notice_of(html: str) -> str | None:
    found = NOTICE.search(html)
    return found.group(1) if found else None


async def test_the_contact_person_turns_it_on_and_off(web: Web) -> None:
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Slå på opplesing" in page
    done = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert done.status == 200 and "Lagret" in await done.text()
    assert (await Participant.get(code="P1")).read_aloud is True
    page = await (await web.client.get("/participants/P1")).text()
    assert "Slå av opplesing" in page

    await web.post("/participants/P1/read-aloud", {})
    assert (await Participant.get(code="P1")).read_aloud is False
    events = await AuditEvent.filter(action="participant.read_aloud").order_by("id")
    assert [(e.actor, e.subject, e.detail) for e in events] == [
        ("staff:S1", "participant:P1", {"read_aloud": True}),
        ("staff:S1", "participant:P1", {"read_aloud": False}),
    ]


async def test_the_same_choice_again_changes_and_logs_nothing(web: Web) -> None:
    await web.sign_in(web.world.leader)
    await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert await AuditEvent.filter(action="participant.read_aloud").count() == 1


async def test_another_contact_person_may_not(web: Web) -> None:
    other = await people.add_staff("AOK", "S9", "Siv Annen", StaffRole.CONTACT, actor="test")
    await web.sign_in(other)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Slå på opplesing" not in page
    refused = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert refused.status == 403
    assert (await Participant.get(code="P1")).read_aloud is False


async def test_the_page_says_when_the_language_has_no_voice(web: Web) -> None:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await web.sign_in(web.world.contact)
    no_voice = "Det finnes ingen stemme på deltakerens språk ennå"
    assert no_voice not in await (await web.client.get("/participants/P1")).text()
    await TelegramLink.filter(telegram_user_id=KARI).update(language="so")
    assert no_voice in await (await web.client.get("/participants/P1")).text()


async def test_the_participant_is_told_in_their_chat_and_the_page_says_so(web: Web) -> None:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await web.sign_in(web.world.contact)
    done = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert done.status == 200
    assert notice_of(await done.text()) == "Lagret. Kari Nordmann får beskjed om det i chatten."
    rows = await OutboxMessage.filter(chat_id=KARI).values_list("template", "window", "due_at")
    assert rows == [("read_aloud_on", "participant", web.clock())]

    again = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert notice_of(await again.text()) == "Ingenting er endret."
    assert await OutboxMessage.filter(chat_id=KARI).count() == 1


async def test_without_a_chat_the_page_says_it_is_saved_and_nobody_told(web: Web) -> None:
    await web.sign_in(web.world.leader)
    done = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert done.status == 200
    assert notice_of(await done.text()) == (
        "Lagret. Kari Nordmann har ingen chat med boten, så ingen fikk beskjed."
    )
    assert (await Participant.get(code="P1")).read_aloud is True
    assert await OutboxMessage.all().count() == 0


async def test_at_night_the_page_says_when_the_participant_is_told(web: Web) -> None:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    web.clock.set(2026, 4, 7, 22, 30)
    await web.sign_in(web.world.contact)
    done = await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})
    assert notice_of(await done.text()) == (
        "Lagret. Kari Nordmann får beskjed i chatten i morgen tidlig (etter kl. 08)."
    )
    web.clock.set(2026, 4, 8, 1, 15)
    done = await web.post("/participants/P1/read-aloud", {})
    assert (
        notice_of(await done.text()) == "Lagret. Kari Nordmann får beskjed i chatten etter kl. 08."
    )


async def test_the_hint_says_what_the_button_does(web: Web) -> None:
    await web.sign_in(web.world.contact)
    turning_on = "Svarene fra boten kommer da også som lydmelding, på deltakerens språk."
    turning_off = "Svarene fra boten kommer da bare som tekst, uten lydmelding."
    page = await (await web.client.get("/participants/P1")).text()
    assert turning_on in page and turning_off not in page
    page = await (await web.post("/participants/P1/read-aloud", {"read_aloud": "on"})).text()
    assert "Slå av opplesing" in page
    assert turning_off in page and turning_on not in page
