"""Calendar feeds: issue a secret address, revoke it, and build the feed a token names.

The address holds a random token; the database keeps only its SHA-256 hash, so a copy of
the database reads no calendar. A new address for the same owner revokes the old one.
Issuing and revoking are audited; reading is not (calendar apps poll every few hours).
"""

from __future__ import annotations

from datetime import date, datetime

from tortoise.transactions import in_transaction

from backend.access.permissions import Action, may
from backend.access.sign_in import hash_secret, new_secret
from backend.calendar.calendars import decision_of, participant_calendar
from backend.calendar.plan_rules import planned_days
from backend.calendar.rules import DayKind, days_between
from backend.feeds import ics
from backend.feeds.rules import (
    FeedEvent,
    Gettext,
    deadline_events,
    meeting_events,
    plan_events,
    window,
)
from backend.models import CalendarFeed, Meeting, Participant, Staff
from backend.reminders.deadlines import Reminder
from backend.reminders.upcoming import upcoming
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import gettext_for, normalise_language

FEED_PATH = "/feeds/"


def _subject(staff: Staff | None, participant: Participant | None) -> str:
    """The owner as the audit log names people: by their code."""
    return f"staff:{staff.code}" if staff else f"participant:{participant.code}"  # type: ignore[union-attr]


def _filter(staff: Staff | None, participant: Participant | None) -> dict[str, object]:
    if (staff is None) == (participant is None):
        raise ValueError("a feed belongs to one staff member or one participant")
    return {"staff_id": staff.id} if staff else {"participant_id": participant.id}  # type: ignore[union-attr]


async def issue(
    now: datetime,
    *,
    actor: str,
    staff: Staff | None = None,
    participant: Participant | None = None,
    language: str | None = None,
) -> str:
    """A new secret path `/feeds/<token>.ics`; the owner's earlier one stops working.

    RuleError for someone no longer active: their feed would answer 404 anyway.
    """
    owner = _filter(staff, participant)
    person = staff or participant
    if person is None or not person.active or getattr(person, "erased_at", None) is not None:
        raise RuleError(N_("{name} er ikke lenger aktiv"), name=getattr(person, "name", ""))
    token = new_secret()
    async with in_transaction():
        await CalendarFeed.filter(**owner, revoked_at__isnull=True).update(revoked_at=utc(now))
        await CalendarFeed.create(
            token_hash=hash_secret(token), language=normalise_language(language), **owner
        )
        await audit.record(actor, "feed.issue", _subject(staff, participant))
    return f"{FEED_PATH}{token}.ics"


async def revoke(
    now: datetime, *, actor: str, staff: Staff | None = None, participant: Participant | None = None
) -> int:
    """Stop the owner's address; how many were in force (0 or 1)."""
    owner = _filter(staff, participant)
    async with in_transaction():
        count = await CalendarFeed.filter(**owner, revoked_at__isnull=True).update(
            revoked_at=utc(now)
        )
        if count:
            await audit.record(actor, "feed.revoke", _subject(staff, participant))
    return count


async def in_force(*, staff: Staff | None = None, participant: Participant | None = None) -> bool:
    return await CalendarFeed.exists(**_filter(staff, participant), revoked_at__isnull=True)


# Where a staff member's events link to: the page of meetings and deadlines.
STAFF_PAGE = "/deadlines"


async def read(token: str, now: datetime, site: str = "") -> bytes | None:
    """The feed a token names, or None: unknown, revoked, or its owner gone. `site` is the
    web pages' address: a staff member's events link to their page there."""
    if not token or len(token) > 128:
        return None
    feed = await CalendarFeed.get_or_none(token_hash=hash_secret(token), revoked_at=None)
    if feed is None:
        return None
    gettext = gettext_for(feed.language)
    today = now.date()
    if feed.staff_id is not None:
        staff = await Staff.get_or_none(id=feed.staff_id, active=True).prefetch_related("unit")
        if staff is None:
            return None
        events = await staff_events(staff, today, gettext)
        name = gettext("Frammøte: {name}").format(name=staff.name)
        return ics.render(name, events, utc(now), f"{site}{STAFF_PAGE}" if site else None)
    else:
        participant = await Participant.get_or_none(
            id=feed.participant_id, active=True, erased_at=None
        )
        if participant is None:
            return None
        events = await participant_events(participant, today, gettext)
        name = gettext("Frammøte: {name}").format(name=participant.name)
    return ics.render(name, events, utc(now))


async def staff_events(staff: Staff, today: date, gettext: Gettext) -> list[FeedEvent]:
    """The unit's meetings and the deadlines the reminder rules mean for this staff member."""
    start, end = window(today)
    unit = await staff.unit
    planner, due = await upcoming(unit.code, start, end, email=False)
    pupils_named = may(staff.role, Action.PUPIL_VIEW)
    mine: list[tuple[Reminder, str | None]] = []
    for one in due:
        people = planner.concerned(one.unit, one.reminder, one.row)
        if any(person.id == staff.id for person in people):
            mine.append((one.reminder, one.name(pupils_named=pupils_named)))
    meetings = await Meeting.filter(unit_id=unit.id, day__gte=start, day__lte=end)
    found = meeting_events(
        ((m.id, str(m.kind), m.day) for m in meetings), gettext
    ) + deadline_events(mine, gettext)
    return sorted(found, key=lambda e: (e.day, e.summary))


async def participant_events(
    participant: Participant, today: date, gettext: Gettext
) -> list[FeedEvent]:
    """The participant's planned days and the unit's closed days (weekdays only)."""
    start, end = window(today)
    calendar = await participant_calendar(participant)
    planned = planned_days(decision_of(participant), calendar, start, end)
    closed = [
        day
        for day in days_between(start, end)
        if day.weekday() < 5
        and calendar.status(day).kind not in (DayKind.OPEN, DayKind.NOT_OPENING_DAY)
    ]
    hours = (participant.start_time.strftime("%H:%M"), participant.end_time.strftime("%H:%M"))
    return plan_events(participant.code, planned, closed, hours, gettext)
