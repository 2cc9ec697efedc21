"""Taking an update in the database: once across replicas, taken over from a dead holder."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from backend.models import HandledUpdate, UpdateState
from backend.updates import once
from backend.updates.rules import Verdict

NOW = datetime(2026, 4, 7, 6, 0, tzinfo=UTC)
S = timedelta(seconds=1)


async def test_the_first_takes_it_and_a_second_replica_waits(db: str) -> None:
    assert await once.take(7, "a", NOW) is Verdict.HANDLE
    assert await once.take(7, "b", NOW + S) is Verdict.BUSY
    row = await HandledUpdate.get(update_id=7)
    assert (row.state, row.holder) == (UpdateState.HANDLING, "a")


async def test_a_handled_update_changes_nothing(db: str) -> None:
    await once.take(7, "a", NOW)
    assert await once.finish(7, "a", NOW + S)
    assert await once.take(7, "b", NOW + 2 * S) is Verdict.ALREADY
    assert await once.take(7, "a", NOW + 3600 * S) is Verdict.ALREADY
    row = await HandledUpdate.get(update_id=7)
    assert (row.state, row.holder, row.done_at) == (UpdateState.DONE, "a", NOW + S)


async def test_a_dead_holder_is_taken_over_by_one_replica_only(db: str) -> None:
    await once.take(7, "a", NOW)
    assert await once.beat(7, "a", NOW + 4 * S)
    assert await once.take(7, "b", NOW + 14 * S) is Verdict.BUSY  # beat 10 s ago: alive
    later = NOW + 15 * S
    found = await asyncio.gather(*(once.take(7, name, later) for name in ("b", "c", "d")))
    assert sorted(found) == [Verdict.BUSY, Verdict.BUSY, Verdict.TAKE_OVER]
    holder = (await HandledUpdate.get(update_id=7)).holder
    assert holder == ("b", "c", "d")[found.index(Verdict.TAKE_OVER)]
    # The old holder, alive after all, no longer holds it: its writes change nothing.
    assert not await once.beat(7, "a", later)
    assert not await once.finish(7, "a", later)
    await once.release(7, "a")
    assert (await HandledUpdate.get(update_id=7)).holder == holder


async def test_a_released_update_is_handled_afresh(db: str) -> None:
    await once.take(7, "a", NOW)
    await once.release(7, "a")
    assert await HandledUpdate.filter(update_id=7).count() == 0
    assert await once.take(7, "b", NOW + S) is Verdict.HANDLE


async def test_updates_done_two_days_ago_are_forgotten(db: str) -> None:
    for update_id, done in ((1, NOW - 49 * 3600 * S), (2, NOW - 47 * 3600 * S)):
        await once.take(update_id, "a", done)
        await once.finish(update_id, "a", done)
    await once.take(3, "a", NOW - 72 * 3600 * S)  # in hand (a dead holder): kept
    assert await once.forget_old(NOW) == 1
    assert sorted(await HandledUpdate.all().values_list("update_id", flat=True)) == [2, 3]
