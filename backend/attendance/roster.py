"""The morning roster in staff chats: who is expected today, one message per chat and day.

- Who gets it: the unit's contact persons who linked the bot; a unit with none gets it
  in its leaders' and coordinators' chats, so nothing is missed.
- When: on the unit's opening days from `Unit.roster_time` until closing time (a process
  that was down all day does not send a morning roster in the evening).
- Once: a `RosterMessage` row (unique per unit, chat and day) is claimed before the
  message is sent, so two processes never send two; a claim whose sender died is taken
  over after CLAIM_TIMEOUT. `/idag` sends the roster anew and the old message is deleted,
  so a chat never holds two copies of the day; every tap edits every copy in place.
- At closing time a day with unconfirmed entries is reminded once in the same chats
  (an outbox row under a unique key; the run is recorded in `JobRun`).

Staff act on participants of their own unit only: every action takes the staff member
and refuses any other unit's participant, whatever a button says.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from backend.attendance import marking as attendance
from backend.attendance.marking import Confirmation, Roster
from backend.calendar.calendars import unit_calendars
from backend.calendar.plan_rules import PlanKind
from backend.checkin.rules import visit_hours
from backend.models import (
    AttendanceDay,
    AttendanceStatus,
    CheckIn,
    JobRun,
    LinkRole,
    OutboxMessage,
    Participant,
    RosterMessage,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.nav_lists.lists import participant_for_staff
from backend.outbox import queue as outbox
from backend.outbox.queue import CLAIM_TIMEOUT  # one timeout for every claim
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError

log = logging.getLogger(__name__)

UNCONFIRMED_JOB = "roster_unconfirmed:"
UNCONFIRMED_TEMPLATE = "roster_unconfirmed"
WELLBEING_PREFIX = "wellbeing:"
# Staff correct the roster of the last weeks at most from the bot; older days on the web.
MAX_DAYS_BACK = 31


@dataclass(frozen=True)
class RosterView:
    """The roster and what the chat shows beside it."""

    roster: Roster
    relatives: frozenset[int]  # participants with a relative who may be asked
    asked: frozenset[int]  # participants whose relatives were asked that day
    hours: tuple[time, time] | None  # the unit's opening hours that day
    # The tablet at the door: participant id → (arrived, left or None), for that day.
    visits: Mapping[int, tuple[datetime, datetime | None]] = field(default_factory=dict)
    zone: tzinfo = UTC  # the service's: the visits' times are shown in it

    def tablet_hours(self, participant_id: int) -> Decimal | None:
        """The hours the tablet proposes for a participant (both taps made), else None."""
        arrived, left = self.visits.get(participant_id, (None, None))
        return visit_hours(arrived, left) if arrived and left else None


@dataclass(frozen=True)
class DueRoster:
    unit: Unit
    links: tuple[TelegramLink, ...]


# -- who --------------------------------------------------------------------------------


def _staff_chats(unit_ids: Sequence[int]) -> Q:
    return Q(
        role=LinkRole.STAFF,
        revoked_at=None,
        blocked_at=None,
        staff__active=True,
        staff__unit_id__in=list(unit_ids),
    )


async def roster_links(unit_ids: Sequence[int]) -> dict[int, list[TelegramLink]]:
    """Per unit, the chats that get the roster: contact persons, else leaders (one query)."""
    found: dict[int, list[TelegramLink]] = {u: [] for u in unit_ids}
    if not unit_ids:
        return found
    links = await TelegramLink.filter(_staff_chats(unit_ids)).prefetch_related("staff")
    for unit_id in unit_ids:
        mine = [link for link in links if link.staff.unit_id == unit_id]
        contacts = [link for link in mine if link.staff.role == StaffRole.CONTACT]
        found[unit_id] = sorted(contacts or mine, key=lambda link: link.id)
    return found


def check_day(day: date, today: date) -> None:
    if day > today:
        raise RuleError(N_("{day} har ikke kommet ennå."), day=day.isoformat())
    if (today - day).days > MAX_DAYS_BACK:
        raise RuleError(N_("Eldre dager endres på nettsidene."))


async def unit_for_staff(staff: Staff, unit_id: int | None = None) -> Unit:
    """The staff member's unit; a button naming another unit is refused."""
    own = staff.unit_id
    if not staff.active or (unit_id is not None and unit_id != own):
        raise RuleError(N_("Du kan bare se din egen enhet"))
    return await Unit.get(id=own)


# -- the roster -------------------------------------------------------------------------


