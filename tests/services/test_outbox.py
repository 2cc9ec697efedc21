"""Written first, sent second, marked sent third; a crash in between sends once."""

from __future__ import annotations

from datetime import timedelta

from backend.models import OutboxMessage, OutboxStatus
from backend.services import outbox
from tests.support.world import NOW


async def test_same_key_is_written_once(db: str) -> None:
    assert await outbox.enqueue("k1", "absence_reported", {"a": 1}, due_at=NOW, chat_id=1)
    assert not await outbox.enqueue("k1", "absence_reported", {"a": 2}, due_at=NOW, chat_id=1)
    rows = await OutboxMessage.all()
    assert len(rows) == 1 and rows[0].params == {"a": 1}


async def test_only_due_messages_are_claimed_and_only_once(db: str) -> None:
    await outbox.enqueue("now", "t", {}, due_at=NOW, chat_id=1)
    await outbox.enqueue("later", "t", {}, due_at=NOW + timedelta(minutes=2), chat_id=1)
    first = await outbox.claim_due(NOW)
    assert [m.key for m in first] == ["now"]
    assert await outbox.claim_due(NOW) == []  # claimed by the first pass
    claimed = await outbox.claim_due(NOW + timedelta(minutes=2))
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
