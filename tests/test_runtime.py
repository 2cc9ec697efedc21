"""The whole process as `frammote run` and `frammote demo` start it: bot, web app, database."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from backend.config import Settings, load_settings
from backend.telegram_standin import TelegramStandin
from bot.runtime import serve, serve_demo
from tests.support.telegram import TOKEN


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(db_url: str, **env: str) -> Settings:
    return load_settings(
        env={"DATABASE_URL": db_url, "FRAMMOTE_HTTP": f"127.0.0.1:{free_port()}", **env},
        env_file=None,
    )


async def running(main: Awaitable[None], settings: Settings) -> asyncio.Task[None]:
    """Start the process in a task and wait until its health check says the bot runs."""
    task = asyncio.ensure_future(main)
    url = f"http://{settings.http_host}:{settings.http_port}/healthz"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if task.done():
                task.result()
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return task
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
    base = f"http://{settings.http_host}:{settings.http_port}"
    task = await running(serve(settings, stop=stop), settings)
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
    base = f"http://{settings.http_host}:{settings.http_port}"
    # Telegram insists on https; the stand-in on loopback takes plain http.
    settings = replace(settings, webhook_url=base, webhook_secret="s3cret-value")
    task = await running(serve(settings, stop=stop), settings)
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


async def test_demo_serves_chat_page_and_the_bot_answers_there(
    tmp_path: Path, stop: asyncio.Event
) -> None:
    settings = settings_for(f"sqlite://{tmp_path / 'demo.db'}")
    chats = f"http://{settings.http_host}:{settings.http_port + 1}"
    task = await running(serve_demo(settings, stop=stop), settings)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{chats}/") as response:
            page = await response.text()
            assert "Kari Nordmann" in page and "Ingrid Hansen" in page
        async with http.post(
            f"{chats}/control/users/1001/text", json={"text": "/meny"}
        ) as response:
            assert response.status == 200
        async with http.get(f"{chats}/control/chats/1001/messages?after=1&wait=5") as response:
            messages = (await response.json())["messages"]
    bot_texts = [m["text"] for m in messages if m["from_bot"]]
    assert any("Hei, Kari" in text for text in bot_texts)  # demo data linked Kari already
    stop.set()
    await asyncio.wait_for(task, 10)
