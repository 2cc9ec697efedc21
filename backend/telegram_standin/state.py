"""In-memory state of the stand-in: bots (one per token), chats, messages, files, faults."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{10,}$")

# Update types Telegram sends when allowed_updates is empty / never set.
DEFAULT_UPDATE_TYPES = frozenset({"message", "edited_message", "callback_query", "my_chat_member"})


class ApiError(Exception):
    """A Bot API error answer: {"ok": false, "error_code": ..., "description": ...}."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


class Signal:
    """Wake-all notification: waiters grab the current event, notify swaps in a new one."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        event = self._event
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), seconds)


@dataclass
class SentMessage:
    """One message in a chat, from the bot or from the user (snapshots are handed out)."""

    message_id: int
    chat_id: int
    text: str = ""
    reply_markup: dict[str, Any] | None = None
    document: dict[str, Any] | None = None  # file_id, file_name, mime_type, caption, content
    edited: bool = False
    deleted: bool = False
    from_bot: bool = True
    caption: str | None = None
    photo: dict[str, Any] | None = None  # same keys as document
    voice: dict[str, Any] | None = None  # file_id, duration, mime_type, file_size
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    reply_to_message_id: int | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    edit_date: int | None = None
    sender: dict[str, Any] = field(default_factory=dict, repr=False)
    reply_to: dict[str, Any] | None = field(default=None, repr=False)

    def snapshot(self) -> SentMessage:
        return dataclasses.replace(self)

    @property
    def has_text(self) -> bool:
        return self.document is None and self.photo is None and self.voice is None

    def to_api(self, chat: dict[str, Any]) -> dict[str, Any]:
        """The Telegram Message object."""
        msg: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender,
            "chat": chat,
            "date": self.date,
        }
        if self.edit_date:
            msg["edit_date"] = self.edit_date
        if self.reply_to:
            msg["reply_to_message"] = self.reply_to
        if self.has_text:
            msg["text"] = self.text
            if self.entities:
                msg["entities"] = self.entities
        if self.document:
            msg["document"] = _file_api(self.document, "file_name", "mime_type")
        if self.photo:
            size = _file_api(self.photo) | {"width": 0, "height": 0}
            msg["photo"] = [size]
        if self.voice:
            msg["voice"] = _file_api(self.voice, "duration", "mime_type")
        if self.caption is not None:
            msg["caption"] = self.caption
            if self.caption_entities:
                msg["caption_entities"] = self.caption_entities
        # Telegram only echoes inline keyboards; reply keyboards live on the client.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            msg["reply_markup"] = self.reply_markup
        return msg


def _file_api(info: dict[str, Any], *extra: str) -> dict[str, Any]:
    keys = ("file_id", "file_unique_id", "file_size", *extra)
    return {k: info[k] for k in keys if info.get(k) is not None}


def inline_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The markup if it is an inline keyboard (the only kind a message keeps)."""
    return markup if markup and "inline_keyboard" in markup else None


def inline_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not markup:
        return []
    return [b for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class ChatEvent:
    seq: int
    kind: str  # "user", "bot", "edit", "delete", "answer"
    message: SentMessage | None = None
    payload: dict[str, Any] | None = None
    at: float = field(default_factory=time.monotonic)  # when it happened (time.monotonic)


@dataclass
class ChatState:
    chat_id: int
    messages: dict[int, SentMessage] = field(default_factory=dict)
    events: list[ChatEvent] = field(default_factory=list)
    next_message_id: int = 1
    wait_cursor: int = 0  # index into events consumed by wait_for
    reply_keyboard: dict[str, Any] | None = None
    last_action: str | None = None


@dataclass
class Fault:
    method: str  # lower-case method name
    error_code: int
    description: str
    remaining: int
    retry_after: int | None = None
    chat_id: int | None = None
    token: str | None = None

    def error(self) -> ApiError:
        params = {"retry_after": self.retry_after} if self.error_code == 429 else None
        return ApiError(self.error_code, self.description, params)


@dataclass
class Hold:
    """The next matching Bot API call is carried out, but its answer waits for `release`:
    a client that dies meanwhile never learns that it succeeded."""

    method: str  # lower-case method name
    chat_id: int | None = None
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def matches(self, method: str, chat_id: Any) -> bool:
        if self.reached.is_set() or method.lower() != self.method:
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)

    def release(self) -> None:
        self.released.set()


@dataclass
class Poll:
    """One in-flight getUpdates call, so a newer call can terminate it with 409."""

    terminated: bool = False


@dataclass
class BotState:
    token: str
    bot_id: int
    updates: list[dict[str, Any]] = field(default_factory=list)
    # Telegram starts a bot's updates at some positive number, not at 1 (and picks one at
    # random after a quiet week): a restarted stand-in never reuses an id a database holds.
    next_update_id: int = field(default_factory=lambda: 100_000_000 + secrets.randbelow(10**9))
    allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
    updates_signal: Signal = field(default_factory=Signal)
    poll: Poll | None = None
    webhook_url: str = ""
    webhook_secret: str | None = None
    webhook_max_connections: int = 40
    webhook_last_error: tuple[int, str] | None = None
    webhook_task: asyncio.Task[None] | None = None
    chats: dict[int, ChatState] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    open_callbacks: dict[str, int] = field(default_factory=dict)  # query id -> user id
    texts: dict[str, str] = field(default_factory=dict)  # name / descriptions
    spoke: bool = False  # made at least one Bot API call
