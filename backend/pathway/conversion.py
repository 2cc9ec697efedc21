"""A candidate who starts in AoK, VTA, VTA-O, work training or an activity place becomes a
participant without typing anything again: code, name, birth date and unit come from the
candidate; only the decision's own fields are asked (weekdays, hours, contact person,
programme). In one transaction the participant is registered (every rule of
`people.registry.add_participant` applies), the candidate points to them and moves to the
matching stage of the pathway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from tortoise.transactions import in_transaction

from backend.models import Candidate, Participant, Programme
from backend.pathway.candidates import move_stage, subject
from backend.pathway.rules import Move, Position, start_position
from backend.people import registry
from backend.shared import audit
from backend.shared.errors import N_, RuleError


@dataclass(frozen=True)
class Start:
    """The decision's fields: all the form asks."""

    programme: Programme
    weekdays: frozenset[int]
    start_time: time
    end_time: time
    contact_code: str
    eligibility: dict[str, bool] = field(default_factory=dict)


async def start_as_participant(
    candidate: Candidate,
    start: Start,
    *,
    actor: str,
    today: date,
    override_note: str | None = None,
    override_by: str | None = None,
) -> Participant:
    if candidate.participant_id is not None:
        raise RuleError(N_("{code} er allerede deltaker"), code=candidate.code)
    if candidate.birth_date is None:
        raise RuleError(N_("Registrer fødselsdatoen til kandidaten først"))
    target = start_position(start.programme, Position(candidate.stage, candidate.stage_pending))
    await candidate.fetch_related("unit")
    async with in_transaction():
        participant = await registry.add_participant(
            registry.NewParticipant(
                unit_code=candidate.unit.code,
                code=candidate.code,
                name=candidate.name,
                birth_date=candidate.birth_date,
                weekdays=start.weekdays,
                start_time=start.start_time,
                end_time=start.end_time,
                contact_code=start.contact_code,
                programme=start.programme,
                eligibility=start.eligibility,
            ),
            actor=actor,
            today=today,
            override_note=override_note,
            override_by=override_by,
            candidate_id=candidate.id,
        )
        if target is not None:
            await move_stage(candidate, Move(target, today), actor=actor, today=today)
        candidate.participant = participant
        await candidate.save(update_fields=["participant_id"])
        await audit.record(
            actor,
            "candidate.participant",
            subject(candidate),
            participant=participant.code,
            programme=start.programme.value,
        )
    return participant
