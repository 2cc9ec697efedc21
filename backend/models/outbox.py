from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(Model):
    """A message to send: written first, sent second, marked sent third.

    `key` is unique per purpose, recipient and due date, so writing the same
    reminder twice (or from two processes) keeps one row.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=255, unique=True)
    template = fields.CharField(max_length=64)
    params = fields.JSONField(default=dict)
    chat_id = fields.BigIntField(null=True)
    email = fields.CharField(max_length=254, null=True)
    # Recipient's language at send time is looked up from the link, this is the fallback.
    language = fields.CharField(max_length=16, default="nb")
    status = fields.CharEnumField(OutboxStatus, max_length=16, default=OutboxStatus.PENDING)
    due_at = fields.DatetimeField(db_index=True)
    # When it may be sent: None is any time, "participant" is not at night, "staff:<unit
    # code>" is the unit's working days and hours (see backend.outbox.windows).
    window = fields.CharField(max_length=48, null=True)
    attempts = fields.SmallIntField(default=0)
    claimed_at = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "outbox_message"
