"""The web app over real HTTP on loopback, on the test database, with a settable clock."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from backend.access import sign_in as auth
from backend.models import Staff, StaffRole
from backend.people import registry as people
from backend.web.app import create_app
from backend.web.keys import BOT_USERNAME
from tests.support.telegram import Clock
from tests.support.world import World, build_world

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NONCE = re.compile(r'name="nonce" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@dataclass
class Web:
    client: TestClient
    world: World
    clock: Clock
    coordinator: Staff
    csrf: str = ""

    async def sign_in(self, staff: Staff) -> None:
        """Through the one-time link, as a person does: open it, press the button."""
        self.client.session.cookie_jar.clear()
        path = await auth.issue_login_link(staff, self.clock())
        form = await self.client.get(path)
        assert form.status == 200
        nonce = NONCE.search(await form.text())
        assert nonce is not None
        done = await self.client.post(path, data={"nonce": nonce.group(1)})
        assert done.status == 200, await done.text()  # followed the redirect home
        self.csrf = csrf_of(await done.text())

    async def post(
        self, path: str, data: dict[str, str] | list[tuple[str, str]] | None = None, **kw: object
    ) -> ClientResponse:
        pairs = list(data.items()) if isinstance(data, dict) else list(data or [])
        return await self.client.post(path, data=[("csrf_token", self.csrf), *pairs], **kw)


@pytest.fixture
async def web(db: str, clock: Clock) -> AsyncIterator[Web]:
    world = await build_world()
    coordinator = await people.add_staff(
        "AOK", "S3", "Kim Koordinator", StaffRole.COORDINATOR, actor="test"
    )
    app = create_app(clock=clock)
    app[BOT_USERNAME] = lambda: "frammote_test_bot"
    async with TestClient(TestServer(app)) as client:
        yield Web(client, world, clock, coordinator)
