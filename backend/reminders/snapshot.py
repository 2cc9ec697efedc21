"""Everything a reminder pass reads, loaded in a constant number of queries.

Units, their closures and meetings, active staff and their Telegram links, active
participants and the pupils of the register: one query each, whatever their number. Attendance counts for
the low-use check are one grouped query per check day. Rows are read as plain
values, not model objects, so a pass over 100,000 participants stays cheap.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count

from backend.calendar.calendars import unit_calendars
from backend.calendar.rules import UnitCalendar
from backend.models import (
    AttendanceDay,
    AttendanceStatus,
    Candidate,
    FinalReport,
    KvpApplication,
    KvpDecisionPeriod,
    LinkRole,
    Meeting,
    MeetingKind,
    Participant,
    Pupil,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.pathway.rules import Stage
from backend.people.service_period import ServicePeriod
from backend.shared.i18n import normalise_language

# Meetings this far back still matter: a NAV meeting set in a half-year cancels
# that half-year's "fix a date" reminder.
MEETINGS_BACK = timedelta(days=366)
PARTICIPANT_FIELDS = (
    "id",
    "code",
    "name",
    "unit_id",
    "birth_date",
    "programme",
    "weekdays",
    "contact_id",
    "decision_start",
    "decision_end",
    "temporary",
    "next_evaluation",
    "list_start",
    "nav_followed",
    "pupil",
    "pupil_since",
    "kvp_approved_on",
    "kvp_started_on",
    "eligibility",
)


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    code: str
    name: str
    role: StaffRole
    email: str | None
    unit_id: int


@dataclass(frozen=True, slots=True)
class LinkRow:
    chat_id: int
    language: str
    staff_id: int


@dataclass(slots=True)
class ParticipantRow:
    id: int
    code: str
    name: str
    unit_id: int
    birth_date: date
    programme: str
    days_per_week: int
    contact_id: int | None
    decision_start: date | None
    decision_end: date | None
    temporary: bool
    next_evaluation: date | None
    list_start: date | None
    nav_followed: bool
    pupil: bool
    pupil_since: date | None
    kvp_approved_on: date | None
    kvp_started_on: date | None
    eligibility: dict[str, Any]
    # A final report is written for the agreement in force (seed 004 §8): not reminded.
    final_report_done: bool = False

    @property
    def period(self) -> ServicePeriod:
        """The decision's period and the age limit (only active participants are loaded)."""
        return ServicePeriod.of(
            self.programme, self.birth_date, self.decision_start, self.decision_end
        )


@dataclass(frozen=True, slots=True)
class KvpApplicationRow:
    """A KVP application still under way: not refused, and not ended with its participant."""

    id: int
    name: str
    unit_id: int
    counsellor_id: int | None
    received_on: date
    aev_on: date | None
    decided_on: date | None
    approved: bool | None
    started_on: date | None
    participant_id: int | None
    period_ends: date | None  # the latest decision period's end

    @property
    def code(self) -> str:
        return f"kvp:{self.id}"

    @property
    def contact_id(self) -> int | None:
        """The counsellor follows the application as a contact person a participant."""
        return self.counsellor_id


@dataclass(frozen=True, slots=True)
class PupilRow:
    """A pupil of the register (not a participant), followed towards 18."""

    id: int
    name: str
    unit_id: int
    birth_date: date
    registered_on: date
    consent_given_on: date | None
    consent_withdrawn_on: date | None
    share_name: bool


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """A candidate still on the pathway with a date to be reminded of (seed 002)."""

    id: int
    code: str
    name: str
    unit_id: int
    follower_id: int | None
    follow_up_on: date | None
    evaluation_on: date | None
    next_step_on: date | None

    @property
    def subject(self) -> str:
        return f"candidate:{self.code}"

    @property
    def contact_id(self) -> int | None:
        """The follower is to a candidate what the contact person is to a participant."""
        return self.follower_id


@dataclass(slots=True)
class UnitData:
    id: int
    code: str
    name: str
    places: int | None
    evaluation_every_months: int
    nav_email: str | None
    nav_contact_name: str | None
    calendar: UnitCalendar
    status_meetings: tuple[date, ...] = ()
    nav_meetings: tuple[date, ...] = ()
    participants: list[ParticipantRow] = field(default_factory=list)
    kvp_applications: list[KvpApplicationRow] = field(default_factory=list)
    pupils: list[PupilRow] = field(default_factory=list)
    candidates: list[CandidateRow] = field(default_factory=list)

    @property
    def kvp_participant_ids(self) -> frozenset[int]:
        """Participants whose KVP decision periods the application keeps (and reminds)."""
        return frozenset(a.participant_id for a in self.kvp_applications if a.participant_id)


