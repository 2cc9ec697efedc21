"""Who a Telegram user is: their active links to participants or staff."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.models import LinkRole, Participant, TelegramLink
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


async def links_of(telegram_user_id: int) -> list[TelegramLink]:
    """Every link of a user that is in force (not revoked; relatives with consent)."""
    return _in_force(await _unrevoked(telegram_user_id))


async def links_of_writer(telegram_user_id: int) -> list[TelegramLink]:
    """The user wrote to the bot: their links in force, with the participant, its unit
    and contact person, and the staff member and unit, each row read once. A link of
    theirs marked blocked is reachable again: one write more, only when one is."""
    links = await _unrevoked(telegram_user_id)
    if any(link.blocked_at is not None for link in links):
        await mark_reachable(telegram_user_id)
        for link in links:
            link.blocked_at = None
    return _in_force(links)


async def _unrevoked(telegram_user_id: int) -> list[TelegramLink]:
    # What every handler reads of a link comes with it: a query per table, which costs
    # less CPU in the ORM than one query joining the five (measured, bench/README.md).
    return await TelegramLink.filter(
        telegram_user_id=telegram_user_id, revoked_at=None
    ).prefetch_related("participant__unit", "participant__contact", "staff__unit")


def _in_force(links: list[TelegramLink]) -> list[TelegramLink]:
    return [link for link in links if link.is_active and _person_active(link)]


async def ended_links_for(
    telegram_user_id: int, participant_id: int | None = None
) -> list[TelegramLink]:
    """A user's links to participants that no longer (or not yet) let them act.

    Revoked links, and relatives still waiting for consent: used to tell a user why a
    button stopped working, never to let them act.
    """
    query = TelegramLink.filter(
        telegram_user_id=telegram_user_id, role__in=[LinkRole.PARTICIPANT, LinkRole.RELATIVE]
    )
    if participant_id is not None:
        query = query.filter(participant_id=participant_id)
    links = await query.prefetch_related("participant").order_by("-id")
    return [link for link in links if not (link.is_active and _person_active(link))]


async def staff_access_ended(telegram_user_id: int) -> bool:
    """True when the user was linked as staff and is no longer (deactivated, link ended)."""
    return await TelegramLink.filter(
        Q(revoked_at__isnull=False) | Q(staff__active=False),
        telegram_user_id=telegram_user_id,
        role=LinkRole.STAFF,
    ).exists()


def _person_active(link: TelegramLink) -> bool:
    if link.participant is not None:
        return link.participant.active
    return link.staff is not None and link.staff.active


def participant_links(links: list[TelegramLink]) -> list[TelegramLink]:
    return [link for link in links if link.role in (LinkRole.PARTICIPANT, LinkRole.RELATIVE)]


def link_for_participant(links: list[TelegramLink], participant_id: int) -> TelegramLink | None:
    """The user's link that lets them act for this participant, if any."""
    for link in participant_links(links):
        if link.participant_id == participant_id:
            return link
    return None


async def recipients_for_participant(participant: Participant) -> list[TelegramLink]:
    """Staff chats to tell about a participant: the contact person's while they are
    active and reachable, else the unit's leaders' (a deactivated contact person
    has no chats: their participant needs a new one, and the leaders stand in)."""
    contact_links = await contact_person_chats(participant)
    if contact_links:
        return contact_links
    return await TelegramLink.filter(
        role=LinkRole.STAFF,
        revoked_at=None,
        blocked_at=None,
        staff__unit_id=participant.unit_id,
        staff__role__in=["leader", "coordinator"],
        staff__active=True,
    ).all()


async def participant_chats(participant_id: int) -> list[TelegramLink]:
    """The participant's own chats that can be written to (not relatives', not staff)."""
    return await TelegramLink.filter(
        participant_id=participant_id,
        role=LinkRole.PARTICIPANT,
        revoked_at=None,
        blocked_at=None,
        participant__active=True,
    ).all()


async def contact_person_chats(participant: Participant) -> list[TelegramLink]:
    """Chats of the participant's own contact person, and no one else's."""
    if participant.contact_id is None:
        return []
    return await TelegramLink.filter(
        staff_id=participant.contact_id,
        role=LinkRole.STAFF,
        revoked_at=None,
        blocked_at=None,
        staff__active=True,
    ).all()


async def set_language(telegram_user_id: int, language: str) -> None:
    """The user's language, on every link they have (so each notice comes in it)."""
    await TelegramLink.filter(telegram_user_id=telegram_user_id).update(language=language)


async def revoke_link(link_id: int, *, actor: str, now: datetime) -> TelegramLink:
    """End a link at once: the next tap of its user gets a clear message, and nothing else."""
    async with in_transaction():
        link = await TelegramLink.get_or_none(id=link_id).prefetch_related("participant", "staff")
        if link is None:
            raise RuleError(N_("Fant ikke den koblingen"))
        if link.revoked_at is None:
            link.revoked_at = utc(now)
            await link.save(update_fields=["revoked_at"])
            # Named as the unit's log names people: by the participant's or staff code.
            if link.role == LinkRole.STAFF:
                subject = f"staff:{link.staff.code}"
            else:
                subject = f"{link.role.value}:{link.participant.code}"
            await audit.record(actor, "link.revoke", subject, role=link.role.value, link=link.id)
    return link


async def mark_blocked(chat_id: int, at: datetime) -> None:
    """Telegram said the user blocked the bot: stop sending until they write again."""
    await TelegramLink.filter(chat_id=chat_id, blocked_at=None).update(blocked_at=utc(at))


async def mark_reachable(telegram_user_id: int) -> None:
    await (
        TelegramLink.filter(telegram_user_id=telegram_user_id)
        .exclude(blocked_at=None)
        .update(blocked_at=None)
    )
