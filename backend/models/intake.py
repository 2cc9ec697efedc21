"""The cooperation with NAV of seed 004: the intake, the evaluation conversations, the
final report at the agreement's end and the minutes of the cooperation meeting."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.intake.rules import EvaluationOutcome, Recommendation
from backend.models.meetings import Meeting
from backend.models.people import Participant, Staff
from backend.people.eligibility_rules import Programme


class Intake(Model):
    """An intake through NAV: the referral, the intake conversation and the agreement."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="intakes", on_delete=fields.CASCADE
    )
    participant_id: int
    referred_on = fields.DateField()
    counsellor = fields.CharField(max_length=200)  # the NAV counsellor who referred
    contact: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="intakes", null=True, on_delete=fields.SET_NULL
    )
    contact_id: int | None
    conversation_on = fields.DateField()
    nav_took_part = fields.BooleanField(default=True)
    # The agreement on work training or an activity place.
    programme = fields.CharEnumField(Programme, max_length=16)
    agreement_start = fields.DateField()
    agreement_end = fields.DateField()
    weekdays = fields.CharField(max_length=13)
    day_start = fields.CharField(max_length=5)
    day_end = fields.CharField(max_length=5)
    purpose = fields.TextField()
    first_list = fields.DateField()
    first_evaluation = fields.DateField()
    recorded_by = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "intake"


class Evaluation(Model):
    """An evaluation conversation held, its outcome and the next date set."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="evaluations", on_delete=fields.CASCADE
    )
    participant_id: int
    held_on = fields.DateField()
    outcome = fields.CharEnumField(EvaluationOutcome, max_length=16)
    note = fields.CharField(max_length=500, null=True)
    next_evaluation = fields.DateField(null=True)
    recorded_by = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "evaluation"


class FinalReport(Model):
    """The final report to NAV at the agreement's end, with the attendance as it was."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="final_reports", on_delete=fields.CASCADE
    )
    participant_id: int
    period_start = fields.DateField()
    period_end = fields.DateField()
    planned_days = fields.IntField()
    present_days = fields.IntField()
    absent_days = fields.IntField()
    goals = fields.TextField()
    what_worked = fields.TextField()
    work_ability = fields.TextField()
    recommendation = fields.CharEnumField(Recommendation, max_length=24)
    recommendation_note = fields.TextField(null=True)
    written_by = fields.CharField(max_length=200)
    recorded_by = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "final_report"


class MeetingMinutes(Model):
    """The minutes of a NAV cooperation meeting, sent to both leaders."""

    id = fields.IntField(primary_key=True)
    meeting: fields.OneToOneRelation[Meeting] = fields.OneToOneField(
        "models.Meeting", related_name="minutes", on_delete=fields.CASCADE
    )
    meeting_id: int
    text = fields.TextField()
    present = fields.TextField()  # who took part
    next_meeting = fields.DateField(null=True)
    recorded_by = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "meeting_minutes"
