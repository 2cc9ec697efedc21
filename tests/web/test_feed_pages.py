"""Calendar feeds over HTTP: the secret address parses as iCalendar, holds what concerns
its owner and nothing else, and answers 404 once revoked."""

from __future__ import annotations

import re
from datetime import date, time

from icalendar import Calendar

from backend.access.sign_in import hash_secret
from backend.calendar import meetings
from backend.feeds import feeds
from backend.models import AuditEvent, CalendarFeed, MeetingKind, Participant, Staff, StaffRole
from backend.people import registry as people
from tests.support.world import NOW
from tests.web.conftest import Web

ADDRESS = re.compile(r"https?://[^\s<\"]+(/feeds/[A-Za-z0-9_-]+\.ics)")


async def _more(web: Web) -> Staff:
    """Another contact person, S4, with P3 Siri who turns 67 on 20 May, and a NAV meeting."""
    other = await people.add_staff("AOK", "S4", "Tor Annen", StaffRole.CONTACT, actor="test")
    await people.add_participant(
        people.NewParticipant(
            "AOK", "P3", "Siri Annen", date(1959, 5, 20), frozenset({2, 4}), time(10), time(14),
            "S4",
        ),
        actor="test",
        today=NOW.date(),
    )  # fmt: skip
    await meetings.set_meeting(
        web.world.unit, MeetingKind.NAV, date(2026, 4, 22), note=None, actor="t", today=NOW.date()
    )
    return other


async def _events(web: Web, path: str) -> list[tuple[date, str]]:
    response = await web.client.get(path)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    calendar = Calendar.from_ical(await response.read())
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        assert type(start) is date, "all-day events"
        assert event.decoded("dtend") == date.fromordinal(start.toordinal() + 1)
        assert str(event["uid"]).endswith("@frammote")
        found.append((start, str(event["summary"])))
    return sorted(found)


async def test_a_contact_persons_feed_holds_their_meetings_and_deadlines_only(web: Web) -> None:
    other = await _more(web)
    mine = await feeds.issue(NOW, actor="test", staff=web.world.contact)
    theirs = await feeds.issue(NOW, actor="test", staff=other)
    assert await _events(web, mine) == [(date(2026, 4, 22), "Samarbeidsmøte med NAV")]
    text = (await (await web.client.get(mine)).read()).decode()
    assert "Siri" not in text and "P3" not in text
    assert await _events(web, theirs) == [
        (date(2026, 4, 22), "Samarbeidsmøte med NAV"),
        (date(2026, 5, 20), "Fyller 67: tjenesten slutter: Siri Annen"),
    ]


async def test_a_staff_members_events_link_to_the_deadlines_page(web: Web) -> None:
    await _more(web)
    staff_path = await feeds.issue(NOW, actor="test", staff=web.world.contact)
    calendar = Calendar.from_ical(await (await web.client.get(staff_path)).read())
    links = {str(event["url"]) for event in calendar.walk("VEVENT")}
    assert links == {f"http://{web.client.host}:{web.client.port}/deadlines"}
    own_path = await feeds.issue(NOW, actor="test", participant=web.world.ola)
    calendar = Calendar.from_ical(await (await web.client.get(own_path)).read())
    assert all("url" not in event for event in calendar.walk("VEVENT"))  # no web for them


async def test_a_coordinators_feed_holds_the_units_deadlines(web: Web) -> None:
    await _more(web)
    path = await feeds.issue(NOW, actor="test", staff=web.coordinator, language="en")
    assert await _events(web, path) == [
        (date(2026, 4, 22), "Cooperation meeting with NAV"),
        (date(2026, 5, 20), "Turns 67: the service ends: Siri Annen"),
    ]


