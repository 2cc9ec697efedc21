"""A participant code in use in another unit is refused without saying it exists there."""

from __future__ import annotations

from datetime import date, time

import pytest

from backend.models import Participant, StaffRole
from backend.people import imports
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.people.test_imports import csv_bytes
from tests.support.world import NOW, build_world


def nina(code: str, unit: str, contact: str) -> people.NewParticipant:
    return people.NewParticipant(
        unit, code, "Nina Berg", date(1991, 2, 3), frozenset({1, 3}), time(9), time(13), contact
    )


async def test_a_code_of_another_units_participant_can_only_not_be_used(db: str) -> None:
    await build_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    berit = await people.add_staff("VTA", "B1", "Berit Annen", StaffRole.LEADER, actor="test")
    with pytest.raises(RuleError) as elsewhere:
        await people.add_participant(nina("P1", "VTA", "B1"), actor="test", today=NOW.date())
    assert str(elsewhere.value) == "Id-en P1 kan ikke brukes. Velg en annen id."
    with pytest.raises(RuleError) as here:
        await people.add_participant(nina("P1", "AOK", "S1"), actor="test", today=NOW.date())
    assert str(here.value) == "Det finnes allerede en deltaker med id-en P1"

    preview = await imports.preview(
        berit, "liste.csv", csv_bytes("P1;Nina Berg;1985-05-06;man,ons;09:00-14:00;B1;aok;nei"),
        today=NOW.date(),
    )  # fmt: skip
    assert [str(e) for e in preview.rows[0].errors] == [
        "Id-en P1 kan ikke brukes. Velg en annen id."
    ]
    assert await Participant.filter(code="P1").count() == 1
