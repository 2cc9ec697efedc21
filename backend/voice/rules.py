"""Read aloud: what is said, in which voice, and whose chat hears it. Pure: no I/O.

`speakable(text, language)` turns a bot text into words a speech engine says well:
emoji, arrows and markup go; money, dates, times, percentages and other numbers become
words in the language ("25. mars" → "tjuefemte mars", "80,00 kr" → "åtti kroner",
"09:00–14:00" → "ni til fjorten"). Number words come from num2words (no, en, uk, pl, ar;
nynorsk says its numbers as bokmål does here, and Somali has none: its digits stay as
they are), month names from Babel (CLDR).

`VOICES` names espeak-ng's voice and speed for each language; a language without a
voice (Somali) gets no voice note at all rather than speech in another language.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names
from num2words import num2words

__all__ = [
    "MAX_SPOKEN",
    "VOICES",
    "EspeakVoice",
    "OwnVoice",
    "ReaderLink",
    "cache_key",
    "chat_reads_aloud",
    "espeak_voice",
    "own_voice",
    "piper_languages",
    "speakable",
    "voice_duration",
]

# A voice note says at most this many characters of a text (about a minute of speech);
# a longer text is cut at the end of a sentence. The text itself is always sent whole.
MAX_SPOKEN = 1000


@dataclass(frozen=True)
class EspeakVoice:
    """An espeak-ng voice (`-v`) and its speed in words a minute (`-s`)."""

    name: str
    rate: int


# espeak-ng 1.51 (Debian 12) has nb, en, uk, pl and ar; it has no nynorsk voice (the
# bokmål voice reads nynorsk text well enough) and no Somali voice (None: no voice note).
# Easy-read bokmål is spoken slower.
VOICES: dict[str, EspeakVoice | None] = {
    "nb": EspeakVoice("nb", 160),
    "nn": EspeakVoice("nb", 160),
    "en": EspeakVoice("en-gb", 160),
    "nb_lettlest": EspeakVoice("nb", 125),
    "uk": EspeakVoice("uk", 155),
    "pl": EspeakVoice("pl", 155),
    "ar": EspeakVoice("ar", 145),
    "so": None,
}


def espeak_voice(language: str) -> EspeakVoice | None:
    """The espeak-ng voice for a language; None when it cannot be spoken."""
    return VOICES.get(language)


@dataclass(frozen=True)
class OwnVoice:
    """The voice of a participant's own chat: the language its voice notes are said in
    (None: the participant has no chat with the bot yet) and whether that language has a
    voice (None: not known without a chat)."""

    language: str | None
    available: bool | None


def own_voice(language: str | None) -> OwnVoice:
    """The voice for the language of the participant's own chat (None: no chat)."""
    if language is None:
        return OwnVoice(None, None)
    return OwnVoice(language, espeak_voice(language) is not None)


def piper_languages(model_language: str) -> frozenset[str]:
    """Our languages a Piper model speaks, from its config's `language.code` ("en_US",
    "nb_NO", "no_NO"): a Norwegian model speaks bokmål, nynorsk and easy-read bokmål."""
    base = model_language.replace("-", "_").split("_")[0].lower()
    if base in ("nb", "no", "nn"):
        return frozenset({"nb", "nn", "nb_lettlest"})
    return frozenset({base}) & frozenset(VOICES)


def cache_key(text: str, language: str, engine: str, voice: str) -> str:
    """The name of a made voice note: the same words, language, engine and voice make
    the same sound, so it is made once."""
    raw = "\x1f".join((engine, voice, language, text))
    return hashlib.sha256(raw.encode()).hexdigest()


def voice_duration(seconds: float) -> int:
    """The length sendVoice is told, in whole seconds, for a note of `seconds`: rounded
    half up (2.5 → 3, 2.49 → 2, where Python's round() says 2 for 2.5) and at least 1,
    so Telegram shows the note's own length."""
    return max(1, math.floor(seconds + 0.5))


