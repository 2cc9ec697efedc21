"""One leader through a lease row: the rule, and two contenders on one database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.models import Lease
from backend.shared import leadership
from backend.shared.leadership import Held, Leadership, acquire, current, may_take, release

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
S = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("held", "me", "now", "expected"),
    [
        (None, "a", T0, True),  # nobody holds it
        (Held("a", T0 + 30 * S), "a", T0, True),  # I hold it: renew
        (Held("b", T0 + 30 * S), "a", T0, False),  # another holds it
        (Held("b", T0 + 30 * S), "a", T0 + 29 * S, False),
        (Held("b", T0 + 30 * S), "a", T0 + 30 * S, True),  # ran out
        (Held("b", T0 + 30 * S), "a", T0 + 31 * S, True),
    ],
)
def test_may_take(held: Held | None, me: str, now: datetime, expected: bool) -> None:
    assert may_take(held, me, now) is expected


def test_a_dead_leader_is_replaced_within_a_minute() -> None:
    assert timedelta(minutes=1) >= leadership.LEASE_FOR + leadership.RENEW_EVERY
    assert leadership.RENEW_EVERY * 2 < leadership.LEASE_FOR  # a missed renewal is no loss


async def test_two_contenders_one_leader_takeover_after_expiry_and_release(db: str) -> None:
    assert await acquire("scheduler", "a", T0)
    assert not await acquire("scheduler", "b", T0 + S)
    assert await acquire("scheduler", "a", T0 + 10 * S)  # renewed: runs to T0 + 40 s
    assert not await acquire("scheduler", "b", T0 + 39 * S)
    assert await current("scheduler") == Held("a", T0 + 40 * S)
    # a dies: once its lease has run out, b takes over, and a cannot come back
    assert await acquire("scheduler", "b", T0 + 40 * S)
    assert not await acquire("scheduler", "a", T0 + 41 * S)
    assert await current("scheduler") == Held("b", T0 + 70 * S)
    # b stops cleanly: a takes over at once
    await release("scheduler", "a")  # not a's to release: nothing happens
    assert await current("scheduler") == Held("b", T0 + 70 * S)
    await release("scheduler", "b")
    assert await Lease.all().count() == 0
    assert await acquire("scheduler", "a", T0 + 42 * S)
    # another lease is another row
    assert await acquire("other", "b", T0 + 42 * S)


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_a_process_leads_only_while_its_lease_surely_lasts(db: str) -> None:
    wall = {"now": T0}
    a_ticks, b_ticks = Ticks(), Ticks()
    changes: list[bool] = []
    a = Leadership(me="a", now=lambda: wall["now"], monotonic=a_ticks, on_change=changes.append)
    b = Leadership(me="b", now=lambda: wall["now"], monotonic=b_ticks)
    assert await a.round() and a.leading()
    assert not await b.round() and not b.leading()
    # a's database goes away: a stops leading when its lease would run out, by its own clock
    a_ticks.now = 29.9
    assert a.leading()
    a_ticks.now = 30.0
    assert not a.leading()
    wall["now"] = T0 + 30 * S
    assert await b.round() and b.leading()
    assert not await a.round()
    assert changes == [True, False]
    # a clean stop releases the lease
    await b.stop()
    assert not b.leading()
    assert await current("scheduler") is None
