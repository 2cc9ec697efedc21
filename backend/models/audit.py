from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """Who saw or changed what, and when. Never holds health details."""

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor = fields.CharField(max_length=200)
    action = fields.CharField(max_length=64)
    subject = fields.CharField(max_length=200)
    detail = fields.JSONField(default=dict)

    class Meta:
        table = "audit_event"
