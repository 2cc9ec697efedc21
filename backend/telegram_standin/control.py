"""Control HTTP API under /control/: be a Telegram user from the demo page or another process."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .state import ChatState, SentMessage

if TYPE_CHECKING:
    from .server import TelegramStandin

MAX_WAIT = 25.0


class BadInput(Exception):
    pass


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"ok": False, "error": message}, status=status)


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise BadInput("body must be valid JSON") from None
    if not isinstance(body, dict):
        raise BadInput("body must be a JSON object")
    return body


def _field(body: dict[str, Any], name: str, kind: type, required: bool = True) -> Any:
    value = body.get(name)
    if value is None:
        if required:
            raise BadInput(f"missing field {name!r}")
        return None
    # bool is an int subclass; never accept it where a number is meant
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadInput(f"field {name!r} must be {kind.__name__}")
    return value


def _int_param(raw: str, name: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise BadInput(f"{name} must be an integer") from None


def add_control_routes(app: web.Application, standin: TelegramStandin) -> None:
    control = _Control(standin)
    app.router.add_get("/control/personas", _json_errors(control.personas))
    app.router.add_post("/control/users/{user_id}/text", _json_errors(control.text))
    app.router.add_post("/control/users/{user_id}/voice", _json_errors(control.voice))
    app.router.add_post("/control/users/{user_id}/tap", _json_errors(control.tap))
    app.router.add_post("/control/users/{user_id}/block", _json_errors(control.block))
    app.router.add_post("/control/faults", _json_errors(control.fault))
    app.router.add_get("/control/chats/{chat_id}/messages", _json_errors(control.messages))
    app.router.add_get("/control/files/{file_id}", _json_errors(control.file))


def _json_errors(fn: Any) -> Any:
    """Map input and lookup errors to JSON 400/404/409 answers."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await fn(request)
        except BadInput as exc:
            return _error(400, str(exc))
        except LookupError as exc:
            return _error(409, str(exc))
        except ValueError as exc:
            return _error(400, str(exc))

    return wrapped


def _user_id(request: web.Request) -> int:
    uid = _int_param(request.match_info["user_id"], "user_id")
    if uid <= 0:
        raise BadInput("user_id must be positive")
    return uid


