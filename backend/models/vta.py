"""Towards VTA: AoK participants on the joint path with iVekst, and the new VTA places."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant
from backend.vta.rules import Step


class VtaPath(Model):
    """Where a participant stands on the joint AoK and iVekst path towards a VTA place."""

    id = fields.IntField(primary_key=True)
    participant: fields.OneToOneRelation[Participant] = fields.OneToOneField(
        "models.Participant", related_name="vta_path", on_delete=fields.CASCADE
    )
    participant_id: int
    step = fields.CharEnumField(Step, max_length=16)
    since = fields.DateField()
    reason = fields.CharField(max_length=200, null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "vta_path"


class VtaPathStep(Model):
    """One dated step on the path: its history, kept."""

    id = fields.IntField(primary_key=True)
    path: fields.ForeignKeyRelation[VtaPath] = fields.ForeignKeyField(
        "models.VtaPath", related_name="steps", on_delete=fields.CASCADE
    )
    path_id: int
    step = fields.CharEnumField(Step, max_length=16)
    on = fields.DateField()
    reason = fields.CharField(max_length=200, null=True)
    actor = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "vta_path_step"


class VtaPlacesCreated(Model):
    """New VTA places established in the municipality on a day, towards the target."""

    id = fields.IntField(primary_key=True)
    on = fields.DateField()
    count = fields.IntField()
    # Where the places are: the workplace or employer.
    location = fields.CharField(max_length=200, null=True)
    note = fields.TextField(null=True)
    actor = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "vta_places_created"
