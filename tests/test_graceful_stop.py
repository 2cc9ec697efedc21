"""`frammote run` as a real process: SIGTERM stops it within 10 s with exit code 0, also
when Telegram does not answer, and the update in hand is handled first."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.support.telegram import TOKEN

ROOT = Path(__file__).resolve().parents[1]
FRAMMOTE = [sys.executable, "-c", "import sys; from backend.cli import main; sys.exit(main())"]
WEB_LINE = re.compile(r"Web backend: (http://[\d.]+:\d+)/")


class Process:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.log: list[str] = []
        self.draining: asyncio.Future[None] | None = None

    async def web_root(self) -> str:
        """The address the process reports, read from its log (it binds port 0)."""
        assert self.proc.stderr is not None
        async with asyncio.timeout(30):
            while True:
                line = (await self.proc.stderr.readline()).decode()
                assert line, f"the process ended: {''.join(self.log)}"
                self.log.append(line)
                found = WEB_LINE.search(line)
                if found:
                    self.draining = asyncio.ensure_future(self._drain())
                    return found.group(1)

    async def _drain(self) -> None:
        assert self.proc.stderr is not None
        async for line in self.proc.stderr:
            self.log.append(line.decode())

    async def stop(self) -> tuple[int, float]:
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(20):
                code = await self.proc.wait()
        except TimeoutError:
            self.proc.kill()
            raise AssertionError(f"no exit 20 s after SIGTERM: {''.join(self.log)}") from None
        return code, time.monotonic() - started


@pytest.fixture
async def start(tmp_path: Path) -> AsyncIterator[Any]:
    started: list[Process] = []

    async def run(api_url: str) -> Process:
        env = {
            **{k: v for k, v in os.environ.items() if k in ("PATH", "LANG")},
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api_url,
            "DATABASE_URL": f"sqlite://{tmp_path / 'frammote.db'}",
            "FRAMMOTE_HTTP": "127.0.0.1:0",
            "LOG_FORMAT": "json",
        }
        proc = await asyncio.create_subprocess_exec(
            *FRAMMOTE, "run", cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE
        )
        started.append(Process(proc))
        return started[-1]

    yield run
    for process in started:
        if process.proc.returncode is None:
            process.proc.kill()
            await process.proc.wait()


async def health(root: str) -> dict[str, str]:
    async with aiohttp.ClientSession() as http, http.get(f"{root}/healthz") as response:
        return await response.json()  # type: ignore[no-any-return]


async def test_sigterm_stops_within_10_s_while_telegram_cannot_be_reached(start: Any) -> None:
    # An address that takes connections into its backlog and never answers: a request
    # waits for its timeout, as one to a Telegram that cannot be reached does.
    hole = socket.create_server(("127.0.0.1", 0), backlog=0)
    try:
        process = await start(f"http://127.0.0.1:{hole.getsockname()[1]}")
        root = await process.web_root()
        assert (await health(root))["bot"] == "stopped"  # still trying to reach Telegram
        await asyncio.sleep(6)  # past the first try's timeout, into the pause between tries
        code, seconds = await process.stop()
    finally:
        hole.close()
    assert code == 0, "".join(process.log)
    assert seconds < 10
    events = [json.loads(line)["event"] for line in process.log if line.startswith("{")]
    assert "Telegram cannot be reached (TimedOut); trying again in 2 s" in events


class SilentTelegram:
    """Answers start-up, hands out one update, then answers getUpdates never again."""

    def __init__(self) -> None:
        self.sent: list[dict[str, str]] = []
        self.update_taken = asyncio.Event()
        self.handed_out = False

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = dict(await request.post())
        result: Any = True
        if method == "getMe":
            result = {"id": 123456789, "is_bot": True, "first_name": "Frammøte",
                      "username": "frammote_test_bot"}  # fmt: skip
        elif method == "getUpdates":
            if self.handed_out:
                await asyncio.sleep(3600)  # Telegram has gone silent
            self.handed_out = True
            self.update_taken.set()
            result = [UPDATE]
        elif method == "sendMessage":
            await asyncio.sleep(1)  # the handler is busy with the reply when SIGTERM comes
            self.sent.append({k: str(v) for k, v in form.items()})
            result = {"message_id": len(self.sent) + 1, "date": int(time.time()),
                      "chat": {"id": int(str(form["chat_id"])), "type": "private"},
                      "text": str(form.get("text", ""))}  # fmt: skip
        return web.json_response({"ok": True, "result": result})


UPDATE = {
    "update_id": 7,
    "message": {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": 4242, "type": "private", "first_name": "Eva"},
        "from": {"id": 4242, "is_bot": False, "first_name": "Eva", "language_code": "nb"},
        "text": "hei",
    },
}


async def test_sigterm_finishes_the_update_in_hand_when_telegram_goes_silent(
    start: Any,
) -> None:
    telegram = SilentTelegram()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", telegram.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        process = await start(f"http://127.0.0.1:{port}")
        await process.web_root()
        async with asyncio.timeout(20):
            await telegram.update_taken.wait()
        await asyncio.sleep(0.3)  # the update is being handled: its reply is on its way
        code, seconds = await process.stop()
    finally:
        await runner.cleanup()
    assert code == 0, "".join(process.log)
    assert seconds < 10
    assert [(m["chat_id"], "invitasjon" in m["text"]) for m in telegram.sent] == [("4242", True)]
