"""The outbox: every notice is written first, sent second, marked sent third.

Several processes may drain one outbox: a row is claimed by one conditional
UPDATE (`claim_rows`), so only one of them sends it, on SQLite and PostgreSQL
alike. A row left in `sending` by a crashed process is claimed again after
CLAIM_TIMEOUT.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from backend.models import OutboxMessage, OutboxStatus
from backend.shared import metrics
from backend.shared.clock import utc

CLAIM_TIMEOUT = timedelta(minutes=5)
MAX_ATTEMPTS = 5

Channel = Literal["telegram", "email"]


async def enqueue(
    key: str,
    template: str,
    params: dict[str, Any],
    *,
    due_at: datetime,
    chat_id: int | None = None,
    email: str | None = None,
    language: str = "nb",
    window: str | None = None,
) -> bool:
    """Write a message once per key; False when it was written before.

    `window` limits when it may go out (see `backend.outbox.windows`):
    None is any time, "participant" never at night.
    """
    try:
        async with in_transaction():
            await OutboxMessage.create(
                key=key[:255],
                template=template,
                params=params,
                due_at=utc(due_at),
                chat_id=chat_id,
                email=email,
                language=language,
                window=window,
            )
    except IntegrityError:
        return False
    return True


async def claim_due(
    now: datetime,
    limit: int = 200,
    *,
    channel: Channel | None = None,
    windows: Collection[str] | None = None,
) -> list[OutboxMessage]:
    """Claim due messages for this process; others skip what is claimed.

    `channel` takes only Telegram (chat_id set) or only e-mail rows, so the two
    senders never hold each other's rows. `windows`, when given, are the delivery
    windows open now: rows in any other window wait (None-window rows always go).
    """
    now = utc(now)
    query = OutboxMessage.filter(due_at__lte=now).filter(claimable(now))
    if channel == "telegram":
        query = query.filter(chat_id__isnull=False)
    elif channel == "email":
        query = query.filter(chat_id__isnull=True, email__isnull=False)
    if windows is not None:
        open_now = list(windows)
        in_window = Q(window__isnull=True)
        if open_now:
            in_window |= Q(window__in=open_now)
        query = query.filter(in_window)
    candidates = await query.order_by("due_at", "id").limit(limit)
    return await claim_rows(candidates, now)


def claimable(now: datetime) -> Q:
    """Rows nobody holds: pending, or left in `sending` longer than CLAIM_TIMEOUT."""
    return Q(status=OutboxStatus.PENDING) | Q(
        status=OutboxStatus.SENDING, claimed_at__lt=utc(now) - CLAIM_TIMEOUT
    )


async def claim_rows(candidates: Sequence[OutboxMessage], now: datetime) -> list[OutboxMessage]:
    """Claim the rows still claimable, each by one conditional UPDATE; in candidate order.

    The UPDATE re-checks `claimable` itself and counts up `attempts` in the database,
    so of several processes (or tasks) claiming one row at once exactly one changes
    it: SQLite runs writes one at a time, PostgreSQL re-reads a row another
    transaction changed before it applies the WHERE. Nothing read earlier is trusted.
    """
    now = utc(now)
    won: list[int] = []
    for message in candidates:
        changed = await OutboxMessage.filter(claimable(now), id=message.id).update(
            status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        if changed:
            won.append(message.id)
    if not won:
        return []
    rows = {row.id: row for row in await OutboxMessage.filter(id__in=won)}
    return [rows[i] for i in won]


async def mark_sent(message: OutboxMessage, now: datetime) -> None:
    await OutboxMessage.filter(id=message.id).update(status=OutboxStatus.SENT, sent_at=utc(now))
    metrics.OUTBOX_SENT.labels(message.template).inc()


async def mark_failed(message: OutboxMessage, error: str, *, retry_at: datetime | None) -> None:
    """Give up (retry_at None or too many attempts) or put the message back for later."""
    final = retry_at is None or message.attempts >= MAX_ATTEMPTS
    metrics.OUTBOX_FAILED.labels(message.template, "true" if final else "false").inc()
    if final:
        await OutboxMessage.filter(id=message.id).update(
            status=OutboxStatus.FAILED, last_error=error[:2000]
        )
    else:
        await OutboxMessage.filter(id=message.id).update(
            status=OutboxStatus.PENDING,
            due_at=utc(retry_at),
            claimed_at=None,
            last_error=error[:2000],
        )
