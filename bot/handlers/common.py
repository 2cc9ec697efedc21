"""What runs for every update: who is writing; and the answers to anything unknown."""

from __future__ import annotations

import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from backend.i18n import gettext_for, normalise_language
from backend.services import links as link_service
from bot.context import BotContext, Viewer
from bot.texts import MENU_ABSENT, MENU_CAFE, MENU_CALL, MENU_LANGUAGE, MENU_PAY, MENU_PLAN
from bot.throttle import FloodGuard, Verdict

MENU = "menu"


async def load_viewer(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        raise ApplicationHandlerStop  # the bot works in private chats only
    verdict = context.bot_data["flood"].check(user.id, time.monotonic())
    if verdict is not Verdict.OK:
        if verdict is Verdict.WARN:
            _ = gettext_for(user.language_code)
            await context.bot.send_message(
                chat.id, _("Du sender mange meldinger. Vent litt, er du snill.")
            )
        raise ApplicationHandlerStop  # the flood is dropped, and nothing changes
    await refresh_viewer(update, context)
    await link_service.mark_reachable(user.id)


async def refresh_viewer(update: Update, context: BotContext) -> None:
    """Load who the user is from the database: links are checked on every update."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    links = await link_service.links_of(user.id)
    language = next((link.language for link in links if link.language), None)
    context.viewer = Viewer(
        telegram_user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name,
        language=normalise_language(language or user.language_code),
        links=links,
    )


def main_menu(context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    """The menu a linked participant or relative sees; a stranger sees the café only."""
    _ = context._
    viewer = context.viewer
    assert viewer is not None

    def button(label: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(_(label), callback_data=data)

    if viewer.participant_links:
        rows = [
            [button(MENU_ABSENT, "abs")],
            [button(MENU_PLAN, "plan"), button(MENU_PAY, "pay")],
            [button(MENU_CAFE, "cafe"), button(MENU_CALL, "call")],
            [button(MENU_LANGUAGE, "lang")],
        ]
    else:
        rows = [[button(MENU_CAFE, "cafe")], [button(MENU_LANGUAGE, "lang")]]
    if viewer.participant_links:
        text = _("Hei, {name}! Hva vil du gjøre?").format(name=viewer.first_name)
    elif viewer.staff_link:
        text = _("Hei, {name}! Du får melding her når en deltaker har fravær.").format(
            name=viewer.first_name
        )
    else:
        text = _(
            "Hei! Dette er Frammøte. For å melde fravær trenger du en invitasjon fra kontaktpersonen din."
            " Alle kan se åpningstidene til kafeen."
        )
    return text, InlineKeyboardMarkup(rows)


async def show_menu(update: Update, context: BotContext) -> None:
    text, markup = main_menu(context)
    query = update.callback_query
    if query is not None:
        await query.answer()
        await query.edit_message_text(text, reply_markup=markup)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def unknown_button(update: Update, context: BotContext) -> None:
    """An old, foreign or tampered button: say so, show the menu, change nothing."""
    query = update.callback_query
    assert query is not None
    await query.answer(context._("Den knappen virker ikke lenger. Her er menyen."), show_alert=True)
    text, markup = main_menu(context)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


def register(app: Application) -> None:
    app.bot_data.setdefault("flood", FloodGuard())
    app.add_handler(TypeHandler(Update, load_viewer), group=-1)
    app.add_handler(CallbackQueryHandler(show_menu, pattern=f"^{MENU}$"))


def register_fallbacks(app: Application) -> None:
    """Added last to group 0, so they answer only what no other handler took."""
    app.add_handler(MessageHandler(filters.ALL, show_menu))
    app.add_handler(CallbackQueryHandler(unknown_button))
