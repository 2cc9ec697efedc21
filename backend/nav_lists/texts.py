"""The e-mail that carries an attendance list to NAV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.shared.i18n import Gettext

EMAIL_TEMPLATE = "attendance_list_mail"


def mail_template(params: dict[str, Any], _: Gettext, language: str) -> tuple[str, str]:
    subject = _("Frammøteliste for {participant}, {period}").format(
        participant=params["participant"], period=params["period"]
    )
    body = _(
        "Hei!\n\nVedlagt er frammøtelisten for {participant} ved {unit} for perioden "
        "{period}, som PDF og CSV.\n\nHilsen {sender}\n{unit}"
    ).format(
        participant=params["participant"],
        unit=params["unit"],
        period=params["period"],
        sender=params["sender"],
    )
    return subject, body


def mail_body(params: dict[str, Any], _: Gettext, language: str) -> str:
    """The same e-mail as a plain text, for the outbox's chat renderer."""
    return mail_template(params, _, language)[1]


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {EMAIL_TEMPLATE: mail_body}
EMAIL_TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], tuple[str, str]]] = {
    EMAIL_TEMPLATE: mail_template
}
