from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from backend.models.unit import Unit


class MeetingKind(StrEnum):
    STATUS = "status"  # on school pupils, January and September
    NAV = "nav"  # NAV cooperation, second half of April and October


class Meeting(Model):
    """A meeting whose date is set. Reminders are derived from it."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="meetings", on_delete=fields.CASCADE
    )
    unit_id: int
    kind = fields.CharEnumField(MeetingKind, max_length=16)
    day = fields.DateField()
    note = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "meeting"
        unique_together = (("unit", "kind", "day"),)
