"""Candidates before a place, their dated stages, and the businesses they are presented to."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.people import Participant, Staff
from backend.models.unit import Unit
from backend.pathway.rules import EndReason, Referrer, Stage


class Candidate(Model):
    """A person on the coordinators' pathway who is not (yet) a participant."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="candidates", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    birth_date = fields.DateField(null=True)
    phone = fields.CharField(max_length=32, null=True)
    email = fields.CharField(max_length=254, null=True)
    referred_by = fields.CharEnumField(Referrer, max_length=24, default=Referrer.OTHER)
    # The coordinator or contact person who follows the candidate.
    follower: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="candidates", null=True, on_delete=fields.SET_NULL
    )
    follower_id: int | None
    # Target group (seed 002): uføretrygd, 18-67. On AAP: waiting until uføretrygd is granted.
    disability_benefit = fields.BooleanField(null=True)
    waiting_for_benefit = fields.BooleanField(default=False)
    # Consent form (samtykkeskjema): until it allows, businesses see no name.
    consent_on = fields.DateField(null=True)
    consent_scope = fields.TextField(null=True)
    consent_names_to_businesses = fields.BooleanField(default=False)
    consent_withdrawn_on = fields.DateField(null=True)
    # The mapping conversation and the action plan's next step.
    mapping_on = fields.DateField(null=True)
    mapping_note = fields.TextField(null=True)
    # What they wish for, in general words ("lager/butikk"): what a business is told.
    wishes = fields.TextField(null=True)
    next_step = fields.TextField(null=True)
    next_step_on = fields.DateField(null=True)
    follow_up_on = fields.DateField(null=True)
    evaluation_on = fields.DateField(null=True)
    # Where the candidate stands now (the last row of their stage history).
    stage = fields.CharEnumField(Stage, max_length=16, default=Stage.APPROACH)
    stage_pending = fields.BooleanField(default=False)
    stage_since = fields.DateField()
    end_reason = fields.CharEnumField(EndReason, max_length=16, null=True)
    # Set when the candidate became a participant.
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="candidates", null=True, on_delete=fields.SET_NULL
    )
    participant_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate"


class CandidateStage(Model):
    """One dated stage change: the history the coordinators' report counts from."""

    id = fields.IntField(primary_key=True)
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="stages", on_delete=fields.CASCADE
    )
    candidate_id: int
    stage = fields.CharEnumField(Stage, max_length=16)
    pending = fields.BooleanField(default=False)
    on = fields.DateField()
    end_reason = fields.CharEnumField(EndReason, max_length=16, null=True)
    actor = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate_stage"


class Business(Model):
    """A business or partner that offers work trials or places (seed 002's list)."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="businesses", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    contact_name = fields.CharField(max_length=200, null=True)
    phone = fields.CharField(max_length=32, null=True)
    email = fields.CharField(max_length=254, null=True)
    offers = fields.TextField(null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "business"


class Presentation(Model):
    """A candidate presented to a business: anonymously until consent allows the name."""

    id = fields.IntField(primary_key=True)
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="presentations", on_delete=fields.CASCADE
    )
    candidate_id: int
    business: fields.ForeignKeyRelation[Business] = fields.ForeignKeyField(
        "models.Business", related_name="presentations", on_delete=fields.CASCADE
    )
    business_id: int
    on = fields.DateField()
    named = fields.BooleanField(default=False)
    outcome = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "presentation"
