"""The joint path towards VTA: moving an AoK participant a step, its history, and who stands
where (web, API and command line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from backend.models import Participant, Programme, VtaPath, VtaPathStep
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.vta.rules import Step, StepMove, check_step, clean_text, count_by_step, next_step


def subject(participant: Participant) -> str:
    return f"participant:{participant.code}"


async def path_of(participant: Participant) -> VtaPath | None:
    return await VtaPath.get_or_none(participant_id=participant.id)


async def move_step(
    participant: Participant, move: StepMove, *, actor: str, today: date
) -> VtaPath:
    """Put a participant on a step of the path (joining it at the first), kept in the
    history and audited. Refused with the reason when the rules say no."""
    if participant.erased_at is not None:
        raise RuleError(N_("Opplysningene om deltakeren er slettet"))
    async with in_transaction():
        path = await VtaPath.select_for_update().get_or_none(participant_id=participant.id)
        current = Step(path.step) if path is not None else None
        if not participant.active and current in (None, Step.LEFT):
            raise RuleError(N_("Tjenesten er avsluttet: deltakeren kan ikke begynne i løpet"))
        check_step(
            current,
            path.since if path is not None else None,
            move,
            programme=participant.programme,
            today=today,
        )
        reason = clean_text(move.reason)
        if path is None:
            path = await VtaPath.create(
                participant=participant, step=move.to, since=move.on, reason=reason
            )
        else:
            path.step = move.to
            path.since = move.on
            path.reason = reason
            await path.save(update_fields=["step", "since", "reason", "updated_at"])
        await VtaPathStep.create(path=path, step=move.to, on=move.on, reason=reason, actor=actor)
        await audit.record(
            actor,
            "vta.step",
            subject(participant),
            old=current.value if current is not None else None,
            new=move.to.value,
            day=move.on.isoformat(),
            reason=reason,
        )
    return path


async def history(path: VtaPath) -> list[VtaPathStep]:
    return await VtaPathStep.filter(path_id=path.id).order_by("on", "id")


@dataclass(frozen=True)
class OnPath:
    participant: Participant
    path: VtaPath


async def on_path(unit_id: int, *, include_left: bool = True) -> list[OnPath]:
    """The unit's participants on the path, in path order, then by name."""
    found = VtaPath.filter(participant__unit_id=unit_id, participant__erased_at__isnull=True)
    if not include_left:
        found = found.exclude(step=Step.LEFT)
    paths = await found.prefetch_related("participant")
    order = list(Step)
    paths.sort(key=lambda p: (order.index(Step(p.step)), p.participant.name))
    return [OnPath(p.participant, p) for p in paths]


async def counts(unit_id: int) -> dict[Step, int]:
    """How many of the unit's participants stand at each step now."""
    steps = await VtaPath.filter(
        participant__unit_id=unit_id, participant__erased_at__isnull=True
    ).values_list("step", flat=True)
    return count_by_step(Step(s) for s in steps)


@dataclass(frozen=True)
class PathView:
    """What the participant page shows of the path: where they stand, and how they got there."""

    path: VtaPath | None
    history: list[VtaPathStep]
    may_join: bool  # an AoK participant not on the path (or who left) may join it
    next_step: Step = Step.INTERESTED  # what the form offers first


async def view_of(participant: Participant) -> PathView:
    found = await path_of(participant)
    steps = await history(found) if found is not None else []
    joining = found is None or found.step == Step.LEFT
    may_join = participant.programme == Programme.AOK and participant.active
    current = Step(found.step) if found is not None else None
    return PathView(found, steps, may_join if joining else True, next_step(current))
