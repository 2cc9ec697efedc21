"""The intake with NAV and what follows it, as pure rules (seed 004, items 1–10).

- Intake (items 1–7): NAV refers (a date and the NAV counsellor), a contact person is
  appointed, the intake conversation is held (with NAV, or without), the agreement on
  work training or an activity place is filled in (period, weekdays, daily hours,
  purpose), and the first attendance-list date and the first evaluation date are set.
  The dates come in order: referral ≤ conversation ≤ agreement start < agreement end,
  and the first list and the first evaluation fall within the agreement.
- Evaluation conversations (item 7): held on a day (not in the future), with an outcome
  (continue, adjust, end) and, unless it ends, the next evaluation date after it.
- The final report (item 8) at the agreement's end: attendance in the period, the
  contact person's assessment and a recommendation for the next step.
- The cooperation meeting's minutes (items 9–10): the next meeting is set in the meeting.

Every refusal is a RuleError with a message translated where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from backend.people.eligibility_rules import Programme
from backend.shared.errors import N_, RuleError
from backend.shared.parse import ISO_WEEKDAYS, parse_weekdays

# The agreement is on work training or an activity place (seed 004 item 5).
AGREEMENT_PROGRAMMES = (Programme.WORK_TRAINING, Programme.ACTIVITY_PLACE)
MAX_TEXT = 2000
MAX_NOTE = 500


class EvaluationOutcome(StrEnum):
    CONTINUE = "continue"
    ADJUST = "adjust"
    END = "end"


OUTCOME_LABELS: dict[EvaluationOutcome, str] = {
    EvaluationOutcome.CONTINUE: N_("Fortsetter som avtalt"),
    EvaluationOutcome.ADJUST: N_("Avtalen justeres"),
    EvaluationOutcome.END: N_("Avsluttes"),
}


class Recommendation(StrEnum):
    ORDINARY_WORK = "ordinary_work"
    FURTHER_TRAINING = "further_training"
    VTA = "vta"
    OTHER = "other"
    END = "end"


RECOMMENDATION_LABELS: dict[Recommendation, str] = {
    Recommendation.ORDINARY_WORK: N_("Ordinært arbeid"),
    Recommendation.FURTHER_TRAINING: N_("Videre arbeidstrening"),
    Recommendation.VTA: N_("Varig tilrettelagt arbeid (VTA)"),
    Recommendation.OTHER: N_("Annet"),
    Recommendation.END: N_("Avslutte"),
}


@dataclass(frozen=True, slots=True)
class IntakeDates:
    referred_on: date
    conversation_on: date
    agreement_start: date
    agreement_end: date
    first_list: date
    first_evaluation: date


def check_dates(d: IntakeDates) -> None:
    """The intake's dates in the order the routine gives them; the first refusal is raised."""
    if d.conversation_on < d.referred_on:
        raise RuleError(
            N_(
                "Inntakssamtalen ({conversation}) kan ikke være før henvisningen fra NAV ({referred})"
            ),
            conversation=d.conversation_on.isoformat(),
            referred=d.referred_on.isoformat(),
        )
    if d.agreement_start < d.conversation_on:
        raise RuleError(
            N_("Avtalen kan ikke starte ({start}) før inntakssamtalen ({conversation})"),
            start=d.agreement_start.isoformat(),
            conversation=d.conversation_on.isoformat(),
        )
    if d.agreement_end <= d.agreement_start:
        raise RuleError(
            N_("Avtalen må slutte ({end}) etter at den starter ({start})"),
            end=d.agreement_end.isoformat(),
            start=d.agreement_start.isoformat(),
        )
    for day, message in (
        (d.first_list, N_("Første frammøteliste ({day}) må være innenfor avtaleperioden {start}–{end}")),
        (d.first_evaluation, N_("Første evaluering ({day}) må være innenfor avtaleperioden {start}–{end}")),
    ):  # fmt: skip
        if not d.agreement_start <= day <= d.agreement_end:
            raise RuleError(
                message,
                day=day.isoformat(),
                start=d.agreement_start.isoformat(),
                end=d.agreement_end.isoformat(),
            )


