"""The Bot API methods: what a PTB bot calls at /bot{token}/{method}."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from .audio import audio_kind, ogg_opus_seconds
from .botinfo import ProfileMethods
from .formatting import ParseError, parse_text, utf16_len
from .hub import Hub
from .limits import FloodLimits
from .params import Params, Upload, parse_markup
from .state import (
    ApiError,
    BotState,
    ChatState,
    Poll,
    SentMessage,
    bad_request,
    inline_markup,
)

Handler = Callable[[BotState, Params], Awaitable[Any]]

WEBHOOK_CONFLICT = ApiError(
    409,
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first",
)
POLL_CONFLICT = ApiError(
    409,
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
)
BLOCKED = ApiError(403, "Forbidden: bot was blocked by the user")
NOT_MODIFIED = bad_request(
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
# A bot deletes messages sent less than this long ago (seconds), as on Telegram.
DELETE_WITHIN = 48 * 3600
# Telegram's limit for the toast or alert of answerCallbackQuery, in characters.
ANSWER_TEXT_LIMIT = 200
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}


class BotApi(ProfileMethods):
    def __init__(
        self, hub: Hub, max_poll_timeout: float = 10.0, limits: FloodLimits | None = None
    ) -> None:
        self.hub = hub
        self.limits = limits or FloodLimits()
        self.max_poll_timeout = max_poll_timeout
        self.methods: dict[str, Handler] = {
            name[4:].replace("_", ""): getattr(self, name)
            for name in dir(self)
            if name.startswith("api_")
        }

    async def call(self, token: str, method: str, raw: Mapping[str, Any]) -> Any:
        state = self.hub.bot(token)
        handler = self.methods.get(method.lower())
        if handler is None:
            raise ApiError(404, "Not Found")
        state.spoke = True
        fault = self.hub.take_fault(token, method.lower(), raw.get("chat_id"))
        if fault:
            raise fault
        self.limits.check(token, method.lower(), raw.get("chat_id"))
        result = await handler(state, Params(raw))
        self.limits.count(token, method.lower(), raw.get("chat_id"))
        return result

    # -- helpers ----------------------------------------------------------------
    def _chat(self, state: BotState, p: Params, blockable: bool = True) -> ChatState:
        if not p.has("chat_id"):
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(str(p.raw["chat_id"]))
        except ValueError:
            raise bad_request("chat not found") from None
        chat = state.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if blockable and chat_id in self.hub.blocked:
            raise BLOCKED
        return chat

    def _message(self, chat: ChatState, p: Params, missing: str) -> SentMessage:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        msg = chat.messages.get(p.integer("message_id") or 0)
        if msg is None or msg.deleted:
            raise bad_request(missing)
        return msg

    def _formatted(
        self, p: Params, field: str, entities_field: str, limit: int, too_long: str
    ) -> tuple[str, list[dict[str, Any]]]:
        raw = p.text(field) or ""
        if p.has(entities_field):
            text, entities = raw, p.obj(entities_field) or []
        else:
            try:
                text, entities = parse_text(raw, p.text("parse_mode"))
            except ParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        if utf16_len(text) > limit:
            raise bad_request(too_long)
        return text, entities

    def _reply_to(self, chat: ChatState, p: Params) -> dict[str, Any] | None:
        params = p.obj("reply_parameters") or {}
        target = params.get("message_id") or p.integer("reply_to_message_id")
        if not target:
            return None
        msg = chat.messages.get(int(target))
        if msg is None or msg.deleted:
            if params.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        return msg.to_api(self.hub.chat_api(chat.chat_id))

    def _store(self, state: BotState, chat: ChatState, msg: SentMessage) -> dict[str, Any]:
        chat.messages[msg.message_id] = msg
        chat.next_message_id = msg.message_id + 1
        markup = msg.reply_markup or {}
        if "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        self.hub.record(chat, "bot", msg)
        return msg.to_api(self.hub.chat_api(chat.chat_id))

    def _new(self, state: BotState, chat: ChatState, p: Params, **fields: Any) -> SentMessage:
        reply_to = self._reply_to(chat, p)
        return SentMessage(
            message_id=chat.next_message_id,
            chat_id=chat.chat_id,
            reply_markup=parse_markup(p),
            parse_mode=p.text("parse_mode"),
            sender=self.hub.bot_user(state),
            reply_to=reply_to,
            reply_to_message_id=reply_to["message_id"] if reply_to else None,
            **fields,
        )

    def _edited(self, chat: ChatState, msg: SentMessage) -> dict[str, Any]:
        msg.edited = True
        msg.edit_date = int(time.time())
        self.hub.record(chat, "edit", msg)
        return msg.to_api(self.hub.chat_api(chat.chat_id))

    # -- updates ------------------------------------------------------------------
    async def api_getupdates(self, state: BotState, p: Params) -> list[dict[str, Any]]:
        if state.webhook_url:
            raise WEBHOOK_CONFLICT
        if state.poll:  # Telegram answers the *earlier* call with 409
            state.poll.terminated = True
            state.updates_signal.notify()
        poll = state.poll = Poll()
        try:
            offset = p.integer("offset")
            limit = min(max(p.integer("limit", 100) or 100, 1), 100)
            timeout = min(max(p.integer("timeout", 0) or 0, 0), self.max_poll_timeout)
            allowed = p.obj("allowed_updates")
            if isinstance(allowed, list) and allowed:
                state.allowed_updates = frozenset(allowed)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while True:
                if offset and offset > 0:
                    state.updates = [u for u in state.updates if u["update_id"] >= offset]
                elif offset and offset < 0:
                    state.updates = state.updates[offset:]
                if poll.terminated:
                    raise POLL_CONFLICT
                if state.webhook_url:
                    raise WEBHOOK_CONFLICT
                remaining = deadline - loop.time()
                if state.updates or remaining <= 0 or self.hub.closing:
                    return state.updates[:limit]
                await state.updates_signal.wait(remaining)
        finally:
            if state.poll is poll:
                state.poll = None

    async def api_setwebhook(self, state: BotState, p: Params) -> bool:
        url = p.text("url") or ""
        if url and not re.match(r"^https?://[^/\s]+", url):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.text("secret_token")
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        if p.flag("drop_pending_updates"):
            state.updates.clear()
        allowed = p.obj("allowed_updates")
        if isinstance(allowed, list) and allowed:
            state.allowed_updates = frozenset(allowed)
        state.webhook_url = url
        state.webhook_secret = secret or None
        state.webhook_max_connections = p.integer("max_connections", 40) or 40
        state.webhook_last_error = None
        state.updates_signal.notify()
        if url and self.hub.on_webhook:
            self.hub.on_webhook(state)
        return True

    async def api_deletewebhook(self, state: BotState, p: Params) -> bool:
        if p.flag("drop_pending_updates"):
            state.updates.clear()
        state.webhook_url = ""
        state.webhook_secret = None
        state.updates_signal.notify()
        return True

    async def api_getwebhookinfo(self, state: BotState, p: Params) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates),
        }
        if state.webhook_url:
            info["max_connections"] = state.webhook_max_connections
        if state.webhook_last_error:
            info["last_error_date"], info["last_error_message"] = state.webhook_last_error
        return info

    # -- messages -------------------------------------------------------------------
    async def api_sendmessage(self, state: BotState, p: Params) -> dict[str, Any]:
        chat = self._chat(state, p)
        if not (p.text("text") or "").strip():
            raise bad_request("message text is empty")
        text, entities = self._formatted(p, "text", "entities", 4096, "message is too long")
        if not text.strip():
            raise bad_request("message text is empty")
        msg = self._new(state, chat, p, text=text, entities=entities)
        return self._store(state, chat, msg)

    async def api_senddocument(self, state: BotState, p: Params) -> dict[str, Any]:
        return await self._send_media(state, p, "document", "documents")

    async def api_sendphoto(self, state: BotState, p: Params) -> dict[str, Any]:
        return await self._send_media(state, p, "photo", "photos")

    async def _send_media(
        self, state: BotState, p: Params, field: str, folder: str
    ) -> dict[str, Any]:
        chat = self._chat(state, p)
        value = p.raw.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.raw.get(value.removeprefix("attach://"))
        if isinstance(value, Upload):
            if not value.content:
                raise bad_request("file must be non-empty")
            stored = self.hub.add_file(value.content, folder, value.filename, value.content_type)
        elif isinstance(value, str) and value in self.hub.files:
            stored = self.hub.files[value]
        elif isinstance(value, str) and value:
            raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise bad_request(f"there is no {field} in the request")
        caption, entities = self._formatted(
            p, "caption", "caption_entities", 1024, "message caption is too long"
        )
        info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
            "caption": caption or None,
            "content": stored.content,
        }
        msg = self._new(
            state,
            chat,
            p,
            caption=caption or None,
            caption_entities=entities,
            **{field: info},
        )
        return self._store(state, chat, msg)

    async def api_sendvoice(self, state: BotState, p: Params) -> dict[str, Any]:
        """A voice note: an upload (OGG with Opus, MP3 or M4A) or the file_id of a voice
        note sent before; caption up to 1,024 characters; a sending method, so it counts
        against the flood limits like a message."""
        chat = self._chat(state, p)
        value = p.raw.get("voice")
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.raw.get(value.removeprefix("attach://"))
        if isinstance(value, Upload):
            if not value.content:
                raise bad_request("file must be non-empty")
            if audio_kind(value.content) is None:
                raise bad_request(
                    "wrong type of the file: a voice note must be OGG/Opus, MP3 or M4A"
                )
            stored = self.hub.add_file(value.content, "voice", value.filename, "audio/ogg")
        elif isinstance(value, str) and value in self.hub.files:
            stored = self.hub.files[value]
            if not stored.file_path.startswith("voice/"):
                raise bad_request("type of file mismatch")
        elif isinstance(value, str) and value:
            raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise bad_request("there is no voice in the request")
        caption, entities = self._formatted(
            p, "caption", "caption_entities", 1024, "message caption is too long"
        )
        duration = p.integer("duration")
        if duration is None or duration < 0:
            seconds = ogg_opus_seconds(stored.content)
            duration = max(1, round(seconds)) if seconds else 0
        info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
            "content": stored.content,
        }
        msg = self._new(
            state, chat, p, caption=caption or None, caption_entities=entities, voice=info
        )
        return self._store(state, chat, msg)

    async def api_editmessagetext(self, state: BotState, p: Params) -> dict[str, Any]:
        chat = self._chat(state, p)
        msg = self._message(chat, p, "message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        if not msg.has_text:
            raise bad_request("there is no text in the message to edit")
        if not (p.text("text") or "").strip():
            raise bad_request("message text is empty")
        text, entities = self._formatted(p, "text", "entities", 4096, "message is too long")
        # Omitting reply_markup removes the inline keyboard, as on Telegram.
        markup = parse_markup(p, inline_only=True)
        current = inline_markup(msg.reply_markup)
        if (text, entities, markup) == (msg.text, msg.entities, current):
            raise NOT_MODIFIED
        msg.text, msg.entities, msg.reply_markup = text, entities, markup
        msg.parse_mode = p.text("parse_mode")
        return self._edited(chat, msg)

    async def api_editmessagecaption(self, state: BotState, p: Params) -> dict[str, Any]:
        chat = self._chat(state, p)
        msg = self._message(chat, p, "message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        if msg.has_text:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._formatted(
            p, "caption", "caption_entities", 1024, "message caption is too long"
        )
        markup = parse_markup(p, inline_only=True)
        current = inline_markup(msg.reply_markup)
        if (caption or None, entities, markup) == (msg.caption, msg.caption_entities, current):
            raise NOT_MODIFIED
        msg.caption, msg.caption_entities, msg.reply_markup = caption or None, entities, markup
        return self._edited(chat, msg)

    async def api_editmessagereplymarkup(self, state: BotState, p: Params) -> dict[str, Any]:
        chat = self._chat(state, p)
        msg = self._message(chat, p, "message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        markup = parse_markup(p, inline_only=True)
        current = inline_markup(msg.reply_markup)
        if markup == current:
            raise NOT_MODIFIED
        msg.reply_markup = markup
        return self._edited(chat, msg)

    async def api_deletemessage(self, state: BotState, p: Params) -> bool:
        """As on Telegram in a private chat: the bot's own messages and the user's, sent
        less than 48 hours ago; a message unknown or deleted already is not found."""
        chat = self._chat(state, p, blockable=False)
        msg = self._message(chat, p, "message to delete not found")
        if time.time() - msg.date >= DELETE_WITHIN:
            raise bad_request("message can't be deleted for everyone")
        msg.deleted = True
        self.hub.record(chat, "delete", msg)
        return True

    async def api_answercallbackquery(self, state: BotState, p: Params) -> bool:
        query_id = p.text("callback_query_id") or ""
        if len(p.text("text") or "") > ANSWER_TEXT_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        # One answer per query: the first one closes it, as on Telegram.
        user_id = state.open_callbacks.pop(query_id, None)
        if user_id is None:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        answer = {
            "callback_query_id": query_id,
            "user_id": user_id,
            "text": p.text("text"),
            "show_alert": p.flag("show_alert"),
            "url": p.text("url"),
            "cache_time": p.integer("cache_time", 0),
        }
        self.hub.callback_answers.append(answer)
        if user_id in state.chats:
            self.hub.record(state.chats[user_id], "answer", payload=answer)
        return True

    async def api_sendchataction(self, state: BotState, p: Params) -> bool:
        chat = self._chat(state, p)
        action = p.text("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.last_action = action
        return True

    async def api_getchat(self, state: BotState, p: Params) -> dict[str, Any]:
        chat = self._chat(state, p, blockable=False)
        return self.hub.chat_api(chat.chat_id) | {"accent_color_id": 0, "max_reaction_count": 11}
