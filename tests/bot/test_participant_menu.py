"""The main menu everywhere, "Call us", and the language each user chooses."""

from __future__ import annotations

import pytest

from backend.links.invites import create_invite
from backend.models import LinkRole, TelegramLink, Unit
from backend.shared.i18n import LANGUAGES
from tests.support.telegram import RunningBot
from tests.support.world import NOW, build_world, link

KARI, LISE, ANNE, STRANGER = 1001, 1003, 1004, 1999
MENU_BUTTONS = [
    "🚫 Jeg kommer ikke",
    "📅 Min plan",
    "💰 Min lønn",
    "☕ Kafé",
    "📞 Ring oss",
    "🌐 Språk",
    "🔊 Les opp",
]


@pytest.mark.parametrize("text", ["/start", "/meny", "/menu", "hei", "Hallo!", "/ukjent"])
async def test_the_menu_comes_on_start_meny_and_any_unknown_input(
    bot: RunningBot, text: str
) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    menu = await bot.chat(KARI, "Kari").send(text)
    assert menu.text == "Hei, Kari! Hva vil du gjøre?"
    assert bot.chat(KARI, "Kari").buttons(menu) == MENU_BUTTONS


async def test_call_us_shows_the_number_in_text_and_whom_to_ask(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    call = await kari.tap("Ring oss")
    assert call.text == (
        "📞 Ring Arbeid og kvalifisering: 33 00 00 00\n"
        "Spør etter Lise Kontakt. Det er kontaktpersonen din."
    )
    assert kari.buttons(call) == ["⬅️ Tilbake til menyen"]  # no tel: button, the text has it


async def test_call_us_without_a_phone_says_so(bot: RunningBot) -> None:
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(phone=None)
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    call = await kari.tap("Ring oss")
    assert call.text.startswith("Arbeid og kvalifisering har ikke lagt inn et telefonnummer ennå.")


async def test_a_stranger_cannot_use_call_us(bot: RunningBot) -> None:
    await build_world()
    stranger = bot.chat(STRANGER, "Ukjent")
    menu = await stranger.send("/start")
    await stranger.tap_data(menu, "call")
    answer = await stranger.next()
    assert "invitasjon" in answer.text and "33 00 00 00" not in answer.text
    assert "virker ikke lenger" in bot.standin.callback_answers[-1]["text"]


@pytest.mark.parametrize(
    ("choice", "code", "greeting", "absent", "more"),
    [
        (
            "Norsk nynorsk",
            "nn",
            "Hei, Kari! Kva vil du gjere?",
            "🚫 Eg kjem ikkje",
            "Vil du seie meir? (valfritt)",
        ),
        (
            "English",
            "en",
            "Hi, Kari! What do you want to do?",
            "🚫 I am not coming",
            "Want to say more? (optional)",
        ),
        (
            "Lettlest bokmål",
            "nb_lettlest",
            "Hei, Kari! Hva vil du gjøre?",
            "🚫 Jeg kommer ikke",
            "Vil du si noe mer? Du trenger ikke.",
        ),
    ],
)
async def test_choosing_a_language_changes_every_answer(
    bot: RunningBot, choice: str, code: str, greeting: str, absent: str, more: str
) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    languages = await kari.tap("Språk")
    assert kari.buttons(languages)[: len(LANGUAGES)] == [
        "✅ Norsk bokmål",
        "Norsk nynorsk",
        "English",
        "Lettlest bokmål",
        "Українська",
        "Polski",
        "العربية",
        "Soomaali",
    ]
    chosen = await kari.tap(choice, languages)
    assert greeting in chosen.text
    assert kari.buttons(chosen)[0] == absent
    assert (await TelegramLink.get(telegram_user_id=KARI)).language == code
    # The next update is read in the stored language, whatever Telegram's app language is.
    assert (await kari.send("/meny")).text == greeting
    await kari.tap(absent)
    reported = await kari.tap(kari.buttons()[0])  # the first reason
    assert more in reported.text


async def test_eight_languages_sit_two_to_a_row_above_the_way_back(bot: RunningBot) -> None:
    """Four rows of two and the way back: the whole menu on a phone's screen."""
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    await kari.send("/meny")
    languages = await kari.tap("Språk")
    assert languages.reply_markup is not None
    rows = [[b["text"] for b in row] for row in languages.reply_markup["inline_keyboard"]]
    assert rows == [
        ["✅ Norsk bokmål", "Norsk nynorsk"],
        ["English", "Lettlest bokmål"],
        ["Українська", "Polski"],
        ["العربية", "Soomaali"],
        ["⬅️ Tilbake til menyen"],
    ]
    chosen = await kari.tap("العربية", languages)
    assert chosen.text.startswith("تم تغيير اللغة.")
    assert (await TelegramLink.get(telegram_user_id=KARI)).language == "ar"
    again = await kari.tap("🌐", chosen)
    assert again.text == "🌐 أي لغة تريد؟"
    # Telegram's apps never turn a keyboard around: in Arabic each row runs from the
    # right, and the way back points right.
    assert again.reply_markup is not None
    rows = [[b["text"] for b in row] for row in again.reply_markup["inline_keyboard"]]
    assert rows == [
        ["Norsk nynorsk", "Norsk bokmål"],
        ["Lettlest bokmål", "English"],
        ["Polski", "Українська"],
        ["Soomaali", "✅ العربية"],
        ["➡️ الرجوع إلى القائمة الرئيسية"],
    ]


@pytest.mark.parametrize(
    ("telegram_language", "code", "question"),
    [
        ("uk", "uk", "🌐 Якою мовою вам зручніше?"),
        ("pl-PL", "pl", "🌐 Jaki język wybierasz?"),
        ("ar", "ar", "🌐 أي لغة تريد؟"),
        ("so", "so", "🌐 Luqaddee ayaad rabtaa?"),
    ],
)
async def test_a_telegram_app_in_a_new_language_is_answered_in_it(
    bot: RunningBot, telegram_language: str, code: str, question: str
) -> None:
    """Joining by invite, the language of the person's Telegram app is kept as theirs."""
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    kari = bot.chat(KARI, "Kari", language_code=telegram_language)
    await kari.send(f"/start {issued.code}")
    menu = await kari.next()
    assert (await TelegramLink.get(telegram_user_id=KARI)).language == code
    languages = await kari.tap(next(b for b in kari.buttons(menu) if b.startswith("🌐")))
    assert languages.text == question
    assert f"✅ {LANGUAGES[code]}" in kari.buttons(languages)


async def test_the_contact_person_is_told_in_their_own_language(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")
    await lise.tap("Språk")
    await lise.tap("Norsk nynorsk")
    await kari.send("/meny")
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    assert (await lise.next()).text == "Kari Nordmann er borte: tysdag 7. april (sjuk)."


async def test_a_strangers_language_is_kept_with_the_chat(bot: RunningBot) -> None:
    await build_world()
    stranger = bot.chat(STRANGER, "Ukjent", language_code="nb")
    await stranger.send("/start")
    await stranger.tap("Språk")
    chosen = await stranger.tap("English")
    assert "This is Frammøte" in chosen.text
    assert "This is Frammøte" in (await stranger.send("hello?")).text


async def test_a_tampered_language_changes_nothing(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    menu = await kari.send("/meny")
    for data in ("lang:xx", "lang:", "lang:nb:en", "lang:" + "n" * 60):
        await kari.tap_data(menu, data)
        assert (await kari.next()).text == "Hei, Kari! Hva vil du gjøre?"
    assert (await TelegramLink.get(telegram_user_id=KARI)).language == "nb"
