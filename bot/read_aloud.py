"""Read aloud: after a text to a chat that chose "🔊 Les opp", the same words follow as a
voice note in the chat's language.

Hooked once, into the bot every handler and the outbox sender write through
(bot/answering.py): each text the bot sends (`send_message`) or shows in place of a
tapped screen (`edit_message_text`) is followed by its voice note, after the text and
never instead of it. Only the text is said, so a voice note tells nothing the text does
not; staff chats never get one (backend.voice.rules.chat_reads_aloud). A voice note that
cannot be made or sent is logged and left out: the text has gone already.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest

from backend.shared.rate import chat_of
from backend.voice import choice
from backend.voice.speech import VoiceMaker, VoiceNote

log = logging.getLogger(__name__)
FILENAME = "frammote.ogg"


class ReadAloud:
    def __init__(self, maker: VoiceMaker) -> None:
        self.maker = maker

    async def follow(self, bot: Bot, chat_id: object, text: str) -> None:
        """Send `text` to the chat as a voice note too, when the chat hears them."""
        chat = chat_of(chat_id)
        if chat is None or not text:
            return
        try:
            language = await choice.chat_language(chat)
            if language is None:
                return
            note = await self.maker.make(text, language)
            if note is not None:
                await self._send(bot, chat, note)
        except Exception as error:  # the text is sent: a missing voice note is no failure
            log.warning("no voice note for chat %s: %r", chat, error)

    async def _send(self, bot: Bot, chat: int, note: VoiceNote) -> None:
        duration = max(1, round(note.seconds))
        known = self.maker.file_id(note.key)
        if known is not None:
            try:
                await bot.send_voice(chat, known, duration=duration)
                return
            except BadRequest as error:  # another bot's id, or a server that forgot it
                if "file" not in error.message.lower():
                    raise
                self.maker.forget(note.key)
        sent = await bot.send_voice(chat, note.ogg, duration=duration, filename=FILENAME)
        if sent.voice is not None:
            self.maker.remember(note.key, sent.voice.file_id)
