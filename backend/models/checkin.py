from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant
from backend.models.unit import Unit


class Tablet(Model):
    """A unit's tablet at the door, paired once with a one-time code (only its token's hash is kept)."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="tablets", on_delete=fields.CASCADE
    )
    unit_id: int
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=64, unique=True)
    paired_at = fields.DatetimeField()
    paired_by = fields.CharField(max_length=80)  # the staff member who made the code
    last_seen_at = fields.DatetimeField(null=True)
    unpaired_at = fields.DatetimeField(null=True)

    class Meta:
        table = "tablet"


class TabletPairing(Model):
    """A one-time pairing code for a unit's tablet (hashed, ten minutes, single use)."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="tablet_pairings", on_delete=fields.CASCADE
    )
    unit_id: int
    name = fields.CharField(max_length=100)  # the name the tablet gets
    code_hash = fields.CharField(max_length=64, db_index=True)
    made_by = fields.CharField(max_length=80)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "tablet_pairing"


class ParticipantPicture(Model):
    """What a participant's tile on the tablet shows: a chosen symbol, or a photo (consent kept)."""

    id = fields.IntField(primary_key=True)
    participant: fields.OneToOneRelation[Participant] = fields.OneToOneField(
        "models.Participant", related_name="picture", on_delete=fields.CASCADE
    )
    participant_id: int
    symbol = fields.CharField(max_length=16, null=True)
    photo = fields.BinaryField(null=True)  # JPEG, re-encoded, without metadata
    photo_consent_at = fields.DatetimeField(null=True)
    photo_consent_by = fields.CharField(max_length=80, null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "participant_picture"


class CheckIn(Model):
    """A participant's arrival and leaving as tapped on the tablet: a proposal for staff."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="check_ins", on_delete=fields.CASCADE
    )
    participant_id: int
    day = fields.DateField()
    in_at = fields.DatetimeField()
    out_at = fields.DatetimeField(null=True)
    in_key = fields.CharField(max_length=64)  # the taps' own keys: a repeat is ignored
    out_key = fields.CharField(max_length=64, null=True)
    tablet: fields.ForeignKeyNullableRelation[Tablet] = fields.ForeignKeyField(
        "models.Tablet", related_name="check_ins", null=True, on_delete=fields.SET_NULL
    )
    tablet_id: int | None

    class Meta:
        table = "check_in"
        unique_together = (("participant", "day"),)
