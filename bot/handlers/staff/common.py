"""What every staff flow shares: who is staff, the refusal for everyone else, a refused
tap's answer, and the staff's own command menu."""

from __future__ import annotations

import logging
from typing import TypeVar

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError

from backend.links import links as link_service
from backend.models import Staff
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, gettext_for
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import unknown_button

log = logging.getLogger(__name__)

STAFF_COMMANDS = {
    "idag": N_("Dagens oppmøte"),
    "uke": N_("Oversikt over uka"),
    "liste": N_("Frammøteliste til NAV"),
    "login": N_("Logg inn på nettsidene"),
    "meny": N_("Vis menyen"),
}
B = TypeVar("B", bound=Button)
MENU_SET = "staff_menu_chats"  # bot_data: chat id → language of the menu we set


async def staff_tap(update: Update, context: BotContext, kind: type[B]) -> tuple[Staff, B] | None:
    """The staff member and the button `kind` tapped, or None when the tap was refused
    (not staff, or data that is not ours) and answered already."""
    query = update.callback_query
    assert query is not None
    staff = staff_of(context)
    if staff is None:
        await refuse_not_staff(update, context)
        return None
    tapped = kind.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return None
    return staff, tapped


def staff_of(context: BotContext) -> Staff | None:
    """The staff member this chat acts as, or None."""
    viewer = context.viewer
    link = viewer.staff_link if viewer is not None else None
    return link.staff if link is not None else None


async def refuse_not_staff(update: Update, context: BotContext) -> None:
    """A participant, a relative or a stranger tried a staff command or button; a staff
    member whose access ended (deactivated, or the link ended) is told that instead."""
    _ = context._
    assert context.viewer is not None
    if await link_service.staff_access_ended(context.viewer.telegram_user_id):
        text = _("Du har ikke lenger tilgang som ansatt her. Snakk med koordinatoren.")
    else:
        text = _("Dette er bare for ansatte. Skriv /meny for å se hva du kan gjøre.")
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=True)
        return
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)


async def answer_refusal(update: Update, context: BotContext, error: RuleError) -> None:
    """A refused tap: say why in an alert; nothing was changed."""
    text = error.render(context._)
    query = update.callback_query
    if query is not None:
        await query.answer(text[:200], show_alert=True)
    elif update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)


async def ensure_command_menu(update: Update, context: BotContext) -> None:
    """Runs after every update (group 1): the chat's own command menu matches its role."""
    viewer = context.viewer
    if viewer is None:
        return
    chats: dict[int, str] = context.bot_data.setdefault(MENU_SET, {})
    scope = BotCommandScopeChat(viewer.chat_id)
    try:
        if viewer.staff_link is not None:
            if chats.get(viewer.chat_id) == viewer.language:
                return
            _ = gettext_for(viewer.language)
            commands = [BotCommand(name, _(text)) for name, text in STAFF_COMMANDS.items()]
            await context.bot.set_my_commands(commands, scope=scope)
            chats[viewer.chat_id] = viewer.language
        elif chats.pop(viewer.chat_id, None) is not None:
            await context.bot.delete_my_commands(scope=scope)
    except TelegramError as error:  # a menu is a convenience: never fail the update for it
        log.warning("command menu for chat %s: %s", viewer.chat_id, error)