# -- whose chat hears it -------------------------------------------------------------


@dataclass(frozen=True)
class ReaderLink:
    """What matters of one link in force in a chat: its role ("participant",
    "relative", "staff"), the participant's own choice and the link's (a relative's)."""

    role: str
    participant_reads_aloud: bool
    link_reads_aloud: bool


def chat_reads_aloud(links: Iterable[ReaderLink]) -> bool:
    """A chat hears voice notes when a participant there chose it for themself, or a
    relative for their own chat. A chat with a staff link never does: what staff are
    sent is theirs to read."""
    found = list(links)
    if any(link.role == "staff" for link in found):
        return False
    return any(
        (link.role == "participant" and link.participant_reads_aloud)
        or (link.role == "relative" and link.link_reads_aloud)
        for link in found
    )


# -- the words -------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """The few words numbers need around them, in one language."""

    number_language: str | None  # num2words' code; None: digits stay digits
    locale: str  # Babel's, for month and day names
    to: str  # "09:00–14:00" → "ni til fjorten"
    krone: tuple[str, ...]  # one, then the plural forms (see `_plural`)
    ore: str
    and_: str
    percent: str
    zero: str  # a minute below ten: "09:05" → "ni null fem"
    abbreviations: tuple[tuple[str, str], ...] = ()
    ordinal_date: Callable[[str], str] = lambda word: word
    date_order: str = "{day} {month}"
    # A krone is feminine in Ukrainian and Polish: "дві крони", "dwie korony".
    feminine: Callable[[int, str], str] = lambda count, said: said
    # Ukrainian and Polish say the hour as a feminine ordinal ("година", "godzina"): "о
    # дев'ята тридцять", and after "from"/"to" in the genitive: "з дев'ятої до
    # чотирнадцятої". Called with num2words' ordinal and whether the genitive is wanted.
    hour: Callable[[str, bool], str] | None = None
    from_: str = ""  # said before a range of hours where `hour` is set: "з", "od"


def _uk_genitive(ordinal: str) -> str:
    """Ukrainian dates are in the genitive: "двадцять п'ятий" → "двадцять п'ятого"."""
    head, _, last = ordinal.rpartition(" ")
    if last.endswith("ій"):
        last = last[:-2] + "ього"
    elif last.endswith("ий"):
        last = last[:-2] + "ого"
    return f"{head} {last}".strip()


def _pl_genitive(ordinal: str) -> str:
    """Polish dates are in the genitive, every word: "dwudziesty piąty" → "dwudziestego
    piątego", "trzeci" → "trzeciego"."""
    words = []
    for word in ordinal.split():
        if word.endswith("y"):
            word = word[:-1] + "ego"
        elif word.endswith("i"):
            word = word + "ego"
        words.append(word)
    return " ".join(words)


def _uk_feminine(count: int, said: str) -> str:
    return str(num2words(count, lang="uk", gender="feminine"))


def _uk_hour(ordinal: str, genitive: bool) -> str:
    """ "дев'ятий" → "дев'ята" / "дев'ятої"; "третій" → "третя" / "третьої"; only the
    last word of "двадцять перший" is an ordinal."""
    head, _, last = ordinal.rpartition(" ")
    endings = {(False, False): "а", (False, True): "я", (True, False): "ої", (True, True): "ьої"}
    last = last[:-2] + endings[genitive, last.endswith("ій")]
    return f"{head} {last}".strip()


def _pl_hour(ordinal: str, genitive: bool) -> str:
    """Every word: "dziewiąty" → "dziewiąta" / "dziewiątej"; "drugi" → "druga" /
    "drugiej"; "trzeci" → "trzecia" / "trzeciej"."""
    words = []
    for word in ordinal.split():
        if word.endswith("y"):
            word = word[:-1] + ("ej" if genitive else "a")
        elif word.endswith("i"):
            if genitive:
                word += "ej"
            else:
                word = word[:-1] + ("a" if word.endswith("gi") else "ia")
        words.append(word)
    return " ".join(words)


