"""The local Telegram stand-in, exercised with the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import itertools
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from backend.telegram_standin import TelegramStandin
from backend.telegram_standin.formatting import parse_html, parse_markdown_v2
from backend.telegram_standin.limits import FloodLimits
from bot.retry import retry_delay

TOKEN = "123456:TEST-token_abcdefghij"
KARI = 1001
OLA = 1002


@pytest.fixture
async def standin() -> AsyncIterator[TelegramStandin]:
    s = TelegramStandin(bot_username="frammote_demo_bot", bot_first_name="Frammøte")
    await s.start(host="127.0.0.1", port=0)
    yield s
    await s.stop()


@pytest.fixture
async def bot(standin: TelegramStandin) -> AsyncIterator[Bot]:
    root = standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as b:
        yield b


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def build_app(standin: TelegramStandin) -> Application:
    root = standin.api_root
    return (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .build()
    )


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in pairs])


async def test_get_me_has_username(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "frammote_demo_bot"
    assert me.id == 123456
    assert me.first_name == "Frammøte"


async def test_bad_token_and_unknown_method(
    standin: TelegramStandin, http: aiohttp.ClientSession
) -> None:
    root = standin.api_root
    with pytest.raises(InvalidToken):
        async with Bot("nonsense", base_url=f"{root}/bot"):
            pass
    async with http.get(f"{root}/bot12:short/getMe") as resp:
        assert resp.status == 401
        assert (await resp.json())["ok"] is False
    async with http.post(f"{root}/bot{TOKEN}/sendTelepathy") as resp:
        assert resp.status == 404
        assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    # method names are case-insensitive, as on Telegram
    async with http.get(f"{root}/bot{TOKEN}/GETME") as resp:
        assert (await resp.json())["result"]["username"] == "frammote_demo_bot"


async def test_inline_button_tap_reaches_callback_handler(standin: TelegramStandin) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message
        await update.message.reply_text(
            "Kommer du i dag?", reply_markup=keyboard(("Ja", "att:yes"), ("Nei", "att:no"))
        )

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query and query.message
        await query.answer(f"Registrert: {query.data}")
        await query.edit_message_text(f"Takk! ({query.data}, {query.from_user.first_name})")

    app = build_app(standin)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(answer, pattern=r"^att:"))
    async with polling(app):
        await standin.send_text(KARI, "/start", first_name="Kari", language_code="nb")
        question = await standin.wait_for(KARI)
        assert standin.buttons(question) == [("Ja", "att:yes"), ("Nei", "att:no")]
        await standin.press(KARI, question, "nei")
        edited = await standin.wait_for(KARI)
    assert edited.message_id == question.message_id
    assert edited.edited and edited.text == "Takk! (att:no, Kari)"
    assert edited.reply_markup is None  # editing without reply_markup drops the keyboard
    assert standin.callback_answers[-1]["text"] == "Registrert: att:no"
    assert standin.callback_answers[-1]["show_alert"] is False


async def test_start_payload_reaches_command_args(standin: TelegramStandin) -> None:
    seen: list[list[str]] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(list(context.args or []))
        assert update.message
        await update.message.reply_text("velkommen")

    app = build_app(standin)
    app.add_handler(CommandHandler("start", start))
    async with polling(app):
        await standin.send_text(OLA, "/start invite-42")
        await standin.wait_for(OLA, lambda m: m.text == "velkommen")
    assert seen == [["invite-42"]]


async def test_voice_note_is_downloadable(
    standin: TelegramStandin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    got: list[tuple[Any, bytes]] = []

    async def voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message and update.message.voice
        file = await update.message.voice.get_file()
        got.append((update.message.voice.duration, bytes(await file.download_as_bytearray())))
        await update.message.reply_text("fikk lyd")

    app = build_app(standin)
    app.add_handler(MessageHandler(filters.VOICE, voice))
    async with polling(app):
        await standin.send_voice(KARI, duration=7, content=b"OggS-fake-audio")
        await standin.wait_for(KARI)
    assert got == [(dtm.timedelta(seconds=7), b"OggS-fake-audio")]


async def test_edit_message_text_and_not_modified(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    sent = await bot.send_message(KARI, "Versjon 1", reply_markup=keyboard(("OK", "ok")))
    edited = await bot.edit_message_text(
        "Versjon 2", chat_id=KARI, message_id=sent.message_id, reply_markup=keyboard(("OK", "ok"))
    )
    assert isinstance(edited, type(sent)) and edited.text == "Versjon 2"
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text(
            "Versjon 2",
            chat_id=KARI,
            message_id=sent.message_id,
            reply_markup=keyboard(("OK", "ok")),
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=KARI, message_id=999)
    stored = standin.messages(KARI)[-1]
    assert (stored.text, stored.edited, stored.from_bot) == ("Versjon 2", True, True)
    assert [m.from_bot for m in standin.messages(KARI)] == [False, True]


async def test_document_upload_and_file_id_reuse(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "rapport?")
    content = b"navn;dager\nKari;3\n"
    msg = await bot.send_document(KARI, content, filename="fravaer.csv", caption="Fravær mai")
    assert msg.document and msg.document.file_name == "fravaer.csv"
    doc = standin.messages(KARI)[-1].document
    assert doc is not None
    assert (doc["file_name"], doc["caption"], doc["content"]) == (
        "fravaer.csv",
        "Fravær mai",
        content,
    )
    file = await bot.get_file(msg.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content
    again = await bot.send_document(KARI, msg.document.file_id)
    assert again.document and again.document.file_id == msg.document.file_id
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(KARI, "no-such-file-id")


async def test_injected_429_raises_retry_after(
    standin: TelegramStandin, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    await standin.send_text(KARI, "hei")
    standin.inject_fault(method="sendMessage", error_code=429, retry_after=3, count=1)
    with pytest.raises(RetryAfter) as err:
        await bot.send_message(KARI, "første")
    assert err.value.retry_after == dtm.timedelta(seconds=3)
    assert (await bot.send_message(KARI, "andre")).text == "andre"  # count=1 is used up


async def test_blocked_user_gets_forbidden(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    await standin.send_text(OLA, "hei")
    standin.block(KARI)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(KARI, "påminnelse")
    assert (await bot.send_message(OLA, "påminnelse")).chat_id == OLA
    updates = await bot.get_updates()
    member = [u for u in updates if u.my_chat_member]
    assert member and member[0].my_chat_member.new_chat_member.status == "kicked"
    # writing to the bot again unblocks it
    await standin.send_text(KARI, "/start")
    assert (await bot.send_message(KARI, "velkommen tilbake")).text == "velkommen tilbake"


async def test_bad_requests_match_telegram(standin: TelegramStandin, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "hei")
    await standin.send_text(KARI, "hei")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(KARI, "x" * 4097)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(KARI, "velg", reply_markup=keyboard(("A", "a" * 65)))
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(KARI, "1 < 2 <3", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(KARI, "Slutt.", parse_mode="MarkdownV2")
    assert [m.from_bot for m in standin.messages(KARI)] == [False]


async def test_reply_keyboard_is_tracked(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    markup = ReplyKeyboardMarkup([["Syk", "Ferie"]], one_time_keyboard=True)
    await bot.send_message(KARI, "Hvorfor?", reply_markup=markup)
    assert standin.reply_keyboard(KARI) == [["Syk", "Ferie"]]
    await standin.send_text(KARI, "Syk")
    assert standin.reply_keyboard(KARI) is None


async def test_formatting_offsets_are_utf16() -> None:
    text, entities = parse_html("😀 <b>Kari &amp; Ola</b>")
    assert text == "😀 Kari & Ola"
    assert entities == [{"type": "bold", "offset": 3, "length": 10}]
    text, entities = parse_markdown_v2(r"*fet* og \_ikke\_")
    assert (text, entities[0]["type"]) == ("fet og _ikke_", "bold")


async def test_webhook_delivery_with_secret_and_conflict(
    standin: TelegramStandin, bot: Bot
) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    failures = {"left": 1}  # the first attempt fails, the stand-in must retry

    async def hook(request: web.Request) -> web.Response:
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500)
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response(text="ok")

    receiver = web.Application()
    receiver.router.add_post("/hook", hook)
    runner = web.AppRunner(receiver)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        assert await bot.set_webhook(url, secret_token="hemmelig_1")
        assert (await bot.get_webhook_info()).url == url
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        await standin.send_text(KARI, "første")
        await standin.send_text(KARI, "andre")
        for _ in range(100):
            if len(received) == 2:
                break
            await asyncio.sleep(0.02)
        assert [secret for secret, _ in received] == ["hemmelig_1", "hemmelig_1"]
        assert [u["message"]["text"] for _, u in received] == ["første", "andre"]
        assert (await bot.get_webhook_info()).pending_update_count == 0
        await bot.delete_webhook()
        await standin.send_text(KARI, "tredje")
        assert [u.message.text for u in await bot.get_updates() if u.message] == ["tredje"]
    finally:
        await runner.cleanup()


async def test_webhook_posts_an_update_until_answered_in_order() -> None:
    """As Telegram: an update not answered 2xx is posted again (pauses doubling up to the
    longest), and the next waits for it; the stand-in stops promptly while it retries."""
    standin = TelegramStandin(webhook_first_retry=0.01, webhook_longest_retry=0.04)
    await standin.start()
    calls: list[tuple[float, str]] = []
    answers = iter([503, 500, 502, 503, 503, 503, 200])  # for "første"; then 200, then 409

    async def hook(request: web.Request) -> web.Response:
        text = (await request.json())["message"]["text"]
        calls.append((time.monotonic(), text))
        if text == "første":
            return web.Response(status=next(answers))
        return web.Response(status=200 if text == "andre" else 409)

    receiver = web.Application()
    receiver.router.add_post("/hook", hook)
    runner = web.AppRunner(receiver)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    root = standin.api_root
    try:
        async with Bot(TOKEN, base_url=f"{root}/bot") as ours:
            assert await ours.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
            await standin.send_text(KARI, "første")
            await standin.send_text(KARI, "andre")
            await standin.send_text(KARI, "tredje")
            for _ in range(200):
                if len([c for c in calls if c[1] == "tredje"]) >= 5:
                    break
                await asyncio.sleep(0.01)
            texts = [text for _, text in calls]
            assert texts[:8] == ["første"] * 7 + ["andre"]
            assert set(texts[8:]) == {"tredje"} and len(texts) >= 13
            pauses = [b - a for (a, _), (b, _) in itertools.pairwise(calls[:7])]
            assert min(pauses[2:]) >= 0.035  # 0.01, 0.02, then held at 0.04
            info = await ours.get_webhook_info()
            assert info.pending_update_count == 1  # "tredje", never answered 2xx
            assert info.last_error_message == "Wrong response from the webhook: 409 Conflict"
        started = time.monotonic()
        await standin.stop()
        assert time.monotonic() - started < 1.0
    finally:
        await standin.stop()
        await runner.cleanup()


async def test_a_held_call_is_carried_out_and_its_answer_waits(
    standin: TelegramStandin, bot: Bot
) -> None:
    await standin.send_text(KARI, "hei")
    held = standin.hold("sendMessage", chat_id=KARI)
    sending = asyncio.create_task(bot.send_message(KARI, "Takk!"))
    await asyncio.wait_for(held.reached.wait(), 5)
    assert [m.text for m in standin.messages(KARI) if m.from_bot] == ["Takk!"]
    await asyncio.sleep(0.1)
    assert not sending.done()
    held.release()
    assert (await asyncio.wait_for(sending, 5)).text == "Takk!"
    await bot.send_message(KARI, "Igjen")  # one call only was held


async def test_get_updates_long_polls_and_conflicts(standin: TelegramStandin, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9  # waited instead of answering at once

    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await standin.send_text(KARI, "hei")
    updates = await waiting
    assert time.monotonic() - started < 1.0  # answered as soon as the update arrived
    assert updates[0].message and updates[0].message.text == "hei"

    # a second bot process with the same token: the *earlier* poll gets the 409
    offset = updates[-1].update_id + 1
    first = asyncio.create_task(bot.get_updates(offset=offset, timeout=5))
    await asyncio.sleep(0.1)
    root = standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot") as other:
        assert await other.get_updates(offset=offset, timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first


async def test_tap_with_stale_data_needs_force(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    sent = await bot.send_message(KARI, "velg", reply_markup=keyboard(("A", "a")))
    with pytest.raises(ValueError, match="no button"):
        await standin.tap(KARI, sent.message_id, "tampered")
    query_id = await standin.tap(KARI, sent.message_id, "tampered", force=True)
    queries = [u.callback_query for u in await bot.get_updates() if u.callback_query]
    assert [(q.id, q.data) for q in queries] == [(query_id, "tampered")]
    assert await bot.answer_callback_query(query_id, "ugyldig", show_alert=True)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)


async def test_wait_for_timeout_lists_chat(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    await bot.send_message(KARI, "Hei Kari")
    assert (await standin.wait_for(KARI)).text == "Hei Kari"
    with pytest.raises(TimeoutError, match="Hei Kari"):
        await standin.wait_for(KARI, timeout=0.2)  # already consumed; the error shows history


async def test_commands_kept_per_language(standin: TelegramStandin, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Start"), ("fravaer", "Meld fravær")])
    await bot.set_my_commands([("start", "Kom i gang")], language_code="nn")
    menus = standin.commands()
    assert menus[""][1] == {"command": "fravaer", "description": "Meld fravær"}
    assert menus["nn"] == [{"command": "start", "description": "Kom i gang"}]
    assert [c.command for c in await bot.get_my_commands(language_code="nn")] == ["start"]
    await bot.delete_my_commands(language_code="nn")
    assert "nn" not in standin.commands()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad-Command", "x")])


async def test_control_api_text_tap_and_long_poll(
    standin: TelegramStandin, bot: Bot, http: aiohttp.ClientSession
) -> None:
    root = standin.api_root
    async with http.post(f"{root}/control/users/{KARI}/text", json={"text": "hei"}) as resp:
        assert resp.status == 200 and (await resp.json())["message_id"] == 1
    async with http.get(f"{root}/control/chats/{KARI}/messages") as resp:
        seq = (await resp.json())["seq"]

    async def reply() -> None:
        await asyncio.sleep(0.2)
        await bot.send_message(KARI, "Kommer du?", reply_markup=keyboard(("Ja", "yes")))
        await bot.send_document(KARI, b"pdf-bytes", filename="plan.pdf")

    replying = asyncio.create_task(reply())
    async with http.get(f"{root}/control/chats/{KARI}/messages?after={seq}&wait=5") as resp:
        state = await resp.json()
    await replying
    assert state["seq"] > seq
    question = state["messages"][1]
    assert question["from_bot"] and question["buttons"] == [
        [{"text": "Ja", "data": "yes", "url": None}]
    ]

    async with http.get(f"{root}/control/chats/{KARI}/messages?after=0") as resp:
        document = (await resp.json())["messages"][-1]["document"]
    assert document["file_name"] == "plan.pdf"
    async with http.get(document["url"]) as resp:
        assert await resp.read() == b"pdf-bytes"

    tap = {"message_id": question["message_id"], "data": "yes"}
    async with http.post(f"{root}/control/users/{KARI}/tap", json=tap) as resp:
        assert resp.status == 200
    updates = await bot.get_updates()
    assert [u.callback_query.data for u in updates if u.callback_query] == ["yes"]

    bad_cases: list[tuple[str, Any]] = [
        ("text", "not json"),
        ("text", {"txt": "hei"}),
        ("voice", {"duration": "long"}),
        ("tap", {"message_id": question["message_id"], "data": "nope"}),
    ]
    for action, body in bad_cases:
        kwargs: dict[str, Any] = {"data": body} if isinstance(body, str) else {"json": body}
        async with http.post(f"{root}/control/users/{KARI}/{action}", **kwargs) as resp:
            assert resp.status == 400, (action, body)
            assert (await resp.json())["error"]


async def test_several_bots_need_explicit_token(standin: TelegramStandin, bot: Bot) -> None:
    other_token = "777:another-bot-token"
    root = standin.api_root
    async with Bot(other_token, base_url=f"{root}/bot") as other:
        assert (await other.get_me()).id == 777
        with pytest.raises(LookupError, match="pass token="):
            await standin.send_text(KARI, "hei")
        await standin.send_text(KARI, "til den andre", token=other_token)
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(KARI, "jeg kjenner ikke Kari")  # chats are per bot
        updates = await other.get_updates()
    assert [u.message.text for u in updates if u.message] == ["til den andre"]
    assert standin.messages(KARI, token=TOKEN) == []


async def test_demo_page_lists_personas(
    standin: TelegramStandin, http: aiohttp.ClientSession
) -> None:
    async with http.get(f"{standin.api_root}/") as resp:
        assert resp.status == 200
        assert resp.content_type == "text/html"
        page = await resp.text()
    assert 'lang="nb"' in page
    for _, name, role in standin.personas:
        assert name in page and role in page
    async with http.get(f"{standin.api_root}/control/personas") as resp:
        assert [p["user_id"] for p in await resp.json()] == [p[0] for p in standin.personas]


# -- refusals: the stand-in is as strict as Telegram --------------------------------------


async def _tapped(standin: TelegramStandin, bot: Bot) -> str:
    """A live callback query id: Kari taps the one button of a fresh message."""
    await standin.send_text(KARI, "hei")
    sent = await bot.send_message(KARI, "velg", reply_markup=keyboard(("A", "a")))
    return await standin.tap(KARI, sent.message_id, "a")


async def test_second_answer_to_a_query_is_refused(standin: TelegramStandin, bot: Bot) -> None:
    query_id = await _tapped(standin, bot)
    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest) as err:
        await bot.answer_callback_query(query_id, "igjen")
    assert err.value.message == (
        "Query is too old and response timeout expired or query id is invalid"
    )
    assert [a["text"] for a in standin.callback_answers] == [None]


async def test_answer_text_is_at_most_200_characters(standin: TelegramStandin, bot: Bot) -> None:
    query_id = await _tapped(standin, bot)
    with pytest.raises(BadRequest, match="Message_too_long"):
        await bot.answer_callback_query(query_id, "x" * 201, show_alert=True)
    # the refused answer did not use the query up
    assert await bot.answer_callback_query(query_id, "x" * 200, show_alert=True)
    assert standin.callback_answers[-1]["text"] == "x" * 200


async def test_message_length_counts_after_entity_parsing(
    standin: TelegramStandin, bot: Bot
) -> None:
    await standin.send_text(KARI, "hei")
    fits = await bot.send_message(KARI, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(fits.text) == 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(KARI, "<b>" + "x" * 4097 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.edit_message_text("y" * 4097, chat_id=KARI, message_id=fits.message_id)


async def test_callback_data_is_1_to_64_bytes(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    for data in ("", "a" * 65, "ø" * 33):  # 33 × ø is 66 bytes in UTF-8
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(KARI, "velg", reply_markup=keyboard(("A", data)))
    for data in ("a", "a" * 64, "ø" * 32):
        assert await bot.send_message(KARI, "velg", reply_markup=keyboard(("A", data)))


async def test_editing_to_the_same_content_is_not_modified(
    standin: TelegramStandin, bot: Bot
) -> None:
    await standin.send_text(KARI, "hei")
    sent = await bot.send_message(KARI, "Versjon 1", reply_markup=keyboard(("OK", "ok")))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Versjon 1",
            chat_id=KARI,
            message_id=sent.message_id,
            reply_markup=keyboard(("OK", "ok")),
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=KARI, message_id=sent.message_id, reply_markup=keyboard(("OK", "ok"))
        )
    # the same text without the keyboard is a change
    assert await bot.edit_message_text("Versjon 1", chat_id=KARI, message_id=sent.message_id)


async def test_inline_button_text_must_be_non_empty(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    with pytest.raises(BadRequest, match=r"(?i)text must be non-empty"):
        await bot.send_message(KARI, "velg", reply_markup=keyboard((" ", "a")))


async def test_inline_keyboard_has_at_most_100_buttons(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")

    def grid(count: int) -> InlineKeyboardMarkup:
        buttons = [InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(count)]
        return InlineKeyboardMarkup([buttons[i : i + 4] for i in range(0, count, 4)])

    with pytest.raises(BadRequest, match="Reply markup is too long"):
        await bot.send_message(KARI, "velg", reply_markup=grid(101))
    sent = await bot.send_message(KARI, "velg", reply_markup=grid(100))
    with pytest.raises(BadRequest, match="Reply markup is too long"):
        await bot.edit_message_reply_markup(
            chat_id=KARI, message_id=sent.message_id, reply_markup=grid(101)
        )


async def test_caption_is_at_most_1024_characters(standin: TelegramStandin, bot: Bot) -> None:
    await standin.send_text(KARI, "hei")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(KARI, b"x", filename="a.txt", caption="c" * 1025)
    sent = await bot.send_document(
        KARI, b"x", filename="a.txt", caption="<i>" + "c" * 1024 + "</i>", parse_mode="HTML"
    )
    assert sent.caption == "c" * 1024


async def test_update_numbers_start_where_no_earlier_stand_in_was() -> None:
    # Telegram numbers a bot's updates from some large number, not from 1; a demo restarted
    # on the same database must not meet the numbers it marked handled the time before.
    firsts = []
    for _ in range(2):
        async with TelegramStandin(bot_username="frammote_test_bot") as fresh:
            async with Bot(TOKEN, base_url=f"{fresh.api_root}/bot") as client:
                await fresh.send_text(KARI, "hei")
                (update,) = await client.get_updates(timeout=0)
            firsts.append(update.update_id)
    assert all(first >= 100_000_000 for first in firsts)
    assert firsts[0] != firsts[1]


async def test_every_chat_event_is_stamped_with_when_it_happened(
    standin: TelegramStandin, bot: Bot
) -> None:
    await bot.get_me()
    before = time.monotonic()
    await standin.send_text(KARI, "hei", first_name="Kari")
    await bot.send_message(KARI, "Hei, Kari!")
    after = time.monotonic()
    events = standin.hub.bot(TOKEN).chats[KARI].events
    assert [e.kind for e in events] == ["user", "bot"]
    assert before <= events[0].at <= events[1].at <= after


# -- Telegram's flood limits --------------------------------------------------------------


class Ticks:
    """A clock the test moves: the stand-in's limits read it."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def limited() -> AsyncIterator[tuple[TelegramStandin, Ticks]]:
    ticks = Ticks()
    s = TelegramStandin(limits=FloodLimits(clock=ticks))
    await s.start(host="127.0.0.1", port=0)
    yield s, ticks
    await s.stop()


