"""The roster service: who gets it and when, one claim per chat and day, the day's end."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta

import pytest

from backend.attendance import roster
from backend.models import (
    AttendanceStatus,
    JobRun,
    LinkRole,
    OutboxMessage,
    RosterMessage,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import build_world, link

D = date.fromisoformat


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(D(day), time(hour, minute), tzinfo=OSLO)


async def test_the_roster_goes_to_contact_persons_else_leaders(db: str) -> None:
    world = await build_world()
    await link("S2", LinkRole.STAFF, 1004, "Per Leder")
    [due] = await roster.due_rosters(at("2026-04-07", 8, 30))
    assert [link.chat_id for link in due.links] == [1004]  # no contact person linked yet
    await link("S1", LinkRole.STAFF, 1003, "Lise Kontakt")
    [due] = await roster.due_rosters(at("2026-04-07", 8, 30))
    assert [link.chat_id for link in due.links] == [1003]
    assert due.unit.id == world.unit.id


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (at("2026-04-07", 8, 29), False),  # before the roster time
        (at("2026-04-07", 8, 30), True),
        (at("2026-04-07", 15, 29), True),
        (at("2026-04-07", 15, 30), False),  # closed for the day: no morning roster now
        (at("2026-04-06", 9, 0), False),  # Easter Monday
        (at("2026-04-11", 9, 0), False),  # Saturday
    ],
)
async def test_when_the_roster_is_due(db: str, now: datetime, due: bool) -> None:
    await build_world()
    await link("S1", LinkRole.STAFF, 1003, "Lise Kontakt")
    assert bool(await roster.due_rosters(now)) is due


async def test_one_claim_per_chat_and_day_even_at_once(db: str) -> None:
    world = await build_world()
    now = at("2026-04-07", 8, 30)
    claims = await asyncio.gather(
        *(roster.claim(world.unit, 1003, now.date(), now) for _ in range(5))
    )
    assert sum(c is not None for c in claims) == 1
    assert await RosterMessage.all().count() == 1
    # A claim whose sender died is taken over once it is 30 s old (no heartbeat refreshed it).
    held = now + timedelta(seconds=20)
    assert await roster.claim(world.unit, 1003, now.date(), held) is None
    late = at("2026-04-07", 8, 31)
    taken = await asyncio.gather(
        *(roster.claim(world.unit, 1003, now.date(), late) for _ in range(3))
    )
    assert sum(c is not None for c in taken) == 1
    row = next(c for c in taken if c is not None)
    await roster.sent(row, 77, late)
    assert await roster.claim(world.unit, 1003, now.date(), at("2026-04-07", 9, 0)) is None
    assert await roster.message_id_of(world.unit.id, 1003, now.date()) == 77


async def test_the_days_end_reminder_is_written_once(db: str) -> None:
    world = await build_world()
    await link("S1", LinkRole.STAFF, 1003, "Lise Kontakt")
    assert await roster.write_unconfirmed_reminders(at("2026-04-07", 15, 29)) == 0
    assert await roster.write_unconfirmed_reminders(at("2026-04-07", 15, 30)) == 1
    assert await roster.write_unconfirmed_reminders(at("2026-04-07", 15, 45)) == 0
    row = await OutboxMessage.get(template="roster_unconfirmed")
    assert row.params["names"] == ["Kari Nordmann"]
    assert row.params["buttons"] == [["📋 Vis dagens liste", f"rv:{world.unit.id}:260407"]]
    assert await JobRun.filter(name="roster_unconfirmed:AOK").count() == 1


async def test_staff_act_on_their_own_unit_only(db: str) -> None:
    world = await build_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    other = await people.add_staff("VTA", "B1", "Berit", StaffRole.CONTACT, actor="test")
    now = at("2026-04-07", 10)
    with pytest.raises(RuleError, match="Fant ikke den deltakeren"):
        await roster.mark(other, world.kari.id, now.date(), AttendanceStatus.PRESENT, now)
    with pytest.raises(RuleError, match="egen enhet"):
        await roster.confirm_rest(other, world.unit.id, now.date(), now)
    with pytest.raises(RuleError, match="egen enhet"):
        await roster.staff_roster(other, now.date(), now.date(), world.unit.id)
    with pytest.raises(RuleError, match="ikke kommet"):
        await roster.mark(
            world.contact, world.kari.id, D("2026-04-08"), AttendanceStatus.PRESENT, now
        )
    record = await roster.mark(
        world.contact, world.kari.id, now.date(), AttendanceStatus.ABSENT_UNNOTIFIED, now
    )
    assert record.status == AttendanceStatus.ABSENT_UNNOTIFIED


async def test_not_here_with_a_report_is_with_notice(db: str) -> None:
    from backend.absence.report import report_absence
    from backend.models import AbsenceCategory

    world = await build_world()
    now = at("2026-04-07", 10)
    await report_absence(
        world.kari, [now.date()], AbsenceCategory.SICK, reporter=None, now=at("2026-04-07", 7),
        reporter_name="Kari",
    )  # fmt: skip
    record = await roster.mark(
        world.contact, world.kari.id, now.date(), AttendanceStatus.ABSENT_UNNOTIFIED, now
    )
    assert record.status == AttendanceStatus.ABSENT_NOTIFIED
    assert not await Unit.filter(absence_digest=True).exists()
    assert await TelegramLink.all().count() == 0
