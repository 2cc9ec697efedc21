"""Recording a participant's eligibility criteria, one use case for CLI, web pages, API.

Each criterion of the participant's programme (`backend.people.eligibility_rules.criteria_of`)
is met (True), not met (False) or not yet assessed (None: nothing stored). Recording:

- checks every key first (an unknown key changes nothing);
- stores the new states and writes one audit event per changed criterion, old → new;
- answers what changed, what is still open, and who was told.

Once the weekly reminder pass finds nothing open it stops reminding (see
`backend.reminders.rules.weekly_rules`).

A criterion that becomes *not met* after intake (the decision is in force: it has a
start date, today or earlier, `backend.people.eligibility_rules.intake_done`) is news for the
unit's coordinators (else, with none, its leaders): each is told at once through the
outbox (`criterion_not_met`, any hour, like an absence notice) on every Telegram chat
they linked, else by e-mail when they have an address. The person who recorded it is
not told of their own change. Someone who cannot be reached is named in the answer, so
the page or the command can say so.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from backend.models import LinkRole, Participant, Staff, StaffRole, TelegramLink
from backend.outbox import queue as outbox
from backend.outbox import smtp as mail
from backend.people import eligibility
from backend.people.eligibility_rules import (
    CriterionChange,
    EligibilityResult,
    Programme,
    criteria_changes,
    criteria_of,
    intake_done,
)
from backend.people.erased import check_not_erased
from backend.shared.errors import N_, RuleError

log = logging.getLogger(__name__)

NOT_MET_TEMPLATE = "criterion_not_met"
TOLD = N_("Beskjed om det som ikke er oppfylt går til {names}.")
NOT_TOLD = N_("Kunne ikke gi beskjed til {names}: ikke koblet til boten og ingen e-postadresse.")


@dataclass(frozen=True, slots=True)
class CriterionState:
    criterion: str  # the key, as the CLI, the API and import columns name it
    value: bool | None  # met, not met, not assessed


@dataclass(frozen=True)
class CriteriaRecorded:
    participant: Participant
    changes: tuple[CriterionChange, ...]
    result: EligibilityResult
    told: tuple[str, ...] = ()  # names of the staff told that a criterion is not met
    not_told: tuple[str, ...] = ()  # those who should have been, but have no chat or e-mail


@dataclass(frozen=True, slots=True)
class ToldLine:
    message: str  # msgid with {names}
    names: str
    reached: bool


def told_lines(recorded: CriteriaRecorded) -> list[ToldLine]:
    """Who was told, and who could not be: for the page and the command to show."""
    lines = []
    if recorded.told:
        lines.append(ToldLine(TOLD, ", ".join(recorded.told), True))
    if recorded.not_told:
        lines.append(ToldLine(NOT_TOLD, ", ".join(recorded.not_told), False))
    return lines


def states_of(participant: Participant) -> list[CriterionState]:
    """Every criterion of the participant's programme with its recorded state."""
    stored = participant.eligibility or {}
    return [
        CriterionState(name, stored.get(name) if isinstance(stored.get(name), bool) else None)
        for name in criteria_of(Programme(participant.programme))
    ]


def check_wanted(wanted: Mapping[str, object], programme: Programme) -> None:
    """Every key a criterion one can record, every value yes, no or not assessed (None);
    the message for an unknown key lists the programme's keys."""
    for name, value in wanted.items():
        if name not in eligibility.RECORDED_FACTS:
            raise RuleError(
                N_("Ukjent kriterium: {name}. Kriteriene er: {keys}"),
                name=name,
                keys=", ".join(criteria_of(programme)),
            )
        if value is not None and not isinstance(value, bool):
            raise RuleError(N_("Kriteriet {name} må være ja eller nei"), name=name)


async def record_criteria(
    participant_code: str,
    wanted: Mapping[str, bool | None],
    *,
    actor: str,
    now: datetime,
) -> CriteriaRecorded:
    """Record criteria (None: back to not assessed); see the module's docstring."""
    today = now.date()
    async with in_transaction():
        participant = await Participant.filter(code=participant_code).select_for_update().first()
        if participant is None:
            raise RuleError(N_("Ingen deltaker har id-en {code}"), code=participant_code)
        check_not_erased(participant)
        check_wanted(wanted, Programme(participant.programme))
        stored: dict[str, bool | None] = {
            k: v
            for k, v in (participant.eligibility or {}).items()
            if k in eligibility.RECORDED_FACTS and isinstance(v, bool)
        }
        changes = criteria_changes(stored, wanted)
        told: tuple[str, ...] = ()
        not_told: tuple[str, ...] = ()
        if changes:
            for change in changes:
                stored[change.criterion] = change.new
            participant.eligibility = eligibility.clean_facts(stored)
            await participant.save(update_fields=["eligibility"])
            subject = f"participant:{participant.code}"
            await eligibility.audit_changes(actor, subject, changes)
            not_met = [c.criterion for c in changes if c.became_not_met]
            if not_met and intake_done(participant.decision_start, today):
                told, not_told = await _tell_coordinators(participant, not_met, actor, now)
    return CriteriaRecorded(
        participant,
        changes,
        eligibility.assess_participant(participant, today),
        told,
        not_told,
    )


async def _recipients(unit_id: int, actor: str) -> list[Staff]:
    """The unit's active coordinators, else its leaders; never the one who recorded it."""
    for role in (StaffRole.COORDINATOR, StaffRole.LEADER):
        found = await Staff.filter(unit_id=unit_id, role=role, active=True).order_by("code")
        if found:
            return [s for s in found if f"staff:{s.code}" != actor]
    return []


async def _tell_coordinators(
    participant: Participant, criteria: list[str], actor: str, now: datetime
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    params = {"participant": participant.name, "code": participant.code, "criteria": criteria}
    key = f"{NOT_MET_TEMPLATE}:{participant.id}:{now.isoformat()}"
    told: list[str] = []
    not_told: list[str] = []
    staff = await _recipients(participant.unit_id, actor)
    chats = await TelegramLink.filter(
        staff_id__in=[s.id for s in staff], role=LinkRole.STAFF, revoked_at=None, blocked_at=None
    ).order_by("id")
    for person in staff:
        own = [c for c in chats if c.staff_id == person.id]
        for chat in own:
            await outbox.enqueue(
                f"{key}:tg:{chat.chat_id}",
                NOT_MET_TEMPLATE,
                params,
                due_at=now,
                chat_id=chat.chat_id,
                language=chat.language or "nb",
            )
        reached = bool(own)
        if not reached and person.email:
            try:
                await mail.enqueue_email(
                    f"{key}:mail:{person.code}",
                    NOT_MET_TEMPLATE,
                    params,
                    to=person.email,
                    due_at=now,
                )
                reached = True
            except RuleError:
                log.warning("staff %s: the e-mail address is not valid", person.code)
        (told if reached else not_told).append(person.name)
    return tuple(told), tuple(not_told)
