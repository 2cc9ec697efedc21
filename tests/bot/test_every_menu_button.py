"""Every button of the staff's and the participant's main menu shows its screen, and
every tap is answered exactly once (Telegram refuses a second answer)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from backend.telegram_standin import TelegramStandin
from bot.answering import answering_bot
from tests.bot.staff_world import KARI, LISE, build_staff_world
from tests.support.telegram import TOKEN, RunningBot

STAFF_SCREENS = {
    "📋 Dagens oppmøte": "📋 Oppmøte tirsdag 7. april · Arbeid og kvalifisering",
    "🗓 Uka": "📅 Uke 15, man. 6. apr.–søn. 12. apr. · Arbeid og kvalifisering",
    "📄 Frammøteliste": "Hvem skal frammøtelisten gjelde?",
    "🔑 Logg inn på nettsidene": "Her er lenken til nettsidene.",
    "☕ Kafé": "Det er ingen kafé å vise ennå.",
    "🌐 Språk": "🌐 Hvilket språk vil du ha?",
}
PARTICIPANT_SCREENS = {
    "🚫 Jeg kommer ikke": "📆 I dag, tirsdag 7. april\nHvorfor kommer du ikke?",
    "📅 Min plan": "Din plan de neste 14 dagene:",
    "💰 Min lønn": "Din lønn for timene du har vært her:",
    "☕ Kafé": "Det er ingen kafé å vise ennå.",
    "📞 Ring oss": "📞 Ring Arbeid og kvalifisering: 33 00 00 00",
    "🌐 Språk": "🌐 Hvilket språk vil du ha?",
    "🔊 Les opp": "🔊 Nå leser jeg opp svarene for deg.",
}


async def _answered_once(bot: RunningBot, query_ids: list[str]) -> None:
    for _ in range(200):
        answered = [a["callback_query_id"] for a in bot.standin.callback_answers]
        if all(q in answered for q in query_ids):
            break
        await asyncio.sleep(0.02)
    answered = [a["callback_query_id"] for a in bot.standin.callback_answers]
    assert sorted(answered) == sorted(query_ids)


@pytest.mark.parametrize(
    ("user", "name", "screens"),
    [(LISE, "Lise", STAFF_SCREENS), (KARI, "Kari", PARTICIPANT_SCREENS)],
    ids=["staff", "participant"],
)
async def test_every_menu_button_shows_its_screen(
    bot: RunningBot,
    caplog: pytest.LogCaptureFixture,
    user: int,
    name: str,
    screens: dict[str, str],
) -> None:
    await build_staff_world(bot, start=(user,))
    chat = bot.chat(user, name)
    menu = await chat.send("/meny")
    assert chat.buttons(menu) == list(screens)
    query_ids = []
    with caplog.at_level(logging.WARNING):
        for label, screen in screens.items():
            menu = await chat.send("/meny")
            query_ids.append(await bot.standin.press(user, menu, label))
            shown = await chat.next()
            assert shown.text.startswith(screen), (label, shown.text)
        await _answered_once(bot, query_ids)
    assert not any("noe gikk galt" in text for text in chat.received())
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_a_second_answer_to_a_tap_is_not_sent(standin: TelegramStandin) -> None:
    async with answering_bot(TOKEN, standin.api_root) as plain:
        await standin.send_text(KARI, "hei")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
        sent = await plain.send_message(KARI, "velg", reply_markup=markup)
        query_id = await standin.tap(KARI, sent.message_id, "a")
        assert await plain.answer_callback_query(query_id, "første")
        assert await plain.answer_callback_query(query_id, "andre", show_alert=True)
    assert [a["text"] for a in standin.callback_answers] == ["første"]
