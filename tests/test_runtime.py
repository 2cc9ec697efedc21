"""The whole process as `frammote run` and `frammote demo` start it: bot, web app, database."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from backend.shared.config import Settings, load_settings
from backend.telegram_standin import TelegramStandin
from bot.runtime import Listening, OnListening, serve, serve_demo
from tests.support.telegram import TOKEN, Clock


def settings_for(db_url: str, **env: str) -> Settings:
    # Port 0: the process binds a port the system picks and reports it (no port is
    # looked up free first and bound later, which another process could take between).
    # The demo's Kari has read-aloud on: her voice notes go to a temporary folder, not
    # into the working directory's data/.
    voice = str(Path(tempfile.gettempdir()) / "frammote-test-voice")
    return load_settings(
        env={
            "DATABASE_URL": db_url,
            "FRAMMOTE_HTTP": "127.0.0.1:0",
            "FRAMMOTE_VOICE_CACHE": voice,
            **env,
        },
        env_file=None,
    )


def loopback_socket() -> socket.socket:
    """Bound to a port the system picks, kept bound until the process serves on it."""
    return socket.create_server(("127.0.0.1", 0))


async def running(
    main: Callable[[OnListening], Awaitable[None]],
) -> tuple[asyncio.Task[None], Listening]:
    """Start the process in a task; once it reports where it listens, wait until healthy."""
    reported: asyncio.Future[Listening] = asyncio.get_running_loop().create_future()
    task = asyncio.ensure_future(main(reported.set_result))
    # Generous: a start on a busy machine (migrations, demo data) can take long seconds.
    done, _ = await asyncio.wait({task, reported}, timeout=60, return_when="FIRST_COMPLETED")
    if task in done:
        task.result()
    assert reported in done, "the process never said where it listens"
    listening = reported.result()
    url = f"{listening.web}/healthz"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if task.done():
                task.result()
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return task, listening
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError(f"{url} never became healthy")


@pytest.fixture
async def stop() -> AsyncIterator[asyncio.Event]:
    event = asyncio.Event()
    yield event
    event.set()


async def test_polling_mode_answers_and_reports_health(
    db_url: str, standin: TelegramStandin, stop: asyncio.Event
) -> None:
    settings = settings_for(db_url, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=standin.api_root)
    task, listening = await running(lambda on: serve(settings, stop=stop, on_listening=on))
    base = listening.web
    await standin.send_text(4242, "hei", first_name="Eva")
    answer = await standin.wait_for(4242)
    assert "invitasjon" in answer.text
    async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"database": "ok", "bot": "polling"}
    assert {c["command"] for c in standin.commands()[""]} >= {"start", "meny", "kafe"}
    stop.set()
    await asyncio.wait_for(task, 10)


async def test_webhook_mode_receives_updates_with_the_secret_only(
    db_url: str, standin: TelegramStandin, stop: asyncio.Event
) -> None:
    settings = settings_for(db_url, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=standin.api_root)
    # The webhook URL names the port, so the test binds it first and hands the socket over.
    listen = loopback_socket()
    base = f"http://127.0.0.1:{listen.getsockname()[1]}"
    # Telegram insists on https; the stand-in on loopback takes plain http.
    settings = replace(settings, webhook_url=base, webhook_secret="s3cret-value")
    task, listening = await running(
        lambda on: serve(settings, stop=stop, on_listening=on, listen=listen)
    )
    assert listening.web == base
    await standin.send_text(4343, "/start", first_name="Eva")
    answer = await standin.wait_for(4343)
    assert "invitasjon" in answer.text
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/telegram/webhook", json={"update_id": 1}) as response:
            assert response.status == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        async with http.post(f"{base}/telegram/webhook", json={}, headers=headers) as response:
            assert response.status == 403
        async with http.get(f"{base}/healthz") as response:
            assert (await response.json())["bot"] == "webhook"
    stop.set()
    await asyncio.wait_for(task, 10)


async def demo_messages(
    http: aiohttp.ClientSession, chats: str, user: int, wanted: str
) -> list[dict[str, Any]]:
    """The chat's messages once a bot message containing `wanted` is there (or 5 s passed)."""
    seq = 0
    for _ in range(10):
        url = f"{chats}/control/chats/{user}/messages?after={seq}&wait=1"
        async with http.get(url) as response:
            body = await response.json()
        seq = body["seq"]
        if any(m["from_bot"] and wanted in m["text"] for m in body["messages"]):
            return body["messages"]
    raise AssertionError(f"chat {user} never got {wanted!r}")


