"""A participant's own messages to the contact person, when the unit keeps them off the chat.

What a participant types or says may be about their health ("jeg har influensa og feber").
Unless the unit chose otherwise (`Unit.messages_in_chat`), the words are stored here and the
contact person's chat only learns that a message came: they read it on the web, where only
the participant's contact person sees it, every view is audited, and the nightly retention
pass deletes it with absence notes of the same age (`backend.people.retention`).
"""

from __future__ import annotations

from datetime import datetime

from backend.access.permissions import sees_private_words
from backend.models import Participant, ParticipantMessage, Staff
from backend.shared import audit
from backend.shared.clock import utc

MAX_TEXT_CHARS = 4096
LISTED = 500  # the newest messages of the unit looked at for one staff member's list


async def keep(
    participant: Participant, *, now: datetime, text: str | None = None, voice: bytes | None = None
) -> ParticipantMessage:
    """Store the message for the contact person to read on the web."""
    assert (text is None) != (voice is None)
    return await ParticipantMessage.create(
        participant=participant,
        text=text[:MAX_TEXT_CHARS] if text is not None else None,
        voice=voice,
        created_at=utc(now),
    )


def _sees(staff: Staff, message: ParticipantMessage) -> bool:
    participant = message.participant
    contact = participant.contact
    return sees_private_words(
        staff.id, staff.role, participant.contact_id, contact is not None and contact.active
    )


async def for_contact(staff: Staff) -> list[ParticipantMessage]:
    """The messages the staff member may read (`sees_private_words`), newest first."""
    found = (
        await ParticipantMessage.filter(participant__unit_id=staff.unit_id)
        .prefetch_related("participant__contact")
        .order_by("-created_at")
        .only("id", "participant_id", "created_at", "read_at")
        .limit(LISTED)
    )
    return [message for message in found if _sees(staff, message)]


async def read(staff: Staff, message_id: int, now: datetime) -> ParticipantMessage | None:
    """The message, for the participant's contact person only; the view is audited.

    None when it does not exist or the staff member may not read it.
    """
    found = (
        await ParticipantMessage.filter(participant__unit_id=staff.unit_id, id=message_id)
        .prefetch_related("participant__contact")
        .first()
    )
    if found is None or not staff.active or not _sees(staff, found):
        return None
    await audit.record(
        f"staff:{staff.code}",
        "message.view",
        f"participant:{found.participant.code}",
        message=found.id,
        kind="voice" if found.voice is not None else "text",
    )
    if found.read_at is None:
        found.read_at = utc(now)
        await found.save(update_fields=["read_at"])
    return found
