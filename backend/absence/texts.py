"""What people are told of an absence: the contact person's notice, the participant's
and the relative's note, and the e-mail to the transport contact. Rendered in the
recipient's language at send time; `backend.outbox.catalog` lists them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date

from backend.absence.rules import category_word
from backend.shared.i18n import Gettext, babel_locale, gettext_for
from backend.shared.wording import (
    day_span,
)


def _absence_reported(params: dict[str, Any], _: Gettext, language: str) -> str:
    days = _days(params, language, _)
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


def _days(params: dict[str, Any], language: str, _: Gettext) -> str:
    return day_span([date.fromisoformat(d) for d in params["days"]], language, _)


def _absence_withdrawn(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the contact person: {participant, days, reporter (a relative's name or None)}."""
    if params.get("reporter"):
        text = _("{participant} kommer likevel: {days}. Meldt av {reporter}.")
    else:
        text = _("{participant} kommer likevel: {days}.")
    return text.format(
        participant=params["participant"],
        days=_days(params, language, _),
        reporter=params.get("reporter"),
    )


def _relative_reported(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: {reporter, days}. No reason: they know it, or should be asked."""
    return _("{reporter} meldte deg borte: {days}.").format(
        reporter=params["reporter"], days=_days(params, language, _)
    )


def _relative_withdrew(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: {reporter, days}."""
    return _("{reporter} meldte at du kommer likevel: {days}.").format(
        reporter=params["reporter"], days=_days(params, language, _)
    )


# -- e-mail to the transport contact -------------------------------------------------------
# (subject, plain-text body); the outbox catalog lists them.


def _email_days(params: dict[str, Any], language: str) -> str:
    days = [date.fromisoformat(d) for d in params["days"]]
    return "\n".join(
        "- " + format_date(d, "EEEE d. MMMM y", locale=babel_locale(language)) for d in days
    )


def _transport_cancel(params: dict[str, Any], _: Gettext, language: str) -> tuple[str, str]:
    subject = _("Avbestill transport for {participant}").format(participant=params["participant"])
    body = _(
        "Hei!\n\n{participant} ved {unit} trenger ikke transport disse dagene:\n{days}\n\n"
        "Hilsen {unit}"
    ).format(
        participant=params["participant"], unit=params["unit"], days=_email_days(params, language)
    )
    return subject, body


def _transport_restore(params: dict[str, Any], _: Gettext, language: str) -> tuple[str, str]:
    subject = _("Transport likevel for {participant}").format(participant=params["participant"])
    body = _(
        "Hei!\n\n{participant} ved {unit} kommer likevel og trenger transport disse dagene:\n"
        "{days}\n\nHilsen {unit}"
    ).format(
        participant=params["participant"], unit=params["unit"], days=_email_days(params, language)
    )
    return subject, body


EMAIL_TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], tuple[str, str]]] = {
    "transport_cancel": _transport_cancel,
    "transport_restore": _transport_restore,
}


def render_email(template: str, params: dict[str, Any], language: str = "nb") -> tuple[str, str]:
    """(subject, body) of an e-mail outbox row written here, in its language."""
    return EMAIL_TEMPLATES[template](params, gettext_for(language), language)


def _email_body(template: str) -> Callable[[dict[str, Any], Gettext, str], str]:
    """E-mail rows (transport): the plain-text body, as the mail sender sends it."""

    def body(params: dict[str, Any], _: Gettext, language: str) -> str:
        return EMAIL_TEMPLATES[template](params, _, language)[1]

    return body


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    "absence_reported": _absence_reported,
    "absence_withdrawn": _absence_withdrawn,
    "relative_reported": _relative_reported,
    "relative_withdrew": _relative_withdrew,
    "transport_cancel": _email_body("transport_cancel"),
    "transport_restore": _email_body("transport_restore"),
}