async def tap(
    http: aiohttp.ClientSession, chats: str, user: int, message: dict[str, Any], label: str
) -> None:
    data = next(b["data"] for row in message["buttons"] for b in row if label in b["text"])
    payload = {"message_id": message["message_id"], "data": data}
    async with http.post(f"{chats}/control/users/{user}/tap", json=payload) as response:
        assert response.status == 200


async def test_demo_serves_chat_page_and_a_report_reaches_staff(
    tmp_path: Path, stop: asyncio.Event, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(f"sqlite://{tmp_path / 'demo.db'}")
    # A Tuesday morning, so that Kari (Monday–Friday) is expected today.
    task, listening = await running(
        lambda on: serve_demo(settings, stop=stop, clock=Clock(), on_listening=on)
    )
    assert listening.chats is not None
    chats = listening.chats
    assert listening.web != chats and not listening.web.endswith(":0")
    printed = capsys.readouterr().out
    assert f"Demo chats:  {chats}/" in printed and f"Web backend: {listening.web}/" in printed
    feed = re.search(r"Calendar of Ingrid Hansen: (http://\S+/feeds/[\w-]+\.ics)", printed)
    assert feed is not None and feed.group(1).startswith(f"{listening.web}/feeds/")
    async with aiohttp.ClientSession() as http:
        async with http.get(feed.group(1)) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
            assert b"BEGIN:VCALENDAR" in await response.read()
        async with http.get(f"{chats}/") as response:
            page = await response.text()
            assert "Kari Nordmann" in page and "Ingrid Hansen" in page
            assert "Per Leder" in page and "Kim Koordinator" in page
        # The tablet at the door: its address is printed and linked beside the chats.
        door = re.search(r"Tablet at the door: (http://\S+/tablet/open/[\w-]+)", printed)
        assert door is not None and door.group(1).startswith(f"{listening.web}/tablet/open/")
        assert json.dumps(door.group(1)) in page
        jar = aiohttp.CookieJar(unsafe=True)  # the tablet's cookie, on 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=jar) as tablet:
            async with tablet.get(door.group(1)) as response:
                board = await response.text()
                assert response.status == 200 and str(response.url) == f"{listening.web}/tablet"
            kari_id = re.search(r'data-participant="(\d+)" data-name="Kari"', board)
            assert kari_id is not None and 'class="face symbol"' in board  # the others' symbols
            assert "Jonas" not in board  # Mondays, Wednesdays and Fridays
            assert f'src="/tablet/photos/{kari_id.group(1)}"' in board
            async with tablet.get(f"{listening.web}/tablet/photos/{kari_id.group(1)}") as response:
                assert response.status == 200 and response.content_type == "image/jpeg"
        # Every demo chat opens with its menu: the demo data linked them already.
        kari = await demo_messages(http, chats, 1001, "Hei, Kari")
        await demo_messages(http, chats, 1003, "Hei, Ingrid")
        menu = next(m for m in kari if m["from_bot"] and "Hei, Kari" in m["text"])
        await tap(http, chats, 1001, menu, "Jeg kommer ikke")
        kari = await demo_messages(http, chats, 1001, "Hvorfor")
        question = next(m for m in kari if m["from_bot"] and "Hvorfor" in m["text"])
        await tap(http, chats, 1001, question, "Syk")
        staff = await demo_messages(http, chats, 1003, "Kari Nordmann er borte")
        assert any("(syk)" in m["text"] for m in staff if m["from_bot"])
        # The coordinator signs in to the web pages from the chat: the link names the
        # port the web backend actually bound.
        payload = {"text": "/login", "first_name": "Kim"}
        async with http.post(f"{chats}/control/users/1005/text", json=payload) as response:
            assert response.status == 200
        kim = await demo_messages(http, chats, 1005, "/login/")
        text = next(m["text"] for m in kim if m["from_bot"] and "/login/" in m["text"])
        link = re.search(r"http://\S+/login/[\w-]+", text)
        assert link is not None and link.group(0).startswith(f"{listening.web}/login/")
        async with http.get(link.group(0)) as response:
            assert response.status == 200 and 'name="nonce"' in await response.text()
    stop.set()
    await asyncio.wait_for(task, 10)