async def test_one_chat_gets_a_burst_of_three_then_429_with_retry_after(
    limited: tuple[TelegramStandin, Ticks], http: aiohttp.ClientSession
) -> None:
    standin, ticks = limited
    url = f"{standin.api_root}/bot{TOKEN}/sendMessage"
    async with http.post(f"{standin.api_root}/bot{TOKEN}/getMe") as response:
        assert response.status == 200
    await standin.send_text(KARI, "hei")
    for n in range(3):
        async with http.post(url, json={"chat_id": KARI, "text": f"{n}"}) as response:
            assert response.status == 200
    async with http.post(url, json={"chat_id": KARI, "text": "3"}) as response:
        assert response.status == 429
        assert await response.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        }
    # Editing and answering taps are not sending: they pass.
    first = next(m for m in standin.messages(KARI) if m.from_bot)
    edit = {"chat_id": KARI, "message_id": first.message_id, "text": "endret"}
    async with http.post(f"{standin.api_root}/bot{TOKEN}/editMessageText", json=edit) as response:
        assert response.status == 200
    ticks.now += 1.0  # one token back
    async with http.post(url, json={"chat_id": KARI, "text": "4"}) as response:
        assert response.status == 200
    assert [(r.method, r.chat_id, r.retry_after) for r in standin.too_many_requests] == [
        ("sendmessage", KARI, 1)
    ]


