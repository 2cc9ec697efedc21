"""Reporting and withdrawing absence, and telling the people who must know."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.transactions import in_transaction

from backend.domain.errors import N_, RuleError
from backend.domain.plan import PlanKind, plan_days
from backend.models import Absence, AbsenceCategory, LinkRole, Participant, TelegramLink
from backend.services import audit, outbox
from backend.services.calendars import decision_of, unit_calendar
from backend.services.links import recipients_for_participant

MAX_DAYS_AHEAD = 8 * 7


@dataclass
class AbsenceReport:
    recorded: list[date] = field(default_factory=list)
    already: list[date] = field(default_factory=list)
    not_planned: list[date] = field(default_factory=list)
    late: bool = False


async def report_absence(
    participant: Participant,
    days: list[date],
    category: AbsenceCategory,
    *,
    reporter: TelegramLink,
    now: datetime,
    note: str | None = None,
    channel: str = "telegram",
) -> AbsenceReport:
    """Record absence on the planned days among `days`; tell the contact person once.

    `now` is aware and in the service's time zone: "today" and "late" are local.
    """
    today = now.date()
    if not days or min(days) < today:
        raise RuleError(N_("Fravær kan bare meldes for i dag eller senere"))
    if max(days) > today.fromordinal(today.toordinal() + MAX_DAYS_AHEAD):
        raise RuleError(N_("Fravær kan meldes inntil 8 uker fram"))

    await participant.fetch_related("unit")
    calendar = await unit_calendar(participant.unit)
    plan = {
        p.day: p.kind for p in plan_days(decision_of(participant), calendar, min(days), max(days))
    }
    report = AbsenceReport()
    # Late: reported after the day's start time for today.
    report.late = today in days and now.time() > participant.start_time
    async with in_transaction():
        existing = {
            a.day: a
            for a in await Absence.filter(participant_id=participant.id, day__in=days)
            .select_for_update()
            .all()
        }
        for day in sorted(set(days)):
            if plan.get(day) != PlanKind.PLANNED:
                report.not_planned.append(day)
                continue
            current = existing.get(day)
            if current is not None and current.withdrawn_at is None:
                report.already.append(day)
                continue
            values = {
                "category": category,
                "note": note,
                "reported_by": reporter,
                "reporter_name": reporter.display_name,
                "channel": channel,
                "late": report.late and day == today,
                "withdrawn_at": None,
            }
            if current is None:
                await Absence.create(participant=participant, day=day, **values)
            else:
                await current.update_from_dict(values).save()
            report.recorded.append(day)
        if report.recorded:
            await audit.record(
                f"telegram:{reporter.telegram_user_id}",
                "absence.report",
                f"participant:{participant.code}",
                days=[d.isoformat() for d in report.recorded],
                category=category.value,
            )
            await _tell_staff(participant, report, category, reporter, now)
    return report


async def _tell_staff(
    participant: Participant,
    report: AbsenceReport,
    category: AbsenceCategory,
    reporter: TelegramLink,
    now: datetime,
) -> None:
    params = {
        "participant": participant.name,
        "days": [d.isoformat() for d in report.recorded],
        "category": category.value,
        "reporter": reporter.display_name if reporter.role == LinkRole.RELATIVE else None,
        "late": report.late,
    }
    first = report.recorded[0].isoformat()
    for link in await recipients_for_participant(participant):
        await outbox.enqueue(
            f"absence:{participant.id}:{first}:{now.timestamp():.0f}:{link.chat_id}",
            "absence_reported",
            params,
            due_at=now,
            chat_id=link.chat_id,
            language=link.language or "nb",
        )
