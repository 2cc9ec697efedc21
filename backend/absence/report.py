"""Reporting and withdrawing absence, and telling the people who must know.

Who is told, all through the outbox:

- the contact person (else the unit's leaders): participant, days, category, who reported;
  never the private note (`absence_reported`, `absence_withdrawn`);
- the unit's transport contact by e-mail, when the participant uses transport: which days
  to cancel or to drive after all, never why (`transport_cancel`, `transport_restore`);
- the participant, when a relative reported or withdrew for them, unless the unit turned
  that off (`relative_reported`, `relative_withdrew`).

`_tell_everyone` is the one place that decides it; the texts are in `texts.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tortoise.transactions import in_transaction

from backend.calendar.calendars import decision_of, participant_calendar, unit_of
from backend.calendar.plan import reported_absences
from backend.calendar.plan_rules import PlanDay, PlanKind, plan_days
from backend.links.links import participant_chats, recipients_for_participant
from backend.models import Absence, AbsenceCategory, LinkRole, Participant, TelegramLink, Unit
from backend.outbox import queue as outbox
from backend.outbox import smtp as mail
from backend.outbox.windows import PARTICIPANT as PARTICIPANT_WINDOW
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError

log = logging.getLogger(__name__)

# Absence can be reported for today and the next 8 weeks.
MAX_DAYS_AHEAD = 8 * 7
MAX_NOTE_CHARS = 1000


@dataclass
class AbsenceReport:
    recorded: list[date] = field(default_factory=list)
    already: list[date] = field(default_factory=list)
    closed: list[PlanDay] = field(default_factory=list)  # the unit is closed: holiday …
    not_planned: list[date] = field(default_factory=list)  # not one of the participant's days
    late: bool = False
    absence_ids: list[int] = field(default_factory=list)


@dataclass
class Withdrawal:
    withdrawn: list[date] = field(default_factory=list)
    not_reported: list[date] = field(default_factory=list)


def last_reportable_day(today: date) -> date:
    return today + timedelta(days=MAX_DAYS_AHEAD)


def check_days(days: Sequence[date], today: date) -> None:
    """Refuse days in the past or beyond the 8 weeks ahead."""
    if not days:
        raise RuleError(N_("Velg minst én dag"))
    if min(days) < today:
        raise RuleError(
            N_("Den dagen er over. Fravær kan bare meldes for i dag eller senere."),
        )
    if max(days) > last_reportable_day(today):
        raise RuleError(N_("Fravær kan meldes inntil 8 uker fram"))


def days_from(first: date, last: date) -> list[date]:
    if last < first:
        raise RuleError(N_("Den siste dagen kan ikke være før den første"))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _actor(reporter: TelegramLink | None, name: str) -> str:
    return f"telegram:{reporter.telegram_user_id}" if reporter is not None else name


def _to_record(
    day: date, planned: PlanDay | None, current: Absence | None, report: AbsenceReport
) -> bool:
    """Whether `day` is to be recorded; else it goes to the report's list that says why
    not (not planned, closed, reported already)."""
    if planned is None:
        report.not_planned.append(day)
        return False
    if planned.kind is PlanKind.CLOSED:
        report.closed.append(planned)
        return False
    if current is not None and current.withdrawn_at is None:
        report.already.append(day)
        return False
    return True


async def report_absence(
    participant: Participant,
    days: list[date],
    category: AbsenceCategory,
    *,
    reporter: TelegramLink | None,
    now: datetime,
    note: str | None = None,
    channel: str = "telegram",
    reporter_name: str | None = None,
) -> AbsenceReport:
    """Record absence on the planned days among `days`; tell who must know, once.

    `now` is aware and in the service's time zone: "today" and "late" are local.
    Staff reporting on someone's behalf pass `reporter=None` and their `reporter_name`.
    """
    today = now.date()
    check_days(days, today)
    name = reporter.display_name if reporter is not None else (reporter_name or "")
    if not name:
        raise RuleError(N_("Oppgi hvem som melder fraværet"))
    calendar = await participant_calendar(participant)
    plan = {p.day: p for p in plan_days(decision_of(participant), calendar, min(days), max(days))}
    report = AbsenceReport()
    async with in_transaction():
        existing = {
            a.day: a
            for a in await Absence.filter(participant_id=participant.id, day__in=days)
            .select_for_update()
            .all()
        }
        for day in sorted(set(days)):
            current = existing.get(day)
            if not _to_record(day, plan.get(day), current, report):
                continue
            # Late: reported after the day's start time, on the day itself.
            late = day == today and now.time() > participant.start_time
            values = {
                "category": category,
                # Reported again after a withdrawal: an earlier note stays unless replaced.
                "note": _clean_note(note) or (current.note if current is not None else None),
                "reported_by": reporter,
                "reporter_name": name,
                "channel": channel,
                "late": late,
                "withdrawn_at": None,
                "seen_at": None,
                "seen_by_name": None,
            }
            if current is None:
                current = await Absence.create(participant=participant, day=day, **values)
            else:
                await current.update_from_dict(values).save()
            report.recorded.append(day)
            report.absence_ids.append(current.id)
            report.late = report.late or late
        if report.recorded:
            await audit.record(
                _actor(reporter, name),
                "absence.report",
                f"participant:{participant.code}",
                days=[d.isoformat() for d in report.recorded],
                category=category.value,
                channel=channel,
            )
            await _tell_about_report(participant, report, category, reporter, name, now)
    return report


async def _tell_about_report(
    participant: Participant,
    report: AbsenceReport,
    category: AbsenceCategory,
    reporter: TelegramLink | None,
    name: str,
    now: datetime,
) -> None:
    await _tell_everyone(
        participant,
        report.recorded,
        reporter,
        name,
        now,
        templates=("absence", "absence_reported", "transport_cancel", "relative_reported"),
        # participant_id is for the staff's "OK, seen" button
        extra={"participant_id": participant.id, "category": category.value, "late": report.late},
    )


async def _tell_everyone(
    participant: Participant,
    recorded: list[date],
    reporter: TelegramLink | None,
    name: str,
    now: datetime,
    *,
    templates: tuple[str, str, str, str],
    extra: dict[str, object],
) -> None:
    """Staff at once (never the note), transport without a reason, and the participant
    when a relative acted. `templates`: key prefix, staff, transport, participant."""
    prefix, staff_template, transport_template, participant_template = templates
    days = [d.isoformat() for d in recorded]
    by_relative = reporter is not None and reporter.role == LinkRole.RELATIVE
    key = f"{participant.id}:{days[0]}:{now.timestamp():.0f}"
    params = {
        "participant": participant.name,
        "days": days,
        "reporter": name if by_relative or reporter is None else None,
        **extra,
    }
    for link in await recipients_for_participant(participant):
        await outbox.enqueue(
            f"{prefix}:{key}:{link.chat_id}",
            staff_template,
            params,
            due_at=now,
            chat_id=link.chat_id,
            language=link.language or "nb",
        )
    await _tell_transport(transport_template, participant, days, key, now)
    if by_relative:
        await _tell_participant(participant_template, participant, name, days, key, now)


async def _tell_transport(
    template: str, participant: Participant, days: list[str], key: str, now: datetime
) -> None:
    """Transport learns which days to cancel or drive after all, never why."""
    unit: Unit = participant.unit
    if not participant.transport or not unit.transport_email:
        return
    try:
        await mail.enqueue_email(
            f"{template}:{key}",
            template,
            {"unit": unit.name, "participant": participant.name, "days": days},
            to=unit.transport_email,
            due_at=now,
            language="nb",
        )
    except RuleError:
        # A malformed address in the unit's settings must not lose the report itself.
        log.warning("unit %s: transport e-mail %r is not valid", unit.code, unit.transport_email)


async def _tell_participant(
    template: str, participant: Participant, reporter: str, days: list[str], key: str, now: datetime
) -> None:
    unit: Unit = participant.unit
    if not unit.tell_participant_of_relative_report:
        return
    for link in await participant_chats(participant.id):
        await outbox.enqueue(
            f"{template}:{key}:{link.chat_id}",
            template,
            {"reporter": reporter, "days": days},
            due_at=now,
            chat_id=link.chat_id,
            language=link.language or "nb",
            window=PARTICIPANT_WINDOW,  # never wakes the participant at night
        )


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = note.strip()
    if len(text) > MAX_NOTE_CHARS:
        raise RuleError(N_("Teksten er for lang. Skriv høyst {chars} tegn."), chars=MAX_NOTE_CHARS)
    return text or None


async def add_note(reporter: TelegramLink, absence_ids: Sequence[int], note: str) -> int:
    """Store the optional private note on absences the reporter just made; never sent anywhere.

    Only absences of the reporter's participant that are still in force are touched.
    """
    text = _clean_note(note)
    if text is None:
        return 0
    async with in_transaction():
        rows = await Absence.filter(
            id__in=list(absence_ids),
            participant_id=reporter.participant_id,
            withdrawn_at=None,
        ).all()
        if not rows:
            return 0
        await Absence.filter(id__in=[a.id for a in rows]).update(note=text)
        # The participant by code, as every audit subject: so it shows in the unit's log.
        participant_id = reporter.participant_id
        code = await Participant.get(id=participant_id).values_list("code", flat=True)
        # The audit log says that a note was written, never what it says.
        await audit.record(
            f"telegram:{reporter.telegram_user_id}",
            "absence.note",
            f"participant:{code}",
            days=[a.day.isoformat() for a in rows],
        )
    return len(rows)


async def withdraw_absence(
    participant: Participant,
    days: list[date],
    *,
    reporter: TelegramLink | None,
    now: datetime,
    reporter_name: str | None = None,
) -> Withdrawal:
    """ "I am coming after all": withdraw reported days from today on, and tell who was told."""
    today = now.date()
    if not days or min(days) < today:
        raise RuleError(N_("Den dagen er over. Du kan bare endre i dag og senere."))
    name = reporter.display_name if reporter is not None else (reporter_name or "")
    await unit_of(participant)  # the notices name it
    result = Withdrawal()
    async with in_transaction():
        current = {
            a.day: a
            for a in await Absence.filter(
                participant_id=participant.id, day__in=days, withdrawn_at=None
            )
            .select_for_update()
            .all()
        }
        for day in sorted(set(days)):
            if day in current:
                result.withdrawn.append(day)
            else:
                result.not_reported.append(day)
        if not result.withdrawn:
            return result
        await Absence.filter(id__in=[current[d].id for d in result.withdrawn]).update(
            withdrawn_at=utc(now)
        )
        await audit.record(
            _actor(reporter, name),
            "absence.withdraw",
            f"participant:{participant.code}",
            days=[d.isoformat() for d in result.withdrawn],
        )
        await _tell_about_withdrawal(participant, result, reporter, name, now)
    return result


async def _tell_about_withdrawal(
    participant: Participant,
    result: Withdrawal,
    reporter: TelegramLink | None,
    name: str,
    now: datetime,
) -> None:
    await _tell_everyone(
        participant,
        result.withdrawn,
        reporter,
        name,
        now,
        templates=("withdrawn", "absence_withdrawn", "transport_restore", "relative_withdrew"),
        extra={},
    )


async def upcoming_absences(participant_id: int, today: date) -> list[Absence]:
    """Reported days from today on that are still in force, soonest first."""
    return (
        await Absence.filter(participant_id=participant_id, day__gte=today, withdrawn_at=None)
        .order_by("day")
        .all()
    )


async def day_kinds(participant: Participant, start: date, end: date) -> dict[date, PlanKind]:
    """What each day is for the participant: planned, already absent, closed or off."""
    calendar = await participant_calendar(participant)
    absences = (await reported_absences([participant.id], start, end))[participant.id]
    return {
        p.day: p.kind
        for p in plan_days(
            decision_of(participant), calendar, start, end, absences, include_off=True
        )
    }
