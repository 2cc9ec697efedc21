"""Refused sign-ins are held back per address: sign-in links and /api/sessions alike."""

from __future__ import annotations

from datetime import timedelta

from backend.access import sign_in as auth
from tests.web.conftest import NONCE, Web

WAIT = "For mange forsøk på å logge inn. Vent et kvarter og prøv igjen."


async def test_api_sessions_answers_429_after_ten_refused_tokens(web: Web) -> None:
    for attempt in range(10):
        wrong = await web.client.post("/api/sessions", json={"token": f"guess-{attempt}"})
        assert wrong.status == 403
    good = (await auth.issue_login_link(web.coordinator, web.clock())).rsplit("/", 1)[1]
    held = await web.client.post("/api/sessions", json={"token": good})
    assert held.status == 429
    assert held.headers["Retry-After"] == "900"
    assert (await held.json()) == {"error": WAIT}
    # After the window the address may sign in again.
    web.clock.now += timedelta(minutes=15, seconds=1)
    fresh = (await auth.issue_login_link(web.coordinator, web.clock())).rsplit("/", 1)[1]
    assert (await web.client.post("/api/sessions", json={"token": fresh})).status == 201


async def test_sign_in_links_share_the_limit(web: Web) -> None:
    for attempt in range(10):
        assert (await web.client.post("/api/sessions", json={"token": f"x{attempt}"})).status == 403
    path = await auth.issue_login_link(web.coordinator, web.clock())
    form = await web.client.get(path)
    nonce = NONCE.search(await form.text())
    assert nonce is not None
    held = await web.client.post(path, data={"nonce": nonce.group(1)})
    assert held.status == 429 and WAIT in await held.text()
