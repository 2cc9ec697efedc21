"""Every string the code uses is translated in every catalog, and the .mo files are fresh."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

from backend.shared.i18n import LANGUAGES, LOCALES_DIR, SOURCE_LANGUAGE, gettext_for, translations

ROOT = LOCALES_DIR.parent
CATALOG_LANGUAGES = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


def used_msgids() -> set[str]:
    """What `pybabel extract` would find, read the same way (locales/babel.cfg)."""
    method_map = [
        ("bot/**.py", "python"),
        ("backend/**.py", "python"),
        ("backend/web/templates/**.html", "jinja2"),
    ]
    options_map = {"backend/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def po_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_compiled_catalog_loads(language: str) -> None:
    assert isinstance(translations(language), Translations)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_used_string_is_translated(language: str) -> None:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle)
    # A plural entry's id is a (singular, plural) tuple: the singular is what code uses.
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and m.string and not m.fuzzy
    }
    missing = sorted(used_msgids() - translated)
    assert not missing, f"{language} lacks {len(missing)}: {missing[:10]}"


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_mo_matches_po(language: str) -> None:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle)
    expected = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    with po_path(language).with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in expected.items():
        if isinstance(msgid, str):
            assert compiled.gettext(msgid) == msgstr, f"run locales/update.sh: {msgid!r}"


def test_no_page_hands_the_gettext_an_unmarked_literal() -> None:
    """`request[GETTEXT]("…")` is not extracted (only `_`, `ngettext` and `N_` are): such a
    text never reaches the catalogs and stays Norwegian in every language. Mark it N_."""
    root = Path(__file__).resolve().parent.parent / "backend"
    unmarked = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in sorted(root.rglob("*.py"))
        for match in re.finditer(r'GETTEXT\]\(\s*["\']', path.read_text(encoding="utf-8"))
    ]
    assert unmarked == []


def test_a_not_found_page_speaks_english_in_english() -> None:
    assert gettext_for("en")("Fant ikke kandidaten.") == "Could not find the candidate."
