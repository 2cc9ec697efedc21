"""Read aloud: after a text to a chat that chose "🔊 Les opp", the same words follow as a
voice note in the chat's language.

Hooked once, into the bot every handler and the outbox sender write through
(bot/answering.py): each text the bot sends (`send_message`) or shows in place of a
tapped screen (`edit_message_text`) is followed by its voice note, after the text and
never instead of it. Only the text is said, so a voice note tells nothing the text does
not; staff chats never get one (backend.voice.rules.chat_reads_aloud). A voice note that
cannot be made or sent is logged and left out: the text has gone already.

A chat holds one voice note, the one of its latest text: before a new note is sent, the
chat's previous one (the bot's own message) is deleted, so a screen replaced in place
never leaves the notes of the screens before it below it. Of two texts at once, the
later one's note is kept, even when the earlier one's takes longer to make (that one is
then not sent at all). Telegram refusing the delete (400: the note is older than 48
hours, or gone already) changes nothing. The last note's message id is kept per chat
in this process's memory (the most recent REMEMBER chats):
with several replicas, or after a restart, a note another process sent is not known
here and stays in the chat, above the new one. That is harmless: it says the words of
an earlier text of the same chat.

Turning read-aloud off is said aloud too (`farewell`): the confirmation replaces the
chat's last voice note, so one who listens rather than reads hears that it is off.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from telegram import Bot, Message
from telegram.error import BadRequest

from backend.shared.rate import chat_of
from backend.voice import choice
from backend.voice.rules import voice_duration
from backend.voice.speech import VoiceMaker, VoiceNote

log = logging.getLogger(__name__)
FILENAME = "frammote.ogg"
REMEMBER = 10_000  # chats whose last voice note is known; the oldest are forgotten


@dataclass
class _Turn:
    """One chat's notes go one at a time: delete the old one, send the new one."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class ReadAloud:
    def __init__(self, maker: VoiceMaker) -> None:
        self.maker = maker
        # chat -> the latest text's number and its note's message id (None: no note)
        self._last_note: OrderedDict[int, tuple[int, int | None]] = OrderedDict()
        self._turns: dict[int, _Turn] = {}
        self._texts = itertools.count()  # numbers the texts in the order they were sent

    async def follow(self, bot: Bot, chat_id: object, text: str) -> None:
        """Send `text` to the chat as a voice note too, when the chat hears them."""
        chat = chat_of(chat_id)
        if chat is None or not text:
            return
        number = next(self._texts)
        try:
            language = await choice.chat_language(chat)
            if language is not None:
                await self._replace(bot, chat, number, text, language)
        except Exception as error:  # the text is sent: a missing voice note is no failure
            log.warning("no voice note for chat %s: %r", chat, error)

    async def farewell(self, bot: Bot, chat_id: object, text: str, language: str) -> None:
        """The last voice note to a chat that has just turned read-aloud off: `text` (the
        confirmation, in `language`) in place of the chat's previous note."""
        chat = chat_of(chat_id)
        if chat is None or not text:
            return
        number = next(self._texts)
        try:
            await self._replace(bot, chat, number, text, language)
        except Exception as error:
            log.warning("no voice note for chat %s: %r", chat, error)

    async def _replace(self, bot: Bot, chat: int, number: int, text: str, language: str) -> None:
        """The chat's previous note goes, then this text's note comes. Without a note
        for this text (nothing to say, no voice for the language, the engine failed)
        the chat is left with none rather than with the words of an older text; and a
        note made after a later text's (two texts at once, the first slower to make) is
        not sent at all."""
        note: VoiceNote | None = None
        try:
            note = await self.maker.make(text, language)
        except Exception as error:
            log.warning("no voice note for chat %s: %r", chat, error)
        async with self._turn(chat):
            last = self._last_note.get(chat)
            if last is not None and last[0] > number:
                return  # a later text is the chat's latest: this note is out of date
            self._last_note.pop(chat, None)
            self._last_note[chat] = (number, None)  # the latest, at the end: kept longest
            if len(self._last_note) > REMEMBER:
                self._last_note.popitem(last=False)
            if last is not None and last[1] is not None:
                await self._delete(bot, chat, last[1])
            if note is not None:
                sent = await self._send(bot, chat, note)
                self._last_note[chat] = (number, sent.message_id)

    @contextlib.asynccontextmanager
    async def _turn(self, chat: int) -> AsyncIterator[None]:
        turn = self._turns.setdefault(chat, _Turn())
        turn.users += 1
        try:
            async with turn.lock:
                yield
        finally:
            turn.users -= 1
            if turn.users == 0:
                del self._turns[chat]

    @staticmethod
    async def _delete(bot: Bot, chat: int, message_id: int) -> None:
        try:
            await bot.delete_message(chat, message_id)
        except BadRequest as error:  # older than 48 hours, or gone already: let it be
            log.debug("voice note %s in chat %s not deleted: %s", message_id, chat, error)

    async def _send(self, bot: Bot, chat: int, note: VoiceNote) -> Message:
        duration = voice_duration(note.seconds)
        known = self.maker.file_id(note.key)
        if known is not None:
            try:
                return await bot.send_voice(chat, known, duration=duration)
            except BadRequest as error:  # another bot's id, or a server that forgot it
                if "file" not in error.message.lower():
                    raise
                self.maker.forget(note.key)
        sent = await bot.send_voice(chat, note.ogg, duration=duration, filename=FILENAME)
        if sent.voice is not None:
            self.maker.remember(note.key, sent.voice.file_id)
        return sent
