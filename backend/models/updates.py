from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.updates.rules import UpdateState


class HandledUpdate(Model):
    """A Telegram update taken by a replica: being handled (with a heartbeat) or done.

    One row per update_id keeps a redelivered update from being handled twice.
    """

    id = fields.IntField(primary_key=True)
    update_id = fields.BigIntField(unique=True)
    state = fields.CharEnumField(UpdateState, max_length=16, default=UpdateState.HANDLING)
    holder = fields.CharField(max_length=128)
    heartbeat_at = fields.DatetimeField()
    done_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "handled_update"
