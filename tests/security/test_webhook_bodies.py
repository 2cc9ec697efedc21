"""The Telegram webhook route: the secret first, then one well-formed update or a 400.

Telegram re-delivers on any non-2xx answer, but it sends only well-formed updates; a
malformed body with the right secret is not Telegram's, and is refused.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Bot, Update

from bot.once import Answer
from bot.webhook import WEBHOOK_PATH, add_webhook_route, update_of
from tests.support.telegram import TOKEN

SECRET = "s3cret-value"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
MESSAGE = {
    "message_id": 1,
    "date": 1775548800,
    "chat": {"id": 1001, "type": "private"},
    "from": {"id": 1001, "is_bot": False, "first_name": "Kari"},
    "text": "hei",
}
BOT = Bot(TOKEN)


class Received:
    """The route with a stand-in for the handling: it records each update it is given."""

    def __init__(self, client: TestClient, handled: list[Update]) -> None:
        self.client, self.handled = client, handled

    async def post(self, body: bytes, headers: dict[str, str] | None = None) -> int:
        response = await self.client.post(WEBHOOK_PATH, data=body, headers=headers or HEADERS)
        return response.status

    def taken(self) -> list[Update]:
        found = list(self.handled)
        self.handled.clear()
        return found


@pytest.fixture
async def webhook() -> AsyncIterator[Received]:
    handled: list[Update] = []

    async def handle(update: Update) -> Answer:
        handled.append(update)
        return Answer.HANDLED

    app = web.Application()
    add_webhook_route(app, BOT, handle, SECRET)
    async with TestClient(TestServer(app)) as client:
        yield Received(client, handled)


MALFORMED = [
    b"[1]",
    b"42",
    b"null",
    b'"update"',
    b"{}",
    b"[" * 5000 + b"]" * 5000,
    b'{"update_id": 1, "message": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"",
    b"not json",
    b"\xff\xfe{",
    b'{"update_id": "1"}',
    b'{"update_id": true}',
    b'{"update_id": 1.5}',
    b'{"update_id": 1, "message": 5}',
    b'{"update_id": 1, "message": {"text": "hei"}}',
    b'{"update_id": 1, "callback_query": {"id": "1"}}',
    json.dumps({"update_id": 1, "message": {**MESSAGE, "date": 10**20}}).encode(),
]


@pytest.mark.parametrize("body", MALFORMED, ids=[repr(b[:30]) for b in MALFORMED])
async def test_a_malformed_body_with_the_secret_is_refused(webhook: Received, body: bytes) -> None:
    assert await webhook.post(body) == 400
    assert webhook.taken() == []


@pytest.mark.parametrize("secret", ["", "wrong", "s3cret-valuE", "søt", "s3cret-valu"])
async def test_without_the_secret_nothing_is_read(webhook: Received, secret: str) -> None:
    headers = {**HEADERS, "X-Telegram-Bot-Api-Secret-Token": secret}
    body = json.dumps({"update_id": 7, "message": MESSAGE}).encode()
    assert await webhook.post(body, headers) == 403
    assert await webhook.post(b"[1]", headers) == 403
    assert webhook.taken() == []


async def test_an_update_is_handled(webhook: Received) -> None:
    body = json.dumps({"update_id": 7, "message": MESSAGE}).encode()
    assert await webhook.post(body) == 200
    [update] = webhook.taken()
    assert update.update_id == 7
    assert update.effective_message is not None and update.effective_message.text == "hei"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
# Near-updates: the right keys with values of any type, so PTB's own parsing is reached.
NEAR_UPDATES = st.fixed_dictionaries(
    {"update_id": st.integers(min_value=-(2**63), max_value=2**63)},
    optional={
        "message": st.fixed_dictionaries(
            {k: JSON_VALUES for k in MESSAGE if k != "text"}, optional={"text": JSON_VALUES}
        )
        | JSON_VALUES,
        "callback_query": st.dictionaries(
            st.sampled_from(["id", "from", "chat_instance", "data", "message"]), JSON_VALUES
        ),
        "edited_message": JSON_VALUES,
    },
)


@settings(max_examples=300, derandomize=True, database=None)
@given(body=JSON_VALUES | NEAR_UPDATES)
def test_any_json_body_is_an_update_or_refused_never_an_error(body: Any) -> None:
    found = update_of(json.dumps(body).encode(), BOT)
    assert found is None or isinstance(found, Update)
    if found is not None:
        assert isinstance(body, dict) and body["update_id"] == found.update_id


@settings(max_examples=200, derandomize=True, database=None)
@given(body=st.binary(max_size=200))
def test_any_bytes_are_an_update_or_refused_never_an_error(body: bytes) -> None:
    found = update_of(body, BOT)
    assert found is None or isinstance(found, Update)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=JSON_VALUES | NEAR_UPDATES)
async def test_the_route_answers_200_or_400_to_any_json(webhook: Received, body: Any) -> None:
    status = await webhook.post(json.dumps(body).encode())
    handled = webhook.taken()
    assert (status, len(handled)) in ((200, 1), (400, 0))
