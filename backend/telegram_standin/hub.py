"""The Hub: all state of one stand-in, shared by the Bot API, the user side and control."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

from .state import (
    TOKEN_RE,
    ApiError,
    BotState,
    ChatEvent,
    ChatState,
    Fault,
    Hold,
    SentMessage,
    Signal,
    StoredFile,
)


class Hub:
    """All state of one stand-in; shared by the Bot API, the user side and the control API."""

    def __init__(
        self, bot_username: str, bot_first_name: str, personas: list[tuple[int, str, str]]
    ) -> None:
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.personas = personas
        self.bots: dict[str, BotState] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.files: dict[str, StoredFile] = {}
        self.faults: list[Fault] = []
        self.holds: list[Hold] = []
        self.blocked: set[int] = set()
        self.callback_answers: list[dict[str, Any]] = []
        self.changed = Signal()
        self.seq = 0
        self.closing = False
        self.on_webhook: Callable[[BotState], None] | None = None
        self._counter = 0

    # -- bots ---------------------------------------------------------------
    def bot(self, token: str) -> BotState:
        m = TOKEN_RE.match(token)
        if not m:
            raise ApiError(401, "Unauthorized")
        state = self.bots.get(token)
        if state is None:
            state = self.bots[token] = BotState(token=token, bot_id=int(m.group(1)))
        return state

    def resolve(self, token: str | None = None) -> BotState:
        """The bot a user helper targets: the given token, or the only bot that spoke."""
        if token is not None:
            return self.bot(token)
        spoke = [s for s in self.bots.values() if s.spoke] or list(self.bots.values())
        if len(spoke) == 1:
            return spoke[0]
        if not spoke:
            raise LookupError("no bot has called the stand-in yet; pass token=")
        raise LookupError(f"{len(spoke)} bots are connected; pass token=")

    def bot_user(self, state: BotState) -> dict[str, Any]:
        return {
            "id": state.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # -- users and chats ------------------------------------------------------
    def user(self, user_id: int, **profile: str | None) -> dict[str, Any]:
        """The Telegram User object, created on first use and updated by given fields."""
        user = self.users.get(user_id)
        if user is None:
            name = next((p[1] for p in self.personas if p[0] == user_id), f"User {user_id}")
            first, _, last = name.partition(" ")
            user = {"id": user_id, "is_bot": False, "first_name": first}
            if last:
                user["last_name"] = last
            user["username"] = re.sub(r"\W", "", first.lower()) + str(user_id)
            user["language_code"] = "nb"
            self.users[user_id] = user
        user.update({k: v for k, v in profile.items() if v is not None})
        return user

    def chat_api(self, chat_id: int) -> dict[str, Any]:
        user = self.user(chat_id)
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if key in user:
                chat[key] = user[key]
        return chat

    def chat(self, state: BotState, chat_id: int) -> ChatState:
        chat = state.chats.get(chat_id)
        if chat is None:
            chat = state.chats[chat_id] = ChatState(chat_id)
        return chat

    def record(
        self,
        chat: ChatState,
        kind: str,
        message: SentMessage | None = None,
        payload: dict[str, Any] | None = None,
    ) -> ChatEvent:
        self.seq += 1
        snap = message.snapshot() if message else None
        event = ChatEvent(self.seq, kind, snap, payload)
        chat.events.append(event)
        self.changed.notify()
        return event

    # -- updates --------------------------------------------------------------
    def enqueue(self, state: BotState, kind: str, payload: dict[str, Any]) -> int | None:
        if kind not in state.allowed_updates:
            return None  # Telegram never creates updates of types the bot opted out of
        update_id = state.next_update_id
        state.next_update_id += 1
        state.updates.append({"update_id": update_id, kind: payload})
        state.updates_signal.notify()
        return update_id

    # -- files ------------------------------------------------------------------
    def add_file(
        self, content: bytes, folder: str, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        self._counter += 1
        ext = (file_name or "").rpartition(".")[2] if file_name and "." in file_name else "bin"
        stored = StoredFile(
            file_id=f"SF{self._counter}_{secrets.token_urlsafe(18)}",
            file_unique_id=f"U{self._counter}{secrets.token_hex(4)}",
            file_path=f"{folder}/file_{self._counter}.{ext}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def next_id(self) -> int:
        self._counter += 1
        return self._counter

    # -- faults -----------------------------------------------------------------
    def take_fault(self, token: str, method: str, chat_id: Any) -> ApiError | None:
        for fault in self.faults:
            if fault.method != method or (fault.token and fault.token != token):
                continue
            if fault.chat_id is not None and str(fault.chat_id) != str(chat_id):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.faults.remove(fault)
            return fault.error()
        return None
