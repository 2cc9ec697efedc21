from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.unit import Unit


class RosterMessage(Model):
    """The one roster message of a day in one staff chat, so a re-send edits it.

    Unique per unit, chat and day: of two processes sending the morning roster,
    the one that inserts the row sends it. message_id stays empty until it is sent.
    """

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="roster_messages", on_delete=fields.CASCADE
    )
    unit_id: int
    chat_id = fields.BigIntField()
    day = fields.DateField(db_index=True)
    message_id = fields.BigIntField(null=True)
    # The page the message shows of a roster too long for one message (0: the first).
    page = fields.SmallIntField(default=0)
    claimed_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "roster_message"
        unique_together = (("unit", "chat_id", "day"),)
