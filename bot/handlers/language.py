"""Each user chooses their language; it is kept on their links (and with the chat).
A participant or relative also turns "🔊 Les opp" on or off here (the button beside
"🌐 Språk" in the main menu): the bot's answers to them then also come as voice notes.

Callback data: `lang` shows the choice, `lang:<code>` sets it (codes from i18n.LANGUAGES);
`voice:y` / `voice:n` turns read-aloud on / off.
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
from backend.voice import choice as read_aloud
from backend.voice.rules import espeak_voice
from bot.answering import read_aloud_ended
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import menu_screen, reply, unknown_button
from bot.keyboards import ReadAloudChoice, button, with_back


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


async def choose_read_aloud(update: Update, context: BotContext) -> None:
    """Voice notes on or off for the user's own chat; the menu shows the new state. Turned
    on, the menu's text is the first one read aloud; turned off, the confirmation alone
    is the last one."""
    query, viewer = update.callback_query, context.viewer
    assert query is not None and viewer is not None
    tapped = ReadAloudChoice.unpack(query.data)
    if tapped is None or not viewer.participant_links:
        await unknown_button(update, context)  # staff are never read to
        return
    await read_aloud.set_own_read_aloud(viewer.participant_links, tapped.on)
    _ = context._
    said = (
        _("🔊 Nå leser jeg opp svarene for deg.")
        if tapped.on
        else _("🔇 Nå leser jeg ikke opp lenger.")
    )
    if tapped.on and espeak_voice(context.language) is None:
        said += " " + _(
            "Det finnes ingen stemme på ditt språk ennå, så det kommer ingen lydmelding."
        )
    text, markup = await menu_screen(context)
    await reply(update, context, f"{said}\n\n{text}", markup)
    if not tapped.on:  # said aloud too, in place of the last voice note: heard, not only read
        await read_aloud_ended(context.bot, viewer.chat_id, said, context.language)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(show_languages, pattern=r"^lang$"))
    app.add_handler(CallbackQueryHandler(choose_read_aloud, pattern=ReadAloudChoice.pattern()))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=ChooseLanguage.pattern()))
