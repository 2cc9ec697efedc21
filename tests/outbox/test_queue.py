"""Written first, sent second, marked sent third; a crash in between sends once."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import datetime, timedelta

from backend.models import OutboxMessage, OutboxStatus
from backend.outbox import queue as outbox
from backend.shared.db import database
from tests.conftest import run_in_thread
from tests.support.world import NOW


async def test_same_key_is_written_once(db: str) -> None:
    assert await outbox.enqueue("k1", "absence_reported", {"a": 1}, due_at=NOW, chat_id=1)
    assert not await outbox.enqueue("k1", "absence_reported", {"a": 2}, due_at=NOW, chat_id=1)
    rows = await OutboxMessage.all()
    assert len(rows) == 1 and rows[0].params == {"a": 1}


async def test_only_due_messages_are_claimed_and_only_once(db: str) -> None:
    await outbox.enqueue("now", "t", {}, due_at=NOW, chat_id=1)
    await outbox.enqueue("later", "t", {}, due_at=NOW + timedelta(seconds=20), chat_id=1)
    first = await outbox.claim_due(NOW)
    assert [m.key for m in first] == ["now"]
    assert await outbox.claim_due(NOW) == []  # claimed by the first pass
    claimed = await outbox.claim_due(NOW + timedelta(seconds=20))
    assert [m.key for m in claimed] == ["later"]


async def test_a_claim_left_by_a_crash_is_taken_again_after_the_timeout(db: str) -> None:
    await outbox.enqueue("k", "t", {}, due_at=NOW, chat_id=1)
    [crashed] = await outbox.claim_due(NOW)  # the process dies before sending
    assert await outbox.claim_due(NOW + outbox.CLAIM_TIMEOUT - timedelta(seconds=1)) == []
    [again] = await outbox.claim_due(NOW + outbox.CLAIM_TIMEOUT + timedelta(seconds=1))
    assert again.id == crashed.id and again.attempts == 2
    await outbox.mark_sent(again, NOW)
    assert await outbox.claim_due(NOW + timedelta(days=1)) == []
    assert (await OutboxMessage.get(id=again.id)).status == OutboxStatus.SENT


async def test_failures_retry_later_then_give_up(db: str) -> None:
    await outbox.enqueue("k", "t", {}, due_at=NOW, chat_id=1)
    moment = NOW
    for _attempt in range(outbox.MAX_ATTEMPTS):
        [message] = await outbox.claim_due(moment)
        moment += timedelta(minutes=1)
        await outbox.mark_failed(message, "network down", retry_at=moment)
    stored = await OutboxMessage.get(key="k")
    assert stored.status == OutboxStatus.FAILED and stored.last_error == "network down"
    assert await outbox.claim_due(moment + timedelta(days=1)) == []


CLAIMERS = 6  # processes (and their tasks) draining one outbox at the same moment


async def _claim_concurrently(at: datetime, limit: int = 200) -> list[list[int]]:
    batches = await asyncio.gather(*(outbox.claim_due(at, limit) for _ in range(CLAIMERS)))
    return [[m.id for m in batch] for batch in batches]


async def test_concurrent_claimers_each_take_a_message_exactly_once(db: str) -> None:
    for n in range(40):
        await outbox.enqueue(f"k{n}", "t", {}, due_at=NOW, chat_id=n + 1)
    batches = await _claim_concurrently(NOW, limit=15)
    taken = [i for batch in batches for i in batch]
    assert len(taken) == len(set(taken))  # nobody sends a message another one holds
    while batch := [m.id for m in await outbox.claim_due(NOW, limit=15)]:
        taken += batch
    assert sorted(taken) == sorted(set(taken)) and len(taken) == 40
    rows = await OutboxMessage.all()
    assert {(r.status, r.attempts) for r in rows} == {(OutboxStatus.SENDING, 1)}


async def test_concurrent_claimers_take_a_stale_claim_back_once(db: str) -> None:
    for n in range(20):
        await outbox.enqueue(f"k{n}", "t", {}, due_at=NOW, chat_id=n + 1)
    assert len(await outbox.claim_due(NOW)) == 20  # a process claims them, then dies
    later = NOW + outbox.CLAIM_TIMEOUT + timedelta(seconds=1)
    batches = await _claim_concurrently(later)
    taken = [i for batch in batches for i in batch]
    assert sorted(taken) == sorted(set(taken)) and len(taken) == 20
    rows = await OutboxMessage.all()
    assert {(r.status, r.attempts) for r in rows} == {(OutboxStatus.SENDING, 2)}
    assert await outbox.claim_due(later) == []


async def test_claimed_attempts_are_the_stored_count(db: str) -> None:
    await outbox.enqueue("k", "t", {}, due_at=NOW, chat_id=1)
    [first] = await outbox.claim_due(NOW)
    await outbox.mark_failed(first, "network down", retry_at=NOW + timedelta(minutes=1))
    [second] = await outbox.claim_due(NOW + timedelta(minutes=1))
    assert second.attempts == 2
    assert (await OutboxMessage.get(id=second.id)).attempts == 2


CLAIM_IN_A_PROCESS = """
import asyncio, datetime, json, sys
from backend.shared.db import database
from backend.outbox import queue as outbox

