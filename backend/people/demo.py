"""Demo data: one AoK unit, its staff (one of each role) and participants, already linked
to demo chats, and two KVP applications the contact person follows. Kari has "🔊 Les
opp" on: the bot's answers to her come as voice notes too, playable on the chat page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backend.checkin import demo as demo_checkin
from backend.feeds import feeds
from backend.kvp import applications as kvp
from backend.models import (
    LinkRole,
    Participant,
    Programme,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.pathway import demo_candidates
from backend.people import registry as people
from backend.pupils import demo as demo_pupils
from backend.voice import choice as read_aloud
from backend.vta import path as vta_path
from backend.vta import places as vta_places
from backend.vta.rules import Step, StepMove

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
    await read_aloud.set_read_aloud(kari.code, True, actor=ACTOR, now=now)  # no chat yet: untold
    await _add_kvp_applications(now.date())
    await _add_towards_vta(now)
    await demo_candidates.seed_candidates("AOK", now.date())
    await demo_pupils.seed(unit, now.date())
    await demo_checkin.seed(unit, leader, now)
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


async def contact_calendar(now: datetime) -> str | None:
    """A calendar address (path) for the demo's contact person, new at each start."""
    staff = await Staff.get_or_none(code="S1", active=True)
    if staff is None:
        return None
    return await feeds.issue(now, actor=ACTOR, staff=staff)


async def door_tablet(now: datetime) -> str | None:
    """The address (path) of the demo unit's check-in tablet, paired anew at each start."""
    return await demo_checkin.tablet_address(now)


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


async def _add_kvp_applications(today: date) -> None:
    """Two KVP applications Ingrid follows: one waiting for its decision, one approved with
    its decision period, ready to start."""
    await kvp.add_application(
        kvp.NewApplication("AOK", "Nora Berg", date(1995, 5, 6), today - timedelta(days=10), "S1"),
        actor=ACTOR,
        today=today,
    )
    approved = await kvp.add_application(
        kvp.NewApplication(
            "AOK", "Ali Hassan", date(1988, 9, 14), today - timedelta(days=40), "S1"
        ),
        actor=ACTOR,
        today=today,
    )
    await kvp.record_aev(approved.id, today - timedelta(days=30), actor=ACTOR, today=today)
    await kvp.record_decision(
        approved.id, today - timedelta(days=14), approved=True, actor=ACTOR, today=today
    )
    await kvp.add_period(
        approved.id,
        today - timedelta(days=14),
        today + timedelta(days=336),
        actor=ACTOR,
        today=today,
    )


# Towards VTA (seed 001): AoK participants on the joint path with iVekst, and new VTA
# places created since the plan began, so the reports page shows the plan's chart.
VTA_PATH = (
    # code, name, birth date, steps as (step, days before today)
    ("P1", None, None, ((Step.INTERESTED, 20),)),
    ("P2", None, None, ((Step.INTERESTED, 150), (Step.QUALIFICATION, 90))),
    ("P3", "Aslak Moen", date(1979, 6, 21), ((Step.INTERESTED, 300), (Step.QUALIFICATION, 220),
                                              (Step.APPLIED, 40))),
    ("P4", "Sunniva Dahl", date(1992, 11, 8), ((Step.QUALIFICATION, 400), (Step.APPLIED, 120),
                                                (Step.GRANTED, 30))),
)  # fmt: skip
VTA_PLACES = (
    (date(2025, 3, 20), 4, "iVekst, Kvelde"),
    (date(2025, 8, 15), 6, "iVekst, Larvik sentrum"),
    (date(2026, 1, 12), 5, "Kafé Torget (VTA-O)"),
    (date(2026, 5, 4), 3, "iVekst, Stavern"),
    (date(2026, 10, 1), 4, "iVekst, Kvelde"),
)


async def _add_towards_vta(now: datetime) -> None:
    today = now.date()
    for code, name, birth_date, steps in VTA_PATH:
        if name is not None and birth_date is not None:
            await people.add_participant(
                people.NewParticipant(
                    "AOK", code, name, birth_date, frozenset({1, 2, 4}), time(9), time(14), "S1",
                    Programme.AOK,
                ),
                actor=ACTOR,
                today=today,
            )  # fmt: skip
        participant = await Participant.get(code=code)
        for step, days_ago in steps:
            move = StepMove(step, today - timedelta(days=days_ago))
            await vta_path.move_step(participant, move, actor=ACTOR, today=today)
    for on, count, where in VTA_PLACES:
        if on <= today:
            new = vta_places.NewPlaces(on, count, where)
            await vta_places.add_places(new, actor=ACTOR, today=today)
