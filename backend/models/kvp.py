from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant, Staff
from backend.models.unit import Unit


class KvpApplication(Model):
    """An application for the qualification programme (KVP), from received to started."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="kvp_applications", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    birth_date = fields.DateField()
    # The KVP counsellor who follows the application.
    counsellor: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="kvp_applications", null=True, on_delete=fields.SET_NULL
    )
    counsellor_id: int | None
    received_on = fields.DateField()
    aev_on = fields.DateField(null=True)
    decided_on = fields.DateField(null=True)
    approved = fields.BooleanField(null=True)  # null until decided
    refusal_reason = fields.TextField(null=True)
    approved_on = fields.DateField(null=True)
    started_on = fields.DateField(null=True)
    # The participant the programme's start made: the application goes with their record.
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="kvp_applications", null=True, on_delete=fields.CASCADE
    )
    participant_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    periods: fields.ReverseRelation[KvpDecisionPeriod]

    class Meta:
        table = "kvp_application"


class KvpDecisionPeriod(Model):
    """A KVP decision period, up to a year, renewed by a new one."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[KvpApplication] = fields.ForeignKeyField(
        "models.KvpApplication", related_name="periods", on_delete=fields.CASCADE
    )
    application_id: int
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kvp_decision_period"
