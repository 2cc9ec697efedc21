"""The languages users choose: every one loads from its catalog, maps from Telegram's
codes, formats dates, and has every string of the participant's and relative's bot."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from babel.support import Translations

from backend.absence.rules import CATEGORY_LABELS, CATEGORY_WORDS
from backend.absence.texts import EMAIL_TEMPLATES, render_email
from backend.calendar.wording import CLOSURE_KINDS
from backend.outbox.catalog import TEMPLATES, render
from backend.shared import wording as texts
from backend.shared.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    babel_locale,
    gettext_for,
    normalise_language,
    telegram_language_code,
    text_direction,
    translations,
)
from backend.shared.wording import day_name

ROOT = LOCALES_DIR.parent
CATALOGS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
# The files of the participant's and relative's bot.
BOT_FILES = [
    "bot/handlers/common.py",
    "bot/handlers/participant.py",
    "bot/handlers/start.py",
    "bot/handlers/consent.py",
    "bot/handlers/language.py",
    "bot/handlers/call.py",
    "bot/handlers/messages.py",
    "bot/keyboards.py",
    "backend/absence/report.py",
    "backend/links/consent.py",
    "backend/links/links.py",
]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
TEMPLATE_PARAMS = {
    "absence_reported": {
        "participant": "Kari",
        "days": ["2026-04-07"],
        "category": "sick",
        "reporter": "Anne",
        "late": True,
    },
    "absence_withdrawn": {"participant": "Kari", "days": ["2026-04-07"], "reporter": None},
    "relative_reported": {"reporter": "Anne", "days": ["2026-04-07"]},
    "relative_withdrew": {"reporter": "Anne", "days": ["2026-04-07"]},
    "consent_given": {"participant": "Kari"},
    "transport_cancel": {"unit": "AoK", "participant": "Kari", "days": ["2026-04-07"]},
    "transport_restore": {"unit": "AoK", "participant": "Kari", "days": ["2026-04-07"]},
}


def msgids(path: str) -> set[str]:
    found = extract_from_file("python", str(ROOT / path), keywords=KEYWORDS)
    return {m if isinstance(m, str) else m[0] for _line, m, _comments, _context in found}


def catalog(language: str) -> dict[str, str]:
    po = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    with Path(po).open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}


@pytest.mark.parametrize(
    ("language", "tuesday"),
    [
        ("nb", "tirsdag 7. april"),
        ("nn", "tysdag 7. april"),
        ("en", "Tuesday 7 April"),
        ("nb_lettlest", "tirsdag 7. april"),
        ("uk", "вівторок, 7 квітня"),
        ("pl", "wtorek, 7 kwietnia"),
        ("ar", "الثلاثاء، 7 أبريل"),
        ("so", "Talaado, Abriil 7"),
    ],
)
def test_each_language_loads_and_formats_dates(language: str, tuesday: str) -> None:
    assert normalise_language(language) == language
    Locale.parse(babel_locale(language))
    if language != SOURCE_LANGUAGE:
        assert isinstance(translations(language), Translations)
    assert day_name(date(2026, 4, 7), language) == tuesday


def test_every_language_has_its_date_row_above() -> None:
    assert set(LANGUAGES) == {"nb", "nn", "en", "nb_lettlest", "uk", "pl", "ar", "so"}


@pytest.mark.parametrize(
    ("code", "language"),
    [
        (None, "nb"),
        ("no", "nb"),
        ("nb-NO", "nb"),
        ("nn", "nn"),
        ("nn_NO", "nn"),
        ("en-GB", "en"),
        ("en", "en"),
        ("NB_LETTLEST", "nb_lettlest"),
        ("nb-lettlest", "nb_lettlest"),
        ("uk", "uk"),
        ("uk-UA", "uk"),
        ("pl", "pl"),
        ("pl-PL", "pl"),
        ("ar", "ar"),
        ("ar-SA", "ar"),
        ("ar_EG", "ar"),
        ("so", "so"),
        ("so-SO", "so"),
        ("de", "nb"),
        ("", "nb"),
    ],
)
def test_telegram_codes_map_onto_our_languages(code: str | None, language: str) -> None:
    assert normalise_language(code) == language


def test_only_two_letter_codes_go_to_telegrams_command_menus() -> None:
    assert {code: telegram_language_code(code) for code in LANGUAGES} == {
        "nb": "nb",
        "nn": "nn",
        "en": "en",
        "nb_lettlest": None,
        "uk": "uk",
        "pl": "pl",
        "ar": "ar",
        "so": "so",
    }


@pytest.mark.parametrize(
    ("code", "direction"),
    [("ar", "rtl"), ("ar-SA", "rtl"), ("nb", "ltr"), ("uk", "ltr"), ("so", "ltr"), (None, "ltr")],
)
def test_arabic_alone_runs_right_to_left(code: str | None, direction: str) -> None:
    assert text_direction(code) == direction


@pytest.mark.parametrize("language", CATALOGS)
def test_every_string_of_the_participants_bot_is_translated(language: str) -> None:
    translated = {k for k, v in catalog(language).items() if v}
    used = set().union(*(msgids(path) for path in BOT_FILES))
    missing = sorted(used - translated)
    assert not missing, f"{language} lacks {missing[:10]}"


@pytest.mark.parametrize("language", CATALOGS)
def test_every_label_and_notice_of_the_bot_is_translated(language: str) -> None:
    """texts.py and notifications.py are shared: check the entries this bot uses."""
    labels = [
        *CATEGORY_LABELS.values(),
        *CATEGORY_WORDS.values(),
        *CLOSURE_KINDS.values(),
        *(
            getattr(texts, name)
            for name in dir(texts)
            if name.startswith(("MENU_", "ABSENCE_", "PICKER_"))
        ),
    ]
    asked: list[str] = []

    def recorder(msgid: str) -> str:
        asked.append(msgid)
        return msgid

    for template, params in TEMPLATE_PARAMS.items():
        TEMPLATES[template](params, recorder, language)
    texts.day_span([date(2026, 4, d) for d in range(6, 11)], language, recorder)
    translated = {k for k, v in catalog(language).items() if v}
    missing = sorted(set(labels + asked) - translated)
    assert not missing, f"{language} lacks {missing[:10]}"


@pytest.mark.parametrize("language", CATALOGS)
def test_translations_use_only_the_fields_the_code_gives(language: str) -> None:
    fields = string.Formatter()
    for msgid, msgstr in catalog(language).items():
        if not msgstr or "{" not in msgid:
            continue
        given = {name for _t, name, _f, _c in fields.parse(msgid) if name}
        used = {name for _t, name, _f, _c in fields.parse(msgstr) if name}
        assert used <= given, f"{language}: {msgstr!r} uses {used - given}"


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("template", sorted(TEMPLATE_PARAMS))
def test_outbox_templates_render_in_every_language(template: str, language: str) -> None:
    text = render(template, TEMPLATE_PARAMS[template], language)
    assert text.strip() and "{" not in text
    if language == "en":
        assert text != render(template, TEMPLATE_PARAMS[template], "nb")


@pytest.mark.parametrize("template", sorted(EMAIL_TEMPLATES))
def test_transport_emails_have_a_subject_and_a_body(template: str) -> None:
    subject, body = render_email(template, TEMPLATE_PARAMS[template])
    assert subject and "\n" not in subject
    assert re.search(r"tirsdag 7\. april 2026", body)


def test_easy_read_is_its_own_catalog() -> None:
    easy = gettext_for("nb_lettlest")
    assert easy("Vil du si mer? (valgfritt)") == "Vil du si noe mer? Du trenger ikke."
    assert gettext_for("nn")("🚫 Jeg kommer ikke") == "🚫 Eg kjem ikkje"


async def test_the_command_menu_is_set_in_every_language_telegram_knows() -> None:
    """setMyCommands once per language: bokmål as the default, easy-read has no code."""
    from types import SimpleNamespace

    from bot.app import set_commands

    calls: dict[str | None, list[str]] = {}

    async def set_my_commands(commands: list[Any], language_code: str | None = None) -> None:
        calls[language_code] = [c.description for c in commands]

    await set_commands(SimpleNamespace(bot=SimpleNamespace(set_my_commands=set_my_commands)))  # type: ignore[arg-type]
    assert list(calls) == [None, "nn", "en", "uk", "pl", "ar", "so"]
    assert calls[None][0] == "Start og vis menyen"
    assert calls["uk"][0] == "Почати й показати меню"
    assert calls["ar"] == ["البدء وعرض القائمة", "عرض القائمة", "مواعيد عمل المقهى"]
    assert calls["so"][0] == "Bilow oo muuji liiska (menu)"
