"""Typed text and voice notes that are not commands or taps.

- While the bot waits for the optional note after an absence report (ChatState step
  `absence_note`), the text is stored privately on the absence and never sent anywhere.
- From a linked participant, any other message or voice note goes to their own contact
  person, and to no one else: the participant chose to tell that one person.
  It is sent at once and not stored (not even in the outbox), so nothing health-related
  lies in the database because of it; the audit log records that a message went, not what.
- A greeting or "meny", a relative's or a stranger's text: the friendly menu.

Register this module after any other module's text handlers and before the fallbacks.
"""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, MessageHandler, filters

from backend.domain.errors import RuleError
from backend.i18n import N_, gettext_for
from backend.models import ChatState, TelegramLink
from backend.services import audit, chat_state
from backend.services import links as link_service
from backend.services.absences import add_note
from bot.context import BotContext
from bot.handlers.common import menu_screen, own_links, refuse_access, show_menu

# Words that ask for the bot, not for the contact person.
MENU_WORDS = frozenset(
    {
        "hei", "hallo", "heisann", "hei hei", "hello", "hi", "hey", "god morgen", "morn",
        "meny", "menu", "menyen", "start", "hjelp", "help", "ok", "okei", "takk", "tusen takk",
        "thanks", "thank you",
    }
)  # fmt: skip
# To the contact person, in their language.
PASSED_TEXT = N_("✉️ {name} sendte en melding:")
PASSED_VOICE = N_("🎤 {name} sendte en talemelding.")
TELEGRAM_LIMIT = 4096
CHUNK = 3500


def wants_menu(text: str) -> bool:
    words = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(words.split()) in MENU_WORDS or not words.strip()


async def on_text(update: Update, context: BotContext) -> None:
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None and message.text is not None
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is not None and step.step == chat_state.Step.ABSENCE_NOTE:
        await take_note(update, context, step, message.text)
        return
    own = own_links(context)
    if not own or wants_menu(message.text):
        await show_menu(update, context)
        return
    await pass_on(update, context, own[0], message)


async def on_voice(update: Update, context: BotContext) -> None:
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is not None and step.step == chat_state.Step.ABSENCE_NOTE:
        # A note is stored as text only; the question stays open.
        await message.reply_text(context._("Skriv det med bokstaver, eller trykk «Nei takk»."))
        return
    own = own_links(context)
    if not own:
        await show_menu(update, context)
        return
    await pass_on(update, context, own[0], message)


async def take_note(update: Update, context: BotContext, step: ChatState, text: str) -> None:
    """Store the optional note on the absences just reported; never echo or send it."""
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    _ = context._
    if not await chat_state.take(step):  # another replica took this step already
        await show_menu(update, context)
        return
    link = next((k for k in viewer.participant_links if k.id == step.data.get("link")), None)
    if link is None:  # the link ended while the question was open
        await refuse_access(update, context)
        return
    try:
        await add_note(link, [int(i) for i in step.data.get("absences", [])], text)
    except RuleError as error:
        # Too long: say so, and keep the question open for a shorter try.
        await chat_state.begin(
            viewer.chat_id, chat_state.Step.ABSENCE_NOTE, step.data, context.now()
        )
        await message.reply_text(error.render(_))
        return
    menu_text, markup = await menu_screen(context)
    thanks = _("Takk! Det er lagret. Bare de ansatte kan se det.")
    await message.reply_text(f"{thanks}\n\n{menu_text}", reply_markup=markup)


def _chunks(header: str, text: str) -> list[str]:
    whole = f"{header}\n\n{text}"
    if len(whole) <= TELEGRAM_LIMIT:
        return [whole]
    return [header] + [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]


async def pass_on(
    update: Update, context: BotContext, link: TelegramLink, message: Message
) -> None:
    """Send the participant's message or voice note to their contact person, and say so."""
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    participant = link.participant
    voice = None
    if message.voice is not None:
        file = await context.bot.get_file(message.voice.file_id)
        voice = bytes(await file.download_as_bytearray())
    delivered = 0
    for chat in await link_service.contact_person_chats(participant):
        staff_ = gettext_for(chat.language)
        try:
            if voice is not None:
                caption = staff_(PASSED_VOICE).format(name=participant.name)
                await context.bot.send_document(
                    chat.chat_id, document=voice, filename="talemelding.ogg", caption=caption
                )
            else:
                header = staff_(PASSED_TEXT).format(name=participant.name)
                for part in _chunks(header, message.text or ""):
                    await context.bot.send_message(chat.chat_id, part)
        except Forbidden:
            await link_service.mark_blocked(chat.chat_id, context.now())
            continue
        except TelegramError:
            continue
        delivered += 1
    await audit.record(
        f"telegram:{viewer.telegram_user_id}",
        "message.pass_on",
        f"participant:{participant.code}",
        kind="voice" if voice is not None else "text",
        delivered=delivered,
    )
    contact = participant.contact
    if delivered and contact is not None:
        if voice is not None:
            answer = _("Takk! Talemeldingen er sendt til {contact}.")
        else:
            answer = _("Takk! Meldingen er sendt til {contact}.")
        answer = answer.format(contact=contact.name)
    elif participant.unit.phone:
        answer = _("Meldingen kom ikke fram. Ring oss på {phone}.").format(
            phone=participant.unit.phone
        )
    else:
        answer = _("Meldingen kom ikke fram. Snakk med kontaktpersonen din neste gang.")
    menu_text, markup = await menu_screen(context)
    await message.reply_text(f"{answer}\n\n{menu_text}", reply_markup=markup)


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(MessageHandler(filters.VOICE, on_voice))
