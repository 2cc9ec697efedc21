"""Which candidates a staff member may see or change: their unit's, and for a contact
person only those they follow (`access.permissions.follows`). An unknown code, another
unit's candidate or one not theirs to see are alike not found."""

from __future__ import annotations

from dataclasses import dataclass

from backend.access.permissions import Action, follows
from backend.models import Candidate, Staff
from backend.pathway.rules import Stage

MAX_CODE = 64  # Candidate.code's length


async def candidate_for(
    staff: Staff, code: str, action: Action = Action.CANDIDATE_VIEW
) -> Candidate | None:
    if not code or len(code) > MAX_CODE:
        return None
    found = (
        await Candidate.filter(unit_id=staff.unit_id, code=code)
        .prefetch_related("follower", "unit", "participant")
        .first()
    )
    if found is None or not follows(staff.id, staff.role, action, found.follower_id):
        return None
    return found


@dataclass(frozen=True)
class Filter:
    stage: Stage | None = None
    follower_id: int | None = None
    waiting: bool = False  # only those waiting for uføretrygd
    query: str | None = None


async def candidates_for(staff: Staff, wanted: Filter = Filter()) -> list[Candidate]:
    """The unit's candidates this staff member may see, by stage then name."""
    found = Candidate.filter(unit_id=staff.unit_id)
    if wanted.stage is not None:
        found = found.filter(stage=wanted.stage)
    if wanted.follower_id is not None:
        found = found.filter(follower_id=wanted.follower_id)
    if wanted.waiting:
        found = found.filter(waiting_for_benefit=True)
    if wanted.query:
        found = found.filter(name__icontains=wanted.query)
    rows = await found.order_by("name", "id").prefetch_related("follower", "participant")
    order = list(Stage)
    return sorted(
        (c for c in rows if follows(staff.id, staff.role, Action.CANDIDATE_VIEW, c.follower_id)),
        key=lambda c: (order.index(Stage(c.stage)), c.name.casefold(), c.id),
    )