class _Control:
    """The control routes of one stand-in: what a test or the chat page asks it to do."""

    def __init__(self, standin: TelegramStandin) -> None:
        self.standin = standin
        self.hub = standin.hub

    async def personas(self, request: web.Request) -> web.Response:
        return web.json_response(
            [{"user_id": u, "name": n, "role": r} for u, n, r in self.standin.personas]
        )

    async def text(self, request: web.Request) -> web.Response:
        uid, body = _user_id(request), await _body(request)
        message_id = await self.standin.send_text(
            uid,
            _field(body, "text", str),
            first_name=_field(body, "first_name", str, False),
            last_name=_field(body, "last_name", str, False),
            username=_field(body, "username", str, False),
            language_code=_field(body, "language_code", str, False),
            token=_field(body, "token", str, False),
        )
        return web.json_response({"ok": True, "message_id": message_id})

    async def voice(self, request: web.Request) -> web.Response:
        uid, body = _user_id(request), await _body(request)
        duration = _field(body, "duration", int)
        if not 1 <= duration <= 3600:
            raise BadInput("duration must be 1..3600 seconds")
        message_id = await self.standin.send_voice(
            uid, duration, token=_field(body, "token", str, False)
        )
        return web.json_response({"ok": True, "message_id": message_id})

    async def tap(self, request: web.Request) -> web.Response:
        uid, body = _user_id(request), await _body(request)
        query_id = await self.standin.tap(
            uid,
            _field(body, "message_id", int),
            _field(body, "data", str),
            force=bool(_field(body, "force", bool, False)),
            token=_field(body, "token", str, False),
        )
        return web.json_response({"ok": True, "callback_query_id": query_id})

    async def block(self, request: web.Request) -> web.Response:
        uid, body = _user_id(request), await _body(request)
        blocked = _field(body, "blocked", bool, False)
        if blocked is False:
            self.standin.unblock(uid)
        else:
            self.standin.block(uid)
        return web.json_response({"ok": True, "blocked": uid in self.hub.blocked})

    async def fault(self, request: web.Request) -> web.Response:
        body = await _body(request)
        self.standin.inject_fault(
            method=_field(body, "method", str),
            error_code=_field(body, "error_code", int),
            retry_after=_field(body, "retry_after", int, False) or 1,
            count=_field(body, "count", int, False) or 1,
            chat_id=_field(body, "chat_id", int, False),
            description=_field(body, "description", str, False),
        )
        return web.json_response({"ok": True})

    async def messages(self, request: web.Request) -> web.Response:
        chat_id = _int_param(request.match_info["chat_id"], "chat_id")
        after = _int_param(request.query.get("after", "0"), "after")
        try:
            wait = min(max(float(request.query.get("wait", "0")), 0.0), MAX_WAIT)
        except ValueError:
            raise BadInput("wait must be a number of seconds") from None
        token = request.query.get("token")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            state = self.standin._state_or_none(token)
            chat = state.chats.get(chat_id) if state else None
            seq = chat.events[-1].seq if chat and chat.events else 0
            remaining = deadline - loop.time()
            if seq > after or remaining <= 0 or self.hub.closing:
                break
            await self.hub.changed.wait(remaining)
        origin = str(request.url.origin())
        return web.json_response(_chat_json(chat, after, seq, origin))

    async def file(self, request: web.Request) -> web.Response:
        stored = self.hub.files.get(request.match_info["file_id"])
        if stored is None:
            return _error(404, "no such file")
        name = (stored.file_name or "file").replace('"', "")
        # A voice note plays in the page (<audio>); other files download.
        disposition = "inline" if stored.file_path.startswith("voice/") else "attachment"
        headers = {
            "Content-Disposition": f'{disposition}; filename="{name}"',
            "Accept-Ranges": "bytes",
        }
        content_type = stored.mime_type or "application/octet-stream"
        wanted = _byte_range(request.headers.get("Range"), len(stored.content))
        if wanted is None:
            return web.Response(body=stored.content, content_type=content_type, headers=headers)
        first, last = wanted
        # A browser reads an Ogg file's last page for its length: it asks for a range.
        headers["Content-Range"] = f"bytes {first}-{last}/{len(stored.content)}"
        return web.Response(
            status=206,
            body=stored.content[first : last + 1],
            content_type=content_type,
            headers=headers,
        )


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """`bytes=FIRST-LAST`, `bytes=FIRST-` or `bytes=-SUFFIX` as (first, last) within the
    file; None for no range, or one this simple server does not serve (the whole file)."""
    if not header or not header.startswith("bytes=") or "," in header or size == 0:
        return None
    first_text, _, last_text = header.removeprefix("bytes=").strip().partition("-")
    try:
        if first_text == "":
            first, last = max(size - int(last_text), 0), size - 1
        else:
            first = int(first_text)
            last = min(int(last_text), size - 1) if last_text else size - 1
    except ValueError:
        return None
    return (first, last) if 0 <= first <= last else None


def _chat_json(chat: ChatState | None, after: int, seq: int, origin: str) -> dict[str, Any]:
    if chat is None:
        return {"seq": seq, "messages": [], "reply_keyboard": None, "answers": []}
    keyboard = chat.reply_keyboard
    return {
        "seq": seq,
        "messages": [_message_json(m, origin) for m in chat.messages.values()],
        "reply_keyboard": (
            [[b["text"] for b in row] for row in keyboard["keyboard"]] if keyboard else None
        ),
        # callback answers (toasts / alerts) that are new since `after`
        "answers": [e.payload for e in chat.events if e.kind == "answer" and e.seq > after],
    }


def _message_json(m: SentMessage, origin: str) -> dict[str, Any]:
    def file_json(info: dict[str, Any] | None) -> dict[str, Any] | None:
        if not info:
            return None
        return {
            "file_id": info["file_id"],
            "file_name": info.get("file_name"),
            "mime_type": info.get("mime_type"),
            "size": info.get("file_size"),
            "caption": info.get("caption"),
            "duration": info.get("duration"),
            "url": f"{origin}/control/files/{info['file_id']}",
        }

    rows = (m.reply_markup or {}).get("inline_keyboard", [])
    return {
        "message_id": m.message_id,
        "from_bot": m.from_bot,
        "text": m.text,
        "caption": m.caption,
        "date": m.date,
        "edited": m.edited,
        "deleted": m.deleted,
        "reply_to_message_id": m.reply_to_message_id,
        "buttons": [
            [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
            for row in rows
        ],
        "reply_markup": m.reply_markup,
        "document": file_json(m.document),
        "photo": file_json(m.photo),
        "voice": file_json(m.voice),
    }
