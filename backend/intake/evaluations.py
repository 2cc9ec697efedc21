"""Evaluation conversations (seed 004 item 7): recorded with their outcome, and the next
date set, which the evaluation reminder reads (`Participant.next_evaluation`).

An outcome of "end" sets no next date: the reminders of evaluations stop, and the
final report follows at the agreement's end. A contact person records evaluations of
their own participants only; leaders and coordinators of the unit of any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from backend.access.permissions import Action, follows, may
from backend.intake.rules import MAX_NOTE, EvaluationOutcome, check_evaluation, clean_text
from backend.models import Evaluation, Participant, Staff
from backend.people.erased import participant_to_change
from backend.shared import audit
from backend.shared.errors import N_, Msgid


@dataclass(frozen=True)
class EvaluationForm:
    held_on: date
    outcome: EvaluationOutcome
    next_evaluation: date | None = None
    note: str | None = None


def may_evaluate(staff: Staff, participant: Participant) -> bool:
    """The participant's own contact person, or a leader or coordinator of the unit."""
    return (
        staff.active
        and may(staff.role, Action.EVALUATION_EDIT, same_unit=staff.unit_id == participant.unit_id)
        and follows(staff.id, staff.role, Action.EVALUATION_EDIT, participant.contact_id)
    )


async def record_evaluation(
    participant_code: str,
    form: EvaluationForm,
    *,
    actor: str,
    today: date,
    unit_id: int | None = None,
) -> Evaluation:
    """Store the conversation and set the participant's next evaluation date from it."""
    next_evaluation = check_evaluation(form.held_on, form.outcome, form.next_evaluation, today)
    note = clean_text(form.note, Msgid(N_("Merknad")), required=False, max_length=MAX_NOTE)
    async with in_transaction():
        participant = await participant_to_change(participant_code, unit_id)
        check_evaluation(
            form.held_on, form.outcome, form.next_evaluation, today, participant.decision_start
        )
        evaluation = await Evaluation.create(
            participant=participant,
            held_on=form.held_on,
            outcome=form.outcome,
            note=note or None,
            next_evaluation=next_evaluation,
            recorded_by=actor[:80],
        )
        participant.next_evaluation = next_evaluation
        await participant.save(update_fields=["next_evaluation"])
        await audit.record(
            actor,
            "evaluation.record",
            f"participant:{participant.code}",
            day=form.held_on.isoformat(),
            outcome=form.outcome.value,
            next_evaluation=next_evaluation.isoformat() if next_evaluation else None,
        )
    return evaluation


async def evaluations_of(participant: Participant) -> list[Evaluation]:
    return await Evaluation.filter(participant_id=participant.id).order_by("-held_on", "-id")
