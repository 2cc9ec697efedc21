"""The windows open at an instant: a closure of today shuts its unit's staff window only,
and outside staff hours no unit is read at all; and when the participants' window next
opens."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backend.models import Closure, Unit
from backend.outbox.windows import open_windows, participant_window_opens
from backend.reminders.querycount import count_queries
from tests.support.telegram import OSLO

TUESDAY = date(2026, 4, 7)


async def test_a_closure_today_shuts_its_units_staff_window(db: str) -> None:
    a = await Unit.create(code="A", name="A")
    await Unit.create(code="B", name="B")
    await Closure.create(unit=a, day=TUESDAY, reason="Personaldag")
    await Closure.create(unit=a, day=date(2026, 4, 8), reason="Personaldag")
    with count_queries() as counted:
        found = await open_windows(datetime(2026, 4, 7, 9, 0, tzinfo=OSLO))
    assert found == ["participant", "staff:B"]
    assert counted.count == 2  # the closures of today, the units' settings


async def test_outside_staff_hours_no_unit_is_read(db: str) -> None:
    await Unit.create(code="A", name="A")
    with count_queries() as counted:
        evening = await open_windows(datetime(2026, 4, 7, 18, 0, tzinfo=OSLO))
        night = await open_windows(datetime(2026, 4, 7, 23, 0, tzinfo=OSLO))
    assert (evening, night, counted.count) == (["participant"], [], 0)


@pytest.mark.parametrize(
    ("at", "opens"),
    [
        ((2026, 4, 7, 8, 0), (2026, 4, 7, 8, 0)),  # open: at once
        ((2026, 4, 7, 20, 59), (2026, 4, 7, 20, 59)),
        ((2026, 4, 7, 21, 0), (2026, 4, 8, 8, 0)),  # evening: tomorrow morning
        ((2026, 4, 7, 23, 30), (2026, 4, 8, 8, 0)),
        ((2026, 4, 8, 0, 10), (2026, 4, 8, 8, 0)),  # after midnight: this morning
        ((2026, 4, 8, 7, 59), (2026, 4, 8, 8, 0)),
    ],
)
def test_when_the_participant_window_opens(at: tuple[int, ...], opens: tuple[int, ...]) -> None:
    assert participant_window_opens(datetime(*at, tzinfo=OSLO)) == datetime(*opens, tzinfo=OSLO)
