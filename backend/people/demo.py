"""Demo data: one AoK unit, its staff (one of each role) and participants, already linked
to demo chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from backend.models import LinkRole, Participant, Programme, StaffRole, TelegramLink, Unit
from backend.people import registry as people
from backend.pupils import demo as demo_pupils

ACTOR = "demo"


@dataclass(frozen=True)
class DemoPersona:
    telegram_user_id: int
    name: str
    role_label: str


PARTICIPANT = DemoPersona(1001, "Kari Nordmann", "Deltaker")
RELATIVE = DemoPersona(1002, "Ola Nordmann", "Pårørende")
STAFF = DemoPersona(1003, "Ingrid Hansen", "Kontaktperson")
LEADER = DemoPersona(1004, "Per Leder", "Enhetsleder")
COORDINATOR = DemoPersona(1005, "Kim Koordinator", "Koordinator")
# Every staff role has a chat, so each can ask the bot for a sign-in link (/login) and
# see the web pages as that role.
PERSONAS = (PARTICIPANT, RELATIVE, STAFF, LEADER, COORDINATOR)


async def seed_demo(now: datetime) -> bool:
    """Create the demo unit once; False when it exists already."""
    if await Unit.exists(code="AOK"):
        return False
    unit = await people.add_unit(
        "AOK", "Arbeid og kvalifisering", actor=ACTOR, phone="+47 33 00 00 00"
    )
    unit.cafe_hours = {str(d): ["10:00", "14:00"] for d in range(1, 6)}
    unit.cafe_opens_on = date(2026, 6, 1)
    await unit.save()
    staff = await people.add_staff("AOK", "S1", STAFF.name, StaffRole.CONTACT, actor=ACTOR)
    leader = await people.add_staff("AOK", "S2", LEADER.name, StaffRole.LEADER, actor=ACTOR)
    coordinator = await people.add_staff(
        "AOK", "S3", COORDINATOR.name, StaffRole.COORDINATOR, actor=ACTOR
    )
    kari = await _add_participants(now)
    await demo_pupils.seed(unit, now.date())
    links = [
        (PARTICIPANT, LinkRole.PARTICIPANT, {"participant": kari}),
        (
            RELATIVE,
            LinkRole.RELATIVE,
            {"participant": kari, "consent_at": now, "consent_by": ACTOR},
        ),
        (STAFF, LinkRole.STAFF, {"staff": staff}),
        (LEADER, LinkRole.STAFF, {"staff": leader}),
        (COORDINATOR, LinkRole.STAFF, {"staff": coordinator}),
    ]
    for persona, role, fields in links:
        await TelegramLink.create(
            telegram_user_id=persona.telegram_user_id,
            chat_id=persona.telegram_user_id,
            role=role,
            display_name=persona.name,
            language="nb",
            **fields,
        )
    return True


async def _add_participants(now: datetime) -> Participant:
    """Kari (the demo participant, with a chat) and Jonas; returns Kari."""
    kari = await people.add_participant(
        people.NewParticipant(
            "AOK",
            "P1",
            PARTICIPANT.name,
            date(1990, 4, 12),
            frozenset({1, 2, 3, 4, 5}),
            time(9),
            time(14),
            "S1",
            Programme.AOK,
            transport=True,
        ),
        actor=ACTOR,
        today=now.date(),
    )
    await people.add_participant(
        people.NewParticipant(
            "AOK",
            "P2",
            "Jonas Berg",
            date(1985, 9, 3),
            frozenset({1, 3, 5}),
            time(9),
            time(13),
            "S1",
        ),
        actor=ACTOR,
        today=now.date(),
    )
    return kari
