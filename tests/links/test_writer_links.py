"""A user who writes to the bot: their links in one read, and a blocked chat reachable again."""

from __future__ import annotations

from backend.links.links import links_of_writer
from backend.models import LinkRole, TelegramLink
from backend.reminders.querycount import count_queries
from tests.support.world import NOW, build_world, link

KARI, LISE = 1001, 1003


async def test_links_come_with_participant_unit_and_contact_each_read_once(db: str) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    with count_queries() as counted:
        [found] = await links_of_writer(KARI)
        words = (
            found.participant.name,
            found.participant.unit.code,
            found.participant.contact.name,
        )
    assert words == ("Kari Nordmann", "AOK", "Lise Kontakt")
    # The link, the participant, its contact person, its unit; no write: nothing was blocked.
    assert counted.count == 4


async def test_a_blocked_chat_that_writes_again_is_reachable(db: str) -> None:
    await build_world()
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await TelegramLink.filter(chat_id=LISE).update(blocked_at=NOW)
    with count_queries() as counted:
        [found] = await links_of_writer(LISE)
    assert (found.staff.name, found.staff.unit.code, found.blocked_at) == (
        "Lise Kontakt",
        "AOK",
        None,
    )
    # The link, the staff member, the unit, and the one write.
    assert counted.count == 4
    assert await TelegramLink.filter(chat_id=LISE, blocked_at=None).count() == 1
