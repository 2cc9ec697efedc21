"""Who has "🔊 Les opp" on: set by a participant or relative in the bot, or by staff for a
participant (web page, JSON API, command line), each change audited; and, per chat,
whether the bot's answers there also come as voice notes, and in which language.

When staff change it, the participant's own chats are told (texts.py), through the
outbox and never at night; a relative's chats are not (their choice is their own), and
a user who changes it in the chat is told there already. A notice not sent yet when
the next change comes (the change was made at night) is withdrawn: the chat is told
the latest state once, not each change in turn."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from backend.access.permissions import Action, follows, may
from backend.links.links import participant_chats
from backend.models import LinkRole, OutboxMessage, OutboxStatus, Participant, Staff, TelegramLink
from backend.outbox import queue as outbox
from backend.outbox.windows import PARTICIPANT as PARTICIPANT_WINDOW
from backend.outbox.windows import participant_window_opens
from backend.people.erased import participant_to_change
from backend.shared import audit
from backend.shared.errors import N_
from backend.shared.i18n import SOURCE_LANGUAGE, Gettext, normalise_language
from backend.voice.rules import OwnVoice, ReaderLink, chat_reads_aloud, own_voice
from backend.voice.texts import READ_ALOUD_OFF, READ_ALOUD_ON


@dataclass(frozen=True)
class ReadAloudChange:
    """What staff turning read-aloud on or off did: whether it changed, and how many of
    the participant's own chats are told (0: none linked, or nothing changed)."""

    participant: Participant
    changed: bool
    told: int


TOLD_NOW = N_("{participant} får beskjed om det i chatten.")
TOLD_THIS_MORNING = N_("{participant} får beskjed i chatten etter kl. {time}.")
TOLD_TOMORROW = N_("{participant} får beskjed i chatten i morgen tidlig (etter kl. {time}).")
TOLD_NOBODY = N_("{participant} har ingen chat med boten, så ingen fikk beskjed.")


def told_notice(change: ReadAloudChange, now: datetime, _: Gettext) -> str | None:
    """For staff, after a change made at `now`: whether and when the participant is told
    (notices to participants wait for their window, never at night). None: no change."""
    if not change.changed:
        return None
    name = change.participant.name
    if not change.told:
        return _(TOLD_NOBODY).format(participant=name)
    opens = participant_window_opens(now)
    if opens == now:
        return _(TOLD_NOW).format(participant=name)
    when = TOLD_THIS_MORNING if opens.date() == now.date() else TOLD_TOMORROW
    clock = f"{opens:%H}" if opens.minute == 0 else f"{opens:%H.%M}"
    return _(when).format(participant=name, time=clock)


def may_set_read_aloud(staff: Staff, participant: Participant) -> bool:
    """The participant's own contact person, or a leader or coordinator of the unit
    (the web page and the JSON API alike)."""
    return (
        staff.active
        and may(staff.role, Action.READ_ALOUD, same_unit=staff.unit_id == participant.unit_id)
        and follows(staff.id, staff.role, Action.READ_ALOUD, participant.contact_id)
    )


async def set_read_aloud(
    participant_code: str, on: bool, *, actor: str, now: datetime, unit_id: int | None = None
) -> ReadAloudChange:
    """Staff turn read-aloud on or off for a participant (of `unit_id`, when given): the
    change is audited and the participant's own chats are told (see the module)."""
    async with in_transaction():
        participant = await participant_to_change(participant_code, unit_id)
        if participant.read_aloud == on:
            return ReadAloudChange(participant, changed=False, told=0)
        participant.read_aloud = on
        await participant.save(update_fields=["read_aloud"])
        await audit.record(
            actor,
            "participant.read_aloud",
            f"participant:{participant.code}",
            read_aloud=on,
        )
        told = await _tell_participant(participant, on, now)
    return ReadAloudChange(participant, changed=True, told=told)


async def _tell_participant(participant: Participant, on: bool, now: datetime) -> int:
    """Write the notice to each of the participant's own chats; returns how many."""
    chats = await participant_chats(participant.id)
    if not chats:
        return 0
    # Notices of earlier changes still waiting (at night): this one takes their place.
    await OutboxMessage.filter(
        template__in=(READ_ALOUD_ON, READ_ALOUD_OFF),
        chat_id__in=[link.chat_id for link in chats],
        key__startswith=f"read_aloud:{participant.id}:",
        status=OutboxStatus.PENDING,
    ).delete()
    template = READ_ALOUD_ON if on else READ_ALOUD_OFF
    for link in chats:
        await outbox.enqueue(
            f"read_aloud:{participant.id}:{now.isoformat()}:{template}:{link.chat_id}",
            template,
            {},
            due_at=now,
            chat_id=link.chat_id,
            language=link.language or SOURCE_LANGUAGE,
            window=PARTICIPANT_WINDOW,  # never at night
        )
    return len(chats)


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


async def voices_of(participant_ids: Collection[int]) -> dict[int, OwnVoice]:
    """Each participant's own voice (rules.own_voice): the language of their own chat in
    force, as voice notes to it are said (one query for them all)."""
    rows = (
        await TelegramLink.filter(
            participant_id__in=list(participant_ids), role=LinkRole.PARTICIPANT, revoked_at=None
        )
        .order_by("id")
        .values_list("participant_id", "language")
    )
    languages: dict[int, str | None] = {}
    for participant_id, language in rows:
        if languages.get(participant_id) is None:  # the first chat with a language set
            languages[participant_id] = language
    return {
        participant_id: own_voice(
            normalise_language(languages[participant_id]) if participant_id in languages else None
        )
        for participant_id in participant_ids
    }
