"""Pupils are deleted when kept long enough: a period (`RETENTION_PUPILS`, 12 months by
default) after their entry ended or the guardian withdrew the consent. A participant the
pupil became is the people area's and stays."""

from __future__ import annotations

from datetime import date

from tortoise.expressions import Q

from backend.models import Pupil


async def delete_kept_long_enough(cutoff: date) -> int:
    """Delete pupils who left the register, or whose consent was withdrawn, before `cutoff`."""
    return await Pupil.filter(Q(ended_on__lt=cutoff) | Q(consent_withdrawn_on__lt=cutoff)).delete()
