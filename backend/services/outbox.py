"""The outbox: every notice is written first, sent second, marked sent third.

Several processes may drain one outbox: a row is claimed by a conditional
update, so only one of them sends it. A row left in `sending` by a crashed
process is claimed again after CLAIM_TIMEOUT.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, Literal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.models import OutboxMessage, OutboxStatus
from backend.services.clock import utc

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

    `window` limits when it may go out (see `backend.services.reminders.windows`):
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
    query = OutboxMessage.filter(due_at__lte=now).filter(
        Q(status=OutboxStatus.PENDING)
        | Q(status=OutboxStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    )
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
    claimed = []
    for message in candidates:
        won = await OutboxMessage.filter(
            id=message.id, status=message.status, claimed_at=message.claimed_at
        ).update(status=OutboxStatus.SENDING, claimed_at=now, attempts=message.attempts + 1)
        if won:
            message.status, message.claimed_at = OutboxStatus.SENDING, now
            message.attempts += 1
            claimed.append(message)
    return claimed


async def mark_sent(message: OutboxMessage, now: datetime) -> None:
    await OutboxMessage.filter(id=message.id).update(status=OutboxStatus.SENT, sent_at=utc(now))


async def mark_failed(message: OutboxMessage, error: str, *, retry_at: datetime | None) -> None:
    """Give up (retry_at None or too many attempts) or put the message back for later."""
    if retry_at is None or message.attempts >= MAX_ATTEMPTS:
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
