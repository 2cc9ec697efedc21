"""The user side: acting as Telegram users and reading what the bot sent them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from .formatting import command_entities, utf16_len
from .hub import Hub
from .state import BotState, SentMessage, inline_buttons

Predicate = Callable[[SentMessage], bool]


class UserSide:
    """Mixin for TelegramStandin; everything works on `self.hub`."""

    hub: Hub

    # -- acting as a user -----------------------------------------------------------
    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        reply_to_message_id: int | None = None,
        token: str | None = None,
    ) -> int:
        """The user types `text`; returns the new message_id."""
        if not text.strip():
            raise ValueError("text must not be empty")
        if utf16_len(text) > 4096:
            raise ValueError("text is longer than 4096 characters")
        profile = {
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
        }
        state, chat_id, user = self._writer(user_id, token, profile)
        chat = self.hub.chat(state, chat_id)
        keyboard = chat.reply_keyboard
        if keyboard and keyboard.get("one_time_keyboard"):
            labels = {b.get("text") for row in keyboard["keyboard"] for b in row}
            if text in labels:
                chat.reply_keyboard = None
        return self._user_message(
            state,
            user,
            text=text,
            entities=command_entities(text),
            reply_to_message_id=reply_to_message_id,
        )

    async def send_voice(
        self,
        user_id: int,
        duration: int = 5,
        *,
        content: bytes | None = None,
        first_name: str | None = None,
        language_code: str | None = None,
        token: str | None = None,
    ) -> int:
        """The user records a voice note; the bot can fetch it with getFile."""
        if duration < 1:
            raise ValueError("duration must be at least 1 second")
        profile = {"first_name": first_name, "language_code": language_code}
        state, _, user = self._writer(user_id, token, profile)
        data = content if content is not None else b"OggS\x00\x02" + bytes(200 * duration)
        stored = self.hub.add_file(data, "voice", f"voice_{duration}s.oga", "audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(data),
            "content": data,
        }
        return self._user_message(state, user, voice=voice)

    async def tap(
        self,
        user_id: int,
        message_id: int,
        data: str,
        force: bool = False,
        *,
        token: str | None = None,
    ) -> str:
        """The user taps an inline button; returns the callback query id.

        A `data` that is not on the message raises ValueError unless `force`,
        which lets tests deliver stale or tampered payloads.
        """
        state = self.hub.resolve(token)
        chat = state.chats.get(user_id)
        if chat is None:
            raise LookupError(f"user {user_id} has no chat with the bot")
        msg = chat.messages.get(message_id)
        live = msg is not None and not msg.deleted and msg.from_bot
        offered = [
            b.get("callback_data") for b in inline_buttons(msg.reply_markup if msg else None)
        ]
        if not force and not (live and data in offered):
            raise ValueError(
                f"message {message_id} in chat {user_id} has no button with data {data!r}"
                f" (buttons: {offered if live else 'message missing or deleted'})"
            )
        chat_api = self.hub.chat_api(user_id)
        if msg is not None and live:
            message = msg.to_api(chat_api)
        else:  # Telegram's InaccessibleMessage
            message = {"chat": chat_api, "message_id": message_id, "date": 0}
        query_id = f"{state.bot_id}{self.hub.next_id():08d}"
        state.open_callbacks[query_id] = user_id
        payload = {
            "id": query_id,
            "from": self.hub.user(user_id),
            "message": message,
            "chat_instance": str((state.bot_id * 1_000_003 + user_id) % 10**18),
            "data": data,
        }
        self.hub.enqueue(state, "callback_query", payload)
        return query_id

    async def press(
        self,
        user_id: int,
        message: SentMessage | int,
        button_text: str,
        *,
        token: str | None = None,
    ) -> str:
        """Tap the button whose label contains `button_text` (case-insensitive)."""
        message_id = message if isinstance(message, int) else message.message_id
        state = self.hub.resolve(token)
        chat = state.chats.get(user_id)
        current = chat.messages.get(message_id) if chat else None
        if current is None:
            raise LookupError(f"no message {message_id} in chat {user_id}")
        buttons = self.buttons(current)
        wanted = button_text.casefold()
        exact = [b for b in buttons if b[0].casefold() == wanted]
        found = exact or [b for b in buttons if wanted in b[0].casefold()]
        if len(found) != 1 or found[0][1] is None:
            why = "is ambiguous" if len(found) > 1 else "matches no callback button"
            raise LookupError(f"button {button_text!r} {why}; buttons: {buttons}")
        return await self.tap(user_id, message_id, str(found[0][1]), token=token)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends answer 403 and the bot gets my_chat_member."""
        if user_id not in self.hub.blocked:
            self.hub.blocked.add(user_id)
            self._member_update(user_id, "member", "kicked")

    def unblock(self, user_id: int) -> None:
        if user_id in self.hub.blocked:
            self.hub.blocked.discard(user_id)
            self._member_update(user_id, "kicked", "member")

    # -- reading what the bot sent ------------------------------------------------------
    def messages(self, chat_id: int, *, token: str | None = None) -> list[SentMessage]:
        """All messages of the chat (user and bot, deleted ones flagged), oldest first."""
        state = self._state_or_none(token)
        chat = state.chats.get(chat_id) if state else None
        return [m.snapshot() for m in chat.messages.values()] if chat else []

    async def wait_for(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the documented helper signature
        *,
        token: str | None = None,
    ) -> SentMessage:
        """The next bot message or edit in the chat after the last one wait_for returned."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            state = self._state_or_none(token)
            chat = state.chats.get(chat_id) if state else None
            if chat:
                for index in range(chat.wait_cursor, len(chat.events)):
                    event = chat.events[index]
                    if event.kind not in ("bot", "edit") or event.message is None:
                        continue
                    if predicate is None or predicate(event.message):
                        chat.wait_cursor = index + 1
                        return event.message.snapshot()
            remaining = deadline - loop.time()
            if remaining <= 0 or self.hub.closing:
                raise TimeoutError(self._describe(chat_id, predicate, timeout, token))
            await self.hub.changed.wait(remaining)

    @staticmethod
    def buttons(message: SentMessage) -> list[tuple[str, str | None]]:
        """Inline buttons as (text, callback_data), row by row; url buttons have None."""
        return [(b["text"], b.get("callback_data")) for b in inline_buttons(message.reply_markup)]

    def reply_keyboard(self, chat_id: int, *, token: str | None = None) -> list[list[str]] | None:
        """Labels of the reply keyboard the user currently sees, if any."""
        state = self._state_or_none(token)
        chat = state.chats.get(chat_id) if state else None
        if not chat or not chat.reply_keyboard:
            return None
        return [[b["text"] for b in row] for row in chat.reply_keyboard["keyboard"]]

    # -- internals ----------------------------------------------------------------
    def _state_or_none(self, token: str | None) -> BotState | None:
        if token is None and not self.hub.bots:
            return None
        return self.hub.resolve(token)

    def _writer(
        self, user_id: int, token: str | None, profile: dict[str, str | None]
    ) -> tuple[BotState, int, dict[str, Any]]:
        if user_id <= 0:
            raise ValueError("user ids are positive integers")
        state = self.hub.resolve(token)
        user = self.hub.user(user_id, **profile)
        if user_id in self.hub.blocked:  # writing to the bot again means unblocking it
            self.unblock(user_id)
        return state, user_id, user

    def _user_message(
        self,
        state: BotState,
        user: dict[str, Any],
        reply_to_message_id: int | None = None,
        **fields: Any,
    ) -> int:
        chat = self.hub.chat(state, user["id"])
        chat_api = self.hub.chat_api(user["id"])
        reply = chat.messages.get(reply_to_message_id or 0)
        msg = SentMessage(
            message_id=chat.next_message_id,
            chat_id=user["id"],
            from_bot=False,
            sender=dict(user),
            reply_to_message_id=reply_to_message_id if reply else None,
            reply_to=reply.to_api(chat_api) if reply else None,
            **fields,
        )
        chat.next_message_id += 1
        chat.messages[msg.message_id] = msg
        self.hub.record(chat, "user", msg)
        self.hub.enqueue(state, "message", msg.to_api(chat_api))
        return msg.message_id

    def _member_update(self, user_id: int, old: str, new: str) -> None:
        for state in self.hub.bots.values():
            if user_id not in state.chats:
                continue
            bot = self.hub.bot_user(state)
            payload = {
                "chat": self.hub.chat_api(user_id),
                "from": self.hub.user(user_id),
                "date": int(time.time()),
                "old_chat_member": _member(bot, old),
                "new_chat_member": _member(bot, new),
            }
            self.hub.enqueue(state, "my_chat_member", payload)

    def _describe(
        self, chat_id: int, predicate: Predicate | None, timeout: float, token: str | None
    ) -> str:
        what = "bot message" if predicate is None else f"bot message matching {predicate!r}"
        lines = [f"no new {what} in chat {chat_id} within {timeout}s"]
        history = self.messages(chat_id, token=token) if self.hub.bots else []
        if not history:
            lines.append("the chat has no messages at all")
        for m in history[-15:]:
            who = "bot " if m.from_bot else "user"
            flags = "".join(f" ({f})" for f in ("edited", "deleted") if getattr(m, f))
            body = (
                m.text
                or (m.document or m.photo or {}).get("file_name")
                or ("<voice>" if m.voice else "")
            )
            buttons = f" buttons={[b[0] for b in self.buttons(m)]}" if m.reply_markup else ""
            lines.append(f"  #{m.message_id} {who}: {body[:120]!r}{flags}{buttons}")
        return "\n".join(lines)


def _member(bot: dict[str, Any], status: str) -> dict[str, Any]:
    member: dict[str, Any] = {"user": bot, "status": status}
    if status == "kicked":
        member["until_date"] = 0
    return member
