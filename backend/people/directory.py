"""Read-only lists for the staff web pages and the JSON API, always within one unit.

Every function takes the unit it may look in: a staff member never reaches
another unit's people, and an unknown or foreign id simply finds nothing.
Reading an absence's private note is audited here, where it happens.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tortoise.expressions import Q

from backend.access.permissions import Action, follows, may, sees_private_words
from backend.models import (
    Absence,
    AuditEvent,
    Closure,
    Invite,
    KvpApplication,
    Meeting,
    MeetingKind,
    Participant,
    PayRate,
    Pupil,
    Staff,
    TelegramLink,
    Unit,
)
from backend.people.service_period import ServicePeriod, places_taken
from backend.reminders.deadlines import Reminder
from backend.reminders.plan import DueReminder, Gap
from backend.reminders.snapshot import CandidateRow, KvpApplicationRow
from backend.reminders.upcoming import upcoming
from backend.shared import audit
from backend.shared.clock import utc

MAX_CODE = 64  # Participant.code's length


def _unit_id(staff: Staff) -> int:
    return staff.unit_id


@dataclass(frozen=True)
class HomeOverview:
    unit: Unit
    active_participants: int
    absent_today: int
    absences_ahead: int
    open_invites: int
    awaiting_consent: int
    unreachable_reminders: int = 0  # coming reminders nobody can receive


# The overview counts the reminders nobody can receive over the deadlines page's default.
OVERVIEW_WEEKS = 8


async def home_overview(staff: Staff, now: datetime, *, email: bool = False) -> HomeOverview:
    today = now.date()
    unit_id = _unit_id(staff)
    unit = await Unit.get(id=unit_id)
    absences = Absence.filter(participant__unit_id=unit_id, withdrawn_at=None)
    return HomeOverview(
        unit=unit,
        active_participants=await Participant.filter(unit_id=unit_id, active=True).count(),
        absent_today=await absences.filter(day=today).count(),
        absences_ahead=await absences.filter(
            day__gt=today, day__lte=today + timedelta(days=7)
        ).count(),
        open_invites=await _open_invites(unit_id, now).count(),
        awaiting_consent=await TelegramLink.filter(
            participant__unit_id=unit_id, role="relative", consent_at=None, revoked_at=None
        ).count(),
        unreachable_reminders=await unreachable_count(
            staff, today, today + timedelta(weeks=OVERVIEW_WEEKS), email=email
        ),
    )


async def unit_of(staff: Staff) -> Unit:
    return await Unit.get(id=_unit_id(staff))


async def closures(unit: Unit) -> list[Closure]:
    return await Closure.filter(unit_id=unit.id).order_by("day")


async def pay_rates(unit: Unit) -> list[PayRate]:
    return await PayRate.filter(unit_id=unit.id).order_by("valid_from")


async def staff_of(unit_id: int) -> list[Staff]:
    return await Staff.filter(unit_id=unit_id).order_by("name")


async def participants(
    staff: Staff, query: str | None = None, *, include_ended: bool = False
) -> list[Participant]:
    found = Participant.filter(unit_id=_unit_id(staff))
    if not include_ended:
        found = found.filter(active=True)
    if query:
        found = found.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return await found.order_by("name").prefetch_related("contact")


async def participant(staff: Staff, code: str) -> Participant | None:
    if len(code) > MAX_CODE:  # no code is this long (and the database refuses to compare it)
        return None
    return (
        await Participant.filter(unit_id=_unit_id(staff), code=code)
        .prefetch_related("contact", "unit")
        .first()
    )


def _open_invites(unit_id: int, now: datetime):  # type: ignore[no-untyped-def]
    return Invite.filter(
        Q(participant__unit_id=unit_id) | Q(staff__unit_id=unit_id),
        used_at=None,
        revoked_at=None,
        expires_at__gt=utc(now),
    )


async def open_invites(staff: Staff, now: datetime) -> list[Invite]:
    return (
        await _open_invites(_unit_id(staff), now)
        .order_by("-created_at")
        .prefetch_related("participant", "staff")
    )


async def invite(staff: Staff, invite_id: int) -> Invite | None:
    unit_id = _unit_id(staff)
    return (
        await Invite.filter(
            Q(participant__unit_id=unit_id) | Q(staff__unit_id=unit_id), id=invite_id
        )
        .prefetch_related("participant", "staff")
        .first()
    )


async def links(staff: Staff, *, include_revoked: bool = False) -> list[TelegramLink]:
    unit_id = _unit_id(staff)
    found = TelegramLink.filter(Q(participant__unit_id=unit_id) | Q(staff__unit_id=unit_id))
    if not include_revoked:
        found = found.filter(revoked_at=None)
    return await found.order_by("role", "display_name").prefetch_related("participant", "staff")


async def link(staff: Staff, link_id: int) -> TelegramLink | None:
    unit_id = _unit_id(staff)
    return (
        await TelegramLink.filter(
            Q(participant__unit_id=unit_id) | Q(staff__unit_id=unit_id), id=link_id
        )
        .prefetch_related("participant", "staff")
        .first()
    )


async def absences(staff: Staff, start: date, end: date) -> list[Absence]:
    return (
        await Absence.filter(participant__unit_id=_unit_id(staff), day__gte=start, day__lte=end)
        .order_by("day", "participant__name")
        .prefetch_related("participant")
    )


async def absences_of(participant: Participant, today: date) -> list[Absence]:
    """The participant's absences from 30 days back and ahead, without the notes' text shown."""
    return await Absence.filter(
        participant_id=participant.id, day__gte=today - timedelta(days=30)
    ).order_by("day")


def _sees(staff: Staff, participant: Participant) -> bool:
    contact = participant.contact
    return sees_private_words(
        staff.id, staff.role, participant.contact_id, contact is not None and contact.active
    )


async def absence_note(staff: Staff, absence_id: int) -> Absence | None:
    """The absence with its private note, for those `sees_private_words` lets see it.

    Returns None when the absence is not in the unit or the staff member may not see
    the note; every view is written to the audit log.
    """
    found = (
        await Absence.filter(participant__unit_id=_unit_id(staff), id=absence_id)
        .prefetch_related("participant__contact")
        .first()
    )
    if found is None or not _sees(staff, found.participant):
        return None
    if found.note is None:  # deleted on schedule, or never written: nothing to show
        return None
    await audit.record(
        f"staff:{staff.code}",
        "absence.note.view",
        f"participant:{found.participant.code}",
        absence=found.id,
        day=found.day.isoformat(),
    )
    return found


@dataclass(frozen=True)
class Capacity:
    places: int | None
    active: int

    @property
    def free(self) -> int | None:
        return None if self.places is None else max(self.places - self.active, 0)


async def capacity(staff: Staff, day: date) -> Capacity:
    """Places taken on `day`: participants whose decision is active that day (not before
    it starts, not after it ends or the service was ended, not from the 67th birthday)."""
    unit = await unit_of(staff)
    rows = await Participant.filter(unit_id=unit.id, active=True).values_list(
        "programme", "birth_date", "decision_start", "decision_end", "ended_on"
    )
    periods = (ServicePeriod.of(*row) for row in rows)
    return Capacity(places=unit.places, active=places_taken(periods, day))


AUDIT_PAGE = 100


async def audit_names(staff: Staff) -> dict[str, str]:
    """The people and the unit the unit's log names by code, by name: `staff:S3`,
    `participant:P1`, `relative:P1` (the participant's name), `telegram:<id>`, `unit:AOK`."""
    unit_id = _unit_id(staff)
    unit = await Unit.get(id=unit_id)
    names = {f"unit:{unit.code}": unit.name}
    for code, name in await Staff.filter(unit_id=unit_id).values_list("code", "name"):
        names[f"staff:{code}"] = f"{name} ({code})"
    for code, name in await Participant.filter(unit_id=unit_id).values_list("code", "name"):
        names[f"participant:{code}"] = f"{name} ({code})"
        names[f"relative:{code}"] = name
    for number, name in await KvpApplication.filter(unit_id=unit_id).values_list("id", "name"):
        names[f"kvp:{number}"] = f"{name} (KVP)"
    for pupil_id, name in await Pupil.filter(unit_id=unit_id).values_list("id", "name"):
        names[f"pupil:{pupil_id}"] = name
    links = TelegramLink.filter(
        Q(participant__unit_id=unit_id) | Q(staff__unit_id=unit_id)
    ).values_list("telegram_user_id", "display_name")
    for user_id, name in await links:
        names.setdefault(f"telegram:{user_id}", name)
    return names


async def audit_events(
    staff: Staff,
    *,
    actor: str | None = None,
    action: str | None = None,
    subject: str | None = None,
    before_id: int | None = None,
) -> list[AuditEvent]:
    """The newest events first, a page at a time (`before_id` continues a page).

    Events name people by code, not by unit, so the log shows the unit's own staff
    and participants, and sign-ins of its staff.
    """
    unit_id = _unit_id(staff)
    staff_codes = [s.code for s in await Staff.filter(unit_id=unit_id)]
    participant_codes = await Participant.filter(unit_id=unit_id).values_list("code", flat=True)
    kvp_ids = await KvpApplication.filter(unit_id=unit_id).values_list("id", flat=True)
    pupil_ids = await Pupil.filter(unit_id=unit_id).values_list("id", flat=True)
    unit = await Unit.get(id=unit_id)
    mine = (
        Q(subject__in=[f"kvp:{number}" for number in kvp_ids])
        | Q(actor__in=[f"staff:{c}" for c in staff_codes])
        | Q(subject__in=[f"staff:{c}" for c in staff_codes])
        | Q(subject__in=[f"participant:{c}" for c in participant_codes])
        | Q(subject__in=[f"relative:{c}" for c in participant_codes])
        | Q(subject__in=[f"pupil:{i}" for i in pupil_ids])
        | Q(subject__startswith=f"unit:{unit.code}")
    )
    found = AuditEvent.filter(mine)
    if actor:
        found = found.filter(actor__icontains=actor)
    if action:
        found = found.filter(action__icontains=action)
    if subject and ":" in subject:
        # A whole subject (`participant:P1`, as the pages link to it) is that subject, or
        # one under it (`unit:AOK:2026-04`); never another code that starts the same.
        found = found.filter(Q(subject=subject) | Q(subject__startswith=f"{subject}:"))
    elif subject:
        found = found.filter(subject__icontains=subject)
    if before_id is not None:
        found = found.filter(id__lt=before_id)
    return await found.order_by("-id").limit(AUDIT_PAGE)


@dataclass(frozen=True)
class DueItem:
    reminder: Reminder
    participant_name: str | None  # for a reminder about one participant (or candidate)
    # Why nobody can receive it (each reason once), and for how many of its audiences.
    gaps: tuple[Gap, ...] = ()
    unreachable: int = 0


async def deadlines(staff: Staff, start: date, end: date, *, email: bool = False) -> list[DueItem]:
    """What the reminder rules make due for the unit from start to end (a preview).

    One line per event, whoever is reminded of it; a reminder nobody can receive
    (no Telegram link, no e-mail) stays on the list with what to do about it.
    """
    unit = await unit_of(staff)
    planner, due = await upcoming(unit.code, start, end, email=email)
    pupils_named = may(staff.role, Action.PUPIL_VIEW)
    items: dict[tuple[object, ...], DueItem] = {}
    for one in due:
        reminder, row = one.reminder, one.row
        # A contact person sees the KVP applications and candidates they follow only.
        if isinstance(row, KvpApplicationRow) and not follows(
            staff.id, staff.role, Action.KVP_VIEW, row.counsellor_id
        ):
            continue
        if isinstance(row, CandidateRow) and not follows(
            staff.id, staff.role, Action.CANDIDATE_VIEW, row.follower_id
        ):
            continue
        recipients, missing = planner.recipients(one.unit, reminder, row)
        gap = DueReminder(
            one.unit.code, reminder, None, tuple(recipients), tuple(missing), email
        ).gap
        key = (one.unit.code, reminder.due, reminder.kind, reminder.subject, reminder.event_date)
        item = items.get(key) or DueItem(reminder, one.name(pupils_named=pupils_named))
        if gap is not None:
            gaps = item.gaps if gap in item.gaps else (*item.gaps, gap)
            item = replace(item, gaps=gaps, unreachable=item.unreachable + 1)
        items[key] = item
    return list(items.values())


async def unreachable_count(staff: Staff, start: date, end: date, *, email: bool = False) -> int:
    """How many of the coming reminders nobody can receive (for the overview)."""
    return sum(item.unreachable for item in await deadlines(staff, start, end, email=email))


async def meetings(staff: Staff, since: date, *, nav_since: date | None = None) -> list[Meeting]:
    """The unit's meetings from `since`; NAV meetings from `nav_since` when earlier (a
    meeting held still takes its minutes)."""
    shown = Q(day__gte=since)
    if nav_since is not None:
        shown |= Q(kind=MeetingKind.NAV, day__gte=nav_since)
    return await Meeting.filter(shown, unit_id=_unit_id(staff)).order_by("day")
