"""Bot API request parameters and reply markup validation.

PTB posts form fields whose nested values (reply_markup, commands, ...) are JSON
strings; a JSON body gives native values. Both are normalised here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .state import ApiError, bad_request


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    content: bytes


class Params:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw

    def has(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def text(self, name: str) -> str | None:
        value = self.raw.get(name)
        if value is None or isinstance(value, Upload):
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return int(float(value))
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    def obj(self, name: str, what: str | None = None) -> Any:
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what or name} JSON object") from None


# Telegram refuses an inline keyboard of more buttons than this, whatever the rows.
INLINE_BUTTONS_MAX = 100
_URL_RE = re.compile(r"^(https?|tg)://\S+$")
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def parse_markup(p: Params, inline_only: bool = False) -> dict[str, Any] | None:
    markup = p.obj("reply_markup", "reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_rows(markup["inline_keyboard"])}
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
        norm = [[b if isinstance(b, dict) else {"text": str(b)} for b in row] for row in rows]
        if any(not str(b.get("text", "")).strip() for row in norm for b in row):
            raise bad_request("can't parse keyboard button: Text must be non-empty")
        return {**markup, "keyboard": norm}
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def _inline_rows(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request("can't parse inline keyboard markup JSON object")
    if sum(len(row) for row in rows) > INLINE_BUTTONS_MAX:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            actions = [k for k in _BUTTON_ACTIONS if k in button]
            if len(actions) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode()) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not _URL_RE.match(str(button["url"])):
                raise bad_request(
                    f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL"
                )
    return rows


def scope_key(p: Params) -> tuple[str, str]:
    """(scope, language_code) key under which a command menu is kept."""
    scope = p.obj("scope", "scope")
    if scope is not None and not isinstance(scope, dict):
        raise bad_request("can't parse scope JSON object")
    if not scope or scope.get("type") == "default":
        key = "default"
    else:
        key = json.dumps(scope, sort_keys=True)
    lang = p.text("language_code") or ""
    if lang and not re.fullmatch(r"[a-z]{2}", lang):
        raise ApiError(400, "Bad Request: invalid language code specified")
    return key, lang
