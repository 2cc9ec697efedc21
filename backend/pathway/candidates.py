"""Candidates: registering one and moving them along the pathway (web, API and CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from backend.models import Candidate, CandidateStage, Participant, Staff
from backend.pathway.rules import Move, Position, Referrer, Stage, check_move
from backend.people.registry import unit_by_code
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_code


def subject(candidate: Candidate) -> str:
    return f"candidate:{candidate.code}"


async def candidate_by_code(code: str) -> Candidate:
    candidate = await Candidate.get_or_none(code=code)
    if candidate is None:
        raise RuleError(N_("Ingen kandidat har id-en {code}"), code=code)
    return candidate


@dataclass(frozen=True)
class NewCandidate:
    unit_code: str
    code: str
    name: str
    referred_by: Referrer = Referrer.OTHER
    birth_date: date | None = None
    follower_code: str | None = None
    first_stage: Stage = Stage.APPROACH


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > 200:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    return name


async def add_candidate(new: NewCandidate, *, actor: str, today: date) -> Candidate:
    """Register a candidate at their first stage (approach unless said), dated today.
    A code is unique across candidates and participants: a candidate who becomes a
    participant keeps it."""
    code = parse_code(new.code)
    name = _name(new.name)
    if new.birth_date is not None and new.birth_date >= today:
        raise RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=new.birth_date)
    first = Position(new.first_stage)
    check_move(None, None, Move(first, today), today)
    async with in_transaction():
        unit = await unit_by_code(new.unit_code)
        if await Candidate.exists(code=code) or await Participant.exists(code=code):
            raise RuleError(N_("Id-en {code} kan ikke brukes. Velg en annen id."), code=code)
        follower = None
        if new.follower_code is not None:
            follower = await Staff.get_or_none(code=new.follower_code, unit_id=unit.id)
            if follower is None:
                raise RuleError(
                    N_("{staff} jobber ikke ved enheten {unit}"),
                    staff=new.follower_code,
                    unit=unit.code,
                )
        candidate = await Candidate.create(
            unit=unit,
            code=code,
            name=name,
            birth_date=new.birth_date,
            referred_by=new.referred_by,
            follower=follower,
            stage=first.stage,
            stage_since=today,
        )
        await CandidateStage.create(candidate=candidate, stage=first.stage, on=today, actor=actor)
        await audit.record(
            actor, "candidate.create", subject(candidate), referred_by=new.referred_by.value
        )
    return candidate


async def move_stage(candidate: Candidate, move: Move, *, actor: str, today: date) -> Candidate:
    """Move a candidate to another stage (or from applied to granted), kept in the history."""
    current = Position(candidate.stage, candidate.stage_pending)
    check_move(current, candidate.stage_since, move, today)
    async with in_transaction():
        await CandidateStage.create(
            candidate=candidate,
            stage=move.to.stage,
            pending=move.to.pending,
            on=move.on,
            end_reason=move.reason,
            actor=actor,
        )
        candidate.stage = move.to.stage
        candidate.stage_pending = move.to.pending
        candidate.stage_since = move.on
        candidate.end_reason = move.reason
        await candidate.save(update_fields=["stage", "stage_pending", "stage_since", "end_reason"])
        await audit.record(
            actor,
            "candidate.stage",
            subject(candidate),
            stage=move.to.stage.value,
            pending=move.to.pending,
            on=move.on.isoformat(),
            reason=move.reason.value if move.reason else None,
        )
    return candidate


async def history(candidate: Candidate) -> list[CandidateStage]:
    return await CandidateStage.filter(candidate_id=candidate.id).order_by("on", "id")
