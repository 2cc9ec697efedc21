"""A feed's events as an iCalendar (RFC 5545) document."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from backend.feeds.rules import FeedEvent

PRODID = "-//Frammøte//Calendar feed//NB"


def render(
    name: str, events: Iterable[FeedEvent], stamp: datetime, url: str | None = None
) -> bytes:
    """All-day events; DTSTAMP is when the feed was read (an aware datetime). With `url`,
    each event links to it: one tap from the phone's calendar to the page to act on."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
