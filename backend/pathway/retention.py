"""Ended candidates are personal data kept no longer than needed: a candidate whose
pathway ended before the cutoff goes with their stage history and presentations.

A candidate who became a participant is kept by this rule alike (ended on the pathway);
the participant's own record follows the participants' rules."""

from __future__ import annotations

from datetime import date

from backend.models import Candidate
from backend.pathway.rules import Stage


async def delete_ended(before: date) -> int:
    """Delete the candidates whose pathway ended before `before` (cascades)."""
    ended = Candidate.filter(stage=Stage.ENDED, stage_since__lt=before)
    ids = await ended.values_list("id", flat=True)
    if ids:  # counted first: the database's count of a delete may include what cascaded
        await Candidate.filter(id__in=ids).delete()
    return len(ids)
