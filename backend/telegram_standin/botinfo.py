"""Bot API methods about the bot itself: identity, files, command menus, names."""

from __future__ import annotations

import re
from typing import Any

from .hub import Hub
from .params import Params, scope_key
from .state import BotState, ChatState, bad_request


class ProfileMethods:
    """Mixin for BotApi (which supplies `hub` and `_chat`)."""

    hub: Hub

    def _chat(self, state: BotState, p: Params, blockable: bool = True) -> ChatState:
        raise NotImplementedError

    # -- identity -----------------------------------------------------------------
    async def api_getme(self, state: BotState, p: Params) -> dict[str, Any]:
        return self.hub.bot_user(state) | {
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def api_close(self, state: BotState, p: Params) -> bool:
        return True

    async def api_logout(self, state: BotState, p: Params) -> bool:
        return True

    # -- files ------------------------------------------------------------------------
    async def api_getfile(self, state: BotState, p: Params) -> dict[str, Any]:
        stored = self.hub.files.get(p.text("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    # -- commands and menus -------------------------------------------------------------
    async def api_setmycommands(self, state: BotState, p: Params) -> bool:
        commands = p.obj("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        clean: list[dict[str, str]] = []
        for cmd in commands:
            if not isinstance(cmd, dict):
                raise bad_request("can't parse BotCommand")
            name, desc = str(cmd.get("command", "")), str(cmd.get("description", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(desc.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name, "description": desc})
        key = scope_key(p)
        if clean:
            state.commands[key] = clean
        else:
            state.commands.pop(key, None)
        return True

    async def api_getmycommands(self, state: BotState, p: Params) -> list[dict[str, str]]:
        return state.commands.get(scope_key(p), [])

    async def api_deletemycommands(self, state: BotState, p: Params) -> bool:
        state.commands.pop(scope_key(p), None)
        return True

    async def api_setchatmenubutton(self, state: BotState, p: Params) -> bool:
        chat_id = self._chat(state, p, blockable=False).chat_id if p.has("chat_id") else None
        button = p.obj("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise bad_request("can't parse menu button JSON object")
        state.menu_buttons[chat_id] = button
        return True

    async def api_getchatmenubutton(self, state: BotState, p: Params) -> dict[str, Any]:
        chat_id = self._chat(state, p, blockable=False).chat_id if p.has("chat_id") else None
        return (
            state.menu_buttons.get(chat_id) or state.menu_buttons.get(None) or {"type": "commands"}
        )

    async def _set_text(self, state: BotState, p: Params, kind: str, limit: int) -> bool:
        value = p.text(kind) or ""
        if len(value) > limit:
            raise bad_request(f"{kind} is too long")
        state.texts[f"{kind}:{p.text('language_code') or ''}"] = value
        return True

    async def api_setmyname(self, state: BotState, p: Params) -> bool:
        return await self._set_text(state, p, "name", 64)

    async def api_setmydescription(self, state: BotState, p: Params) -> bool:
        return await self._set_text(state, p, "description", 512)

    async def api_setmyshortdescription(self, state: BotState, p: Params) -> bool:
        return await self._set_text(state, p, "short_description", 120)

    def _get_text(self, state: BotState, p: Params, kind: str) -> dict[str, str]:
        lang = p.text("language_code") or ""
        value = state.texts.get(f"{kind}:{lang}", state.texts.get(f"{kind}:", ""))
        if kind == "name" and not value:
            value = self.hub.bot_first_name
        return {kind: value}

    async def api_getmyname(self, state: BotState, p: Params) -> dict[str, str]:
        return self._get_text(state, p, "name")

    async def api_getmydescription(self, state: BotState, p: Params) -> dict[str, str]:
        return self._get_text(state, p, "description")

    async def api_getmyshortdescription(self, state: BotState, p: Params) -> dict[str, str]:
        return self._get_text(state, p, "short_description")