@dataclass(slots=True)
class Snapshot:
    units: list[UnitData]
    staff: dict[int, StaffRow]
    links: dict[int, list[LinkRow]]  # staff id → reachable chats
    by_role: dict[tuple[int, StaffRole], list[StaffRow]]  # (unit id, role) → staff

    def unit_staff(self, unit_id: int) -> list[StaffRow]:
        return [s for (u, _r), rows in self.by_role.items() if u == unit_id for s in rows]


async def load_snapshot(first_day: date, unit_code: str | None = None) -> Snapshot:
    units = await (Unit.filter(code=unit_code) if unit_code else Unit.all()).order_by("code")
    unit_ids = [u.id for u in units]
    calendars = await unit_calendars(units)
    data = {
        u.id: UnitData(
            u.id,
            u.code,
            u.name,
            u.places,
            u.evaluation_every_months,
            u.nav_email,
            u.nav_contact_name,
            calendars[u.id],
        )
        for u in units
    }
    meetings = await Meeting.filter(
        unit_id__in=unit_ids, day__gte=first_day - MEETINGS_BACK
    ).values_list("unit_id", "kind", "day")
    for unit_id, kind, day in sorted(meetings, key=lambda m: m[2]):
        unit = data[unit_id]
        if kind == MeetingKind.STATUS:
            unit.status_meetings += (day,)
        else:
            unit.nav_meetings += (day,)

    staff_rows = await Staff.filter(unit_id__in=unit_ids, active=True).values_list(
        "id", "code", "name", "role", "email", "unit_id"
    )
    staff = {
        row[0]: StaffRow(row[0], row[1], row[2], StaffRole(row[3]), row[4], row[5])
        for row in staff_rows
    }
    by_role: dict[tuple[int, StaffRole], list[StaffRow]] = defaultdict(list)
    for row in sorted(staff.values(), key=lambda s: s.code):
        by_role[(row.unit_id, row.role)].append(row)

    link_rows = await TelegramLink.filter(
        role=LinkRole.STAFF,
        revoked_at=None,
        blocked_at=None,
        staff_id__in=list(staff),
    ).values_list("chat_id", "language", "staff_id")
    links: dict[int, list[LinkRow]] = defaultdict(list)
    for chat_id, language, staff_id in sorted(link_rows):
        links[staff_id].append(LinkRow(chat_id, normalise_language(language), staff_id))

    for row in await _participant_rows(unit_ids):
        data[row.unit_id].participants.append(row)
    await _mark_final_reports(data)
    active = {p.id for unit in data.values() for p in unit.participants}
    for application in await _kvp_rows(unit_ids):
        if application.participant_id is None or application.participant_id in active:
            data[application.unit_id].kvp_applications.append(application)
    for unit in data.values():
        unit.participants.sort(key=lambda p: p.code)
    for pupil in await _pupil_rows(unit_ids):
        data[pupil.unit_id].pupils.append(pupil)
    for candidate in await _candidate_rows(unit_ids):
        data[candidate.unit_id].candidates.append(candidate)
    return Snapshot(list(data.values()), staff, dict(links), dict(by_role))


@lru_cache(maxsize=4096)
def _facts(text: str) -> dict[str, Any]:
    """Most participants share a handful of fact sets: parse each text once (read-only)."""
    return json.loads(text)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite keeps dates as text


async def _mark_final_reports(data: dict[int, UnitData]) -> None:
    """Mark the participants whose agreement in force has its final report: one written
    about a period that overlaps their decision's. One query."""
    by_id = {p.id: p for unit in data.values() for p in unit.participants if p.decision_end}
    if not by_id:
        return
    reports = await FinalReport.filter(participant_id__in=list(by_id)).values_list(
        "participant_id", "period_start", "period_end"
    )
    for participant_id, first, last in reports:
        row = by_id[participant_id]
        start = row.decision_start or date.min
        if _day(first) <= row.decision_end and _day(last) >= start:  # type: ignore[operator]
            row.final_report_done = True