def check_referral_day(referred_on: date, today: date, conversation_on: date | None = None) -> None:
    """NAV's referral has come and the intake conversation is held when the intake is
    recorded (seed 004: the agreement is filled in at the intake meeting): neither is
    dated ahead."""
    if referred_on > today:
        raise RuleError(
            N_("Henvisningen fra NAV kan ikke være fram i tid: {day}"), day=referred_on.isoformat()
        )
    if conversation_on is not None and conversation_on > today:
        raise RuleError(
            N_("Inntakssamtalen registreres når den er holdt, ikke før: {day}"),
            day=conversation_on.isoformat(),
        )


def check_programme(programme: Programme) -> Programme:
    if programme not in AGREEMENT_PROGRAMMES:
        raise RuleError(N_("Avtalen gjelder arbeidstrening eller aktivitetsplass"))
    return programme


def check_hours(start: time, end: time) -> None:
    if end <= start:
        raise RuleError(
            N_("Sluttid må komme etter starttid: {text}"), text=f"{start:%H:%M}-{end:%H:%M}"
        )


def clean_text(text: str | None, field: str, *, required: bool, max_length: int = MAX_TEXT) -> str:
    """One text of a form, trimmed; refused when required and empty, or too long."""
    cleaned = (text or "").strip()
    if required and not cleaned:
        raise RuleError(N_("Fyll ut «{field}»"), field=field)
    if len(cleaned) > max_length:
        raise RuleError(N_("«{field}» kan ha høyst {count} tegn"), field=field, count=max_length)
    return cleaned


def parse_days(text: str) -> frozenset[int]:
    """`1,3,5` (ISO weekdays) or `man,ons,fre` / `mon,wed,fri`."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if parts and all(p in ISO_WEEKDAYS for p in parts):
        return frozenset(int(p) for p in parts)
    return parse_weekdays(text)


def parse_outcome(text: str | None) -> EvaluationOutcome:
    try:
        return EvaluationOutcome((text or "").strip().lower())
    except ValueError:
        raise RuleError(
            N_("Utfallet må være continue, adjust eller end, ikke {text}"), text=(text or "")[:40]
        ) from None


def parse_recommendation(text: str | None) -> Recommendation:
    try:
        return Recommendation((text or "").strip().lower())
    except ValueError:
        raise RuleError(N_("Velg en anbefaling for neste steg")) from None


def check_evaluation(
    held_on: date,
    outcome: EvaluationOutcome,
    next_evaluation: date | None,
    today: date,
    agreement_start: date | None = None,
) -> date | None:
    """The next evaluation date to store: required after the held date unless it ends.
    An evaluation is held within the agreement, so not before it began."""
    if held_on > today:
        raise RuleError(
            N_("En evaluering registreres når den er holdt, ikke før: {day}"),
            day=held_on.isoformat(),
        )
    if agreement_start is not None and held_on < agreement_start:
        raise RuleError(
            N_("En evaluering kan ikke være før avtalen begynte ({start}): {day}"),
            start=agreement_start.isoformat(),
            day=held_on.isoformat(),
        )
    if outcome is EvaluationOutcome.END:
        return None
    if next_evaluation is None:
        raise RuleError(N_("Sett datoen for neste evaluering, eller velg at avtalen avsluttes"))
    if next_evaluation <= held_on:
        raise RuleError(
            N_("Neste evaluering ({next}) må komme etter denne ({day})"),
            next=next_evaluation.isoformat(),
            day=held_on.isoformat(),
        )
    return next_evaluation


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    planned: int
    present: int
    absent: int


def attendance_summary(
    planned_days: int, present_days: int, absent_notified: int, absent_unnotified: int
) -> AttendanceSummary:
    """Days planned, present and absent (with or without notice) in the period."""
    return AttendanceSummary(planned_days, present_days, absent_notified + absent_unnotified)


def report_period(agreement_start: date, agreement_end: date, today: date) -> tuple[date, date]:
    """The final report covers the agreement, up to today when it is written early."""
    if today < agreement_start:
        raise RuleError(
            N_("Avtaleperioden har ikke begynt ennå: den starter {day}"),
            day=agreement_start.isoformat(),
        )
    return agreement_start, min(agreement_end, today)


def check_next_meeting(meeting_day: date, next_day: date | None) -> None:
    if next_day is not None and next_day <= meeting_day:
        raise RuleError(
            N_("Neste møte ({next}) må komme etter dette møtet ({day})"),
            next=next_day.isoformat(),
            day=meeting_day.isoformat(),
        )
