"""Absences as they come: "OK, seen" on each notice, and the morning digest instead.

The notices themselves are outbox rows written when a participant or relative reports
(backend.absence.report); bot.delivery sends them with the "OK, seen" button that
backend.absence.notices gives them. Callback data:

    sas:<row id>            OK, seen: one notice (the outbox row it was sent from)
    sdg:<first>:<last>      OK, seen: every notice of a digest (row ids first..last)

Only notices sent to the tapping chat, about participants of the staff member's unit,
are marked; anything else is refused and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CallbackQueryHandler

from backend.absence.notices import SEEN_LABEL, Seen, mark_seen
from backend.models import OutboxMessage
from backend.outbox.catalog import render
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, gettext_for
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import unknown_button
from bot.handlers.staff.common import answer_refusal, refuse_not_staff, staff_of
from bot.keyboards import button
from bot.sending import send_long


@dataclass(frozen=True)
class NoticeSeen(Button):
    """OK, seen: one notice (backend.absence.notices writes it, as `sas:<row id>`)."""

    prefix = "sas"
    row_id: int


@dataclass(frozen=True)
class DigestSeen(Button):
    """OK, seen: every notice of a digest, outbox rows `first`..`last`."""

    prefix = "sdg"
    first: int
    last: int


DIGEST_TITLE = N_("📬 Fravær meldt siden sist ({count}):")


def seen_line(seen: Seen, context: BotContext) -> str:
    at = seen.at.astimezone(context.tz)
    return "👀 " + context._("Sett av {name} kl. {time}").format(
        name=seen.seen_by, time=f"{at:%H:%M}"
    )


def digest_text(rows: Sequence[OutboxMessage], language: str) -> str:
    _ = gettext_for(language)
    lines = [_(DIGEST_TITLE).format(count=len(rows))]
    lines += [f"• {render(row.template, row.params, language)}" for row in rows]
    return "\n".join(lines)


def digest_markup(rows: Sequence[OutboxMessage], language: str) -> InlineKeyboardMarkup:
    _ = gettext_for(language)
    first, last = min(r.id for r in rows), max(r.id for r in rows)
    return InlineKeyboardMarkup([[button(_(SEEN_LABEL), DigestSeen(first, last))]])


async def send_digest(
    bot: Bot, chat_id: int, rows: Sequence[OutboxMessage], language: str
) -> Message:
    return await send_long(bot, chat_id, digest_text(rows, language), digest_markup(rows, language))


async def _seen(update: Update, context: BotContext, first: int, last: int, now: datetime) -> None:
    query = update.callback_query
    staff = staff_of(context)
    assert query is not None and staff is not None and context.viewer is not None
    try:
        seen = await mark_seen(staff, context.viewer.chat_id, first, last, now)
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await query.answer(context._("Takk!"))
    message = query.message
    if isinstance(message, Message) and message.text:
        text = message.text.split("\n👀 ")[0]  # one "seen" line, however often tapped
        await message.edit_text(f"{text}\n{seen_line(seen, context)}", reply_markup=None)


async def on_seen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if staff_of(context) is None:
        await refuse_not_staff(update, context)
        return
    tapped = NoticeSeen.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return
    await _seen(update, context, tapped.row_id, tapped.row_id, context.now())


async def on_digest_seen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if staff_of(context) is None:
        await refuse_not_staff(update, context)
        return
    tapped = DigestSeen.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return
    await _seen(update, context, tapped.first, tapped.last, context.now())


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_seen, pattern=NoticeSeen.pattern()))
    app.add_handler(CallbackQueryHandler(on_digest_seen, pattern=DigestSeen.pattern()))
