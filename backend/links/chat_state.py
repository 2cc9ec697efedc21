"""A chat's state between updates, kept in the database so that any replica can go on.

One row per chat: `step` is what typed input the bot waits for ("" when none) and
`data` holds that step's values. The key `language` in `data` outlives every step:
it is the language of a user who has no link to store it on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.models import ChatState
from backend.shared.clock import utc

# A question left unanswered this long is forgotten: the next message is read afresh.
STEP_TTL = timedelta(minutes=30)
LANGUAGE_KEY = "language"


class Step(StrEnum):
    NONE = ""
    # After an absence report: {"link": link id, "absences": [absence ids], "days": [the ISO
    # dates recorded], "message": the id of the tapped message that now shows the
    # confirmation (None when typed)}.
    ABSENCE_NOTE = "absence_note"
    # A typed absence waits for "yes": {"link", "days": [ISO dates], "category", "text",
    # "message": the id of the message that asks}.
    ABSENCE_TYPED = "absence_typed"


async def _row(chat_id: int) -> ChatState | None:
    return await ChatState.get_or_none(chat_id=chat_id)


async def _save(
    chat_id: int, step: str, data: dict[str, Any], now: datetime, *, exists: bool
) -> None:
    """Overwrite the chat's row, or insert it when it did not exist (`exists`: as just
    read); of two inserts at once the loser updates, and a row deleted meanwhile is made."""
    values = {"step": step, "data": data, "updated_at": utc(now)}
    if exists and await ChatState.filter(chat_id=chat_id).update(**values):
        return
    try:
        async with in_transaction():
            await ChatState.create(chat_id=chat_id, **values)
    except IntegrityError:
        await ChatState.filter(chat_id=chat_id).update(**values)


def _kept(row: ChatState | None) -> dict[str, Any]:
    """What survives a change of step: the chosen language."""
    if row is None or LANGUAGE_KEY not in row.data:
        return {}
    return {LANGUAGE_KEY: row.data[LANGUAGE_KEY]}


async def begin(
    chat_id: int, step: Step, data: dict[str, Any], now: datetime, *, row: ChatState | None = None
) -> None:
    """The bot now waits for typed input of this step (`row`: the chat's row as this
    update read it already, so it is not read again)."""
    if row is None:
        row = await _row(chat_id)
    await _save(chat_id, step.value, {**_kept(row), **data}, now, exists=row is not None)


async def current(chat_id: int, now: datetime) -> ChatState | None:
    """The step the chat is in, if it is fresh; None when the bot waits for nothing."""
    row = await _row(chat_id)
    if row is None or not row.step or row.updated_at < utc(now) - STEP_TTL:
        return None
    return row


async def take(row: ChatState) -> bool:
    """Claim the step for this update: of two replicas (or two messages) only one wins."""
    claimed = await ChatState.filter(id=row.id, step=row.step, updated_at=row.updated_at).update(
        step=Step.NONE.value, data=_kept(row)
    )
    return bool(claimed)


async def clear(chat_id: int) -> None:
    """Forget any waiting step (the user went on to something else)."""
    row = await ChatState.filter(chat_id=chat_id).exclude(step=Step.NONE.value).first()
    if row is not None:
        await ChatState.filter(id=row.id).update(step=Step.NONE.value, data=_kept(row))


async def remember_language(chat_id: int, language: str, now: datetime) -> None:
    row = await _row(chat_id)
    data = dict(row.data) if row is not None else {}
    data[LANGUAGE_KEY] = language
    step = row.step if row is not None else Step.NONE.value
    await _save(chat_id, step, data, now, exists=row is not None)


async def language_of(chat_id: int) -> str | None:
    row = await _row(chat_id)
    return row.data.get(LANGUAGE_KEY) if row is not None else None