def _pl_feminine(count: int, said: str) -> str:
    if count == 1:
        return "jedna"
    head, _, last = said.rpartition(" ")
    return f"{head} dwie".strip() if last == "dwa" else said


_NORWEGIAN_ABBREVIATIONS = (
    ("kl.", "klokka"),
    ("ca.", "cirka"),
    ("f.eks.", "for eksempel"),
    ("nr.", "nummer"),
    ("bl.a.", "blant annet"),
)
NORWEGIAN = dict(
    number_language="no",
    to="til",
    krone=("krone", "kroner"),
    ore="øre",
    and_="og",
    percent="prosent",
    zero="null",
    abbreviations=_NORWEGIAN_ABBREVIATIONS,
)
WORDS: dict[str, Words] = {
    "nb": Words(locale="nb_NO", **NORWEGIAN),  # type: ignore[arg-type]
    # num2words has no nynorsk: its bokmål numbers are said the same way but for "ein"
    # (one), which the nynorsk voice (the bokmål one) would not say differently anyway.
    "nn": Words(locale="nn_NO", **NORWEGIAN),  # type: ignore[arg-type]
    "nb_lettlest": Words(locale="nb_NO", **NORWEGIAN),  # type: ignore[arg-type]
    "en": Words(
        number_language="en",
        locale="en_GB",
        to="to",
        krone=("krone", "kroner"),
        ore="øre",
        and_="and",
        percent="percent",
        zero="oh",
        abbreviations=(("e.g.", "for example"), ("no.", "number")),
        date_order="the {day} of {month}",
    ),
    "uk": Words(
        number_language="uk",
        locale="uk_UA",
        to="до",
        krone=("крона", "крони", "крон"),
        ore="ере",
        and_="і",
        percent="відсотків",
        zero="нуль",
        ordinal_date=_uk_genitive,
        feminine=_uk_feminine,
        hour=_uk_hour,
        from_="з",
    ),
    "pl": Words(
        number_language="pl",
        locale="pl_PL",
        to="do",
        krone=("korona", "korony", "koron"),
        ore="øre",
        and_="i",
        percent="procent",
        zero="zero",
        ordinal_date=_pl_genitive,
        feminine=_pl_feminine,
        hour=_pl_hour,
        from_="od",
    ),
    "ar": Words(
        number_language="ar",
        locale="ar",
        to="إلى",
        krone=("كرونة",),
        ore="أوره",
        and_="و",
        percent="بالمئة",
        zero="صفر",
    ),
    # Somali: no number words (num2words has none) and no voice; the text is cleaned all
    # the same, so a voice added later reads it.
    "so": Words(
        number_language=None,
        locale="so_SO",
        to="ilaa",
        krone=("karoon",),
        ore="øre",
        and_="iyo",
        percent="boqolkiiba",
        zero="eber",
    ),
}


def _words(language: str) -> Words:
    return WORDS.get(language, WORDS["nb"])


def _plural(forms: tuple[str, ...], count: int) -> str:
    """One form, or singular and plural, or the Slavic three (1; 2–4; 5–20 and the rest)."""
    if len(forms) == 1:
        return forms[0]
    if len(forms) == 2:
        return forms[0] if count == 1 else forms[1]
    if count % 10 == 1 and count % 100 != 11:
        return forms[0]
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return forms[1]
    return forms[2]


def _cardinal(number: int | float, words: Words) -> str:
    if words.number_language is None:
        return str(number)
    return str(num2words(number, lang=words.number_language))


