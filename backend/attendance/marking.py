"""Attendance days: what happened on each planned day, as confirmed by staff.

One record per participant and planned day (unique in the database):

* PRESENT with hours (default: the decision's daily hours; quarter hours, 0 < h <= 12),
* ABSENT_NOTIFIED / ABSENT_UNNOTIFIED (hours 0),
* CLOSED (hours 0): the unit was closed that day (holiday, fellesferie, extra closure).

Rules (a refusal raises RuleError and writes nothing):

* only today or earlier: attendance is confirmed on the day or after it (and not before
  the year 2000, `shared.dates.FIRST_YEAR`: such a day is a typing error);
* only a day the decision covers (a decision weekday within its period), and never
  on or after the birthday the service ends on (67, `domain.service_period`);
* on a closed day any absence is stored as CLOSED, and PRESENT is refused (closed
  days pay nothing; remove the closure first if the unit did open);
* CLOSED on an open day is refused;
* staff may confirm only for participants of their own unit;
* PRESENT on a day with a reported absence is refused (AbsenceReported) unless the
  caller confirms with ``end_absence``: then the absence of that day is ended in the
  same transaction, audited, so plan, pay, the web and the participant's bot agree.
  The refusal names the category: it is for staff only. Nobody is told of the end.

Marking a day again with the same values changes nothing. A change is stored with
its new confirmer and time, and the audit log keeps the old and the new values
(status, hours, confirmer; a remark only as "changed", since it may say too much).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.calendar.calendars import decision_of, unit_calendar
from backend.calendar.plan_rules import Decision, PlanDay, PlanKind, plan_days
from backend.calendar.rules import DayStatus
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    Participant,
    Staff,
    Unit,
)
from backend.pay.rules import validate_hours
from backend.people.eligibility_rules import Programme, age_limit
from backend.people.erased import check_not_erased
from backend.people.service_period import age_end
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.dates import FIRST_YEAR
from backend.shared.errors import N_, Msgid, RuleError

ZERO_HOURS = Decimal("0.00")
MAX_REMARK = 500
# Bounds a query for a web grid or a report; a year and a bit.
MAX_RANGE_DAYS = 400
ABSENT = (AttendanceStatus.ABSENT_NOTIFIED, AttendanceStatus.ABSENT_UNNOTIFIED)
# The reported category in staff's words (msgids shared with the bot's texts).
CATEGORY_MSGIDS: dict[AbsenceCategory, str] = {
    AbsenceCategory.SICK: N_("syk"),
    AbsenceCategory.APPOINTMENT: N_("avtale"),
    AbsenceCategory.DAY_OFF: N_("fri"),
    AbsenceCategory.OTHER: N_("noe annet"),
}


@dataclass(frozen=True)
class ReportedAbsence:
    """What staff may see of a reported absence in chat. The private note is left out."""

    category: AbsenceCategory
    late: bool
    reporter_name: str


@dataclass(frozen=True)
class RosterEntry:
    participant: Participant
    # PLANNED, ABSENT (reported), CLOSED; OFF only when a record exists for a day the
    # current decision no longer covers (the record is shown, not hidden).
    plan: PlanDay
    absence: ReportedAbsence | None
    record: AttendanceDay | None

    @property
    def confirmed(self) -> bool:
        return self.record is not None

    @property
    def default_status(self) -> AttendanceStatus | None:
        """What "everyone else is here" stores for this entry; None for an OFF day."""
        return {
            PlanKind.PLANNED: AttendanceStatus.PRESENT,
            PlanKind.ABSENT: AttendanceStatus.ABSENT_NOTIFIED,
            PlanKind.CLOSED: AttendanceStatus.CLOSED,
        }.get(self.plan.kind)


@dataclass(frozen=True)
class Roster:
    """Who is expected at a unit on one day, and what is confirmed so far."""

    unit: Unit
    day: date
    status: DayStatus  # the unit's calendar: open, or closed and why
    entries: tuple[RosterEntry, ...]  # by participant name

    @property
    def unconfirmed(self) -> list[RosterEntry]:
        return [e for e in self.entries if not e.confirmed and e.plan.kind is not PlanKind.OFF]

    def entry(self, participant_id: int) -> RosterEntry | None:
        return next((e for e in self.entries if e.participant.id == participant_id), None)


@dataclass(frozen=True)
class Confirmation:
    """The outcome of "everyone else is here": what was stored, and the roster after it."""

    roster: Roster
    present: tuple[Participant, ...]
    absent: tuple[Participant, ...]  # reported absent: stored as ABSENT_NOTIFIED
    closed: tuple[Participant, ...]


@dataclass(frozen=True)
class _Values:
    status: AttendanceStatus
    hours: Decimal
    remark: str | None
    keep_remark: bool  # no remark given: a change keeps the stored one


class AbsenceReported(RuleError):
    """PRESENT was asked for a day with a reported absence: ask staff once whether the
    participant is here after all (then mark again with ``end_absence=True``)."""

    def __init__(self, participant: Participant, day: date, category: AbsenceCategory) -> None:
        super().__init__(
            N_(
                "{name} har meldt fravær {day} ({category}). Er {name} likevel her? "
                "Bekreft, så avsluttes fraværet den dagen."
            ),
            name=participant.name,
            day=day.isoformat(),
            category=Msgid(CATEGORY_MSGIDS[AbsenceCategory(category)]),
        )
        self.participant = participant
        self.day = day
        self.category = AbsenceCategory(category)


# --- rules -----------------------------------------------------------------


def _check_not_future(day: date, now: datetime) -> None:
    if day.year < FIRST_YEAR:  # "1900-01-01": a typing error, not a day of the service
        raise RuleError(N_("Ikke en dag tjenesten kan ha hatt: {day}"), day=day.isoformat())
    if day > now.date():
        raise RuleError(
            N_("{day} har ikke kommet ennå. Oppmøte føres på dagen eller etterpå."),
            day=day.isoformat(),
        )


def _actor(staff: Staff | None, name: str | None, unit_id: int) -> tuple[str, str]:
    """(audit actor, confirmer's name); staff must be active and of the unit."""
    if (staff is None) == (name is None):
        raise TypeError("give exactly one of actor_staff and actor_name")
    if staff is None:
        assert name is not None
        return name, name
    if staff.unit_id != unit_id or not staff.active:
        raise RuleError(N_("{staff} kan ikke føre oppmøte ved denne enheten"), staff=staff.name)
    return f"staff:{staff.code}", staff.name


def _hours(hours: Decimal | int | str) -> Decimal:
    try:
        return validate_hours(hours)
    except (ValueError, ArithmeticError):
        raise RuleError(
            N_("Timer må være hele kvarter, mer enn 0 og høyst 12, ikke {hours}"), hours=str(hours)
        ) from None


def _remark(text: str | None) -> str | None:
    """Whitespace tidied; an empty text becomes None (it clears a remark)."""
    if text is None:
        return None
    remark = " ".join(text.split())
    if len(remark) > MAX_REMARK:
        raise RuleError(N_("En merknad kan ha høyst 500 tegn"))
    return remark or None


def _values(
    plan: PlanDay,
    decision: Decision,
    status: AttendanceStatus,
    hours: Decimal | int | str | None,
    remark: str | None,
) -> _Values:
    """The values to store for a requested status on a planned or closed day."""
    day = plan.day.isoformat()
    keep = remark is None
    remark = _remark(remark)
    if status is not AttendanceStatus.PRESENT and hours is not None:
        raise RuleError(N_("Timer føres bare for den som var til stede"))
    if plan.kind is PlanKind.CLOSED:
        if status is AttendanceStatus.PRESENT:
            raise RuleError(
                N_("Enheten var stengt {day}, så ingen kan føres som til stede"), day=day
            )
        return _Values(AttendanceStatus.CLOSED, ZERO_HOURS, remark, keep)
    if status is AttendanceStatus.CLOSED:
        raise RuleError(N_("Enheten var åpen {day}: før til stede eller borte"), day=day)
    if status is AttendanceStatus.PRESENT:
        stored = _hours(decision.hours_per_day if hours is None else hours)
        return _Values(status, stored, remark, keep)
    return _Values(status, ZERO_HOURS, remark, keep)


def _same(record: AttendanceDay, values: _Values) -> bool:
    return (
        record.status == values.status
        and Decimal(record.hours) == values.hours
        and (values.keep_remark or record.remark == values.remark)
    )


def _snapshot(status: str, hours: Decimal, by: str) -> dict[str, str]:
    return {"status": str(status), "hours": str(Decimal(hours).quantize(ZERO_HOURS)), "by": by}


def _check_before_age_limit(participant: Participant, day: date) -> None:
    """From the birthday at the age limit (67) no day is planned, marked or paid."""
    ends = age_end(participant.programme, participant.birth_date)
    if ends is not None and day >= ends:
        raise RuleError(
            N_("{name} fylte {age} år {birthday}, og da sluttet tjenesten. {day} kan ikke føres."),
            name=participant.name,
            age=age_limit(Programme(participant.programme)),
            birthday=ends.isoformat(),
            day=day.isoformat(),
        )


# --- one participant, one day ----------------------------------------------


async def plan_of_day(participant: Participant, day: date) -> PlanDay:
    """The participant's plan for one day (OFF when the decision does not cover it)."""
    unit = await Unit.get(id=participant.unit_id)
    calendar = await unit_calendar(unit)
    absent = await Absence.exists(participant_id=participant.id, day=day, withdrawn_at=None)
    return plan_days(
        decision_of(participant), calendar, day, day, {day} if absent else set(), include_off=True
    )[0]


async def mark_day(
    participant: Participant,
    day: date,
    status: AttendanceStatus,
    hours: Decimal | int | str | None = None,
    *,
    actor_staff: Staff | None = None,
    actor_name: str | None = None,
    now: datetime,
    remark: str | None = None,
    end_absence: bool = False,
) -> AttendanceDay:
    """Store what happened on one planned day; returns the stored record.

    ``now`` is aware, in the service's time zone ("today" is local). Give either
    ``actor_staff`` (a staff member of the participant's unit) or ``actor_name``
    (the CLI, an import). ``hours`` is for PRESENT only; None takes the decision's.
    ``remark``: None keeps the stored remark, "" clears it, a text replaces it.
    ``end_absence``: PRESENT over a reported absence ends the absence that day;
    without it, AbsenceReported is raised and nothing is stored.
    """
    check_not_erased(participant)
    _check_not_future(day, now)
    actor, confirmer = _actor(actor_staff, actor_name, participant.unit_id)
    plan = await plan_of_day(participant, day)
    if plan.kind is PlanKind.OFF:
        _check_before_age_limit(participant, day)
        raise RuleError(
            N_("{day} er ikke en planlagt dag for {name}"),
            day=day.isoformat(),
            name=participant.name,
        )
    values = _values(plan, decision_of(participant), status, hours, remark)
    ending = None
    if plan.kind is PlanKind.ABSENT and status is AttendanceStatus.PRESENT:
        ending = await Absence.get_or_none(
            participant_id=participant.id, day=day, withdrawn_at=None
        )
        if ending is not None and not end_absence:
            raise AbsenceReported(participant, day, ending.category)
    try:
        return await _store(participant, day, values, actor_staff, confirmer, actor, now, ending)
    except IntegrityError:
        # Someone stored the same day a moment ago: ours is now a change of theirs.
        return await _store(participant, day, values, actor_staff, confirmer, actor, now, ending)


async def _store(
    participant: Participant,
    day: date,
    values: _Values,
    staff: Staff | None,
    confirmer: str,
    actor: str,
    now: datetime,
    ending: Absence | None = None,
) -> AttendanceDay:
    subject = f"participant:{participant.code}"
    async with in_transaction():
        if ending is not None:  # here after all: the reported absence of the day ends
            await _end_absence(ending, actor, subject, day, now)
        existing = (
            await AttendanceDay.filter(participant_id=participant.id, day=day)
            .select_for_update()
            .first()
        )
        if existing is None:
            record = await AttendanceDay.create(
                participant_id=participant.id,
                day=day,
                status=values.status,
                hours=values.hours,
                confirmed_by=staff,
                confirmed_by_name=confirmer,
                confirmed_at=utc(now),
                remark=values.remark,
            )
            await audit.record(
                actor,
                "attendance.mark",
                subject,
                day=day.isoformat(),
                **_snapshot(values.status, values.hours, confirmer),
            )
            return record
        if not _same(existing, values):
            await _change(existing, values, staff, confirmer, actor, subject, now)
        return existing


async def _end_absence(ending: Absence, actor: str, subject: str, day: date, now: datetime) -> None:
    ended = await Absence.filter(id=ending.id, withdrawn_at=None).update(withdrawn_at=utc(now))
    if ended:
        # The category is not logged: it may be health data.
        await audit.record(actor, "absence.end", subject, day=day.isoformat())


async def _change(
    existing: AttendanceDay,
    values: _Values,
    staff: Staff | None,
    confirmer: str,
    actor: str,
    subject: str,
    now: datetime,
) -> None:
    """A day stored before gets the new values; the audit log keeps old and new."""
    old = _snapshot(existing.status, existing.hours, existing.confirmed_by_name)
    remark = existing.remark if values.keep_remark else values.remark
    remark_changed = existing.remark != remark
    existing.update_from_dict(
        {
            "status": values.status,
            "hours": values.hours,
            "remark": remark,
            "confirmed_by": staff,
            "confirmed_by_name": confirmer,
            "confirmed_at": utc(now),
        }
    )
    await existing.save()
    await audit.record(
        actor,
        "attendance.change",
        subject,
        day=existing.day.isoformat(),
        old=old,
        new=_snapshot(values.status, values.hours, confirmer),
        remark_changed=remark_changed,
    )


# --- a unit's day ------------------------------------------------------------


async def day_roster(unit: Unit, day: date) -> Roster:
    """Everyone expected at the unit that day (and anyone with a record), in four queries.

    An entry holds the plan (planned, reported absent or closed), what staff may see
    of a reported absence, and the stored record, if any.
    """
    calendar = await unit_calendar(unit)
    records = {
        r.participant_id: r
        for r in await AttendanceDay.filter(participant__unit_id=unit.id, day=day)
    }
    participants = await Participant.filter(
        Q(active=True) | Q(id__in=list(records)), unit_id=unit.id
    ).order_by("name", "id")
    absences = {
        a.participant_id: a
        for a in await Absence.filter(participant__unit_id=unit.id, day=day, withdrawn_at=None)
    }
    entries = []
    for participant in participants:
        absent = {day} if participant.id in absences else set()
        plan = plan_days(decision_of(participant), calendar, day, day, absent, include_off=True)[0]
        record = records.get(participant.id)
        if plan.kind is PlanKind.OFF and record is None:
            continue
        absence = absences.get(participant.id)
        entries.append(
            RosterEntry(
                participant,
                plan,
                ReportedAbsence(absence.category, absence.late, absence.reporter_name)
                if absence is not None
                else None,
                record,
            )
        )
    return Roster(unit, day, calendar.status(day), tuple(entries))


async def confirm_rest_present(unit: Unit, day: date, staff: Staff, now: datetime) -> Confirmation:
    """ "Everyone else is here": every unconfirmed entry gets its default status.

    Planned → PRESENT with the decision's hours; reported absent → ABSENT_NOTIFIED;
    closed day → CLOSED. Entries already confirmed are left as they are.
    """
    _check_not_future(day, now)
    actor, confirmer = _actor(staff, None, unit.id)
    try:
        return await _confirm_rest(unit, day, staff, confirmer, actor, now)
    except IntegrityError:
        # Another confirmation raced ours; the second pass skips what it stored.
        return await _confirm_rest(unit, day, staff, confirmer, actor, now)


async def _confirm_rest(
    unit: Unit, day: date, staff: Staff, confirmer: str, actor: str, now: datetime
) -> Confirmation:
    async with in_transaction():
        roster = await day_roster(unit, day)
        new: list[AttendanceDay] = []
        stored: dict[AttendanceStatus, list[Participant]] = {s: [] for s in AttendanceStatus}
        for entry in roster.unconfirmed:
            status = entry.default_status
            assert status is not None  # unconfirmed entries are never OFF
            hours = _hours(entry.plan.hours) if status is AttendanceStatus.PRESENT else ZERO_HOURS
            new.append(
                AttendanceDay(
                    participant_id=entry.participant.id,
                    day=day,
                    status=status,
                    hours=hours,
                    confirmed_by=staff,
                    confirmed_by_name=confirmer,
                    confirmed_at=utc(now),
                )
            )
            stored[status].append(entry.participant)
        if new:
            await AttendanceDay.bulk_create(new)
            await audit.record(
                actor,
                "attendance.confirm_rest",
                f"unit:{unit.code}",
                day=day.isoformat(),
                **{s.value: [p.code for p in ps] for s, ps in stored.items() if ps},
            )
    if new:
        roster = await _refreshed(roster)
    return Confirmation(
        roster,
        tuple(stored[AttendanceStatus.PRESENT]),
        tuple(stored[AttendanceStatus.ABSENT_NOTIFIED]),
        tuple(stored[AttendanceStatus.CLOSED]),
    )


async def _refreshed(roster: Roster) -> Roster:
    records = {
        r.participant_id: r
        for r in await AttendanceDay.filter(
            participant_id__in=[e.participant.id for e in roster.entries], day=roster.day
        )
    }
    entries = tuple(replace(e, record=records.get(e.participant.id)) for e in roster.entries)
    return replace(roster, entries=entries)


# --- ranges ------------------------------------------------------------------


async def attendance_between(
    participants: Participant | Sequence[Participant], start: date, end: date
) -> dict[int, dict[date, AttendanceDay]]:
    """Stored days of one or many participants, both ends inclusive, in one query.

    participant id → day → record; every asked participant is a key, maybe with {}.
    """
    if start > end:
        raise RuleError(N_("Startdatoen må komme før sluttdatoen"))
    if (end - start).days >= MAX_RANGE_DAYS:
        raise RuleError(N_("Et utvalg kan gjelde høyst {days} dager"), days=MAX_RANGE_DAYS)
    group = [participants] if isinstance(participants, Participant) else list(participants)
    found: dict[int, dict[date, AttendanceDay]] = {p.id: {} for p in group}
    for record in await AttendanceDay.filter(
        participant_id__in=list(found), day__gte=start, day__lte=end
    ).order_by("day"):
        found[record.participant_id][record.day] = record
    return found
