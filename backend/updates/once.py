"""Taking, holding and finishing a Telegram update in the database, so each is handled once.

The rule (what to do, given the stored row) is `rules.verdict`; this module reads and
writes the row. Every write names the holder, so a replica that lost an update (its
heartbeat went stale and another took it over) changes nothing of the new holder's row.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError

from backend.models import HandledUpdate
from backend.shared.clock import utc
from backend.updates.rules import KEEP_DONE, STALE_AFTER, Seen, UpdateState, Verdict, verdict


async def take(
    update_id: int, holder: str, now: datetime, stale_after: timedelta = STALE_AFTER
) -> Verdict:
    """Take the update for `holder` if the rule allows; the verdict says what happened.

    HANDLE and TAKE_OVER: `holder` holds it now and handles it. ALREADY and BUSY: not.
    """
    for _attempt in range(3):  # a row released between the insert and the read: once more
        try:
            await HandledUpdate.create(
                update_id=update_id,
                state=UpdateState.HANDLING,
                holder=holder,
                heartbeat_at=utc(now),
            )
            return Verdict.HANDLE
        except IntegrityError:
            pass
        row = await HandledUpdate.get_or_none(update_id=update_id)
        if row is None:
            continue
        found = verdict(Seen(row.state, row.heartbeat_at), now, stale_after)
        if found is not Verdict.TAKE_OVER:
            return found
        # Only one of several replicas that saw the holder dead gets it: the first one's
        # heartbeat makes the row fresh for the others.
        taken = await HandledUpdate.filter(
            id=row.id,
            state=UpdateState.HANDLING,
            holder=row.holder,
            heartbeat_at__lt=utc(now - stale_after),
        ).update(holder=holder, heartbeat_at=utc(now))
        return Verdict.TAKE_OVER if taken else Verdict.BUSY
    return Verdict.BUSY


async def beat(update_id: int, holder: str, now: datetime) -> bool:
    """The holder is alive; False when the update is no longer the holder's."""
    return bool(
        await HandledUpdate.filter(
            update_id=update_id, holder=holder, state=UpdateState.HANDLING
        ).update(heartbeat_at=utc(now))
    )


async def finish(update_id: int, holder: str, now: datetime) -> bool:
    """The update is handled: a later delivery of it changes nothing."""
    return bool(
        await HandledUpdate.filter(
            update_id=update_id, holder=holder, state=UpdateState.HANDLING
        ).update(state=UpdateState.DONE, heartbeat_at=utc(now), done_at=utc(now))
    )


async def release(update_id: int, holder: str) -> None:
    """Handling failed: let the next delivery of the update handle it afresh."""
    await HandledUpdate.filter(
        update_id=update_id, holder=holder, state=UpdateState.HANDLING
    ).delete()


async def forget_old(now: datetime) -> int:
    """Delete the rows of updates done long enough ago that Telegram no longer sends them."""
    return await HandledUpdate.filter(
        state=UpdateState.DONE, done_at__lt=utc(now - KEEP_DONE)
    ).delete()
