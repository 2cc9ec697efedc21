"""A small world built through the real services: a unit, staff, participants, links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from backend.links.invites import Redeemed, create_invite, redeem_invite
from backend.models import LinkRole, Participant, Programme, Staff, StaffRole, TelegramLink, Unit
from backend.people import registry as people
from tests.support.telegram import OSLO

NOW = datetime(2026, 4, 7, 8, 0, tzinfo=OSLO)
WEEKDAYS = frozenset({1, 2, 3, 4, 5})


@dataclass
class World:
    unit: Unit
    contact: Staff
    leader: Staff
    kari: Participant
    ola: Participant


async def build_world() -> World:
    unit = await people.add_unit(
        "AOK", "Arbeid og kvalifisering", actor="test", phone="33 00 00 00"
    )
    contact = await people.add_staff("AOK", "S1", "Lise Kontakt", StaffRole.CONTACT, actor="test")
    leader = await people.add_staff("AOK", "S2", "Per Leder", StaffRole.LEADER, actor="test")
    kari = await people.add_participant(
        people.NewParticipant(
            "AOK",
            "P1",
            "Kari Nordmann",
            date(1990, 4, 12),
            WEEKDAYS,
            time(9),
            time(14),
            "S1",
            Programme.AOK,
            transport=True,
        ),
        actor="test",
        today=NOW.date(),
    )
    ola = await people.add_participant(
        people.NewParticipant(
            "AOK",
            "P2",
            "Ola Hansen",
            date(1988, 1, 2),
            frozenset({1, 3, 5}),
            time(9),
            time(13),
            "S1",
        ),
        actor="test",
        today=NOW.date(),
    )
    return World(unit, contact, leader, kari, ola)


async def link(person_code: str, role: LinkRole, user_id: int, name: str) -> TelegramLink:
    """Link a Telegram user the way a user does: an invite, redeemed."""
    issued = await create_invite(person_code, role, actor="test", now=NOW)
    result = await redeem_invite(
        issued.code,
        telegram_user_id=user_id,
        chat_id=user_id,
        display_name=name,
        language="nb",
        now=NOW,
    )
    assert result.outcome is Redeemed.LINKED and result.link is not None
    return result.link
