"""What the cooperation with NAV sends: the cooperation meeting's minutes (seed 004 item 10,
"Kopi av møtereferat sendes virksomhetsleder i NAV og Kvalifisering").

To the unit's leaders on Telegram, a notice that they are written (the words may name
people: they stay on the web page); by e-mail (to a leader without a chat, and to NAV's
leader) with the minutes as a PDF attached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.shared.i18n import Gettext
from backend.shared.wording import long_date

MINUTES_TEMPLATE = "nav_minutes"
MINUTES_MAIL_TEMPLATE = "nav_minutes_mail"


def _next_words(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("next_meeting"):
        return _("Neste møte: {day}.").format(day=long_date(params["next_meeting"], language))
    return _("Neste møte er ikke satt.")


def _minutes(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To a leader's chat: {unit, day, present, next_meeting (ISO or None)}. The minutes'
    own words may name people and their situation, so they are not in a chat: they are
    on the web page and in the e-mail's PDF."""
    return "\n".join(
        (
            _("📝 Referat fra samarbeidsmøtet med NAV {day}, {unit}").format(
                day=long_date(params["day"], language), unit=params["unit"]
            ),
            _("Til stede: {present}").format(present=params["present"]),
            _("Referatet står under Møter og frister på nettsidene."),
            _next_words(params, _, language),
        )
    )


def minutes_mail(params: dict[str, Any], _: Gettext, language: str) -> tuple[str, str]:
    subject = _("Referat fra samarbeidsmøtet mellom NAV og {unit}, {day}").format(
        unit=params["unit"], day=long_date(params["day"], language)
    )
    body = _(
        "Hei!\n\nVedlagt er referatet fra samarbeidsmøtet mellom NAV og {unit} {day}, "
        "som PDF.\n\nTil stede: {present}\n{next}\n\nHilsen {sender}\n{unit}"
    ).format(
        unit=params["unit"],
        day=long_date(params["day"], language),
        present=params["present"],
        next=_next_words(params, _, language),
        sender=params["sender"],
    )
    return subject, body


def minutes_mail_body(params: dict[str, Any], _: Gettext, language: str) -> str:
    """The same e-mail as a plain text, for the outbox's chat renderer."""
    return minutes_mail(params, _, language)[1]


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    MINUTES_TEMPLATE: _minutes,
    MINUTES_MAIL_TEMPLATE: minutes_mail_body,
}
EMAIL_TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], tuple[str, str]]] = {
    MINUTES_MAIL_TEMPLATE: minutes_mail
}
