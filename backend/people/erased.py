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
