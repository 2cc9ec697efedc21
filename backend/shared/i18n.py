"""Translations from the Babel catalogs in `locales/`; Norwegian bokmål is the source language."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from backend.shared.errors import N_

__all__ = [
    "LANGUAGES",
    "N_",
    "babel_locale",
    "gettext_for",
    "normalise_language",
    "telegram_language_code",
    "text_direction",
    "translations",
]

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "nb"
# Language code → its own name, as the language menu shows it.
# `nb_lettlest` is easy-read bokmål: a catalog of its own (a private variant tag, which
# gettext and pybabel accept as a folder name), with Norwegian dates and numbers.
# Ukrainian, Polish, Arabic and Somali are machine-assisted translations that a native
# speaker reviews before use with participants (README, "Languages").
LANGUAGES: dict[str, str] = {
    "nb": "Norsk bokmål",
    "nn": "Norsk nynorsk",
    "en": "English",
    "nb_lettlest": "Lettlest bokmål",
    "uk": "Українська",
    "pl": "Polski",
    "ar": "العربية",
    "so": "Soomaali",
}
# CLDR locale for dates and money in each language. Arabic is CLDR's plain `ar`, whose
# numbers Babel writes in Latin digits (0–9), not Arabic-Indic ones: the participants
# also read Norwegian letters, payslips, clocks and NAV's lists, all in Latin digits,
# and an amount, a date or a participant's code should look the same on both.
BABEL_LOCALES: dict[str, str] = {
    "nb": "nb_NO",
    "nn": "nn_NO",
    "en": "en_GB",
    "nb_lettlest": "nb_NO",
    "uk": "uk_UA",
    "pl": "pl_PL",
    "ar": "ar",
    "so": "so_SO",
}
# Languages written right to left: their pages carry dir="rtl", their PDFs run so too.
RIGHT_TO_LEFT = frozenset({"ar"})

Gettext = Callable[[str], str]


def normalise_language(code: str | None) -> str:
    """Map a Telegram or browser language code onto one we have; `no`/`nb*` → nb."""
    if not code:
        return SOURCE_LANGUAGE
    code = code.replace("-", "_").lower()
    if code in LANGUAGES:
        return code
    base = code.split("_")[0]
    if base in ("no", "nb"):
        return "nb"
    return base if base in LANGUAGES else SOURCE_LANGUAGE


@cache
def translations(language: str) -> NullTranslations:
    language = normalise_language(language)
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(LOCALES_DIR), locales=[language], domain=DOMAIN)


def gettext_for(language: str | None) -> Gettext:
    return translations(normalise_language(language)).gettext


def ngettext_for(language: str | None) -> Callable[[str, str, int], str]:
    return translations(normalise_language(language)).ngettext


def babel_locale(language: str | None) -> str:
    """The CLDR locale used for dates and money in a language."""
    return BABEL_LOCALES.get(normalise_language(language), "nb_NO")


def text_direction(language: str | None) -> str:
    """`rtl` for a language written right to left (Arabic), else `ltr`: for HTML's `dir`."""
    return "rtl" if normalise_language(language) in RIGHT_TO_LEFT else "ltr"


def telegram_language_code(language: str) -> str | None:
    """The two-letter code Telegram accepts (setMyCommands); None for our own variants."""
    language = normalise_language(language)
    return language if len(language) == 2 else None