# The days of a month in Norwegian, written out: num2words 0.5 says 13th "trettførste".
NORWEGIAN_DAYS = [
    "første",
    "andre",
    "tredje",
    "fjerde",
    "femte",
    "sjette",
    "sjuende",
    "åttende",
    "niende",
    "tiende",
    "ellevte",
    "tolvte",
    "trettende",
    "fjortende",
    "femtende",
    "sekstende",
    "syttende",
    "attende",
    "nittende",
    "tjuende",
    "tjueførste",
    "tjueandre",
    "tjuetredje",
    "tjuefjerde",
    "tjuefemte",
    "tjuesjette",
    "tjuesjuende",
    "tjueåttende",
    "tjueniende",
    "trettiende",
    "trettiførste",
]


def _ordinal(number: int, words: Words) -> str:
    if words.number_language is None:
        return f"{number}."
    if words.number_language == "no" and 1 <= number <= len(NORWEGIAN_DAYS):
        return NORWEGIAN_DAYS[number - 1]
    return str(num2words(number, lang=words.number_language, to="ordinal"))


# -- cleaning ----------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
_MARKDOWN = re.compile(r"[*_`~]+")
_DROPPED_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn"})
_JOINERS = frozenset({"\u200d", "\u200c", "\u200e", "\u200f", "\u2060", "\u20e3"})


def _is_dropped(char: str) -> bool:
    code = ord(char)
    if char in _JOINERS or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE007F:
        return True  # joiners, direction marks, variation selectors and tags of emoji
    if 0x2190 <= code <= 0x21FF or 0x27F0 <= code <= 0x27FF or 0x2900 <= code <= 0x297F:
        return True  # arrows, also those Unicode counts as mathematical
    return unicodedata.category(char) in _DROPPED_CATEGORIES


def _digits(text: str) -> str:
    """Arabic-Indic and other decimal digits as 0–9, so the rules below read them."""
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )


def _clean(text: str) -> str:
    text = _digits(unicodedata.normalize("NFC", text))
    text = _TAG.sub("", text)
    text = _KEYCAP.sub("", text)
    text = "".join(c for c in text if not _is_dropped(c))
    text = _MARKDOWN.sub("", text)
    text = text.replace("«", "").replace("»", "").replace("“", "").replace("”", "")
    text = re.sub(r"\s*[•·|]\s*", ", ", text)
    return text


def _sentences(text: str) -> str:
    """Lines become sentences, so the voice pauses where a reader's eye would."""
    parts = []
    for line in text.splitlines():
        line = re.sub(r"[ \t\u00a0\u202f]+", " ", line).strip(" ,")
        if not line:
            continue
        if line[-1] not in ".!?:;,":
            line += "."
        parts.append(line)
    return " ".join(parts)


# -- numbers -------------------------------------------------------------------------------

_GROUPED = r"\d{1,3}(?:[\u00a0\u202f ,.]\d{3})+"  # 1 234 / 1,234 (money only)
_AMOUNT = rf"(?P<amount>{_GROUPED}|\d+)(?:[.,](?P<ore>\d{{2}}|-))?"
_MONEY_AFTER = re.compile(rf"{_AMOUNT}[\u00a0\u202f ]?(?:kr\b\.?|NOK\b|kroner\b)")
_MONEY_BEFORE = re.compile(rf"(?:\bkr\.?|\bNOK)[\u00a0\u202f ]?{_AMOUNT}")
_TIME = r"(?P<{h}>[01]?\d|2[0-3]):(?P<{m}>[0-5]\d)"
_TIME_RANGE = re.compile(
    _TIME.format(h="h1", m="m1") + r"\s*(?:[–—-]|\bto\b|\btil\b)\s*" + _TIME.format(h="h2", m="m2")
)
_ONE_TIME = re.compile(_TIME.format(h="h", m="m"))
_PERCENT = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)[\u00a0\u202f ]?%")
_NUMBER_RANGE = re.compile(r"(?<![\d.,:])(?P<a>\d+)[–—](?P<b>\d+)(?![\d:])")
_NUMBER = re.compile(
    r"(?<![\w.,:])(?P<n>\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+)(?:,(?P<frac>\d+)(?!\d))?"
)


