from __future__ import annotations

from datetime import time

from tortoise import fields
from tortoise.models import Model

from backend.access.permissions import Role as StaffRole  # one enum; re-exported
from backend.models.unit import Unit
from backend.people.eligibility_rules import Programme


def no_facts() -> dict[str, bool]:
    return {}


class Staff(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="staff", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(StaffRole, max_length=16, default=StaffRole.CONTACT)
    email = fields.CharField(max_length=254, null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff"


class Participant(Model):
    """A participant and the decision (vedtak) in force for them."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="participants", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    birth_date = fields.DateField()
    programme = fields.CharEnumField(Programme, max_length=16, default=Programme.AOK)
    # Decision: ISO weekdays as "1,3,5", daily hours, purpose and period.
    weekdays = fields.CharField(max_length=13)
    # Times as "HH:MM" text: Tortoise's TimeField does not bind on SQLite.
    day_start = fields.CharField(max_length=5)
    day_end = fields.CharField(max_length=5)
    contact: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="participants", null=True, on_delete=fields.SET_NULL
    )
    contact_id: int | None
    transport = fields.BooleanField(default=False)
    # "🔊 Les opp": the bot's answers to the participant's own chat also come as a voice
    # note (backend.voice), chosen by them in the bot or by staff for them.
    read_aloud = fields.BooleanField(default=False, db_default=False)
    purpose = fields.TextField(null=True)
    temporary = fields.BooleanField(default=False)
    decision_start = fields.DateField(null=True)
    decision_end = fields.DateField(null=True)
    next_evaluation = fields.DateField(null=True)
    # First date of the 14-day attendance list to NAV, set at intake.
    list_start = fields.DateField(null=True)
    nav_followed = fields.BooleanField(default=False)
    # A school pupil: NAV is involved half a year before the 18th birthday.
    pupil = fields.BooleanField(default=False)
    # The day the person was flagged as a pupil: a late flag is reminded of at once.
    pupil_since = fields.DateField(null=True)
    kvp_approved_on = fields.DateField(null=True)
    kvp_started_on = fields.DateField(null=True)
    # Employee number in the municipality's payroll (Visma Lønn wants digits).
    employee_no = fields.CharField(max_length=16, null=True, unique=True)
    # Eligibility facts (None: not yet recorded) and a coordinator's override of a refusal.
    eligibility = fields.JSONField(default=no_facts)
    eligibility_override = fields.TextField(null=True)
    active = fields.BooleanField(default=True)
    ended_on = fields.DateField(null=True)
    # Set when the person's data was erased: the row stays, anonymised, for the
    # attendance and pay figures the law keeps (backend.people.data_rights).
    erased_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "participant"

    @property
    def start_time(self) -> time:
        return time.fromisoformat(self.day_start)

    @property
    def end_time(self) -> time:
        return time.fromisoformat(self.day_end)

    @property
    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.weekdays.split(",") if d)
