"""What the roster chats and relatives are told about a day's attendance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.shared.i18n import Gettext
from backend.shared.wording import long_date


def _roster_unconfirmed(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the roster chats at closing time: {unit, day, count, names}."""
    return _("Oppmøtet {day} er ikke bekreftet ennå for {names}.").format(
        day=long_date(params["day"], language), names=", ".join(params["names"])
    )


def _wellbeing_check(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To a relative: {participant (first name), unit, phone}. Gentle, no blame."""
    text = _("Er {participant} i form? Vi savnet {participant} i dag. Hilsen {unit}.").format(
        participant=params["participant"], unit=params["unit"]
    )
    if params.get("phone"):
        text += " " + _("Ring oss gjerne på {phone}.").format(phone=params["phone"])
    return text


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    "roster_unconfirmed": _roster_unconfirmed,
    "wellbeing_check": _wellbeing_check,
}
