"""Builds the python-telegram-bot Application, pointed at any Bot API server."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from backend.shared import metrics
from backend.shared.config import Settings
from backend.shared.db import is_database_failure
from backend.shared.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, gettext_for, telegram_language_code
from backend.voice.speech import VoiceMaker, engines_for
from bot import handlers
from bot.answering import answer_if_open, answering_bot
from bot.context import BotContext
from bot.once import UNAVAILABLE, apologised, handling_failed
from bot.read_aloud import ReadAloud
from bot.throttle import Arrivals

log = logging.getLogger(__name__)

COMMANDS = {
    "start": N_("Start og vis menyen"),
    "meny": N_("Vis menyen"),
    "kafe": N_("Kafeens åpningstider"),
}


class MeasuredApplication(Application):  # type: ignore[type-arg]
    """Counts each update handled, by kind, and how long handling it took (/metrics)."""

    async def process_update(self, update: object) -> None:
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            metrics.HANDLER_SECONDS.observe(time.perf_counter() - started)
            metrics.UPDATES.labels(update_kind(update)).inc()


def update_kind(update: object) -> str:
    """ "message", "callback_query", … : the field of the update that is set."""
    if not isinstance(update, Update):
        return "other"
    for kind in Update.ALL_TYPES:
        if getattr(update, kind, None) is not None:
            return str(kind)
    return "other"


def build_application(
    settings: Settings,
    token: str,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Application:
    app = (
        Application.builder()
        # Answers each button tap once, by construction (bot/answering.py).
        .bot(answering_bot(token, settings.telegram_api_url))
        .context_types(ContextTypes(context=BotContext))
        .application_class(MeasuredApplication)
        # No Updater: updates come through the webhook route or bot/polling.py, each
        # handled once and confirmed to Telegram only after (bot/once.py).
        .updater(None)
        .build()
    )
    # "🔊 Les opp": texts to a chat that chose it are followed by a voice note.
    app.bot.read_aloud_with(
        ReadAloud(VoiceMaker(settings.voice_cache_dir, engines_for(settings.piper_model)))
    )
    app.bot_data["tz"] = settings.tz
    app.bot_data["arrivals"] = Arrivals()  # for the flood guard: noted by bot/once.py
    app.bot_data["settings"] = settings  # staff handlers: web URL for /login, e-mail on
    if clock is not None:
        app.bot_data["clock"] = clock
    handlers.register(app)
    app.add_error_handler(on_error)
    return app


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure and tell the user in plain words; nothing half-done is kept.

    The update counts as handled once the apology is sent (the user tries again); without
    it (no chat, or Telegram refused it) Telegram is to deliver the update again.
    """
    handling_failed()
    metrics.UPDATE_ERRORS.inc()
    log.error("update failed", exc_info=context.error, extra={"update_id": _update_id(update)})
    try:
        await answer_if_open(update, context.bot)
    except TelegramError as error:  # the apology below matters more than the spinner
        log.warning("tap not answered: %s", error)
    if isinstance(update, Update) and update.effective_chat is not None:
        _ = context._
        if is_database_failure(context.error):
            text = _(UNAVAILABLE)
        else:
            text = _("Beklager, noe gikk galt. Prøv igjen.")
        await context.bot.send_message(update.effective_chat.id, text)
        apologised()


def _update_id(update: Any) -> int | None:
    return update.update_id if isinstance(update, Update) else None


async def set_commands(app: Application) -> None:
    """The command menu in every language we have."""
    for language in LANGUAGES:
        _ = gettext_for(language)
        commands = [BotCommand(name, _(text)) for name, text in COMMANDS.items()]
        code = None if language == SOURCE_LANGUAGE else telegram_language_code(language)
        if language != SOURCE_LANGUAGE and code is None:
            continue  # our own variants (easy-read) have no Telegram language code
        await app.bot.set_my_commands(commands, language_code=code)
