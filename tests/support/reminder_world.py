"""A world for reminder tests: tests.support.world plus a coordinator, NAV and dated facts.

Staff: S1 Lise Kontakt (contact), S2 Per Leder (leader), S3 Kari Koordinator
(coordinator). Participants P1 Kari and P2 Ola (AoK) as in tests.support.world.
Telegram users: LISE 1003, PER 1004, KOORD 1005 (linked by `link_staff`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from backend.models import LinkRole, Participant, Programme, StaffRole, Unit
from backend.people import registry as people
from tests.support.world import World, build_world, link

OSLO = ZoneInfo("Europe/Oslo")
LISE, PER, KOORD = 1003, 1004, 1005
STAFF_USERS = {"S1": (LISE, "Lise Kontakt"), "S2": (PER, "Per Leder"), "S3": (KOORD, "Kari Koord")}
FULL_AOK_FACTS = {
    "lives_in_municipality": True,
    "wants_service": True,
    "needs_day_adaptation": True,
    "multidisciplinary_assessment": True,
    "can_work_in_group": True,
    "no_heavy_shielding_need": True,
    "full_disability_benefit": True,
}


def at(day: str, hour: int = 6, minute: int = 0) -> datetime:
    """A local instant on an ISO day."""
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=OSLO)


async def build_reminder_world(*, places: int | None = None, nav_email: str | None = None) -> World:
    world = await build_world()
    await people.add_staff("AOK", "S3", "Kari Koord", StaffRole.COORDINATOR, actor="test")
    # Kari and Ola have every AoK criterion recorded, so no weekly "open" reminder.
    await Participant.filter(code__in=["P1", "P2"]).update(eligibility=FULL_AOK_FACTS)
    await Unit.filter(code="AOK").update(
        places=places, nav_email=nav_email, nav_contact_name="Nina NAV" if nav_email else None
    )
    return world


async def link_staff(codes: Iterable[str] = ("S1", "S2", "S3"), language: str = "nb") -> None:
    for code in codes:
        user_id, name = STAFF_USERS[code]
        created = await link(code, LinkRole.STAFF, user_id, name)
        created.language = language
        await created.save()


async def add_person(
    code: str,
    birth_date: date,
    *,
    programme: Programme = Programme.AOK,
    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5}),
    facts: dict[str, bool] | None = None,
    today: date = date(2026, 4, 7),
    **fields: object,
) -> Participant:
    """A participant of AOK with contact S1; extra model fields are set directly."""
    participant = await people.add_participant(
        people.NewParticipant(
            "AOK",
            code,
            f"Deltaker {code}",
            birth_date,
            weekdays,
            time(9),
            time(14),
            "S1",
            programme,
            eligibility=FULL_AOK_FACTS if facts is None else facts,
        ),
        actor="test",
        today=today,
    )
    if fields:
        await Participant.filter(id=participant.id).update(**fields)
        await participant.refresh_from_db()
    return participant
