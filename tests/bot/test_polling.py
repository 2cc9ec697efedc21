"""Long polling confirms an update to Telegram only once it is handled (bot/polling.py).

Telegram forgets every update below the offset of a getUpdates call. The stand-in keeps
what is not yet confirmed (`pending_updates`), which is what a restarted process gets.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from telegram import Bot, Update

from backend.telegram_standin import TelegramStandin
from bot.once import Answer
from bot.polling import Poller
from tests.support.telegram import TOKEN

KARI = 1001
Handle = Callable[[Update], Awaitable[Answer]]


@pytest.fixture
async def bot(standin: TelegramStandin) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{standin.api_root}/bot") as ours:
        yield ours


async def polled(bot: Bot, handle: Handle) -> tuple[Poller, asyncio.Event, asyncio.Task[None]]:
    poller = Poller(bot, handle, timeout=1, pause=0.05)
    stop = asyncio.Event()
    return poller, stop, asyncio.create_task(poller.run(stop))


def texts(updates: list[dict[str, object]]) -> list[str]:
    return [u["message"]["text"] for u in updates]  # type: ignore[index]


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("never happened")


async def test_an_update_in_hand_and_those_after_it_stay_with_telegram(
    standin: TelegramStandin, bot: Bot
) -> None:
    """The process dies while it handles the second update: Telegram still has the second
    and the third (PTB's Updater had fetched the next batch, confirming all three)."""
    handled: list[str] = []
    in_hand = asyncio.Event()

    async def handle(update: Update) -> Answer:
        assert update.message is not None and update.message.text is not None
        handled.append(update.message.text)
        if update.message.text == "andre":
            in_hand.set()
            await asyncio.Event().wait()  # never done: the process is about to die
        return Answer.HANDLED

    for text in ("første", "andre", "tredje"):
        await standin.send_text(KARI, text, token=TOKEN)
    _poller, _stop, task = await polled(bot, handle)
    await asyncio.wait_for(in_hand.wait(), 5)
    await asyncio.sleep(0.3)  # time enough to ask for (and so confirm) the next updates
    task.cancel()  # SIGKILL, as far as Telegram can tell
    assert handled == ["første", "andre"]
    # "første" too: the next getUpdates confirms it, after the batch. Its handled_update
    # row says it is done, so a restarted process changes nothing for it (bot/once.py).
    assert texts(standin.pending_updates(TOKEN)) == ["første", "andre", "tredje"]


async def test_an_update_not_handled_is_fetched_again_before_the_next(
    standin: TelegramStandin, bot: Bot
) -> None:
    handled: list[tuple[str, Answer]] = []
    answers = {"andre": [Answer.BUSY, Answer.FAILED, Answer.HANDLED]}

    async def handle(update: Update) -> Answer:
        assert update.message is not None and update.message.text is not None
        text = update.message.text
        answer = answers[text].pop(0) if text in answers else Answer.ALREADY
        handled.append((text, answer))
        return answer

    for text in ("første", "andre", "tredje"):
        await standin.send_text(KARI, text, token=TOKEN)
    poller, stop, task = await polled(bot, handle)
    await until(lambda: len(handled) == 5)
    assert poller.running
    stop.set()
    await asyncio.wait_for(task, 5)
    assert not poller.running
    assert handled == [
        ("første", Answer.ALREADY),  # handled before: confirmed, nothing done
        ("andre", Answer.BUSY),
        ("andre", Answer.FAILED),
        ("andre", Answer.HANDLED),
        ("tredje", Answer.ALREADY),
    ]
    assert standin.pending_updates(TOKEN) == []  # confirmed on the way out


async def test_an_error_while_handling_keeps_the_update(standin: TelegramStandin, bot: Bot) -> None:
    calls: list[str] = []

    async def handle(update: Update) -> Answer:
        calls.append("call")
        if len(calls) == 1:
            raise ConnectionError("the database is away")
        return Answer.HANDLED

    await standin.send_text(KARI, "første", token=TOKEN)
    _poller, stop, task = await polled(bot, handle)
    await until(lambda: len(calls) == 2)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert standin.pending_updates(TOKEN) == []


async def test_stop_ends_a_waiting_poll_at_once(standin: TelegramStandin, bot: Bot) -> None:
    async def handle(update: Update) -> Answer:
        return Answer.HANDLED

    poller = Poller(bot, handle, timeout=10)
    stop = asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    await until(lambda: poller.running)
    await asyncio.sleep(0.2)  # in a getUpdates call that would wait 10 s
    stop.set()
    await asyncio.wait_for(task, 2)
