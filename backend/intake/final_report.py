"""The final report at the agreement's end (seed 004 item 8): a form whose attendance part
is computed from the stored days, and whose assessment the contact person writes. It is
stored as written (the figures as they were that day) and made into a PDF for NAV.

The period is the latest intake's agreement (else the decision's period), up to today
when the report is written before the end. Attendance is counted as on the attendance
lists: planned days, days present, days absent with or without notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backend.intake.documents import FinalReportDoc, render_final_report, schedule_of
from backend.intake.intake import latest_intake
from backend.intake.rules import (
    AttendanceSummary,
    Recommendation,
    attendance_summary,
    clean_text,
    parse_recommendation,
    report_period,
)
from backend.models import FinalReport, Participant, Programme, Staff, Unit
from backend.nav_lists.lists import MAX_LIST_DAYS, build_list
from backend.people.erased import check_not_erased
from backend.shared import audit
from backend.shared.errors import N_, Msgid, RuleError

# The attendance lists are gathered for at most MAX_LIST_DAYS at a time.
CHUNK_DAYS = MAX_LIST_DAYS - 35


@dataclass(frozen=True)
class FinalReportForm:
    goals: str
    what_worked: str
    work_ability: str
    recommendation: Recommendation | str  # a key of Recommendation, checked on writing
    recommendation_note: str | None = None


@dataclass(frozen=True)
class Draft:
    """What the form shows before it is written: the period and its attendance."""

    period_start: date
    period_end: date
    agreement_start: date
    agreement_end: date
    summary: AttendanceSummary


async def _agreement(participant: Participant) -> tuple[date, date]:
    intake = await latest_intake(participant)
    if intake is not None:
        return intake.agreement_start, intake.agreement_end
    if participant.decision_start and participant.decision_end:
        return participant.decision_start, participant.decision_end
    raise RuleError(N_("{name} har ingen avtaleperiode ennå. Registrer inntaket først."),
                    name=participant.name)  # fmt: skip


async def attendance_in(
    participant: Participant, first: date, last: date, today: date
) -> AttendanceSummary:
    """Planned, present and absent days in [first, last], gathered as the NAV lists are."""
    planned = present = notified = unnotified = 0
    start = first
    while start <= last:
        end = min(last, start + timedelta(days=CHUNK_DAYS - 1))
        totals = (await build_list(participant, start, end, today)).totals
        planned += totals.planned_days
        present += totals.present_days
        notified += totals.absent_notified_days
        unnotified += totals.absent_unnotified_days
        start = end + timedelta(days=1)
    return attendance_summary(planned, present, notified, unnotified)


async def draft_for(participant: Participant, today: date) -> Draft:
    check_not_erased(participant)
    agreement_start, agreement_end = await _agreement(participant)
    first, last = report_period(agreement_start, agreement_end, today)
    summary = await attendance_in(participant, first, last, today)
    return Draft(first, last, agreement_start, agreement_end, summary)


async def write_final_report(
    participant: Participant, form: FinalReportForm, *, written_by: str, actor: str, today: date
) -> FinalReport:
    """Store the report with the attendance as it is today; audited."""
    goals = clean_text(form.goals, Msgid(N_("Mål for perioden")), required=True)
    worked = clean_text(form.what_worked, Msgid(N_("Hva har fungert")), required=True)
    ability = clean_text(form.work_ability, Msgid(N_("Vurdering av arbeidsevne")), required=True)
    recommendation = parse_recommendation(str(form.recommendation))
    note = clean_text(form.recommendation_note, Msgid(N_("Om anbefalingen")), required=False)
    draft = await draft_for(participant, today)
    report = await FinalReport.create(
        participant=participant,
        period_start=draft.period_start,
        period_end=draft.period_end,
        planned_days=draft.summary.planned,
        present_days=draft.summary.present,
        absent_days=draft.summary.absent,
        goals=goals,
        what_worked=worked,
        work_ability=ability,
        recommendation=recommendation,
        recommendation_note=note or None,
        written_by=written_by[:200],
        recorded_by=actor[:80],
    )
    await audit.record(
        actor,
        "final_report.write",
        f"participant:{participant.code}",
        first=draft.period_start.isoformat(),
        last=draft.period_end.isoformat(),
        recommendation=recommendation.value,
    )
    return report


async def reports_of(participant: Participant) -> list[FinalReport]:
    return await FinalReport.filter(participant_id=participant.id).order_by("-id")


async def report_pdf(
    participant: Participant, report_id: int | None, *, actor: str, language: str = "nb"
) -> tuple[str, bytes]:
    """(filename, PDF) of one of the participant's reports (the latest without an id);
    reading it is audited."""
    query = FinalReport.filter(participant_id=participant.id)
    if report_id is not None:
        query = query.filter(id=report_id)
    report = await query.order_by("-id").first()
    if report is None:
        raise RuleError(
            N_("Det er ikke skrevet noen sluttrapport for {name}"), name=participant.name
        )
    unit = await Unit.get(id=participant.unit_id)
    intake = await latest_intake(participant)
    contact = await Staff.get_or_none(id=participant.contact_id) if participant.contact_id else None
    doc = FinalReportDoc(
        unit_name=unit.name,
        participant_name=participant.name,
        participant_code=participant.code,
        birth_date=participant.birth_date,
        programme=Programme(intake.programme if intake else participant.programme),
        schedule=schedule_of(
            participant.weekdays, participant.day_start, participant.day_end, language
        ),
        counsellor=intake.counsellor if intake else None,
        contact_name=contact.name if contact else None,
        period_start=report.period_start,
        period_end=report.period_end,
        agreement_start=intake.agreement_start if intake else participant.decision_start,
        agreement_end=intake.agreement_end if intake else participant.decision_end,
        planned_days=report.planned_days,
        present_days=report.present_days,
        absent_days=report.absent_days,
        goals=report.goals,
        what_worked=report.what_worked,
        work_ability=report.work_ability,
        recommendation=Recommendation(report.recommendation),
        recommendation_note=report.recommendation_note,
        written_by=report.written_by,
        written_on=report.created_at.date(),
    )
    await audit.record(
        actor, "final_report.download", f"participant:{participant.code}", report=report.id
    )
    return doc.filename(), render_final_report(doc, language)
