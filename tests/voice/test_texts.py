"""What a participant's own chat is told when staff turn "🔊 Les opp" on or off, in the
chat's language: a language without a voice is not promised voice notes."""

from __future__ import annotations

import pytest

from backend.outbox.catalog import render

ON = [
    ("nb", "🔊 Nå kommer svarene også som lyd. Du kan slå det av i menyen."),
    ("nn", "🔊 No kjem svara òg som lyd. Du kan slå det av i menyen."),
    ("en", "🔊 The answers now also come as sound. You can turn this off in the menu."),
    ("nb_lettlest", "🔊 Nå kommer svarene også som lyd. Du kan slå det av i menyen."),
    ("uk", "🔊 Тепер відповіді приходять також як звук. Це можна вимкнути в меню."),
    # Somali has no voice: it is on, but no voice note comes, and the chat is told so.
    (
        "so",
        "🔊 Kor u akhriska waa la shiday. Weli ma jiro cod ku hadla luqaddaada, "
        "sidaas darteed fariin cod ah ma imaanayso.",
    ),
]
OFF = [
    ("nb", "🔇 Svarene kommer nå bare som tekst."),
    ("nn", "🔇 Svara kjem no berre som tekst."),
    ("en", "🔇 The answers now come as text only."),
    ("nb_lettlest", "🔇 Svarene kommer nå bare som tekst."),
    ("so", "🔇 Hadda jawaabaha waxay u imanayaan qoraal keliya."),
]


@pytest.mark.parametrize(("language", "text"), ON)
def test_turned_on(language: str, text: str) -> None:
    assert render("read_aloud_on", {}, language) == text


@pytest.mark.parametrize(("language", "text"), OFF)
def test_turned_off(language: str, text: str) -> None:
    assert render("read_aloud_off", {}, language) == text
