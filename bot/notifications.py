"""Outbox templates rendered in the recipient's language at send time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from backend.i18n import Gettext, gettext_for
from bot.texts import category_word, day_list

Render = Callable[[dict[str, Any], Gettext, str], str]


def _absence_reported(params: dict[str, Any], _: Gettext, language: str) -> str:
    days = day_list([date.fromisoformat(d) for d in params["days"]], language)
    category = category_word(params["category"], _)
    if params.get("reporter"):
        text = _("{participant} er borte: {days} ({category}). Meldt av {reporter}.")
    else:
        text = _("{participant} er borte: {days} ({category}).")
    if params.get("late"):
        text += " " + _("Meldt etter starttid.")
    return text.format(
        participant=params["participant"],
        days=days,
        category=category,
        reporter=params.get("reporter"),
    )


TEMPLATES: dict[str, Render] = {
    "absence_reported": _absence_reported,
}


def render(template: str, params: dict[str, Any], language: str) -> str:
    return TEMPLATES[template](params, gettext_for(language), language)