def _money(match: re.Match[str], words: Words, decimal_comma: bool) -> str:
    raw = re.sub(r"[\u00a0\u202f ]", "", match["amount"])
    # The grouping mark is whichever the locale does not use for decimals.
    raw = raw.replace(".", "") if decimal_comma else raw.replace(",", "")
    kroner = int(raw.replace(",", "").replace(".", ""))
    ore = match["ore"]
    count = words.feminine(kroner, _cardinal(kroner, words))
    spoken = f"{count} {_plural(words.krone, kroner)}"
    if ore and ore != "-" and int(ore):
        spoken += f" {words.and_} {_cardinal(int(ore), words)} {words.ore}"
    return spoken


def _clock(hour: int, minute: int, words: Words, language: str, *, genitive: bool = False) -> str:
    if language == "en":
        half = "a.m." if hour < 12 else "p.m."
        hour12 = hour % 12 or 12
        spoken = _cardinal(hour12, words)
        if minute:
            spoken += " " + (
                _cardinal(minute, words) if minute >= 10 else f"oh {_cardinal(minute, words)}"
            )
        return f"{spoken} {half}"
    if words.hour is not None:
        ordinal = str(num2words(hour, lang=words.number_language, to="ordinal"))
        spoken = words.hour(ordinal, genitive) if hour else _cardinal(hour, words)
    else:
        spoken = _cardinal(hour, words)
    if minute:
        spoken += " " + (
            _cardinal(minute, words) if minute >= 10 else f"{words.zero} {_cardinal(minute, words)}"
        )
    return spoken


def _say_number(whole: str, fraction: str, words: Words) -> str:
    """ "1 234" → "en tusen to hundre og trettifire"; "5", "75" → "fem komma sju fem";
    "00" (in a phone number), "05": said digit by digit."""
    digits = re.sub(r"[\u00a0\u202f]", "", whole)
    if len(digits) > 1 and digits.startswith("0"):
        return " ".join(_cardinal(int(d), words) for d in digits)
    if fraction:
        return f"{_cardinal(int(digits), words)} {_comma(words)} " + " ".join(
            _cardinal(int(d), words) for d in fraction
        )
    return _cardinal(int(digits), words)


def _comma(words: Words) -> str:
    return {"no": "komma", "en": "point", "uk": "кома", "pl": "przecinek", "ar": "فاصلة"}.get(
        words.number_language or "", ","
    )


def _month_pattern(words: Words) -> tuple[re.Pattern[str], dict[str, str]]:
    """Month names (wide and abbreviated, lower-cased) → the wide name."""
    names: dict[str, str] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=words.locale).items():
                wide = get_month_names("wide", "format", locale=words.locale)[number]
                names.setdefault(name.lower().rstrip("."), wide)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\d.,:])(?:(?P<first>[0-3]?\d)\.?\s*[–—-]\s*)?"
        rf"(?P<day>[0-3]?\d)\.?[\u00a0\u202f ](?P<month>{alternatives})\b",
        re.IGNORECASE,
    )
    return pattern, names


def _weekday_names(words: Words) -> dict[str, str]:
    """Abbreviated day names ("ons.", "Wed") → the whole name, for "ons. 8. april"."""
    wide = get_day_names("wide", locale=words.locale)
    found = {}
    for width in ("abbreviated", "short"):
        for number, name in get_day_names(width, locale=words.locale).items():
            key = name.lower().rstrip(".")
            if key != wide[number].lower():
                found[key] = wide[number]
    return found


