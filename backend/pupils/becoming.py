"""A pupil who finishes school becomes a participant or a candidate without typing again.

The people area's registry registers the participant (its criteria, its audit); the
name, the birth date and the unit come from the register, only the decision's fields
are asked. A candidate is registered by the pathway's own use case, referred by the
school, with the name and birth date from the register; the guardian's consent is not
carried over (the candidate's consent form is their own, as an adult). The pupil's entry ends that day (if it has not ended already) and keeps a
link to the participant; the retention pass deletes the entry later, the participant
stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from tortoise.transactions import in_transaction

from backend.models import Candidate, Participant, Programme, Pupil, Unit
from backend.pathway import candidates
from backend.pathway.rules import Referrer, Stage
from backend.people import registry as people
from backend.pupils.register import subject
from backend.shared import audit
from backend.shared.errors import N_, RuleError


@dataclass(frozen=True)
class Decision:
    """The decision's fields of a new participant (the person is the pupil)."""

    code: str
    weekdays: frozenset[int]
    start_time: time
    end_time: time
    contact_code: str
    programme: Programme = Programme.AOK
    transport: bool = False
    eligibility: Mapping[str, bool] = field(default_factory=dict)


async def _open_pupil(unit_id: int, pupil_id: int) -> Pupil:
    pupil = await Pupil.filter(id=pupil_id, unit_id=unit_id).select_for_update().first()
    if pupil is None:
        raise RuleError(N_("Fant ikke eleven"))
    if pupil.participant_id is not None:
        raise RuleError(N_("Eleven er registrert som deltaker allerede"))
    if pupil.candidate_id is not None:
        raise RuleError(N_("Eleven er registrert som kandidat allerede"))
    return pupil


async def make_participant(
    unit: Unit,
    pupil_id: int,
    decision: Decision,
    *,
    actor: str,
    today: date,
    override_note: str | None = None,
    override_by: str | None = None,
) -> Participant:
    async with in_transaction():
        pupil = await _open_pupil(unit.id, pupil_id)
        participant = await people.add_participant(
            people.NewParticipant(
                unit_code=unit.code,
                code=decision.code,
                name=pupil.name,
                birth_date=pupil.birth_date,
                weekdays=decision.weekdays,
                start_time=decision.start_time,
                end_time=decision.end_time,
                contact_code=decision.contact_code,
                programme=decision.programme,
                transport=decision.transport,
                eligibility=decision.eligibility,
            ),
            actor=actor,
            today=today,
            override_note=override_note,
            override_by=override_by,
        )
        pupil.participant_id = participant.id
        pupil.ended_on = pupil.ended_on or today
        await pupil.save(update_fields=["participant_id", "ended_on"])
        await audit.record(
            actor, "pupil.participant", subject(pupil.id), participant=participant.code
        )
    return participant


# The stages a pupil may start at as a candidate: before any place is applied for.
FIRST_STAGES = (Stage.APPROACH, Stage.MAPPING)


async def make_candidate(
    unit: Unit,
    pupil_id: int,
    code: str,
    *,
    actor: str,
    today: date,
    follower_code: str | None = None,
    first_stage: Stage = Stage.APPROACH,
) -> Candidate:
    if first_stage not in FIRST_STAGES:
        raise RuleError(N_("En elev begynner som kandidat i tilnærming eller kartlegging"))
    async with in_transaction():
        pupil = await _open_pupil(unit.id, pupil_id)
        candidate = await candidates.add_candidate(
            candidates.NewCandidate(
                unit_code=unit.code,
                code=code,
                name=pupil.name,
                referred_by=Referrer.SCHOOL,
                birth_date=pupil.birth_date,
                follower_code=follower_code,
                first_stage=first_stage,
            ),
            actor=actor,
            today=today,
        )
        pupil.candidate_id = candidate.id
        pupil.ended_on = pupil.ended_on or today
        await pupil.save(update_fields=["candidate_id", "ended_on"])
        await audit.record(actor, "pupil.candidate", subject(pupil.id), candidate=candidate.code)
    return candidate
