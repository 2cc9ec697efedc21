"""What a calendar feed holds: all-day events with stable UIDs, named without health details.

A staff member's feed holds the unit's meetings and the deadlines the reminder rules make
due for them; a participant's feed holds their planned days and the unit's closed days.
The caller translates (`gettext`) and hands in the rows; nothing here reads the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from backend.calendar.rules import MEETING_NAMES
from backend.reminders.deadlines.base import KIND_NAMES, Reminder, ReminderKind
from backend.shared.errors import N_

Gettext = Callable[[str], str]

PAST = timedelta(weeks=2)  # a feed looks back two weeks…
AHEAD = timedelta(weeks=12)  # …and about twelve weeks ahead


# The deadline's kind, never why: names and the kind of deadline only (no health details).
DEADLINE_KINDS = {
    kind: name
    for kind, name in KIND_NAMES.items()
    # Meetings come from the meetings themselves; low use is no deadline.
    if kind
    not in (ReminderKind.STATUS_MEETING_DAY_BEFORE, ReminderKind.NAV_MEETING, ReminderKind.LOW_USE)
}
# The meeting itself is the event (from the meetings table); the call goes out on its due day.
ON_DUE_DAY = frozenset({ReminderKind.STATUS_MEETING_CALL})

PLANNED = N_("Frammøte {start}–{end}")
CLOSED = N_("Stengt")


@dataclass(frozen=True, slots=True)
class FeedEvent:
    uid: str  # stable: a calendar app updates the event rather than adding another
    day: date  # all day
    summary: str


def window(today: date) -> tuple[date, date]:
    """The days a feed covers: the last two weeks and about the next twelve."""
    return today - PAST, today + AHEAD


def uid(*parts: object) -> str:
    """An opaque, stable UID: the same parts give the same UID, and it names nobody."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"{digest}@frammote"


def deadline_events(
    reminders: Iterable[tuple[Reminder, str | None]], gettext: Gettext
) -> list[FeedEvent]:
    """One event per deadline (several reminders of one event make one), with the name."""
    found: dict[str, FeedEvent] = {}
    for reminder, name in reminders:
        label = DEADLINE_KINDS.get(reminder.kind)
        if label is None:
            continue  # meetings come from the meetings themselves; low use is no deadline
        day = reminder.due if reminder.kind in ON_DUE_DAY else reminder.event_date
        key = uid(reminder.kind, reminder.subject, reminder.event_date.isoformat())
        summary = gettext(label) + (f": {name}" if name else "")
        found.setdefault(key, FeedEvent(key, day, summary))
    return sorted(found.values(), key=lambda e: (e.day, e.summary))


def meeting_events(meetings: Iterable[tuple[int, str, date]], gettext: Gettext) -> list[FeedEvent]:
    """The unit's meetings: (id, kind, day) each."""
    return [
        FeedEvent(uid("meeting", meeting_id), day, gettext(MEETING_NAMES[kind]))
        for meeting_id, kind, day in sorted(meetings, key=lambda m: (m[2], m[0]))
        if kind in MEETING_NAMES
    ]


def plan_events(
    participant_code: str,
    planned: Iterable[date],
    closed: Iterable[date],
    hours: tuple[str, str],
    gettext: Gettext,
) -> list[FeedEvent]:
    """A participant's planned days ("Frammøte 09:00–14:00") and the unit's closed days."""
    events = [
        FeedEvent(
            uid("plan", participant_code, day.isoformat()),
            day,
            gettext(PLANNED).format(start=hours[0], end=hours[1]),
        )
        for day in planned
    ]
    events += [
        FeedEvent(uid("closed", participant_code, day.isoformat()), day, gettext(CLOSED))
        for day in closed
    ]
    return sorted(events, key=lambda e: e.day)
