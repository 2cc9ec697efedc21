"""What the coordinators are told about a participant's eligibility."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.people.eligibility import criterion_label
from backend.shared.i18n import Gettext


def _criterion_not_met(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the coordinators: {participant, code, criteria (keys)}, recorded after intake."""
    return _(
        "Registrert som ikke oppfylt for {participant} ({code}): {criteria}. Vurder vedtaket."
    ).format(
        participant=params["participant"],
        code=params["code"],
        criteria=", ".join(criterion_label(code, _) for code in params["criteria"]),
    )


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    "criterion_not_met": _criterion_not_met,
}
