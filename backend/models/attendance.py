from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.absence.rules import AbsenceCategory  # owned by the absence rules; re-exported
from backend.attendance.rules import AttendanceStatus  # owned by the rules; re-exported
from backend.models.people import Participant, Staff
from backend.models.telegram import TelegramLink


class Absence(Model):
    """One reported day of absence. A withdrawn report keeps its row."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="absences", on_delete=fields.CASCADE
    )
    participant_id: int
    day = fields.DateField()
    category = fields.CharEnumField(AbsenceCategory, max_length=16)
    # Private free text: shown only to the contact person on the web, never in chat.
    note = fields.TextField(null=True)
    reported_by: fields.ForeignKeyNullableRelation[TelegramLink] = fields.ForeignKeyField(
        "models.TelegramLink", related_name="absences", null=True, on_delete=fields.SET_NULL
    )
    reported_by_id: int | None
    reporter_name = fields.CharField(max_length=200)
    channel = fields.CharField(max_length=16)
    late = fields.BooleanField(default=False)
    withdrawn_at = fields.DatetimeField(null=True)
    # Staff tapped "OK, seen" on the notice.
    seen_at = fields.DatetimeField(null=True)
    seen_by_name = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "absence"
        unique_together = (("participant", "day"),)


class AttendanceDay(Model):
    """What happened on one planned day, as confirmed by staff."""

    id = fields.IntField(primary_key=True)
    participant: fields.ForeignKeyRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="attendance", on_delete=fields.CASCADE
    )
    participant_id: int
    day = fields.DateField(db_index=True)
    status = fields.CharEnumField(AttendanceStatus, max_length=20)
    hours = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    confirmed_by: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="confirmed_days", null=True, on_delete=fields.SET_NULL
    )
    confirmed_by_id: int | None
    confirmed_by_name = fields.CharField(max_length=200)
    confirmed_at = fields.DatetimeField()
    remark = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "attendance_day"
        unique_together = (("participant", "day"),)
