"""Sends what the outbox holds through the bot, and records the outcome.

One sender for the bot as a whole: `OutboxSender` runs in every process but sends only
while the process leads (backend.shared.leadership), every TICK_SECONDS and at once
when a handler wakes it (`deliver_now`). A handler never waits for the send: it writes
to the outbox, wakes the sender and returns.

Pacing: Telegram allows about 30 messages a second overall and one a second per chat.
A pass claims the due rows of up to 200 chats (all of a chat's rows together) and sends
to every chat at once, each chat in its own task: `Pacer` keeps each chat one second
apart and all sends 1/SEND_RATE s apart, so one chat's pace never holds another back.
A 429 puts the chat's rows back for `retry_after` and pauses every send as long.

Grouping (backend.outbox.batches): reminders waiting for one chat go as one message
("📋 I dag: 3 påminnelser: • …"), and so do absence notices ("📬 Fravær meldt siden
sist (3): • …" with one "OK, seen" for all), split only where a message would pass
4,096 characters. Each row stays its own and is marked sent or failed itself.

Windows: only rows whose delivery window is open now are claimed (staff reminders
on the unit's working days 08–16, nothing to participants 21–08; see
backend/outbox/windows.py).

Failures: a blocked bot (403) or a chat Telegram does not know marks the chat's
links blocked, fails the row, and a failed reminder is reported to the unit's
leaders once. Flood control (429) and network errors put the row back for later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from backend.absence.notices import (
    ABSENCE_TEMPLATE,
    NOTICES_TITLE,
    hold_for_digest,
    notices_buttons,
)
from backend.links import links as link_service
from backend.models import OutboxMessage
from backend.outbox import batches
from backend.outbox import queue as outbox
from backend.outbox.catalog import render
from backend.outbox.recipients import chat_languages
from backend.reminders import Reason, open_windows, report_undeliverable
from backend.reminders.plan import is_reminder_template
from backend.reminders.texts import LISTING_TITLE
from backend.shared.i18n import gettext_for
from backend.shared.message_parts import utf16_len
from backend.voice.texts import READ_ALOUD_OFF
from bot.answering import read_aloud_ended
from bot.context import BotContext
from bot.notifications import buttons, keyboard
from bot.retry import retry_delay
from bot.sending import send_long

log = logging.getLogger(__name__)
RETRY_LATER = timedelta(minutes=1)
# Messages a second the sender allows itself: Telegram allows about 30 for the bot as a
# whole; the rest is left for the replies to users' own taps.
SEND_RATE = 28.0
TICK_SECONDS = 1.0
SLACK = 0.001  # a wait this short is not worth a sleep
SENDER = "outbox_sender"  # the process's OutboxSender, in the Application's bot_data
REMINDERS, NOTICES = "reminders", "notices"


class Pacer:
    """Spaces sends: `per_chat` seconds apart in one chat, 1/`overall` s apart in all.

    A send first waits for its chat's slot, then for the next overall slot, so a chat
    whose next slot is a second away holds back nobody else.
    """

    def __init__(
        self,
        per_chat: float = 1.0,
        overall: float = SEND_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.per_chat = per_chat
        self.gap = 1.0 / overall
        self.clock = clock
        self.sleep = sleep
        self._next_any = 0.0
        self._last_sent = float("-inf")
        self._next_chat: dict[int, float] = {}

    def reserve_chat(self, chat_id: int) -> float:
        """Book the chat's next slot; returns how long to wait for it."""
        now = self.clock()
        slot = max(now, self._next_chat.get(chat_id, now))
        self._next_chat[chat_id] = slot + self.per_chat
        if len(self._next_chat) > 10_000:  # forget chats whose slot has passed
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
        return slot - now

    def reserve_any(self) -> float:
        """Book the next overall slot from now; returns how long to wait for it."""
        now = self.clock()
        slot = max(now, self._next_any)
        self._next_any = slot + self.gap
        return slot - now

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait (429): no send anywhere before then."""
        self._next_any = max(self._next_any, self.clock() + seconds)

    def reserve_sent(self) -> float:
        """Book the send itself, 1/`overall` s after the last one by the time it goes."""
        now = self.clock()
        slot = max(now, self._last_sent + self.gap)
        self._last_sent = slot
        return slot - now

    async def wait(self, chat_id: int) -> None:
        # Booked before awaiting, so concurrent senders in one loop never share a slot.
        delay = self.reserve_chat(chat_id)
        if delay > 0:
            await self.sleep(delay)
        delay = self.reserve_any()
        if delay > 0:
            await self.sleep(delay)
        # A loop that stalled (a busy machine) wakes every send booked meanwhile at once:
        # space them again by the time they go, so Telegram never sees a burst.
        delay = self.reserve_sent()
        if delay > SLACK:
            await self.sleep(delay)
        # Sent now: the chat's next message a full `per_chat` later.
        sent_at = self.clock()
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), sent_at + self.per_chat)


PACER = Pacer()


@dataclass(frozen=True)
class Batch:
    """One message to one chat: one row, or several listed together."""

    chat_id: int
    rows: list[OutboxMessage]
    text: str
    markup: InlineKeyboardMarkup | None
    language: str


def _kind(message: OutboxMessage) -> str | None:
    if message.template == ABSENCE_TEMPLATE:
        return NOTICES
    if is_reminder_template(message.template) and not message.params.get("buttons"):
        return REMINDERS
    return None


def _batches(
    claimed: Sequence[OutboxMessage], texts: dict[int, str], languages: dict[int, str]
) -> list[Batch]:
    """The claimed rows (each rendered in `texts`) as messages, grouped by
    backend.outbox.batches."""
    found: list[Batch] = []
    for indices in batches.group([(m.chat_id, _kind(m)) for m in claimed]):
        rows = [claimed[i] for i in indices]
        chat_id = rows[0].chat_id
        assert chat_id is not None  # the claim took Telegram rows only
        language = languages.get(chat_id, rows[0].language)
        if len(rows) == 1:
            found.append(
                Batch(chat_id, rows, texts[rows[0].id], buttons(rows[0], language), language)
            )
            continue
        lines = [texts[m.id] for m in rows]
        title = gettext_for(language)(NOTICES_TITLE if _kind(rows[0]) == NOTICES else LISTING_TITLE)
        longest = title.format(count=len(rows))
        for part in batches.pack(utf16_len(longest), [utf16_len(line) for line in lines]):
            members = [rows[i] for i in part]
            if len(members) == 1:
                found.append(
                    Batch(chat_id, members, lines[part[0]], buttons(members[0], language), language)
                )
                continue
            text = batches.listing(title.format(count=len(members)), [lines[i] for i in part])
            markup = None
            if _kind(rows[0]) == NOTICES:
                ids = [m.id for m in members]
                markup = keyboard(notices_buttons(min(ids), max(ids)), language)
            found.append(Batch(chat_id, members, text, markup, language))
    return found


def _chat_gone(error: BadRequest) -> bool:
    return "chat not found" in error.message.lower()


async def deliver_outbox(
    bot: Bot,
    now: datetime,
    *,
    limit: int = 200,
    pacer: Pacer | None = None,
    windows: Collection[str] | None = None,
    email: bool = False,
) -> int:
    """One pass: claim what is due for up to `limit` chats, send it, mark it.
    Returns how many rows were sent.

    `now` is aware and in the service's zone; `windows` defaults to those open at
    `now`; `email` lets an undeliverable report reach a leader by e-mail.
    """
    pacer = pacer or PACER
    if windows is None:
        windows = await open_windows(now)
    claimed = await outbox.claim_due_chats(now, limit, windows=windows)
    async with outbox.heartbeat(claimed, now):
        # Absence notices of units that want a morning digest wait for the roster instead.
        claimed = await hold_for_digest(claimed, now)
        languages = await chat_languages([m.chat_id for m in claimed if m.chat_id is not None])
        texts: dict[int, str] = {}
        for message in claimed:
            assert message.chat_id is not None  # the claim took Telegram rows only
            try:
                language = languages.get(message.chat_id, message.language)
                texts[message.id] = render(message.template, message.params, language)
            except Exception as error:  # a template bug must not stop the other messages
                log.exception("outbox message %s failed", message.id)
                await outbox.mark_failed(message, repr(error), retry_at=None)
        claimed = [m for m in claimed if m.id in texts]
        by_chat: dict[int, list[Batch]] = {}
        for batch in _batches(claimed, texts, languages):
            by_chat.setdefault(batch.chat_id, []).append(batch)
        sent = await asyncio.gather(
            *(_send_chat(bot, chat, found, now, pacer, email) for chat, found in by_chat.items())
        )
    return sum(sent)


async def _send_chat(
    bot: Bot, chat_id: int, found: list[Batch], now: datetime, pacer: Pacer, email: bool
) -> int:
    """Send one chat's messages in order, each in the chat's next slot; returns rows sent."""
    sent = 0
    for index, batch in enumerate(found):
        try:
            await send_long(
                bot, chat_id, batch.text, batch.markup, pace=lambda: pacer.wait(chat_id)
            )
        except RetryAfter as error:
            # Telegram's flood control: every send waits, this chat's rows come back later.
            delay = retry_delay(error)
            pacer.pause(delay.total_seconds())
            log.warning("flood control in chat %s: waiting %s", chat_id, delay)
            for message in batch.rows:
                await outbox.mark_failed(message, str(error), retry_at=now + delay)
            later = [m for rest in found[index + 1 :] for m in rest.rows]
            await outbox.put_back(later, now + delay)
            return sent
        except Forbidden as error:
            for message in batch.rows:
                await _unreachable(message, str(error), Reason.BLOCKED, now, email)
        except BadRequest as error:
            for message in batch.rows:
                if _chat_gone(error):
                    await _unreachable(message, str(error), Reason.CHAT_NOT_FOUND, now, email)
                else:
                    log.error("outbox message %s refused: %s", message.id, error)
                    await outbox.mark_failed(message, str(error), retry_at=None)
        except NetworkError as error:
            for message in batch.rows:
                await outbox.mark_failed(message, str(error), retry_at=now + RETRY_LATER)
        except Exception as error:
            log.exception("outbox messages %s failed", [m.id for m in batch.rows])
            for message in batch.rows:
                await outbox.mark_failed(message, repr(error), retry_at=None)
        else:
            for message in batch.rows:
                await outbox.mark_sent(message, now)
            sent += len(batch.rows)
            if [m.template for m in batch.rows] == [READ_ALOUD_OFF]:
                # Staff turned read-aloud off: said aloud too, as when the participant
                # turns it off themself (the chat no longer hears its texts).
                await read_aloud_ended(bot, chat_id, batch.text, batch.language)
    return sent


async def _unreachable(
    message: OutboxMessage, error: str, reason: str, now: datetime, email: bool
) -> None:
    """The chat cannot be reached: stop writing to it, fail the row, tell a leader once."""
    assert message.chat_id is not None
    await link_service.mark_blocked(message.chat_id, now)
    await outbox.mark_failed(message, error, retry_at=None)
    await report_undeliverable(message, reason, now, email=email)


async def deliver_now(context: BotContext) -> None:
    """Wake the process's sender for what a handler just wrote to the outbox; returns at
    once. A process that does not lead sends nothing: the leader's next tick does."""
    sender = context.bot_data.get(SENDER)
    if isinstance(sender, OutboxSender):
        sender.wake()


class OutboxSender:
    """Runs `send` (one pass of `deliver_outbox`) every `every` seconds and when woken,
    while `leading()`; `every=None` runs it only when woken. Use as `async with`."""

    def __init__(
        self,
        send: Callable[[], Awaitable[int]],
        *,
        every: float | None = TICK_SECONDS,
        leading: Callable[[], bool] = lambda: True,
    ) -> None:
        self.send = send
        self.every = every
        self.leading = leading
        self._woken = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._woken.set()

    async def run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), self.every)
            self._woken.clear()
            if not self.leading():
                continue
            try:
                await self.send()
            except Exception:  # the next pass tries again
                log.exception("outbox pass failed")

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="outbox-sender")

    async def __aenter__(self) -> OutboxSender:
        self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        """Stop between passes or in one (its claims run out and are sent again)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
