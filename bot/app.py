"""Builds the python-telegram-bot Application, pointed at any Bot API server."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from backend.shared.config import Settings
from backend.shared.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, gettext_for, telegram_language_code
from bot import handlers
from bot.answering import answer_if_open, answering_bot
from bot.context import BotContext
from bot.throttle import ArrivalQueue

log = logging.getLogger(__name__)

COMMANDS = {
    "start": N_("Start og vis menyen"),
    "meny": N_("Vis menyen"),
    "kafe": N_("Kafeens åpningstider"),
}


def build_application(
    settings: Settings,
    token: str,
    *,
    webhook: bool = False,
    clock: Callable[[], datetime] | None = None,
) -> Application:
    builder = (
        Application.builder()
        # Answers each button tap once, by construction (bot/answering.py).
        .bot(answering_bot(token, settings.telegram_api_url))
        .context_types(ContextTypes(context=BotContext))
        # Notes when each update arrived, for the flood guard (bot/throttle.py).
        .update_queue(ArrivalQueue())
    )
    if webhook:
        builder = builder.updater(None)  # updates arrive through the web app's route
    app = builder.build()
    app.bot_data["tz"] = settings.tz
    app.bot_data["settings"] = settings  # staff handlers: web URL for /login, e-mail on
    if clock is not None:
        app.bot_data["clock"] = clock
    handlers.register(app)
    app.add_error_handler(on_error)
    return app


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure and tell the user in plain words; nothing half-done is kept."""
    log.error("update failed", exc_info=context.error)
    try:
        await answer_if_open(update, context.bot)
    except TelegramError as error:  # the apology below matters more than the spinner
        log.warning("tap not answered: %s", error)
    if isinstance(update, Update) and update.effective_chat is not None:
        _ = context._
        await context.bot.send_message(
            update.effective_chat.id, _("Beklager, noe gikk galt. Prøv igjen.")
        )


async def set_commands(app: Application) -> None:
    """The command menu in every language we have."""
    for language in LANGUAGES:
        _ = gettext_for(language)
        commands = [BotCommand(name, _(text)) for name, text in COMMANDS.items()]
        code = None if language == SOURCE_LANGUAGE else telegram_language_code(language)
        if language != SOURCE_LANGUAGE and code is None:
            continue  # our own variants (easy-read) have no Telegram language code
        await app.bot.set_my_commands(commands, language_code=code)