async def test_the_overall_limit_holds_per_token_across_clients(
    limited: tuple[TelegramStandin, Ticks],
) -> None:
    standin, ticks = limited
    chats = list(range(5001, 5013))
    root = standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot") as one, Bot(TOKEN, base_url=f"{root}/bot") as two:
        for chat in chats:
            await standin.send_text(chat, "hei", token=TOKEN)
        for chat in chats[:10]:  # the burst of ten, from two clients of one token
            await (one if chat % 2 else two).send_message(chat, "hei")
        with pytest.raises(RetryAfter) as refused:
            await two.send_message(chats[10], "hei")
        assert retry_delay(refused.value) == dtm.timedelta(seconds=1)
        ticks.now += 0.1  # three tokens back at 30 a second
        for chat in chats[10:]:
            await one.send_message(chat, "hei")
        # Another token has limits of its own.
        async with Bot("654321:OTHER-token", base_url=f"{root}/bot") as other:
            await other.get_me()
    assert len(standin.too_many_requests) == 1


async def test_limits_refuse_nothing_once_lifted(limited: tuple[TelegramStandin, Ticks]) -> None:
    standin, _ticks = limited
    standin.limits.enabled = False
    await standin.send_text(KARI, "hei", token=TOKEN)
    async with Bot(TOKEN, base_url=f"{standin.api_root}/bot") as bot:
        for n in range(10):
            await bot.send_message(KARI, f"{n}")
    assert standin.too_many_requests == []


