"""Easy-read bokmål (`nb_lettlest`) keeps to the plain-language rules: short sentences, no
abbreviations, and dates written out in full, a long list of days said as ranges."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from backend.absence.rules import CATEGORY_LABELS
from backend.shared import wording as texts
from backend.shared.i18n import LOCALES_DIR, gettext_for
from backend.shared.wording import day_runs, day_span, short_day

EASY_READ = "nb_lettlest"
MAX_WORDS = 10
# Sentences that may be longer, each with its reason. Keep this list tiny.
LONG_SENTENCES: dict[str, str] = {}
# Abbreviations a reader with low literacy has to guess at; write the whole word instead.
ABBREVIATIONS = [
    "man.",
    "tir.",
    "ons.",
    "tor.",
    "fre.",
    "lør.",
    "søn.",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "okt.",
    "nov.",
    "des.",
    "f.eks.",
    "bl.a.",
    "ca.",
    "kl.",
    "nr.",
    "evt.",
    "osv.",
    "mht.",
    "dvs.",
    "pga.",
    "ifm.",
    "mvh.",
]
# Units written short without a full stop: `5 t`, `16 kr`, `30 min`.
SHORT_UNITS = ["t", "kr", "min"]

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A sentence ends at . ! ? followed by a space or the end, or at a line break.
# A full stop before a small letter ends nothing: `14. dag`, `30. november` are ordinals.
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)(?!\s+[a-zæøå])|\n")
# A word has a letter or a digit; emoji and dashes are not words.
WORD = re.compile(r"\S*\w\S*")


def easy_read_strings() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated entry; both forms of a plural."""
    po = LOCALES_DIR / EASY_READ / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else message.string
        found.extend((msgid, text) for text in strings if text)
    return found


def sentences(text: str) -> list[str]:
    """A placeholder counts as one word, whatever it will hold."""
    plain = PLACEHOLDER.sub("X", text)
    return [part.strip() for part in SENTENCE_END.split(plain) if part.strip()]


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du er meldt borte.", [4]),
        ("Hei, {name}! Hva vil du gjøre?", [2, 4]),
        ("Listen går hver 14. dag.\nTrykk ✅ her.", [5, 2]),
        ("Bruk uke 1 til 53. Du skrev {text}", [5, 3]),
        ("🚫 Jeg kommer ikke", [3]),
        ("{first} til {last}", [3]),
    ],
)
def test_sentences_are_counted_in_words(text: str, expected: list[int]) -> None:
    assert [word_count(s) for s in sentences(text)] == expected


def test_every_sentence_is_short() -> None:
    too_long = [
        (msgid, sentence, word_count(sentence))
        for msgid, text in easy_read_strings()
        if msgid not in LONG_SENTENCES
        for sentence in sentences(text)
        if word_count(sentence) > MAX_WORDS
    ]
    assert not too_long, f"{len(too_long)} sentences over {MAX_WORDS} words: {too_long[:5]}"


def test_no_abbreviations() -> None:
    found = [
        (msgstr, word)
        for _msgid, msgstr in easy_read_strings()
        for word in ABBREVIATIONS
        if re.search(r"(?<![\w.])" + re.escape(word), msgstr, re.IGNORECASE)
    ]
    units = [
        (msgstr, unit)
        for _msgid, msgstr in easy_read_strings()
        for unit in SHORT_UNITS
        if re.search(rf"(?<![\w.]){unit}(?![\w.])", PLACEHOLDER.sub("X", msgstr))
    ]
    assert not found, f"write these out: {found[:5]}"
    assert not units, f"write the unit out: {units[:5]}"


def test_glossary_heads_the_catalog() -> None:
    po = LOCALES_DIR / EASY_READ / "LC_MESSAGES" / "messages.po"
    head = po.read_text(encoding="utf-8").split('msgid ""')[0]
    assert "Ordliste" in head
    for word in ("borte", "kontaktperson", "lønn", "plan"):
        assert word in head


