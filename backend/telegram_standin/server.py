"""TelegramStandin: an aiohttp server speaking the Bot API subset a PTB v22 bot uses."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from importlib import resources
from typing import Any

import aiohttp
from aiohttp import web

from .botapi import BotApi
from .control import add_control_routes
from .hub import Hub
from .limits import FloodLimits, Refusal
from .params import Upload
from .state import ApiError, BotState, Fault, Hold, SentMessage
from .users import UserSide

__all__ = ["ApiError", "SentMessage", "TelegramStandin"]

log = logging.getLogger(__name__)

DEFAULT_PERSONAS: list[tuple[int, str, str]] = [
    (1001, "Kari Nordmann", "Deltaker"),
    (1002, "Ola Nordmann", "Pårørende"),
    (1003, "Ingrid Hansen", "Ansatt"),
]
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected fault",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: injected fault",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class TelegramStandin(UserSide):
    """A local Telegram: Bot API under /bot{token}/, control API under /control/, demo at /."""

    def __init__(
        self,
        bot_username: str = "frammote_demo_bot",
        bot_first_name: str = "Frammøte",
        personas: list[tuple[int, str, str]] | None = None,
        *,
        max_poll_timeout: float = 10.0,
        webhook_first_retry: float = 0.05,
        webhook_longest_retry: float = 1.0,
        webhook_timeout: float = 60.0,
        limits: FloodLimits | None = None,
    ) -> None:
        self.hub = Hub(bot_username, bot_first_name, list(personas or DEFAULT_PERSONAS))
        self.hub.on_webhook = self._start_webhook
        self.api = BotApi(self.hub, max_poll_timeout, limits)
        # An update not answered 2xx is posted again, as Telegram does (for hours, with
        # growing pauses); here the pause doubles from the first up to the longest.
        self.webhook_first_retry = webhook_first_retry
        self.webhook_longest_retry = webhook_longest_retry
        self.webhook_timeout = webhook_timeout  # seconds one webhook call may take
        self.api_root = ""
        # Pages of the demo shown beside the chats (title, address), e.g. the door's tablet.
        self.links: list[tuple[str, str]] = []
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.app = web.Application(client_max_size=60 * 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        self.app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        self.app.router.add_get("/", self._handle_demo)
        add_control_routes(self.app, self)

    # -- lifecycle ----------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on host:port (0 picks a free port); returns the root URL."""
        # handler_cancellation ends long polls whose client went away (PTB cancels on stop).
        self._runner = web.AppRunner(
            self.app, handler_cancellation=True, shutdown_timeout=2.0, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        real_port = self._runner.addresses[0][1]
        shown = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "[::1]"}.get(host, host)
        if ":" in shown and not shown.startswith("["):
            shown = f"[{shown}]"
        self.api_root = f"http://{shown}:{real_port}"
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self.api_root

    async def stop(self) -> None:
        # Wake every long poll first so the runner's shutdown does not wait on them.
        self.hub.closing = True
        self.hub.changed.notify()
        tasks = []
        for state in self.hub.bots.values():
            state.updates_signal.notify()
            if state.webhook_task:
                state.webhook_task.cancel()
                tasks.append(state.webhook_task)
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._runner:
            await self._runner.cleanup()
            self._runner = None
        if self._session:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> TelegramStandin:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- test conveniences ------------------------------------------------------------
    @property
    def personas(self) -> list[tuple[int, str, str]]:
        return self.hub.personas

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        return self.hub.callback_answers

    def inject_fault(
        self,
        method: str = "sendMessage",
        error_code: int = 429,
        retry_after: int = 1,
        count: int = 1,
        chat_id: int | None = None,
        description: str | None = None,
        *,
        token: str | None = None,
    ) -> Fault:
        """The next `count` matching calls fail with Telegram's error shape."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if error_code == 429
                else _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
            )
        fault = Fault(
            method=method.lower(),
            error_code=error_code,
            description=description,
            remaining=count,
            retry_after=retry_after,
            chat_id=chat_id,
            token=token,
        )
        self.hub.faults.append(fault)
        return fault

    @property
    def limits(self) -> FloodLimits:
        """Telegram's flood limits, per token (see .limits); `enabled = False` lifts them."""
        return self.api.limits

    @property
    def too_many_requests(self) -> list[Refusal]:
        """Every 429 the limits answered, in order."""
        return list(self.api.limits.refused)

    def clear_faults(self) -> None:
        self.hub.faults.clear()

    def hold(self, method: str, chat_id: int | None = None) -> Hold:
        """The next matching call succeeds, but its answer waits for `Hold.release()`:
        `Hold.reached` is set once the call is in, the way a process that is killed
        while it waits for Telegram's answer leaves things."""
        held = Hold(method.lower(), chat_id)
        self.hub.holds.append(held)
        return held

    def commands(
        self, token: str | None = None, scope: str | dict[str, Any] = "default"
    ) -> dict[str, list[dict[str, str]]]:
        """Command menus of one scope keyed by language_code ("" = all languages)."""
        if not self.hub.bots and token is None:
            return {}
        state = self.hub.resolve(token)
        key = scope if isinstance(scope, str) else json.dumps(scope, sort_keys=True)
        return {lang: list(cmds) for (s, lang), cmds in state.commands.items() if s == key}

    def pending_updates(self, token: str | None = None) -> list[dict[str, Any]]:
        """Updates created but not yet confirmed by the bot."""
        return list(self.hub.resolve(token).updates)

    # -- HTTP handlers ----------------------------------------------------------------
    async def _handle_api(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        try:
            params = await _request_params(request)
            result = await self.api.call(token, method, params)
            await self._wait_if_held(method, params)
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.error_code)
        except Exception:  # a stand-in bug must look like a server error, not hang the bot
            log.exception("stand-in failed on %s", method)
            error = ApiError(500, "Internal Server Error")
            return web.json_response(error.payload(), status=500)
        return web.json_response({"ok": True, "result": result})

    async def _wait_if_held(self, method: str, params: dict[str, Any]) -> None:
        held = next((h for h in self.hub.holds if h.matches(method, params.get("chat_id"))), None)
        if held is None:
            return
        self.hub.holds.remove(held)
        held.reached.set()
        await held.released.wait()

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self.hub.bot(request.match_info["token"])
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.error_code)
        path = request.match_info["file_path"]
        stored = next((f for f in self.hub.files.values() if f.file_path == path), None)
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    async def _handle_demo(self, request: web.Request) -> web.Response:
        page = resources.files(__package__).joinpath("demo.html").read_text("utf-8")
        personas = [{"user_id": u, "name": n, "role": r} for u, n, r in self.personas]
        # Escape "<" so a name can never close the <script> element.
        data = json.dumps(personas, ensure_ascii=False).replace("<", "\\u003c")
        page = page.replace("/*PERSONAS*/[]", data)
        links = [{"title": title, "url": url} for title, url in self.links]
        page = page.replace(
            "/*LINKS*/[]", json.dumps(links, ensure_ascii=False).replace("<", "\\u003c")
        )
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    # -- webhook delivery ---------------------------------------------------------------
    def _start_webhook(self, state: BotState) -> None:
        if state.webhook_task is None or state.webhook_task.done():
            state.webhook_task = asyncio.get_running_loop().create_task(self._deliver(state))

    async def _deliver(self, state: BotState) -> None:
        """Push pending updates to the webhook one at a time, in order.

        Each is posted until the webhook answers 2xx; the next waits for it. An update
        leaves the queue only when answered (or dropped by setWebhook/deleteWebhook).
        """
        while state.webhook_url and not self.hub.closing:
            if not state.updates:
                await state.updates_signal.wait(1.0)
                continue
            update = state.updates[0]
            if await self._post_update(state, update) and _first(state) is update:
                state.updates.pop(0)
            await asyncio.sleep(0)  # whatever happened, let the loop breathe

    async def _post_update(self, state: BotState, update: dict[str, Any]) -> bool:
        """Post the update until it is answered 2xx (True); False once the webhook is
        removed, the update dropped or the stand-in stopping."""
        attempt = 0
        while (
            state.webhook_url
            and not self.hub.closing
            and self._session is not None
            and _first(state) is update
        ):
            if attempt:
                pause = self.webhook_first_retry * 2 ** min(attempt - 1, 30)
                await asyncio.sleep(min(pause, self.webhook_longest_retry))
            attempt += 1
            error = await self._post_once(state, update)
            if error is None:
                return True
            state.webhook_last_error = (int(time.time()), error)
            if attempt == 1 or attempt % 50 == 0:
                log.info(
                    "webhook: update %s not taken (%s); posting it again",
                    update["update_id"],
                    error,
                )
        return False

    async def _post_once(self, state: BotState, update: dict[str, Any]) -> str | None:
        """One webhook call: None when answered 2xx, else what went wrong."""
        if self._session is None or not state.webhook_url:
            return "stopped"
        headers = {"Content-Type": "application/json"}
        if state.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = state.webhook_secret
        try:
            async with self._session.post(
                state.webhook_url,
                data=json.dumps(update),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
            ) as resp:
                if 200 <= resp.status < 300:
                    return None
                return f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return f"Connection failed: {exc or type(exc).__name__}"


def _first(state: BotState) -> dict[str, Any] | None:
    return state.updates[0] if state.updates else None


async def _request_params(request: web.Request) -> dict[str, Any]:
    """Query string plus JSON, urlencoded or multipart body, files as Upload."""
    params: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = Upload(value.filename, value.content_type, value.file.read())
        else:
            params[key] = value
    return params
