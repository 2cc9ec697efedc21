from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.links.rules import LinkRole  # owned by the rules; re-exported
from backend.models.people import Participant, Staff


class TelegramLink(Model):
    """A Telegram user acting as a participant, a relative of one, or staff."""

    id = fields.IntField(primary_key=True)
    telegram_user_id = fields.BigIntField(db_index=True)
    chat_id = fields.BigIntField()
    role = fields.CharEnumField(LinkRole, max_length=16)
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="links", null=True, on_delete=fields.CASCADE
    )
    participant_id: int | None
    staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="links", null=True, on_delete=fields.CASCADE
    )
    staff_id: int | None
    display_name = fields.CharField(max_length=200)
    language = fields.CharField(max_length=16, null=True)
    # A relative acts only once the participant's consent is recorded.
    consent_at = fields.DatetimeField(null=True)
    consent_by = fields.CharField(max_length=200, null=True)
    # A relative sees the participant's pay only when the participant says so.
    sees_pay = fields.BooleanField(default=False)
    # A relative's own "🔊 Les opp" for their chat (a participant's is on Participant).
    read_aloud = fields.BooleanField(default=False, db_default=False)
    revoked_at = fields.DatetimeField(null=True)
    # Set when Telegram says the user blocked the bot.
    blocked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "telegram_link"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.role != LinkRole.RELATIVE or self.consent_at is not None


class Invite(Model):
    """A single-use invitation. Only the SHA-256 of its code is stored."""

    id = fields.IntField(primary_key=True)
    code_hash = fields.CharField(max_length=64, unique=True)
    role = fields.CharEnumField(LinkRole, max_length=16)
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="invites", null=True, on_delete=fields.CASCADE
    )
    participant_id: int | None
    staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="invites", null=True, on_delete=fields.CASCADE
    )
    staff_id: int | None
    relative_name = fields.CharField(max_length=200, null=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    created_by = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "invite"


class CodeAttempt(Model):
    """A wrong invite code from a chat: many in a while lock the chat out."""

    id = fields.IntField(primary_key=True)
    chat_id = fields.BigIntField(db_index=True)
    at = fields.DatetimeField()

    class Meta:
        table = "code_attempt"
