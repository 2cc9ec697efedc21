"""What a participant is told in their own chat when staff turn "🔊 Les opp" on or off
for them (choice.set_read_aloud). Rendered in the chat's language when it is sent: a
language without a voice (Somali) is not promised voice notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.shared.errors import N_
from backend.shared.i18n import Gettext
from backend.voice.rules import espeak_voice

READ_ALOUD_ON = "read_aloud_on"
READ_ALOUD_OFF = "read_aloud_off"
NO_VOICE = N_("Det finnes ingen stemme på ditt språk ennå, så det kommer ingen lydmelding.")


def _on(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: staff turned read-aloud on (no params)."""
    if espeak_voice(language) is None:
        return " ".join([_("🔊 Opplesing er slått på."), _(NO_VOICE)])
    return _("🔊 Nå kommer svarene også som lyd. Du kan slå det av i menyen.")


def _off(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: staff turned read-aloud off (no params)."""
    return _("🔇 Svarene kommer nå bare som tekst.")


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    READ_ALOUD_ON: _on,
    READ_ALOUD_OFF: _off,
}
