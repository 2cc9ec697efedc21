"""Who a Telegram user is: their active links to participants or staff."""

from __future__ import annotations

from datetime import datetime

from backend.models import LinkRole, Participant, TelegramLink
from backend.services.clock import utc


async def links_of(telegram_user_id: int) -> list[TelegramLink]:
    """Every link of a user that is in force (not revoked; relatives with consent)."""
    links = await TelegramLink.filter(
        telegram_user_id=telegram_user_id, revoked_at=None
    ).prefetch_related("participant__unit", "participant__contact", "staff__unit")
    return [link for link in links if link.is_active and _person_active(link)]


def _person_active(link: TelegramLink) -> bool:
    if link.participant is not None:
        return link.participant.active
    return link.staff is not None and link.staff.active


def participant_links(links: list[TelegramLink]) -> list[TelegramLink]:
    return [link for link in links if link.role in (LinkRole.PARTICIPANT, LinkRole.RELATIVE)]


def link_for_participant(links: list[TelegramLink], participant_id: int) -> TelegramLink | None:
    """The user's link that lets them act for this participant, if any."""
    for link in participant_links(links):
        if link.participant_id == participant_id:  # type: ignore[attr-defined]
            return link
    return None


async def recipients_for_participant(participant: Participant) -> list[TelegramLink]:
    """Staff chats to tell about a participant: the contact person, else the unit's leaders."""
    contact_links = await TelegramLink.filter(
        staff_id=participant.contact_id,  # type: ignore[attr-defined]
        revoked_at=None,
        blocked_at=None,
        staff__active=True,
    ).all()
    if contact_links:
        return contact_links
    return await TelegramLink.filter(
        role=LinkRole.STAFF,
        revoked_at=None,
        blocked_at=None,
        staff__unit_id=participant.unit_id,  # type: ignore[attr-defined]
        staff__role__in=["leader", "coordinator"],
        staff__active=True,
    ).all()


async def set_language(telegram_user_id: int, language: str) -> None:
    await TelegramLink.filter(telegram_user_id=telegram_user_id).update(language=language)


async def mark_blocked(chat_id: int, at: datetime) -> None:
    """Telegram said the user blocked the bot: stop sending until they write again."""
    await TelegramLink.filter(chat_id=chat_id, blocked_at=None).update(blocked_at=utc(at))


async def mark_reachable(telegram_user_id: int) -> None:
    await (
        TelegramLink.filter(telegram_user_id=telegram_user_id)
        .exclude(blocked_at=None)
        .update(blocked_at=None)
    )
