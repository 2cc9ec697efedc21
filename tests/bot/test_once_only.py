"""The webhook route handles each update once and answers only after it is handled.

Telegram delivers an update again when its call gets no 2xx answer (after a crash, a
timeout, a 503), so every test here posts one update as Telegram would, more than once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from backend.models import Absence, HandledUpdate, LinkRole, OutboxMessage, OutboxStatus
from backend.shared.config import load_settings
from backend.telegram_standin import TelegramStandin
from backend.updates import once
from backend.updates.rules import UpdateState
from bot.app import build_application
from bot.delivery import deliver_outbox
from bot.handlers import participant
from bot.once import OnceOnly
from bot.webhook import WEBHOOK_PATH, add_webhook_route
from tests.support.telegram import TOKEN, Clock
from tests.support.world import World, build_world, link

KARI, LISE = 1001, 1003
SECRET = "s3cret-value"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
SICK_TODAY = "abk:{kari}:260407:260407:si"  # Tuesday 7 April 2026, the clock's day


@dataclass
class Replica:
    """One process's bot and webhook route; the test posts updates as Telegram does."""

    standin: TelegramStandin
    client: TestClient
    world: World
    bot: Any
    clock: Clock

    async def send_outbox(self) -> None:
        """What the leader's sender does next: send what the handlers wrote."""
        await deliver_outbox(self.bot, self.clock())

    async def post(self, update: dict[str, Any]) -> int:
        response = await self.client.post(WEBHOOK_PATH, json=update, headers=HEADERS)
        return response.status

    async def tap_sick_today(self) -> dict[str, Any]:
        """Kari taps "sick, today" (on a message gone: the answer comes as a new one)."""
        data = SICK_TODAY.format(kari=self.world.kari.id)
        await self.standin.tap(KARI, 9999, data, force=True)
        return self.standin.pending_updates()[-1]

    def texts(self, chat: int, part: str) -> list[str]:
        return [m.text for m in self.standin.messages(chat) if m.from_bot and part in m.text]


@pytest.fixture
async def replica(db: str, standin: TelegramStandin, clock: Clock) -> AsyncIterator[Replica]:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    settings = load_settings(
        env={"TELEGRAM_API_URL": standin.api_root, "DATABASE_URL": db}, env_file=None
    )
    bot_app = build_application(settings, TOKEN, clock=clock)
    web_app = web.Application()
    add_webhook_route(web_app, bot_app.bot, OnceOnly(bot_app).handle, SECRET)
    async with bot_app, TestClient(TestServer(web_app)) as client:
        await bot_app.start()
        try:
            replica = Replica(standin, client, world, bot_app.bot, clock)
            for user in (LISE, KARI):  # both have pressed Start
                await standin.send_text(user, "/start")
                assert await replica.post(standin.pending_updates()[-1]) == 200
            yield replica
        finally:
            await bot_app.stop()


async def test_the_same_update_twice_is_one_absence_and_one_notice(replica: Replica) -> None:
    update = await replica.tap_sick_today()
    assert await replica.post(update) == 200
    await replica.send_outbox()
    assert await replica.post(update) == 200  # delivered again: changes nothing, sends nothing
    await replica.send_outbox()
    assert await Absence.all().count() == 1
    notices = await OutboxMessage.filter(template="absence_reported").all()
    assert [(n.chat_id, n.status) for n in notices] == [(LISE, OutboxStatus.SENT)]
    assert replica.texts(LISE, "er borte") == ["Kari Nordmann er borte: tirsdag 7. april (syk)."]
    assert len(replica.texts(KARI, "Takk! Du er meldt borte")) == 1
    assert len(replica.texts(KARI, "Meldt fra før")) == 0
    row = await HandledUpdate.get(update_id=update["update_id"])
    assert row.state == UpdateState.DONE and row.done_at is not None


async def test_an_update_another_live_replica_holds_gets_503_then_is_taken_over(
    replica: Replica,
) -> None:
    update = await replica.tap_sick_today()
    now = datetime.now(UTC)
    await once.take(update["update_id"], "other-replica:1:a", now)  # it beats: alive
    assert await replica.post(update) == 503
    assert await Absence.all().count() == 0
    # The other replica died a while ago (its heartbeat is 30 s old): taken over.
    await HandledUpdate.filter(update_id=update["update_id"]).update(
        heartbeat_at=now - timedelta(seconds=30)
    )
    assert await replica.post(update) == 200
    assert await Absence.all().count() == 1
    row = await HandledUpdate.get(update_id=update["update_id"])
    assert row.state == UpdateState.DONE and row.holder != "other-replica:1:a"


async def test_a_half_handled_report_done_again_stores_and_queues_nothing_new(
    replica: Replica,
) -> None:
    """The absence and its notice were written, then the reply to Kari failed (and so did
    the apology): the update is not answered 2xx; its next delivery finishes the work."""
    update = await replica.tap_sick_today()
    replica.standin.inject_fault("sendMessage", 500, count=2, chat_id=KARI)  # reply, apology
    assert await replica.post(update) == 500
    assert await Absence.all().count() == 1
    assert await OutboxMessage.filter(template="absence_reported").count() == 1
    assert await HandledUpdate.filter(update_id=update["update_id"]).count() == 0  # released
    assert await replica.post(update) == 200
    await replica.send_outbox()
    assert await Absence.all().count() == 1
    assert await OutboxMessage.filter(template="absence_reported").count() == 1
    assert replica.texts(LISE, "er borte") == ["Kari Nordmann er borte: tirsdag 7. april (syk)."]
    assert replica.texts(KARI, "Meldt fra før") == ["Meldt fra før: tirsdag 7. april."]


async def test_a_failure_answered_with_the_apology_is_handled(
    replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(participant, "report_absence", broken)
    update = await replica.tap_sick_today()
    assert await replica.post(update) == 200  # the user was told to try again
    assert replica.texts(KARI, "Beklager") == ["Beklager, noe gikk galt. Prøv igjen."]
    assert (await HandledUpdate.get(update_id=update["update_id"])).state == UpdateState.DONE
    assert await replica.post(update) == 200
    assert replica.texts(KARI, "Beklager") == ["Beklager, noe gikk galt. Prøv igjen."]


async def test_a_tap_answered_by_a_replica_that_died_still_gets_its_reply(
    replica: Replica,
) -> None:
    """The dead replica answered the tap's query; Telegram refuses a second answer, and the
    report and its confirmation go through all the same."""
    update = await replica.tap_sick_today()
    query_id = update["callback_query"]["id"]
    replica.standin.hub.resolve().open_callbacks.pop(query_id)  # answered by the dead one
    assert await replica.post(update) == 200
    assert len(replica.texts(KARI, "Takk! Du er meldt borte")) == 1
    assert replica.texts(KARI, "Beklager") == []
    assert await Absence.all().count() == 1
