"""Small reads the outbox senders need, kept here so that bot/ never queries the ORM."""

from __future__ import annotations

from backend.models import TelegramLink
from backend.shared.i18n import normalise_language


async def chat_languages(chat_ids: list[int]) -> dict[int, str]:
    """The language each chat uses now (one query); a chat without a link is left out."""
    if not chat_ids:
        return {}
    rows = await TelegramLink.filter(chat_id__in=chat_ids, revoked_at=None).values_list(
        "chat_id", "language"
    )
    return {chat_id: normalise_language(language) for chat_id, language in rows if language}
