"""From the tablet's taps to the roster: proposed attendance days for staff to confirm.

A visit tapped in and out proposes PRESENT with the hours of `rules.visit_hours`. It
waits until staff confirm it (one tap on the attendance page), which stores the day
through `attendance.marking.mark_day` like any other attendance: from there it is in the
grid, in pay and in the lists for NAV. Nothing is confirmed by itself, as attendance
is confirmed by staff only. A visit waits while no attendance day is stored for it; a
day stored some other way (the grid, "everyone else is here") ends the wait. A visit too
short for a quarter hour proposes no hours: it waits as such, with its minutes, for staff
to record the day by hand like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from backend.attendance import marking as attendance
from backend.checkin.rules import visit_hours, visit_minutes
from backend.models import AttendanceDay, AttendanceStatus, CheckIn, Participant, Staff
from backend.shared.errors import N_, RuleError

SHOWN_DAYS = 30  # the taps are kept 30 days (RETENTION_CHAT_STATE's default)


class VisitNotFound(RuleError):
    """No such visit at the staff member's unit."""

    def __init__(self) -> None:
        super().__init__(N_("Fant ikke innsjekkingen."))


@dataclass(frozen=True)
class Proposal:
    id: int
    participant: Participant
    day: date
    arrived: datetime
    left: datetime | None
    hours: Decimal | None  # None: still in, or too short a visit to propose hours

    @property
    def confirmable(self) -> bool:
        return self.hours is not None

    @property
    def too_short(self) -> bool:
        """Tapped out again too soon for a quarter hour (`rules.visit_hours`): staff are
        told so, and record the day by hand if it counts."""
        return self.left is not None and self.hours is None

    @property
    def minutes(self) -> int | None:
        """The visit's whole minutes, once tapped out."""
        return visit_minutes(self.arrived, self.left) if self.left is not None else None


async def waiting(unit_id: int, today: date) -> list[Proposal]:
    """The unit's visits of the last weeks with no attendance day stored yet, newest first."""
    visits = (
        await CheckIn.filter(
            participant__unit_id=unit_id,
            participant__erased_at=None,
            day__gte=today - timedelta(days=SHOWN_DAYS),
        )
        .prefetch_related("participant")
        .order_by("-day", "in_at")
    )
    stored = {
        (r.participant_id, r.day)
        for r in await AttendanceDay.filter(
            participant_id__in=[v.participant_id for v in visits],
            day__gte=today - timedelta(days=SHOWN_DAYS),
        )
    }
    return [
        Proposal(
            v.id,
            v.participant,
            v.day,
            v.in_at,
            v.out_at,
            visit_hours(v.in_at, v.out_at) if v.out_at is not None else None,
        )
        for v in visits
        if (v.participant_id, v.day) not in stored
    ]


async def tablet_hours(participant: Participant, day: date) -> Decimal | None:
    """The hours the tablet proposes for the participant's day; None without a whole visit
    (so a day marked present some other way keeps the decision's hours)."""
    visit = await CheckIn.get_or_none(participant_id=participant.id, day=day, out_at__isnull=False)
    return visit_hours(visit.in_at, visit.out_at) if visit and visit.out_at else None


async def confirm(
    staff: Staff, visit_id: int, now: datetime, *, end_absence: bool = False
) -> AttendanceDay:
    """Store the proposed day as PRESENT with its hours, confirmed by `staff`.

    RuleError when the visit is not of the staff member's unit, is still open, or gives
    no hours; AbsenceReported (from marking) when an absence is reported that day.
    """
    visit = await CheckIn.get_or_none(
        id=visit_id, participant__unit_id=staff.unit_id
    ).prefetch_related("participant")
    if visit is None:
        raise VisitNotFound()
    if visit.out_at is None:
        raise RuleError(N_("{name} har ikke sjekket ut ennå."), name=visit.participant.name)
    hours = visit_hours(visit.in_at, visit.out_at)
    if hours is None:
        raise RuleError(N_("Besøket var for kort til å foreslå timer. Før dagen i rutenettet."))
    return await attendance.mark_day(
        visit.participant,
        visit.day,
        AttendanceStatus.PRESENT,
        hours,
        actor_staff=staff,
        now=now,
        end_absence=end_absence,
    )