async def test_a_participants_feed_holds_their_plan_and_the_closed_days(web: Web) -> None:
    path = await feeds.issue(NOW, actor="test", participant=web.world.ola)
    events = await _events(web, path)
    # Ola comes Monday, Wednesday and Friday 09:00–13:00; Easter and 1 May are closed.
    assert events[:8] == [
        (date(2026, 3, 25), "Frammøte 09:00–13:00"),
        (date(2026, 3, 27), "Frammøte 09:00–13:00"),
        (date(2026, 3, 30), "Frammøte 09:00–13:00"),
        (date(2026, 4, 1), "Frammøte 09:00–13:00"),
        (date(2026, 4, 2), "Stengt"),
        (date(2026, 4, 3), "Stengt"),
        (date(2026, 4, 6), "Stengt"),
        (date(2026, 4, 8), "Frammøte 09:00–13:00"),
    ]
    assert (date(2026, 5, 1), "Stengt") in events
    assert events[-1] == (date(2026, 6, 29), "Frammøte 09:00–13:00")
    assert not any("Kari" in summary for _, summary in events)


async def test_a_revoked_or_replaced_address_answers_404_with_no_hint(web: Web) -> None:
    first = await feeds.issue(NOW, actor="test", staff=web.world.contact)
    assert (await web.client.get(first)).status == 200
    second = await feeds.issue(NOW, actor="test", staff=web.world.contact)
    replaced = await web.client.get(first)
    assert replaced.status == 404
    assert "Lise" not in await replaced.text()
    assert (await web.client.get(second)).status == 200
    assert await feeds.revoke(NOW, actor="test", staff=web.world.contact) == 1
    assert (await web.client.get(second)).status == 404
    assert (await web.client.get("/feeds/not-a-token.ics")).status == 404
    token = second.removeprefix("/feeds/").removesuffix(".ics")
    # Only the hash is kept, and issuing and revoking are in the audit log.
    assert await CalendarFeed.filter(token_hash=token).count() == 0
    assert await CalendarFeed.filter(token_hash=hash_secret(token)).count() == 1
    events = await AuditEvent.filter(action__startswith="feed.").values_list("action", "subject")
    assert sorted(events) == [
        ("feed.issue", "staff:S1"),
        ("feed.issue", "staff:S1"),
        ("feed.revoke", "staff:S1"),
    ]


async def test_a_deactivated_staff_members_address_answers_404(web: Web) -> None:
    path = await feeds.issue(NOW, actor="test", staff=web.world.contact)
    await Staff.filter(id=web.world.contact.id).update(active=False)
    assert (await web.client.get(path)).status == 404


async def test_a_staff_member_makes_and_stops_their_own_address(web: Web) -> None:
    await web.sign_in(web.world.contact)
    page = await web.client.get("/feed")
    assert "Ingen adresse er i bruk." in await page.text()
    made = await web.post("/feed")
    assert made.status == 200
    match = ADDRESS.search(await made.text())
    assert match, "the address is shown once"
    assert (await web.client.get(match.group(1))).status == 200
    assert "En adresse er i bruk." in await (await web.client.get("/feed")).text()
    stopped = await web.post("/feed/revoke", allow_redirects=False)
    assert stopped.status == 303 and stopped.headers["Location"] == "/feed?saved=1"
    assert (await web.client.get(match.group(1))).status == 404


async def test_a_leader_makes_a_participants_address_on_their_page(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P2")).text()
    assert 'action="/participants/P2/feed"' in page
    made = await web.post("/participants/P2/feed")
    match = ADDRESS.search(await made.text())
    assert match
    assert await CalendarFeed.filter(participant_id=web.world.ola.id, revoked_at=None).count() == 1
    assert (await web.client.get(match.group(1))).status == 200
    stopped = await web.post("/participants/P2/feed/revoke", allow_redirects=False)
    assert stopped.headers["Location"] == "/participants/P2?saved=1"
    assert (await web.client.get(match.group(1))).status == 404
    # A contact person neither sees the buttons nor may use them.
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/participants/P2")).text()
    assert 'action="/participants/P2/feed"' not in page
    assert (await web.post("/participants/P2/feed")).status == 403


async def test_an_ended_participant_gets_no_new_address(web: Web) -> None:
    await Participant.filter(id=web.world.ola.id).update(active=False)
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P2")).text()
    assert 'action="/participants/P2/feed"' not in page
    refused = await web.post("/participants/P2/feed")
    assert refused.status == 409
    assert "Ola Hansen er ikke lenger aktiv" in await refused.text()
    assert await CalendarFeed.all().count() == 0