async def _participant_rows(unit_ids: list[int]) -> list[ParticipantRow]:
    """Active participants of the units, as plain rows.

    Plain SQL on Tortoise's connection: the ORM's per-value conversion costs more
    than the whole pass at 100,000 rows. Only integers are put into the text.
    """
    if not unit_ids:
        return []
    columns = ", ".join(f'"{name}"' for name in PARTICIPANT_FIELDS)
    units = ", ".join(str(int(unit_id)) for unit_id in unit_ids)
    sql = f'SELECT {columns} FROM "participant" WHERE "active" AND "unit_id" IN ({units})'
    _count, rows = await Participant._meta.db.execute_query(sql)
    found = []
    for row in rows:
        (pid, code, name, unit_id, birth, programme, weekdays, contact_id, decision_start,
         decision_end, temporary, next_evaluation, list_start, nav_followed, pupil, pupil_since, kvp_approved,
         kvp_started, facts) = tuple(row)  # fmt: skip
        if isinstance(facts, str):
            facts = _facts(facts)
        found.append(
            ParticipantRow(
                id=pid,
                code=code,
                name=name,
                unit_id=unit_id,
                birth_date=_day(birth),  # type: ignore[arg-type]
                programme=str(programme),
                days_per_week=len({d for d in weekdays.split(",") if d}),
                contact_id=contact_id,
                decision_start=_day(decision_start),
                decision_end=_day(decision_end),
                temporary=bool(temporary),
                next_evaluation=_day(next_evaluation),
                list_start=_day(list_start),
                nav_followed=bool(nav_followed),
                pupil=bool(pupil),
                pupil_since=_day(pupil_since),
                kvp_approved_on=_day(kvp_approved),
                kvp_started_on=_day(kvp_started),
                eligibility=facts or {},
            )
        )
    return found


async def _pupil_rows(unit_ids: list[int]) -> list[PupilRow]:
    """The register's pupils still in it. One who became a participant is left out: a
    participant still at school is followed by the decision's own pupil flag."""
    if not unit_ids:
        return []
    rows = (
        await Pupil.filter(unit_id__in=unit_ids, ended_on=None, participant_id=None)
        .order_by("id")
        .values_list(
            "id",
            "name",
            "unit_id",
            "birth_date",
            "registered_on",
            "consent_given_on",
            "consent_withdrawn_on",
            "share_name",
        )
    )
    return [
        PupilRow(pid, name, unit_id, _day(birth), _day(registered), _day(given), _day(withdrawn),  # type: ignore[arg-type]
                 bool(share))
        for pid, name, unit_id, birth, registered, given, withdrawn, share in rows
    ]  # fmt: skip


async def _kvp_rows(unit_ids: list[int]) -> list[KvpApplicationRow]:
    """The units' KVP applications not refused, with their latest period's end: two queries."""
    if not unit_ids:
        return []
    rows = (
        await KvpApplication.filter(
            Q(approved=True) | Q(approved__isnull=True), unit_id__in=unit_ids
        )
        .order_by("id")
        .values_list(
            "id",
            "name",
            "unit_id",
            "counsellor_id",
            "received_on",
            "aev_on",
            "decided_on",
            "approved",
            "started_on",
            "participant_id",
        )
    )
    ends: dict[int, date] = {}
    periods = await KvpDecisionPeriod.filter(application__unit_id__in=unit_ids).values_list(
        "application_id", "starts_on", "ends_on"
    )
    for application_id, _starts, ends_on in sorted(periods, key=lambda p: (p[0], p[1])):
        ends[application_id] = ends_on  # the latest period, by its start
    return [
        KvpApplicationRow(
            id=row[0],
            name=row[1],
            unit_id=row[2],
            counsellor_id=row[3],
            received_on=row[4],
            aev_on=row[5],
            decided_on=row[6],
            approved=row[7],
            started_on=row[8],
            participant_id=row[9],
            period_ends=ends.get(row[0]),
        )
        for row in rows
    ]


async def _candidate_rows(unit_ids: list[int]) -> list[CandidateRow]:
    """The units' candidates not ended that have a follow-up, evaluation or next-step
    date: one query."""
    if not unit_ids:
        return []
    rows = (
        await Candidate.filter(unit_id__in=unit_ids)
        .exclude(stage=Stage.ENDED)
        .filter(
            Q(follow_up_on__isnull=False)
            | Q(evaluation_on__isnull=False)
            | Q(next_step_on__isnull=False)
        )
        .order_by("code")
        .values_list(
            "id", "code", "name", "unit_id", "follower_id", "follow_up_on", "evaluation_on",
            "next_step_on",
        )
    )  # fmt: skip
    return [CandidateRow(*row) for row in rows]


async def attendance_counts(
    participant_unit_ids: list[int], first: date, last: date
) -> dict[int, tuple[int, int]]:
    """Participant id → (recorded days, days present) from `first` to `last`, one query.

    A recorded day is one staff confirmed (present or absent); closed days and days
    nobody confirmed count neither way, so a unit that does not record attendance
    is never told of low use.
    """
    rows = (
        await AttendanceDay.filter(
            day__gte=first, day__lte=last, participant__unit_id__in=participant_unit_ids
        )
        .exclude(status=AttendanceStatus.CLOSED)
        .annotate(
            recorded=Count("id"),
            present=Count("id", _filter=Q(status=AttendanceStatus.PRESENT)),
        )
        .group_by("participant_id")
        .values_list("participant_id", "recorded", "present")
    )
    return {pid: (int(recorded), int(present)) for pid, recorded, present in rows}
