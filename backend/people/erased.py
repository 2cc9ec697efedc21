"""The one guard for an erased participant (see data_rights.py): nothing new is stored
about them. Criteria, decisions, contact person, invites, attendance marked by hand and
imports all ask it, from the web, the API and the command line alike."""

from __future__ import annotations

from backend.models import Participant
from backend.shared.errors import N_, RuleError

ERASED = N_("Opplysningene om {code} er slettet. Ingenting nytt kan lagres om deltakeren.")


def erased_error(code: str) -> RuleError:
    return RuleError(ERASED, code=code)


def check_not_erased(participant: Participant) -> None:
    """RuleError when the participant's data has been erased."""
    if participant.erased_at is not None:
        raise erased_error(participant.code)


async def participant_to_change(code: str, unit_id: int | None = None) -> Participant:
    """The participant `code` (of `unit_id`, when given), locked for the transaction the
    caller is in; RuleError when there is none, or their data has been erased."""
    code = code.strip()
    query = Participant.filter(code=code)
    if unit_id is not None:
        query = query.filter(unit_id=unit_id)  # nobody acts on another unit's participant
    participant = await query.select_for_update().first()
    if participant is None:
        raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code[:64])
    check_not_erased(participant)
    return participant