def _dates(text: str, words: Words) -> str:
    """Weekday abbreviations before a date ("ons. 8. apr."), then days of a month, one
    ("25. mars") or a run ("5.–7. mai"), as ordinals."""
    days = _weekday_names(words)
    if days:
        alternatives = "|".join(re.escape(d) for d in sorted(days, key=len, reverse=True))
        text = re.sub(
            rf"(?<!\w)(?P<day>{alternatives})\.?(?=[\u00a0\u202f ]+\d)",
            lambda m: days.get(m["day"].lower(), m[0]),
            text,
            flags=re.IGNORECASE,
        )
    pattern, months = _month_pattern(words)

    def said(match: re.Match[str]) -> str:
        first, day = match["first"], int(match["day"])
        if not 1 <= day <= 31 or (first and not 1 <= int(first) <= 31):
            return match[0]
        month = months[match["month"].lower().rstrip(".")]
        spoken = words.ordinal_date(_ordinal(day, words))
        if first:
            spoken = f"{words.ordinal_date(_ordinal(int(first), words))} {words.to} {spoken}"
        return words.date_order.format(day=spoken, month=month)

    text = pattern.sub(said, text)
    # "mandag 2. til fredag 6. mars": the first day has no month of its own; in
    # Norwegian any "2." before a word in lower case is an ordinal ("2. gang").
    lower = r"|\s+[a-zæøå]" if words.number_language == "no" else ""
    return re.sub(
        rf"(?<![\d.,:])(?P<day>[0-3]?\d)\.(?=\s*(?:[–—-]|{re.escape(words.to)}\b){lower})",
        lambda m: (
            words.ordinal_date(_ordinal(int(m["day"]), words)) if 1 <= int(m["day"]) <= 31 else m[0]
        ),
        text,
    )


def _numbers(text: str, words: Words, language: str) -> str:
    if words.number_language is None:
        return text
    decimal_comma = language != "en"
    text = _dates(text, words)
    text = _MONEY_AFTER.sub(lambda m: _money(m, words, decimal_comma), text)
    text = _MONEY_BEFORE.sub(lambda m: _money(m, words, decimal_comma), text)
    genitive = words.hour is not None  # "з дев'ятої до чотирнадцятої"
    text = _TIME_RANGE.sub(
        lambda m: (
            f"{words.from_} {_clock(int(m['h1']), int(m['m1']), words, language, genitive=genitive)}"
            f" {words.to} "
            f"{_clock(int(m['h2']), int(m['m2']), words, language, genitive=genitive)}"
        ).lstrip(),
        text,
    )
    text = _ONE_TIME.sub(lambda m: _clock(int(m["h"]), int(m["m"]), words, language), text)
    text = _PERCENT.sub(
        lambda m: f"{_say_number(*re.split('[.,]', m['n'] + ',')[:2], words)} {words.percent}",
        text,
    )
    text = re.sub(r"(?<=[^\W\d])\.?\s*[–—]\s*(?=[^\W\d])", f" {words.to} ", text)
    text = _NUMBER_RANGE.sub(
        lambda m: f"{_cardinal(int(m['a']), words)} {words.to} {_cardinal(int(m['b']), words)}",
        text,
    )
    return _NUMBER.sub(lambda m: _say_number(m["n"], m["frac"] or "", words), text)


def _abbreviations(text: str, words: Words) -> str:
    for short, long in words.abbreviations:
        text = re.sub(rf"(?<!\w){re.escape(short)}(?=\s|$)", long, text, flags=re.IGNORECASE)
    return text


def _shortened(text: str, limit: int = MAX_SPOKEN) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > 0 else cut.rsplit(" ", 1)[0]


def speakable(text: str, language: str) -> str:
    """The text as words to say: no emoji, arrows or markup; numbers, money, dates and
    times as words in the language; lines as sentences; at most MAX_SPOKEN characters.
    Empty when nothing is left to say."""
    words = _words(language)
    cleaned = _abbreviations(_clean(text), words)
    spoken = _numbers(cleaned, words, language)
    spoken = _sentences(spoken)
    spoken = re.sub(r"\s+([,.!?:;])", r"\1", spoken)
    spoken = re.sub(r"([,.!?:;])(?:\s*[,])+", r"\1", spoken)
    spoken = re.sub(r"\s{2,}", " ", spoken).strip()
    if not re.search(r"\w", spoken):
        return ""
    return _shortened(spoken)