async def main() -> None:
    at = datetime.datetime.fromisoformat(sys.argv[2])
    taken = []
    async with database(sys.argv[1], apply_migrations=False):
        sys.stdout.write("ready\\n")
        sys.stdout.flush()
        sys.stdin.readline()  # all processes start claiming together
        while batch := await outbox.claim_due(at, limit=3):
            taken += [m.id for m in batch]
    print(json.dumps(taken))

asyncio.run(main())
"""


def test_claimers_in_separate_processes_take_each_message_once(db_url: str) -> None:
    async def write() -> None:
        async with database(db_url, apply_migrations=False):
            for n in range(60):
                await outbox.enqueue(f"k{n}", "t", {}, due_at=NOW, chat_id=n + 1)

    run_in_thread(write())
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIM_IN_A_PROCESS, db_url, NOW.isoformat()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    taken = []
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        taken += json.loads(out.strip().splitlines()[-1])
    assert len(taken) == 60 and set(taken) == set(range(1, 61))


async def test_a_claim_held_by_a_live_process_is_kept_fresh_by_its_heartbeat(db: str) -> None:
    assert timedelta(seconds=30) == outbox.CLAIM_TIMEOUT
    await outbox.enqueue("k", "t", {}, due_at=NOW, chat_id=1)
    claimed = await outbox.claim_due(NOW)
    ticks = {"now": 0.0}
    async with outbox.heartbeat(
        claimed, NOW, every=timedelta(seconds=0.01), clock=lambda: ticks["now"]
    ):
        ticks["now"] = 60.0  # a minute into a long pass
        await asyncio.sleep(0.1)
        row = await OutboxMessage.get(key="k")
        assert row.claimed_at == NOW + timedelta(seconds=60)
        # Another process a minute on cannot take it: it is held as of now.
        assert await outbox.claim_due(NOW + timedelta(seconds=61)) == []
    # The heartbeat stops with the pass; a process that died is overtaken 30 s later.
    assert await outbox.claim_due(NOW + timedelta(seconds=89)) == []
    [again] = await outbox.claim_due(NOW + timedelta(seconds=91))
    assert again.key == "k"


async def test_rows_of_one_chat_are_claimed_together(db: str) -> None:
    for n in range(3):
        await outbox.enqueue(f"a{n}", "t", {}, due_at=NOW + timedelta(seconds=n), chat_id=1)
    await outbox.enqueue("b", "t", {}, due_at=NOW - timedelta(seconds=5), chat_id=2)
    await outbox.enqueue("c", "t", {}, due_at=NOW - timedelta(seconds=1), chat_id=3)
    await outbox.enqueue("mail", "t", {}, due_at=NOW, email="x@example.org")
    at = NOW + timedelta(seconds=5)
    # Two chats: those waiting longest (2, then 3), all of their rows.
    assert [m.key for m in await outbox.claim_due_chats(at, 2)] == ["b", "c"]
    assert [m.key for m in await outbox.claim_due_chats(at, 2, per_chat=2)] == ["a0", "a1"]
    assert [m.key for m in await outbox.claim_due_chats(at, 2)] == ["a2"]
    assert await outbox.claim_due_chats(at, 2) == []  # e-mail is not Telegram's


async def test_rows_put_back_lose_no_attempt(db: str) -> None:
    await outbox.enqueue("k", "t", {}, due_at=NOW, chat_id=1)
    claimed = await outbox.claim_due(NOW)
    await outbox.put_back(claimed, NOW + timedelta(seconds=3))
    row = await OutboxMessage.get(key="k")
    assert (row.status, row.attempts, row.due_at) == (
        OutboxStatus.PENDING,
        0,
        NOW + timedelta(seconds=3),
    )
