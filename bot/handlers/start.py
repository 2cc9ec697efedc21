"""/start with an invite code links the user; /start and /meny alone show the menu."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler

from backend.links.consent import find_relative
from backend.links.invites import Redeemed, redeem_invite
from bot.context import BotContext
from bot.handlers.common import refresh_viewer, show_menu
from bot.handlers.consent import ask_consent

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


async def start(update: Update, context: BotContext) -> None:
    if not context.args:
        await show_menu(update, context)
        return
    await redeem(update, context, context.args[0])


async def redeem(update: Update, context: BotContext, code: str) -> None:
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    _ = context._
    if not CODE_PATTERN.match(code):
        await message.reply_text(
            _("Den invitasjonskoden virker ikke. Spør kontaktpersonen din om en ny.")
        )
        return
    result = await redeem_invite(
        code,
        telegram_user_id=viewer.telegram_user_id,
        chat_id=viewer.chat_id,
        display_name=update.effective_user.full_name
        if update.effective_user
        else viewer.first_name,
        language=viewer.language,
        now=context.now(),
    )
    refusals = {
        Redeemed.UNKNOWN: _("Den invitasjonskoden virker ikke. Spør kontaktpersonen din om en ny."),
        Redeemed.USED: _("Den invitasjonen er brukt allerede. Spør kontaktpersonen din om en ny."),
        Redeemed.EXPIRED: _("Den invitasjonen er gått ut. Spør kontaktpersonen din om en ny."),
        Redeemed.LOCKED: _("For mange feil koder. Vent 15 minutter og prøv igjen."),
        Redeemed.BUSY: _("Det er for mange feil koder akkurat nå. Vent ett minutt og prøv igjen."),
    }
    if result.outcome in refusals:
        await message.reply_text(refusals[result.outcome])
        return
    # Reload who the user is now, so the menu shows what the new link allows.
    await refresh_viewer(update, context)
    link = result.link
    assert link is not None
    if link.is_active:
        await message.reply_text(_("Velkommen! Nå er du koblet til."))
        await show_menu(update, context)
        return
    # A relative: the participant is asked now, and the link works once they say yes.
    relative = await find_relative(link.id)
    assert relative is not None
    await message.reply_text(
        _(
            "Takk, {name}! {participant} må si ja først. Du får beskjed her når det er klart."
        ).format(name=relative.display_name, participant=relative.participant.name)
    )
    await ask_consent(context.bot, relative)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler(["meny", "menu"], show_menu))
