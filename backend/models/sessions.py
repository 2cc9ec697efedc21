from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Staff


def empty_data() -> dict[str, object]:
    return {}


class LoginToken(Model):
    """A one-time sign-in link for the staff web pages (hashed, short-lived, single use)."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    staff: fields.ForeignKeyRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="login_tokens", on_delete=fields.CASCADE
    )
    staff_id: int
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "login_token"


class WebSession(Model):
    """A signed-in browser. The cookie holds a random id, and only its hash is stored."""

    id = fields.IntField(primary_key=True)
    session_hash = fields.CharField(max_length=64, unique=True)
    staff: fields.ForeignKeyRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="web_sessions", on_delete=fields.CASCADE
    )
    staff_id: int
    csrf_token = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "web_session"


class SignInAttempt(Model):
    """A refused sign-in from an address: many in a while hold that address back."""

    id = fields.IntField(primary_key=True)
    remote = fields.CharField(max_length=64, db_index=True)
    at = fields.DatetimeField()

    class Meta:
        table = "sign_in_attempt"


class ChatState(Model):
    """A conversation step that waits for typed input (e.g. an optional note).

    Kept in the database so that any replica can take the next message.
    """

    id = fields.IntField(primary_key=True)
    chat_id = fields.BigIntField(unique=True)
    step = fields.CharField(max_length=64)
    data = fields.JSONField(default=empty_data)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "chat_state"
