from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class JobRun(Model):
    """One completed run of a timed job for one local day, so a restart knows what it missed."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64)
    day = fields.DateField()
    finished_at = fields.DatetimeField()

    class Meta:
        table = "job_run"
        unique_together = (("name", "day"),)


class Lease(Model):
    """Who leads the timed work until when: one row per lease, taken by a conditional write."""

    name = fields.CharField(max_length=64, primary_key=True)
    holder = fields.CharField(max_length=128)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "lease"
