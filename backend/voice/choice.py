"""Who has "🔊 Les opp" on: set by a participant or relative in the bot, or by staff for a
participant (web page, command line), each change audited; and, per chat, whether the
bot's answers there also come as voice notes, and in which language."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.transactions import in_transaction

from backend.models import LinkRole, Participant, TelegramLink
from backend.people.erased import participant_to_change
from backend.shared import audit
from backend.shared.i18n import normalise_language
from backend.voice.rules import ReaderLink, chat_reads_aloud


async def set_read_aloud(
    participant_code: str, on: bool, *, actor: str, unit_id: int | None = None
) -> Participant:
    """Staff turn read-aloud on or off for a participant (of `unit_id`, when given)."""
    async with in_transaction():
        participant = await participant_to_change(participant_code, unit_id)
        if participant.read_aloud != on:
            participant.read_aloud = on
            await participant.save(update_fields=["read_aloud"])
            await audit.record(
                actor,
                "participant.read_aloud",
                f"participant:{participant.code}",
                read_aloud=on,
            )
    return participant


async def set_own_read_aloud(links: Iterable[TelegramLink], on: bool) -> None:
    """A user turns it on or off for their own chat: a participant for themself, a
    relative on their links. Staff links are left alone (staff are never read to)."""
    for link in links:
        actor = f"telegram:{link.telegram_user_id}"
        if link.role == LinkRole.PARTICIPANT and link.participant_id is not None:
            changed = await Participant.filter(id=link.participant_id, read_aloud=not on).update(
                read_aloud=on
            )
            if changed:
                subject = f"participant:{link.participant.code}"
                await audit.record(actor, "participant.read_aloud", subject, read_aloud=on)
            link.participant.read_aloud = on
        elif link.role == LinkRole.RELATIVE:
            changed = await TelegramLink.filter(id=link.id, read_aloud=not on).update(read_aloud=on)
            if changed:
                subject = f"relative:{link.participant.code}"
                await audit.record(actor, "link.read_aloud", subject, link=link.id, read_aloud=on)
            link.read_aloud = on


def _reader(link: TelegramLink, participant_reads: bool) -> ReaderLink:
    return ReaderLink(link.role.value, participant_reads, link.read_aloud)


def reads_aloud(links: Iterable[TelegramLink]) -> bool:
    """Whether a user's own chat hears voice notes, from their links in force (each with
    its participant loaded), as the menu shows it."""
    return chat_reads_aloud(
        _reader(link, bool(link.participant and link.participant.read_aloud)) for link in links
    )


async def chat_language(chat_id: int) -> str | None:
    """The language voice notes to the chat are spoken in, or None when the chat does not
    hear them (read-aloud off, a staff chat, no link in force)."""
    # One joined query: it runs for every text the bot sends.
    links = await TelegramLink.filter(chat_id=chat_id, revoked_at=None).select_related(
        "participant"
    )
    in_force = [
        link
        for link in links
        if link.is_active
        and (
            link.participant is None or (link.participant.active and not link.participant.erased_at)
        )
    ]
    readers = [
        _reader(link, bool(link.participant and link.participant.read_aloud)) for link in in_force
    ]
    if not chat_reads_aloud(readers):
        return None
    language = next((link.language for link in in_force if link.language), None)
    return normalise_language(language)
