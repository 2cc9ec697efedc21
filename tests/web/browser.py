"""Headless Chromium (Debian's package) driven by Playwright, and a live app on loopback."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, async_playwright

from backend.web.app import create_app
from backend.web.keys import BOT_USERNAME
from tests.support.telegram import Clock

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Every visible form control must have a name a screen reader can read.
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden')
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id)"""


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def live_app(clock: Clock) -> AsyncIterator[str]:
    app = create_app(clock=clock)
    app[BOT_USERNAME] = lambda: "frammote_test_bot"
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/")
    finally:
        await server.close()


async def unlabelled(page: Page) -> list[str]:
    return await page.evaluate(UNLABELLED)
