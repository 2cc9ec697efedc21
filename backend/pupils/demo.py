"""Demo pupils: three pupils of one school, one of each kind of consent, so the register,
the age-18 reminder and the status meeting's overview can be tried at once."""

from __future__ import annotations

from datetime import date

from backend.models import Unit
from backend.pupils import register
from backend.pupils.rules import ClassYear, Need
from backend.shared.dates import add_months

ACTOR = "demo"
SCHOOL = "Thor Heyerdahl videregående skole"


async def seed(unit: Unit, today: date) -> None:
    """Birth dates follow today: Sander turns 18 in four months (NAV should be involved
    now), Emma in eleven, Noah is in Vg1."""
    given = add_months(today, -2)
    pupils = [
        ("Sander Eriksen", -(18 * 12 - 4), ClassYear.VG3, given, True, {Need.AOK}),
        ("Emma Larsen", -(18 * 12 - 11), ClassYear.VG2, given, False, {Need.VTA, Need.WORK_TRAINING}),
        ("Noah Berg", -(16 * 12), ClassYear.VG1, None, False, {Need.AOK}),
    ]  # fmt: skip
    for name, months, year, consent, share, needs in pupils:
        await register.add_pupil(
            unit,
            register.PupilFields(
                name=name,
                birth_date=add_months(today, months),
                school=SCHOOL,
                class_year=year,
                consent_given_on=consent,
                share_name=share,
                needs=frozenset(needs),
            ),
            actor=ACTOR,
            today=today,
        )