async def roster_view(unit: Unit, day: date, zone: tzinfo = UTC) -> RosterView:
    """The roster with the relatives' part, in seven queries."""
    roster = await attendance.day_roster(unit, day)
    ids = [e.participant.id for e in roster.entries]
    relatives = await TelegramLink.filter(
        participant_id__in=ids,
        role=LinkRole.RELATIVE,
        revoked_at=None,
        blocked_at=None,
        consent_at__isnull=False,
    ).values_list("participant_id", flat=True)
    keys = await OutboxMessage.filter(key__startswith=_wellbeing_prefix(unit, day)).values_list(
        "key", flat=True
    )
    asked = {int(k.split(":")[3]) for k in keys if k.split(":")[3].isdigit()}
    calendars = await unit_calendars([unit])
    visits = {
        v.participant_id: (v.in_at, v.out_at)
        for v in await CheckIn.filter(participant_id__in=ids, day=day)
    }
    return RosterView(
        roster, frozenset(relatives), frozenset(asked), calendars[unit.id].hours(day), visits, zone
    )


async def staff_roster(
    staff: Staff, day: date, today: date, unit_id: int | None = None, *, zone: tzinfo = UTC
) -> RosterView:
    check_day(day, today)
    return await roster_view(await unit_for_staff(staff, unit_id), day, zone)


async def mark(
    staff: Staff,
    participant_id: int,
    day: date,
    status: AttendanceStatus,
    now: datetime,
    hours: Decimal | None = None,
    *,
    end_absence: bool = False,
) -> AttendanceDay:
    """One participant here (with hours) or not; "not here" is with notice if reported.
    Here over a reported absence needs `end_absence` (see attendance.mark_day). Here
    without hours: the tablet's hours when the participant tapped in and out that day,
    else the decision's."""
    check_day(day, now.date())
    participant = await participant_for_staff(staff, participant_id)
    if status is AttendanceStatus.PRESENT and hours is None:
        visit = await CheckIn.get_or_none(participant_id=participant.id, day=day)
        if visit is not None and visit.out_at is not None:
            hours = visit_hours(visit.in_at, visit.out_at)
    if status is AttendanceStatus.ABSENT_UNNOTIFIED:
        plan = await attendance.plan_of_day(participant, day)
        if plan.kind is PlanKind.ABSENT:  # reported: the report was the notice
            status = AttendanceStatus.ABSENT_NOTIFIED
    return await attendance.mark_day(
        participant, day, status, hours, actor_staff=staff, now=now, end_absence=end_absence
    )


async def confirm_rest(staff: Staff, unit_id: int, day: date, now: datetime) -> Confirmation:
    """ "Everyone else is here" for the staff member's own unit only. Those who tapped
    in and out on the tablet get the tablet's hours, the others the decision's."""
    check_day(day, now.date())
    unit = await unit_for_staff(staff, unit_id)
    roster = await attendance.day_roster(unit, day)
    tablet: list[Participant] = []
    for visit in await CheckIn.filter(
        participant_id__in=[e.participant.id for e in roster.unconfirmed], day=day
    ):
        entry = roster.entry(visit.participant_id)
        hours = visit_hours(visit.in_at, visit.out_at) if visit.out_at else None
        if entry is None or entry.plan.kind is not PlanKind.PLANNED or hours is None:
            continue  # reported absent, closed, still in: as everyone else
        await attendance.mark_day(
            entry.participant, day, AttendanceStatus.PRESENT, hours, actor_staff=staff, now=now
        )
        tablet.append(entry.participant)
    done = await attendance.confirm_rest_present(unit, day, staff, now)
    return dataclasses.replace(done, present=(*tablet, *done.present)) if tablet else done


# -- messages ---------------------------------------------------------------------------


async def due_rosters(now: datetime) -> list[DueRoster]:
    """Units whose roster time has passed today (open, before closing), with the chats
    that have no roster message of the day yet. Four queries."""
    today, clock = now.date(), now.timetz().replace(tzinfo=None)
    units = await Unit.all().order_by("id")
    calendars = await unit_calendars(units)
    ready = []
    for unit in units:
        hours = calendars[unit.id].hours(today)
        if hours is not None and time.fromisoformat(unit.roster_time) <= clock < hours[1]:
            ready.append(unit)
    if not ready:
        return []
    links = await roster_links([u.id for u in ready])
    taken = set(
        await RosterMessage.filter(day=today, unit_id__in=[u.id for u in ready]).values_list(
            "unit_id", "chat_id"
        )
    )
    due = []
    for unit in ready:
        waiting = tuple(link for link in links[unit.id] if (unit.id, link.chat_id) not in taken)
        if waiting:
            due.append(DueRoster(unit, waiting))
    return due


async def claim(unit: Unit, chat_id: int, day: date, now: datetime) -> RosterMessage | None:
    """The right to send the day's roster to a chat; None when another process has it."""
    try:
        return await RosterMessage.create(
            unit_id=unit.id, chat_id=chat_id, day=day, claimed_at=utc(now)
        )
    except IntegrityError:
        pass
    row = await RosterMessage.get_or_none(unit_id=unit.id, chat_id=chat_id, day=day)
    if row is None or row.sent_at is not None or row.claimed_at > utc(now) - CLAIM_TIMEOUT:
        return None
    won = await RosterMessage.filter(id=row.id, claimed_at=row.claimed_at, sent_at=None).update(
        claimed_at=utc(now)
    )
    return row if won else None