BUTTONS = [
    *CATEGORY_LABELS.values(),
    *(
        getattr(texts, name)
        for name in dir(texts)
        if name.startswith(("MENU_", "ABSENCE_", "PICKER_", "STAFF_"))
    ),
]


@pytest.mark.parametrize("label", BUTTONS)
def test_buttons_are_short_and_keep_their_emoji(label: str) -> None:
    """A phone shows about 25 characters of a button; a date in it may run longer."""
    easy = gettext_for(EASY_READ)(label)
    assert len(PLACEHOLDER.sub("", easy)) <= 25, easy
    assert easy.split()[0] == label.split()[0] or easy.split()[-1] == label.split()[-1], easy


@pytest.mark.parametrize(
    ("msgid", "easy"),
    [
        ("Vil du si mer? (valgfritt)", "Vil du si noe mer? Du trenger ikke."),
        ("(avtalt {hours} t)", "(avtalt {hours} timer)"),
    ],
)
def test_rewritten_examples(msgid: str, easy: str) -> None:
    assert gettext_for(EASY_READ)(msgid) == easy


def test_buttons_name_the_whole_day_in_easy_read() -> None:
    tuesday = date(2026, 12, 1)
    assert short_day(tuesday, EASY_READ) == "tirsdag 1. desember"
    assert short_day(tuesday, "nb") == "tir. 1. des."


D = date


@pytest.mark.parametrize(
    ("days", "runs"),
    [
        ([], []),
        ([D(2026, 3, 2)], [(D(2026, 3, 2), D(2026, 3, 2))]),
        (
            [D(2026, 3, 4), D(2026, 3, 2), D(2026, 3, 3)],
            [(D(2026, 3, 2), D(2026, 3, 4))],
        ),
        (
            [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)],
            [(D(2026, 3, 2), D(2026, 3, 3)), (D(2026, 3, 5), D(2026, 3, 5))],
        ),
        (
            [D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 1), D(2026, 3, 1)],
            [(D(2026, 2, 27), D(2026, 3, 1))],
        ),
    ],
)
def test_days_that_follow_each_other_make_one_run(
    days: list[date], runs: list[tuple[date, date]]
) -> None:
    assert day_runs(days) == runs


MARCH = [D(2026, 3, d) for d in range(2, 7)]  # Monday 2 to Friday 6 March
NEXT_WEEK = [D(2026, 3, d) for d in range(9, 14)]  # Monday 9 to Friday 13 March


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ([D(2026, 3, 2)], "mandag 2. mars"),
        (MARCH[:3], "mandag 2. mars, tirsdag 3. mars, onsdag 4. mars"),
        (MARCH, "mandag 2. til fredag 6. mars"),
        (MARCH + NEXT_WEEK, "mandag 2. til fredag 6. mars, mandag 9. til fredag 13. mars"),
        (
            [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 6)],
            "mandag 2. til onsdag 4. mars, fredag 6. mars",
        ),
        (
            [D(2026, 11, 30), D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3)],
            "mandag 30. november til torsdag 3. desember",
        ),
        (
            [D(2026, 3, d) for d in (2, 4, 6, 9, 11, 13)],
            "6 dager fra mandag 2. til fredag 13. mars",
        ),
        (
            [D(2026, 12, 28), D(2026, 12, 30), D(2027, 1, 1), D(2027, 1, 4)],
            "4 dager fra mandag 28. desember til mandag 4. januar",
        ),
    ],
)
def test_more_than_three_days_are_said_as_ranges(days: list[date], words: str) -> None:
    assert day_span(days, EASY_READ, gettext_for(EASY_READ)) == words


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", "mandag 2. til fredag 6. mars"),
        ("nn", "måndag 2. til fredag 6. mars"),
        ("en", "Monday 2 to Friday 6 March"),
    ],
)
def test_ranges_in_every_language(language: str, words: str) -> None:
    assert day_span(MARCH, language, gettext_for(language)) == words
