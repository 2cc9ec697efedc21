"""The demo's chat page in Chromium: a voice note the bot sends is a playable <audio>
element whose file the page fetches and the browser decodes (Ogg Opus)."""

from __future__ import annotations

from pathlib import Path

from telegram import Bot

from backend.telegram_standin import TelegramStandin
from backend.voice.speech import Espeak, VoiceMaker
from tests.web.browser import chromium

TOKEN = "123456:TEST-token_abcdefghij"
KARI = 1001


async def test_a_voice_note_plays_on_the_chat_page(tmp_path: Path) -> None:
    note = await VoiceMaker(tmp_path, [Espeak()]).make("Takk! Du er meldt borte.", "nb")
    assert note is not None and 1.5 < note.seconds < 2.5
    ogg = note.ogg
    async with TelegramStandin() as standin, chromium() as browser:
        root = standin.api_root
        await standin.send_text(KARI, "hei", token=TOKEN)
        page = await browser.new_page()
        await page.goto(root + "/")
        kari = page.get_by_role("region", name="Kari Nordmann (Deltaker)")
        async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
            await bot.send_message(KARI, "Takk! Du er meldt borte.")
            await bot.send_voice(KARI, ogg, duration=2, filename="frammote.ogg")
        audio = kari.locator("audio")
        await audio.wait_for(timeout=10_000)
        assert await audio.get_attribute("aria-label") == "Lydmelding, 2 sekunder"
        assert await kari.locator(".voice-note .meta").inner_text() == "🔊 Lydmelding (2 s)"
        # The browser fetched and decoded the file: it knows its length (read from the
        # file's end, by a range request), and it plays.
        duration = await audio.evaluate(
            """a => new Promise((done, fail) => {
                 if (a.readyState >= 1) return done(a.duration);
                 a.addEventListener("loadedmetadata", () => done(a.duration));
                 a.addEventListener("error", () => fail(String(a.error && a.error.code)));
               })"""
        )
        assert abs(duration - note.seconds) < 0.1
        played = await audio.evaluate(
            """async a => { a.muted = true; await a.play();
                 await new Promise(r => setTimeout(r, 300)); return a.currentTime; }"""
        )
        assert played > 0
        # The text came first, the voice note after it.
        bubbles = await kari.locator(".bubble.bot").all_inner_texts()
        assert bubbles[0].startswith("Takk! Du er meldt borte.")
        assert "Lydmelding" in bubbles[1]


async def test_a_deleted_voice_note_leaves_the_chat_page(tmp_path: Path) -> None:
    """As on Telegram, a message the bot deleted is gone from the chat (no trace of it),
    and a voice note playing when it is deleted stops."""
    note = await VoiceMaker(tmp_path, [Espeak()]).make("Hei, Kari! Hva vil du gjøre?", "nb")
    assert note is not None
    async with TelegramStandin() as standin, chromium() as browser:
        root = standin.api_root
        await standin.send_text(KARI, "hei", token=TOKEN)
        page = await browser.new_page()
        await page.goto(root + "/")
        kari = page.get_by_role("region", name="Kari Nordmann (Deltaker)")
        async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
            await bot.send_message(KARI, "Hei, Kari! Hva vil du gjøre?")
            sent = await bot.send_voice(KARI, note.ogg, duration=2, filename="frammote.ogg")
            audio = kari.locator("audio")
            await audio.wait_for(timeout=10_000)
            player = await audio.element_handle()
            await player.evaluate("async a => { a.muted = true; await a.play(); }")
            await bot.delete_message(KARI, sent.message_id)
        await audio.wait_for(state="detached", timeout=10_000)
        assert await player.evaluate("a => a.paused") is True
        assert await kari.locator(".bubble.bot").all_inner_texts() == [
            "Hei, Kari! Hva vil du gjøre?"
        ]
        assert await kari.locator(".bubble").count() == 2  # "hei" and the bot's text
