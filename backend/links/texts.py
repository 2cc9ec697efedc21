"""What a relative is told when a participant gives or withdraws consent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.shared.i18n import Gettext


def _consent_given(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the relative: {participant}."""
    return _("{participant} har sagt ja. Nå kan du melde fravær for {participant}.").format(
        participant=params["participant"]
    )


def _consent_withdrawn(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the relative, once: {participant}, {phone} of the unit or None."""
    text = _(
        "Fra nå kan du ikke melde fravær for {participant} her. {participant} har bestemt det."
    )
    if params.get("phone"):
        text += "\n" + _("Lurer du på noe? Ring oss på {phone}.")
    else:
        text += "\n" + _("Lurer du på noe? Snakk med kontaktpersonen til {participant}.")
    return text.format(participant=params["participant"], phone=params.get("phone"))


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    "consent_given": _consent_given,
    "consent_withdrawn": _consent_withdrawn,
}
