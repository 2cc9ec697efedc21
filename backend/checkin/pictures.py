"""What a participant's tile shows: a chosen symbol, or a photo when they consent to it.

The photo is stored only while the participant's consent to it is recorded (who
recorded it, and when); withdrawing the consent deletes the photo at once. The photo is
re-encoded by `photos.reencode` (pixels only, no metadata). Changes are audited; the
photo itself never goes into the log.
"""

from __future__ import annotations

from datetime import datetime

from tortoise.transactions import in_transaction

from backend.access.sign_in import staff_actor
from backend.checkin import photos
from backend.checkin.rules import SYMBOL_PICTURES
from backend.models import Participant, ParticipantPicture, Staff
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


async def picture_of(participant: Participant) -> ParticipantPicture | None:
    return await ParticipantPicture.get_or_none(participant_id=participant.id)


async def save(
    staff: Staff,
    participant: Participant,
    now: datetime,
    *,
    symbol: str | None,
    consent: bool,
    upload: bytes | None = None,
    remove_photo: bool = False,
) -> ParticipantPicture:
    """Set the symbol and the photo consent, and store an uploaded photo (with consent only).

    RuleError (nothing changed) for an unknown symbol, a photo without consent, or a
    file that is not a readable picture.
    """
    if participant.erased_at is not None:
        raise RuleError(N_("Fant ikke deltakeren."))
    if symbol is not None and symbol not in SYMBOL_PICTURES:
        raise RuleError(N_("Ukjent symbol: {text}"), text=symbol)
    if upload and not consent:
        raise RuleError(
            N_("Et bilde kan bare lagres når deltakeren har samtykket. Kryss av for samtykke.")
        )
    photo = photos.reencode(upload) if upload else None  # before anything is written
    actor = staff_actor(staff)
    subject = f"participant:{participant.code}"
    async with in_transaction():
        picture, _made = await ParticipantPicture.get_or_create(participant_id=participant.id)
        changes: dict[str, object] = {}
        if symbol != picture.symbol:
            picture.symbol = symbol
            changes["symbol"] = symbol
        if consent and picture.photo_consent_at is None:
            picture.photo_consent_at = utc(now)
            picture.photo_consent_by = actor
            changes["photo_consent"] = True
        if not consent and picture.photo_consent_at is not None:
            picture.photo_consent_at = None
            picture.photo_consent_by = None
            changes["photo_consent"] = False
        if not consent or remove_photo:
            if picture.photo is not None:
                changes["photo"] = "removed"
            picture.photo = None
        if photo is not None:
            picture.photo = photo
            changes["photo"] = "new"
        await picture.save()
        if changes:
            await audit.record(actor, "picture.change", subject, **changes)
    return picture
