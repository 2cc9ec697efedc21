"""The inline buttons an outbox row carries in the chat; its text is
`backend.outbox.catalog.render`."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from backend.absence.notices import notice_buttons
from backend.models import OutboxMessage
from backend.shared.i18n import gettext_for


def buttons(message: OutboxMessage, language: str) -> InlineKeyboardMarkup | None:
    """Inline buttons of an outbox row, one per line, labels in the recipient's language:
    `params["buttons"]` ([[msgid, callback data], …]) and those its template implies."""
    return keyboard([*message.params.get("buttons", []), *notice_buttons(message)], language)


def keyboard(wanted: list[list[str]], language: str) -> InlineKeyboardMarkup | None:
    """Buttons given as [[msgid, callback data], …], one per line, in the language."""
    _ = gettext_for(language)
    rows = [[InlineKeyboardButton(_(label), callback_data=data)] for label, data in wanted]
    return InlineKeyboardMarkup(rows) if rows else None
