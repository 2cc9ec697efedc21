"""Read aloud's pure rules: the words said for a text in each language, the voice of
each language, whose chat hears voice notes, and the length a note is told to have."""

from __future__ import annotations

import pytest

from backend.voice.rules import (
    MAX_SPOKEN,
    EspeakVoice,
    OwnVoice,
    ReaderLink,
    cache_key,
    chat_reads_aloud,
    espeak_voice,
    own_voice,
    piper_languages,
    speakable,
    voice_duration,
)

NBSP = "\u00a0"

SPOKEN = [
    # bokmål: the absence confirmation, money, times, phone numbers, emoji and buttons
    (
        "nb",
        "✅ Takk! Du er meldt borte: onsdag 25. mars (syk).",
        "Takk! Du er meldt borte: onsdag tjuefemte mars (syk).",
    ),
    ("nb", f"💰 Du har tjent 80,00{NBSP}kr.", "Du har tjent åtti kroner."),
    ("nb", "80 kr", "åtti kroner."),
    ("nb", "1 kr", "en krone."),
    (
        "nb",
        f"Lønn: 1{NBSP}234,50{NBSP}kr (16 kr per time)",
        "Lønn: en tusen to hundre og trettifire kroner og femti øre (seksten kroner per time).",
    ),
    ("nb", "☕ Kafeen er åpen 09:00–14:00", "Kafeen er åpen ni til fjorten."),
    ("nb", "Møtet er kl. 10:30.", "Møtet er klokka ti tretti."),
    ("nb", "Kom 09:05", "Kom ni null fem."),
    (
        "nb",
        "📞 Ring Arbeid og kvalifisering: 33 16 50 00",
        "Ring Arbeid og kvalifisering: trettitre seksten femti null null.",
    ),
    (
        "nb",
        "📋 I dag: 3 påminnelser:\n• Møte 13.–14. mai",
        "I dag: tre påminnelser: Møte trettende til fjortende mai.",
    ),
    ("nb", "⬅️ Tilbake til menyen", "Tilbake til menyen."),
    ("nb", "➡️ I morgen, torsdag 5. mars", "I morgen, torsdag femte mars."),
    ("nb", "<b>ons. 8. apr.</b> *viktig* «sitat»", "onsdag åttende april. viktig sitat."),
    ("nb", "mandag 2. til fredag 6. mars", "mandag andre til fredag sjette mars."),
    (
        "nb",
        "Uke 15, man. 6. apr.–søn. 12. apr.",
        "Uke femten, mandag sjette april til søndag tolvte april.",
    ),
    (
        "nb",
        "Du har vært her 5,75 timer, 100 %",
        "Du har vært her fem komma syv fem timer, en hundre prosent.",
    ),
    ("nb", "👍🎉", ""),
    # nynorsk: the bokmål voice and number words
    (
        "nn",
        "Takk! Du er meld borte: i morgon, torsdag 5. mars.",
        "Takk! Du er meld borte: i morgon, torsdag femte mars.",
    ),
    ("nn", f"Du har tent 80,00{NBSP}kr.", "Du har tent åtti kroner."),
    # easy-read bokmål
    ("nb_lettlest", "Du kommer ikke onsdag 25. mars.", "Du kommer ikke onsdag tjuefemte mars."),
    ("nb_lettlest", "1️⃣ Bare mandag", "Bare mandag."),
    # English (Babel's en_GB)
    (
        "en",
        "Thanks! You are reported away: Wednesday 25 March (ill).",
        "Thanks! You are reported away: Wednesday the twenty-fifth of March (ill).",
    ),
    ("en", "NOK80.00", "eighty kroner."),
    ("en", "NOK1,234.50", "one thousand, two hundred and thirty-four kroner and fifty øre."),
    ("en", "Open 09:00–14:00", "Open nine a.m. to two p.m."),
    ("en", "Mon 9 Mar–Fri 13 Mar", "Monday the ninth of March to Friday the thirteenth of March."),
    # Ukrainian: dates in the genitive, krone with its three forms
    ("uk", "середа 25. березня", "середа двадцять п'ятого березня."),
    ("uk", f"80,00{NBSP}NOK", "вісімдесят крон."),
    ("uk", f"2{NBSP}NOK, 21{NBSP}NOK", "дві крони, двадцять одна крона."),
    # hours as feminine ordinals ("година"), in the genitive after "з" and "до"
    ("uk", "09:00–14:00", "з дев'ятої до чотирнадцятої."),
    ("uk", "Кафе 09:30–13:00", "Кафе з дев'ятої тридцять до тринадцятої."),
    ("uk", "08:05", "восьма нуль п'ять."),
    ("uk", "03:00–21:00", "з третьої до двадцять першої."),
    # Polish
    ("pl", "środa 25. marca", "środa dwudziestego piątego marca."),
    ("pl", "3. marca", "trzeciego marca."),
    ("pl", f"80,00{NBSP}NOK", "osiemdziesiąt koron."),
    ("pl", f"1{NBSP}NOK, 22{NBSP}NOK", "jedna korona, dwadzieścia dwie korony."),
    ("pl", "09:30", "dziewiąta trzydzieści."),
    ("pl", "09:00–14:00", "od dziewiątej do czternastej."),
    ("pl", "02:00–23:00", "od drugiej do dwudziestej trzeciej."),
    ("pl", "03:15", "trzecia piętnaście."),
    # Arabic: Arabic-Indic digits too
    ("ar", "الأربعاء 25. مارس", "الأربعاء خمس و عشرون مارس."),
    ("ar", "٣ أيام", "ثلاثة أيام."),
    ("ar", f"\u200f80,00{NBSP}NOK", "ثمانون كرونة."),
    # Somali: cleaned, but numbers stay digits (no number words, and no voice)
    ("so", "✅ Arbaco 25. Maarso 09:00 🎉", "Arbaco 25. Maarso 09:00."),
]


