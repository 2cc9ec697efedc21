"""The daily pass: compute what is due, write it to the outbox once, remember the run.

Writing is one bulk insert that skips keys already present, so running a pass
twice (a restart, a second process, `frammote reminders send`) writes nothing new.
Sending is the outbox senders' job (bot.delivery, services.mail).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from tortoise.exceptions import IntegrityError

from backend.models import JobRun, OutboxMessage, OutboxStatus
from backend.reminders.deadlines import weekly_check_week
from backend.reminders.plan import TEMPLATE_PREFIX, Delivery, DueReminder, Planner
from backend.reminders.rules import LOW_USE_WEEKS
from backend.reminders.snapshot import Snapshot, attendance_counts, load_snapshot
from backend.shared.clock import utc

DAILY_JOB = "daily_reminders"
# A pass started after days of downtime catches up this many days at most.
MAX_CATCH_UP = timedelta(days=7)


@dataclass
class PassResult:
    days: list[date]
    deliveries: list[Delivery] = field(default_factory=list)
    # Every reminder due, also those nobody can receive (they have no delivery).
    due: list[DueReminder] = field(default_factory=list)

    @property
    def reminders(self) -> int:
        return len(self.due)

    @property
    def unreachable(self) -> list[DueReminder]:
        """The reminders nobody can receive: to be shown, never dropped."""
        return [d for d in self.due if not d.reachable]


def _days(first: date, last: date) -> list[date]:
    first = max(first, last - MAX_CATCH_UP)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


async def _counts(snapshot: Snapshot, days: list[date]) -> dict[date, dict[int, tuple[int, int]]]:
    """Attendance counts for the days that are some unit's weekly check day."""
    unit_ids = [u.id for u in snapshot.units]
    counts = {}
    for day in days:
        pwds = [u.calendar.previous_working_day for u in snapshot.units]
        if any(weekly_check_week(day, pwd) is not None for pwd in pwds):
            start = day - timedelta(weeks=LOW_USE_WEEKS)
            counts[day] = await attendance_counts(unit_ids, start, day - timedelta(days=1))
    return counts


async def plan_pass(
    now: datetime,
    *,
    first_day: date | None = None,
    unit_code: str | None = None,
    email: bool = False,
) -> PassResult:
    """Deliveries due from `first_day` (default today) to today; `now` is local and aware."""
    days = _days(first_day or now.date(), now.date())
    snapshot = await load_snapshot(days[0], unit_code)
    counts = await _counts(snapshot, days)
    planner = Planner(snapshot, now, email=email)
    deliveries = planner.plan(days, counts)
    return PassResult(days, deliveries, planner.due)


async def preview(
    day: date, tz_now: datetime, *, unit_code: str | None = None, email: bool = False
) -> PassResult:
    """What a pass on `day` would write (nothing is written)."""
    at = datetime.combine(day, time(6, 0), tzinfo=tz_now.tzinfo)
    return await plan_pass(at, unit_code=unit_code, email=email)


async def write(deliveries: list[Delivery]) -> None:
    """One bulk insert; rows whose key exists already are skipped by the database."""
    if not deliveries:
        return
    rows = [
        OutboxMessage(
            key=d.key,
            template=d.template,
            params=d.params,
            chat_id=d.recipient.chat_id,
            email=d.recipient.email,
            language=d.recipient.language,
            status=OutboxStatus.PENDING,
            due_at=utc(d.due_at),
            window=d.window,
            attempts=0,
        )
        for d in deliveries
    ]
    await OutboxMessage.bulk_create(rows, ignore_conflicts=True)


async def run_daily_pass(
    now: datetime, *, first_day: date | None = None, email: bool = False
) -> PassResult:
    """Plan and write today's reminders (and missed days' from `first_day`), then record the run."""
    result = await plan_pass(now, first_day=first_day, email=email)
    await write(result.deliveries)
    await record_run(DAILY_JOB, now.date(), now)
    return result


async def last_run(name: str = DAILY_JOB) -> date | None:
    row = await JobRun.filter(name=name).order_by("-day").first()
    return row.day if row else None


async def record_run(name: str, day: date, now: datetime) -> None:
    # Another process may have finished the same day's run first.
    with contextlib.suppress(IntegrityError):
        await JobRun.create(name=name, day=day, finished_at=utc(now))


async def waiting() -> int:
    """Reminder rows not sent yet (due later, outside their window, or being retried)."""
    return await OutboxMessage.filter(
        template__startswith=TEMPLATE_PREFIX,
        status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING],
    ).count()