async def sent(row: RosterMessage, message_id: int | None, now: datetime) -> None:
    """The roster went out (or could not: `message_id` None, and it is not retried)."""
    await RosterMessage.filter(id=row.id).update(message_id=message_id, sent_at=utc(now), page=0)


async def replace(
    unit: Unit, chat_id: int, day: date, message_id: int, now: datetime
) -> int | None:
    """A roster sent anew (`/idag`): store its id; returns the old message's id, to delete."""
    row = await RosterMessage.get_or_none(unit_id=unit.id, chat_id=chat_id, day=day)
    if row is None:
        try:
            await RosterMessage.create(
                unit_id=unit.id,
                chat_id=chat_id,
                day=day,
                message_id=message_id,
                claimed_at=utc(now),
                sent_at=utc(now),
            )
            return None
        except IntegrityError:  # the morning job claimed it a moment ago
            row = await RosterMessage.get(unit_id=unit.id, chat_id=chat_id, day=day)
    await RosterMessage.filter(id=row.id).update(message_id=message_id, sent_at=utc(now), page=0)
    return row.message_id if row.message_id != message_id else None


async def begin_resend(unit: Unit, chat_id: int, day: date, now: datetime) -> int | None:
    """Hold the chat's roster row for a copy sent anew (`/idag`), so the morning job does
    not send one meanwhile; returns the old copy's message id, to delete."""
    try:
        await RosterMessage.create(unit_id=unit.id, chat_id=chat_id, day=day, claimed_at=utc(now))
        return None
    except IntegrityError:
        row = await RosterMessage.get(unit_id=unit.id, chat_id=chat_id, day=day)
    await RosterMessage.filter(id=row.id).update(claimed_at=utc(now), sent_at=None)
    return row.message_id


async def set_page(unit_id: int, chat_id: int, day: date, message_id: int, page: int) -> None:
    """The chat's roster message of the day now shows `page`; later edits keep it."""
    await RosterMessage.filter(
        unit_id=unit_id, chat_id=chat_id, day=day, message_id=message_id
    ).update(page=page)


async def message_id_of(unit_id: int, chat_id: int, day: date) -> int | None:
    """The id of the chat's roster message of the day, if one was sent."""
    row = await RosterMessage.get_or_none(unit_id=unit_id, chat_id=chat_id, day=day)
    return row.message_id if row is not None else None


async def messages_of_day(unit_id: int, day: date) -> list[RosterMessage]:
    """Every roster message of the day that can be edited."""
    return await RosterMessage.filter(unit_id=unit_id, day=day, message_id__isnull=False).order_by(
        "id"
    )


async def forget_message(unit_id: int, chat_id: int, day: date) -> None:
    """Telegram no longer has the message (deleted by the user): the next /idag sends anew."""
    await RosterMessage.filter(unit_id=unit_id, chat_id=chat_id, day=day).update(message_id=None)


# -- the day's end ----------------------------------------------------------------------


def _wellbeing_prefix(unit: Unit, day: date) -> str:
    return f"{WELLBEING_PREFIX}{unit.code}:{day.isoformat()}:"


def unconfirmed_params(unit: Unit, day: date, names: list[str]) -> dict[str, object]:
    from backend.absence.notices import button_param

    return {
        "unit": unit.name,
        "day": day.isoformat(),
        "count": len(names),
        "names": names,
        "buttons": [button_param(N_("📋 Vis dagens liste"), f"rv:{unit.id}:{day:%y%m%d}")],
    }


async def write_unconfirmed_reminders(now: datetime) -> int:
    """At closing time, once per unit and day: remind the roster chats of unconfirmed
    entries. Returns how many outbox rows were written."""
    today, clock = now.date(), now.timetz().replace(tzinfo=None)
    units = await Unit.all().order_by("id")
    calendars = await unit_calendars(units)
    closing = [
        u for u in units if (h := calendars[u.id].hours(today)) is not None and clock >= h[1]
    ]
    if not closing:
        return 0
    done = set(
        await JobRun.filter(
            day=today, name__in=[f"{UNCONFIRMED_JOB}{u.code}" for u in closing]
        ).values_list("name", flat=True)
    )
    closing = [u for u in closing if f"{UNCONFIRMED_JOB}{u.code}" not in done]
    links = await roster_links([u.id for u in closing])
    written = 0
    for unit in closing:
        roster = await attendance.day_roster(unit, today)
        names = [e.participant.name for e in roster.unconfirmed]
        if names:
            params = unconfirmed_params(unit, today, names)
            for link in links[unit.id]:
                written += await outbox.enqueue(
                    f"roster-unconfirmed:{unit.code}:{today.isoformat()}:{link.chat_id}",
                    UNCONFIRMED_TEMPLATE,
                    params,
                    due_at=now,
                    chat_id=link.chat_id,
                    language=link.language or "nb",
                )
        with contextlib.suppress(IntegrityError):  # another process recorded it first
            await JobRun.create(
                name=f"{UNCONFIRMED_JOB}{unit.code}", day=today, finished_at=utc(now)
            )
    return written