@pytest.mark.parametrize(("language", "text", "spoken"), SPOKEN)
def test_a_text_is_said_in_words(language: str, text: str, spoken: str) -> None:
    assert speakable(text, language) == spoken


def test_a_long_text_is_cut_at_the_end_of_a_sentence() -> None:
    text = "Dette er en setning som er ganske lang. " * 60
    spoken = speakable(text, "nb")
    assert len(spoken) <= MAX_SPOKEN
    assert spoken.endswith("ganske lang.")


VOICE_TABLE = [
    ("nb", EspeakVoice("nb", 160)),
    ("nn", EspeakVoice("nb", 160)),  # espeak-ng has no nynorsk voice
    ("en", EspeakVoice("en-gb", 160)),
    ("nb_lettlest", EspeakVoice("nb", 125)),  # slower
    ("uk", EspeakVoice("uk", 155)),
    ("pl", EspeakVoice("pl", 155)),
    ("ar", EspeakVoice("ar", 145)),
    ("so", None),  # no Somali voice: no voice note rather than another language
    ("xx", None),
]


@pytest.mark.parametrize(("language", "voice"), VOICE_TABLE)
def test_each_language_has_its_voice(language: str, voice: EspeakVoice | None) -> None:
    assert espeak_voice(language) == voice


@pytest.mark.parametrize(
    ("model", "languages"),
    [
        ("en_US", {"en"}),
        ("en_GB", {"en"}),
        ("no_NO", {"nb", "nn", "nb_lettlest"}),
        ("nb_NO", {"nb", "nn", "nb_lettlest"}),
        ("pl_PL", {"pl"}),
        ("de_DE", set()),
    ],
)
def test_a_piper_model_speaks_its_own_language(model: str, languages: set[str]) -> None:
    assert piper_languages(model) == languages


P_ON, P_OFF = ReaderLink("participant", True, False), ReaderLink("participant", False, False)
R_ON, R_OFF = ReaderLink("relative", False, True), ReaderLink("relative", True, False)
STAFF = ReaderLink("staff", False, False)


@pytest.mark.parametrize(
    ("links", "reads"),
    [
        ([], False),
        ([P_ON], True),
        ([P_OFF], False),
        ([R_ON], True),
        # a relative's chat follows the relative's own choice, not the participant's
        ([R_OFF], False),
        ([R_OFF, R_ON], True),
        # staff are never read to, whatever else the chat holds
        ([STAFF], False),
        ([P_ON, STAFF], False),
    ],
)
def test_whose_chat_hears_voice_notes(links: list[ReaderLink], reads: bool) -> None:
    assert chat_reads_aloud(links) is reads


def test_the_cache_key_changes_with_each_part() -> None:
    base = cache_key("Hei", "nb", "espeak-ng", "nb@160")
    assert base == cache_key("Hei", "nb", "espeak-ng", "nb@160")
    others = {
        cache_key("Hei!", "nb", "espeak-ng", "nb@160"),
        cache_key("Hei", "nn", "espeak-ng", "nb@160"),
        cache_key("Hei", "nb", "piper", "nb@160"),
        cache_key("Hei", "nb", "espeak-ng", "nb@125"),
    }
    assert base not in others and len(others) == 4


@pytest.mark.parametrize(
    ("seconds", "duration"),
    [
        (2.73, 3),
        (2.5, 3),  # half up: Python's round() says 2
        (2.49, 2),
        (3.5, 4),
        (4.5, 5),  # round() says 4
        (1.0, 1),
        (0.5, 1),
        (0.2, 1),  # at least a second
        (0.0, 1),
        (59.5, 60),
    ],
)
def test_a_notes_length_is_told_in_whole_seconds_rounded_half_up(
    seconds: float, duration: int
) -> None:
    assert voice_duration(seconds) == duration


@pytest.mark.parametrize(
    ("language", "voice"),
    [
        ("nb", OwnVoice("nb", True)),
        ("nb_lettlest", OwnVoice("nb_lettlest", True)),
        ("ar", OwnVoice("ar", True)),
        ("so", OwnVoice("so", False)),  # Somali has no voice: no voice notes
        (None, OwnVoice(None, None)),  # no chat with the bot: not known
    ],
)
def test_the_voice_of_a_participants_own_chat(language: str | None, voice: OwnVoice) -> None:
    assert own_voice(language) == voice
