"""Meeting dates: in the months the routines set, not in the past (a NAV meeting up to a
year back, for its minutes), once; reminders follow."""

from __future__ import annotations

from datetime import date

import pytest

from backend.calendar.meetings import remove_meeting, set_meeting
from backend.calendar.rules import MEETING_NAMES
from backend.models import AuditEvent, Meeting, MeetingKind
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world

TODAY = NOW.date()  # 7 April 2026


@pytest.mark.parametrize(
    ("kind", "day", "allowed"),
    [
        (MeetingKind.STATUS, date(2026, 9, 15), True),
        (MeetingKind.STATUS, date(2027, 1, 12), True),
        (MeetingKind.STATUS, date(2026, 10, 1), False),  # not January or September
        (MeetingKind.NAV, date(2026, 4, 16), True),
        (MeetingKind.NAV, date(2026, 10, 29), True),
        (MeetingKind.NAV, date(2026, 4, 15), False),  # first half of April
        (MeetingKind.NAV, date(2026, 5, 20), False),
        (MeetingKind.STATUS, date(2026, 1, 20), False),  # in the past
        (MeetingKind.NAV, date(2025, 10, 20), True),  # held: set to write its minutes
        (MeetingKind.NAV, date(2025, 4, 22), True),  # within the year
        (MeetingKind.NAV, date(2025, 4, 2), False),  # first half of April anyway
        (MeetingKind.NAV, date(2024, 10, 20), False),  # over a year back
    ],
)
async def test_meeting_dates_follow_the_routines(
    db: str, kind: MeetingKind, day: date, allowed: bool
) -> None:
    world = await build_world()
    if allowed:
        meeting = await set_meeting(
            world.unit, kind, day, note=" Rom  2 ", actor="test", today=TODAY
        )
        assert (meeting.kind, meeting.day, meeting.note) == (kind, day, "Rom 2")
        assert await AuditEvent.filter(action="meeting.set").count() == 1
    else:
        with pytest.raises(RuleError):
            await set_meeting(world.unit, kind, day, note=None, actor="test", today=TODAY)
        assert await Meeting.all().count() == 0


async def test_a_meeting_is_set_once_and_can_be_removed(db: str) -> None:
    world = await build_world()
    day = date(2026, 9, 15)
    meeting = await set_meeting(
        world.unit, MeetingKind.STATUS, day, note=None, actor="t", today=TODAY
    )
    with pytest.raises(RuleError, match="allerede"):
        await set_meeting(world.unit, MeetingKind.STATUS, day, note=None, actor="t", today=TODAY)
    other = await set_meeting(
        world.unit, MeetingKind.NAV, date(2026, 10, 20), note=None, actor="t", today=TODAY
    )
    await remove_meeting(world.unit, meeting.id, actor="t")
    assert [m.id for m in await Meeting.all()] == [other.id]
    with pytest.raises(RuleError):
        await remove_meeting(world.unit, meeting.id, actor="t")


async def test_a_set_status_meeting_is_reminded_the_day_before(db: str) -> None:
    from backend.models import LinkRole, StaffRole
    from backend.people import registry as people
    from backend.reminders import preview
    from backend.reminders.deadlines import ReminderKind
    from tests.support.world import link

    world = await build_world()
    await people.add_staff("AOK", "S3", "Kim Koordinator", StaffRole.COORDINATOR, actor="test")
    await link("S3", LinkRole.STAFF, 1010, "Kim")
    await set_meeting(
        world.unit, MeetingKind.STATUS, date(2026, 9, 15), note=None, actor="t", today=TODAY
    )
    before = await preview(date(2026, 9, 14), NOW)
    kinds = {d.reminder.kind for d in before.deliveries}
    assert ReminderKind.STATUS_MEETING_DAY_BEFORE in kinds
    day_after = await preview(date(2026, 9, 15), NOW)
    assert ReminderKind.STATUS_MEETING_DAY_BEFORE not in {
        d.reminder.kind for d in day_after.deliveries
    }


def test_every_meeting_kind_has_one_name() -> None:
    assert {str(kind) for kind in MeetingKind} == set(MEETING_NAMES) == {"status", "nav"}
