from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


def default_opening_hours() -> dict[str, list[str]]:
    """Monday–Friday 08:00–15:30, as ISO weekday → [open, close]."""
    return {str(d): ["08:00", "15:30"] for d in range(1, 6)}


def no_hours() -> dict[str, list[str]]:
    return {}


class Unit(Model):
    """A service (AoK, a VTA workshop …): its calendar, café, pay rates and contacts."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    phone = fields.CharField(max_length=32, null=True)
    nav_email = fields.CharField(max_length=254, null=True)
    transport_email = fields.CharField(max_length=254, null=True)
    # Participants are told when a relative reports them absent, unless turned off.
    tell_participant_of_relative_report = fields.BooleanField(default=True)
    # Participants' own messages may hold health details: by default they wait on the web
    # for the contact person. True sends them word for word to the contact person's chat.
    messages_in_chat = fields.BooleanField(default=False)
    opening_hours = fields.JSONField(default=default_opening_hours)
    fellesferie_first_week = fields.SmallIntField(default=28)
    fellesferie_last_week = fields.SmallIntField(default=30)
    close_christmas_eve = fields.BooleanField(default=False)
    close_new_years_eve = fields.BooleanField(default=False)
    cafe_hours = fields.JSONField(default=no_hours)
    cafe_opens_on = fields.DateField(null=True)
    # Staff routines: when the morning roster goes out, and absences one by one or as a digest.
    roster_time = fields.CharField(max_length=5, default="08:30")
    absence_digest = fields.BooleanField(default=False)
    # Follow-up: months between evaluations, places for the capacity report, NAV contact.
    evaluation_every_months = fields.SmallIntField(default=6)
    places = fields.SmallIntField(null=True)
    nav_contact_name = fields.CharField(max_length=200, null=True)
    # NAV's leader (virksomhetsleder): the cooperation meeting's minutes go there too.
    nav_leader_email = fields.CharField(max_length=254, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "unit"

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class Closure(Model):
    """An extra closed day with its reason (staff training, say)."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="closures", on_delete=fields.CASCADE
    )
    unit_id: int
    day = fields.DateField()
    reason = fields.CharField(max_length=200)

    class Meta:
        table = "closure"
        unique_together = (("unit", "day"),)


class PayRate(Model):
    """Pay per attended hour, valid from a date until the next rate."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="pay_rates", on_delete=fields.CASCADE
    )
    unit_id: int
    valid_from = fields.DateField()
    ore_per_hour = fields.IntField()

    class Meta:
        table = "pay_rate"
        unique_together = (("unit", "valid_from"),)
