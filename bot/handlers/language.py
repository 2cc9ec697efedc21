"""Each user chooses their language; it is kept on their links (and with the chat).

Callback data: `lang` shows the choice, `lang:<code>` sets it (codes from i18n.LANGUAGES).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import ClassVar

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from backend.links import chat_state
from backend.links import links as link_service
from backend.shared.i18n import LANGUAGES
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import menu_screen, reply, unknown_button
from bot.keyboards import button, with_back


@dataclass(frozen=True)
class ChooseLanguage(Button):
    """This language, from now on."""

    prefix = "lang"
    choices: ClassVar[Mapping[str, Collection[str]]] = {"code": LANGUAGES}
    code: str


# Eight languages, two to a row: four rows a phone shows without scrolling, each name
# still whole on half the width.
LANGUAGES_PER_ROW = 2


async def show_languages(update: Update, context: BotContext) -> None:
    _ = context._
    current = context.language
    # Each language is named in itself, so anyone finds their own.
    buttons = [
        button(f"✅ {name}" if code == current else name, ChooseLanguage(code))
        for code, name in LANGUAGES.items()
    ]
    rows = [buttons[i : i + LANGUAGES_PER_ROW] for i in range(0, len(buttons), LANGUAGES_PER_ROW)]
    await reply(update, context, _("🌐 Hvilket språk vil du ha?"), with_back(rows, _))


async def choose_language(update: Update, context: BotContext) -> None:
    query, viewer = update.callback_query, context.viewer
    assert query is not None and viewer is not None
    tapped = ChooseLanguage.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return
    code = tapped.code
    await link_service.set_language(viewer.telegram_user_id, code)
    await chat_state.remember_language(viewer.chat_id, code, context.now())
    viewer.language = code  # the answer already comes in the new language
    text, markup = await menu_screen(context)
    changed = context._("Språket er endret.")
    await reply(update, context, f"{changed}\n\n{text}", markup)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(show_languages, pattern=r"^lang$"))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=ChooseLanguage.pattern()))
