"""The café's hours: for anyone, registered or not."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from backend.calendar.cafe import CafeOverview, cafes
from backend.calendar.cafe_rules import CafeState
from backend.calendar.wording import closure_words
from backend.shared.i18n import Gettext
from backend.shared.wording import (
    MENU_BACK,
    day_name,
)
from bot.context import BotContext
from bot.handlers.common import MENU
from bot.keyboards import for_reader


def describe(cafe: CafeOverview, _: Gettext, language: str) -> str:
    lines = [f"☕ {cafe.unit_name}"]
    status = cafe.status
    if status.state is CafeState.NOT_YET_OPEN:
        assert status.opens_on is not None
        lines.append(
            _("Kafeen er ikke åpnet ennå. Den åpner {day}.").format(
                day=day_name(status.opens_on, language)
            )
        )
        return "\n".join(lines)
    for day in status.days:
        name = day_name(day.day, language)
        if day.hours is not None:
            start, end = day.hours
            lines.append(f"{name}: {start:%H:%M}–{end:%H:%M}")
        else:
            lines.append(
                _("{day}: stengt").format(day=name) + closure_words(day.kind, day.reasons, _)
            )
    return "\n".join(lines)


async def show_cafe(update: Update, context: BotContext) -> None:
    _ = context._
    overview = await cafes(context.now().date())
    if overview:
        text = "\n\n".join(describe(cafe, _, context.language) for cafe in overview)
    else:
        text = _("Det er ingen kafé å vise ennå.")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(_(MENU_BACK), callback_data=MENU)]])
    markup = for_reader(markup, context.language)
    query = update.callback_query
    if query is not None:
        await query.answer()
        await query.edit_message_text(text, reply_markup=markup)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(show_cafe, pattern=r"^cafe$"))
    app.add_handler(CommandHandler(["kafe", "cafe"], show_cafe))
