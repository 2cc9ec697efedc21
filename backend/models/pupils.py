from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.models.candidates import Candidate
from backend.models.people import Participant
from backend.models.unit import Unit
from backend.pupils.rules import ClassYear, Need  # re-exported for the migrations


def no_needs() -> list[str]:
    return []


class Pupil(Model):
    """A pupil in upper secondary school known to the unit, not a participant.

    Known from Vg1 with the guardian's consent. Needs and the note are general words,
    never a diagnosis. A pupil who finishes school may become a participant (linked).
    """

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="pupils", on_delete=fields.RESTRICT
    )
    unit_id: int
    name = fields.CharField(max_length=200)
    birth_date = fields.DateField()
    school = fields.CharField(max_length=200)
    class_year = fields.CharEnumField(ClassYear, max_length=8)
    expected_end = fields.DateField()
    # The guardian's consent: the day given, the day withdrawn, and its scope (whether
    # the name may be shared with NAV and iVekst at the status meeting).
    consent_given_on = fields.DateField(null=True)
    consent_withdrawn_on = fields.DateField(null=True)
    share_name = fields.BooleanField(default=False)
    # Services the pupil may need later, as codes of backend.pupils.rules.Need.
    needs = fields.JSONField(default=no_needs)
    note = fields.CharField(max_length=500, null=True)
    registered_on = fields.DateField()
    ended_on = fields.DateField(null=True)
    participant: fields.ForeignKeyNullableRelation[Participant] = fields.ForeignKeyField(
        "models.Participant", related_name="pupil_entries", null=True, on_delete=fields.SET_NULL
    )
    participant_id: int | None
    candidate: fields.ForeignKeyNullableRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="pupil_entries", null=True, on_delete=fields.SET_NULL
    )
    candidate_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "pupil"


__all__ = ["ClassYear", "Need", "Pupil"]
