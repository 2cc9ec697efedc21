from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant


class ParticipantMessage(Model):
    """A message or voice note from a participant to the contact person, kept for the web.

    Seen only by the participant's contact person, each view audited, deleted on a schedule.
    """

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="messages", on_delete=fields.CASCADE
    )
    participant_id: int
    text = fields.TextField(null=True)
    voice = fields.BinaryField(null=True)
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "participant_message"
