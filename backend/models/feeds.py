from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant, Staff


class CalendarFeed(Model):
    """A secret calendar address for one staff member or one participant (only its hash is kept)."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="calendar_feeds", null=True, on_delete=fields.CASCADE
    )
    staff_id: int | None
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="calendar_feeds", null=True, on_delete=fields.CASCADE
    )
    participant_id: int | None
    language = fields.CharField(max_length=16, default="nb")  # of the events' names
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_feed"
