"""The staff's bot: who is staff, the refusal for everyone else, and the staff command menu.

A chat is staff when its user has a staff link in force (a staff invite, redeemed);
the link names the staff member and so the one unit they may see. The flows:

- roster:   /idag and the morning roster: here / not here / hours / everyone else
- absences: "OK, seen" on absence notices and on the morning digest
- overview: /uke and one participant's last weeks
- lists:    /liste: attendance lists as PDF and CSV, and to NAV by e-mail
- login:    /login: a one-time link to the web pages
- jobs:     the scheduler's minute job (rosters, lists, the day's-end reminder)

Command menu: Telegram shows a chat the commands of the narrowest scope set for it,
so each staff chat gets its own (BotCommandScopeChat) in the staff member's language,
set the first time the chat writes to this process after linking; a chat that is no
longer staff gets its own scope deleted, and falls back to the participants' menu.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, TypeHandler

from bot.context import BotContext
from bot.handlers.staff import absences, lists, login, overview, roster
from bot.handlers.staff.common import ensure_command_menu, refuse_not_staff, staff_of


async def menu_action(update: Update, context: BotContext) -> None:
    """A button of the staff's main menu does what its command does."""
    query = update.callback_query
    assert query is not None and query.data is not None
    actions = {
        "sm:idag": roster.show_today,
        "sm:uke": overview.show_week,
        "sm:login": login.login,
    }
    if staff_of(context) is None:
        await refuse_not_staff(update, context)
        return
    # Each action answers the tap itself (a refusal as an alert); a tap none answered
    # is answered after the handlers (bot/answering.py).
    await actions[query.data](update, context)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(menu_action, pattern=r"^sm:(idag|uke|login)$"))
    roster.register(app)
    absences.register(app)
    overview.register(app)
    lists.register(app)
    login.register(app)
    app.add_handler(TypeHandler(Update, ensure_command_menu), group=1)