async def test_demo_page_sets_arabic_right_to_left_in_its_bubble(
    standin: TelegramStandin, bot: Bot
) -> None:
    """Each bubble takes its direction from its own text (dir="auto"), as Telegram does."""
    from tests.web.browser import chromium

    await standin.send_text(KARI, "hei")
    await bot.send_message(KARI, "مرحبا كاري! ماذا تريدين أن تفعلي؟")
    await bot.send_message(KARI, "Hei, Kari! Hva vil du gjøre?")
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(5000)
        await page.goto(f"{standin.api_root}/")
        arabic = page.locator(".bubble", has_text="مرحبا كاري")
        norwegian = page.locator(".bubble", has_text="Hva vil du gjøre?")
        direction = "b => getComputedStyle(b).direction"
        assert await arabic.first.evaluate(direction) == "rtl"
        assert await norwegian.first.evaluate(direction) == "ltr"


async def test_demo_page_lays_an_arabic_keyboard_out_as_telegram_does(
    standin: TelegramStandin, bot: Bot
) -> None:
    """Telegram lays a row out left to right in any language: the first button is leftmost,
    also under Arabic text (the bot puts an Arabic row's first choice last itself)."""
    from tests.web.browser import chromium

    await standin.send_text(KARI, "hei")
    row = [
        InlineKeyboardButton("خطتي", callback_data="a"),
        InlineKeyboardButton("أجري", callback_data="b"),
    ]
    await bot.send_message(KARI, "مرحبا كاري!", reply_markup=InlineKeyboardMarkup([row]))
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(5000)
        await page.goto(f"{standin.api_root}/")
        first = await page.locator(".kb button", has_text="خطتي").first.bounding_box()
        second = await page.locator(".kb button", has_text="أجري").first.bounding_box()
        assert first is not None and second is not None
        assert first["x"] < second["x"]
        label = page.locator(".kb button", has_text="خطتي").first
        assert await label.evaluate("b => getComputedStyle(b).direction") == "rtl"


async def test_delete_message_holds_telegrams_rules(standin: TelegramStandin, bot: Bot) -> None:
    """In a private chat a bot deletes its own messages and the user's, sent less than 48
    hours ago; a message unknown or deleted already is not found."""
    await standin.send_text(KARI, "hei")
    sent = await bot.send_message(KARI, "Hei, Kari!")
    assert await bot.delete_message(KARI, sent.message_id) is True
    assert [(m.text, m.deleted) for m in standin.messages(KARI)] == [
        ("hei", False),
        ("Hei, Kari!", True),
    ]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(KARI, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(KARI, 999)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("Hei igjen", chat_id=KARI, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.delete_message(4242, 1)

    # Older than 48 hours: Telegram refuses, and the message stays.
    old = await bot.send_message(KARI, "I går og i forgårs")
    standin.hub.resolve(TOKEN).chats[KARI].messages[old.message_id].date -= 48 * 3600
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_message(KARI, old.message_id)
    assert standin.messages(KARI)[-1].deleted is False

    # The user's own message: a bot may delete it in a private chat, as on Telegram.
    assert await bot.delete_message(KARI, standin.messages(KARI)[0].message_id) is True
    assert [m.deleted for m in standin.messages(KARI)] == [True, True, False]
