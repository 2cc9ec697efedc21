"""Eligibility at registration and on every change of a decision.

The rules are `backend.people.eligibility_rules.check_eligibility`. Here they meet what is
stored: the recorded facts (`Participant.eligibility`, a JSON object of criterion →
true/false), the birth date and the decision's weekdays.

- A refusal stops the registration or the change with a clear reason, unless a
  coordinator of the participant's unit overrides it with a written note; the
  override is audited and kept in `Participant.eligibility_override`. Fixed limits
  (the age window, KVP's work ability assessment) cannot be overridden.
- A criterion not yet recorded is open: `open_criteria` lists it on the
  participant, and the weekly reminder pass tells the coordinator until it is
  recorded (`backend.people.criteria.record_criteria`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from backend.models import Participant, Staff, StaffRole
from backend.people.eligibility_rules import (
    CriterionChange,
    EligibilityFacts,
    EligibilityResult,
    Programme,
    Refusal,
    check_eligibility,
)
from backend.shared import audit
from backend.shared.errors import N_, RuleError

# Facts a coordinator records; birth date and days a week come from the participant.
DERIVED_FACTS = frozenset({"birth_date", "granted_days_per_week"})
RECORDED_FACTS = frozenset(f.name for f in fields(EligibilityFacts)) - DERIVED_FACTS
MIN_NOTE_LENGTH = 10
MAX_NOTE_LENGTH = 2000

# Short labels, used in refusals, on the participant's page and in reminders.
CRITERIA_LABELS: dict[str, str] = {
    "birth_date": N_("fødselsdato"),
    "granted_days_per_week": N_("dager i uken i vedtaket"),
    "lives_in_municipality": N_("bor i kommunen"),
    "wants_service": N_("ønsker tjenesten"),
    "needs_day_adaptation": N_("trenger tilrettelegging på dagtid"),
    "multidisciplinary_assessment": N_("tverrfaglig vurdering"),
    "can_work_in_group": N_("kan jobbe i gruppe"),
    "no_heavy_shielding_need": N_("trenger ikke mye skjerming"),
    # No-break spaces: kept together, and gettext does not read "% u" as a format.
    "full_disability_benefit": N_("100\u00a0%\u00a0uføretrygd"),
    "disability_benefit": N_("uføretrygd"),
    "nav_decision": N_("vedtak fra NAV"),
    "work_ability_assessment": N_("arbeidsevnevurdering"),
    "needs_close_follow_up": N_("trenger tett oppfølging"),
    "adapted_programme_available": N_("NAV kan tilby et tilpasset program"),
    "no_other_benefit_rights": N_("har ikke rett til andre ytelser"),
    "referred_by_nav": N_("henvist fra NAV"),
}

# Refusals with numbers; a refused yes/no criterion uses NOT_MET with its label.
REFUSAL_MESSAGES: dict[str, str] = {
    "min_two_days": N_("AoK krever minst {minimum} dager i uken, vedtaket gir {days}"),
    "full_time": N_("KVP er på fulltid, {minimum} dager i uken, vedtaket gir {days}"),
    "under_18": N_("er {age} år, tjenesten gjelder fra {limit} år"),
    "age_67": N_("er {age} år, tjenesten slutter ved {limit} år"),
}
NOT_MET = N_("ikke oppfylt: {criterion}")


def criterion_label(code: str, _: Callable[[str], str]) -> str:
    return _(CRITERIA_LABELS.get(code, code))


def refusal_text(refusal: Refusal, _: Callable[[str], str]) -> str:
    message = REFUSAL_MESSAGES.get(refusal.code)
    if message is not None:
        return _(message).format(**refusal.detail)
    return _(NOT_MET).format(criterion=criterion_label(refusal.code, _))


class EligibilityRefused(RuleError):
    """Refused by the criteria; the reasons are translated where the error is shown."""

    def __init__(self, result: EligibilityResult) -> None:
        self.result = result
        if result.overridable:
            message = N_(
                "Oppfyller ikke kriteriene: {reasons}. "
                "En koordinator kan overstyre med et skriftlig notat."
            )
        else:
            message = N_("Oppfyller ikke kriteriene: {reasons}.")
        super().__init__(message, reasons=self._reasons(lambda text: text))

    def _reasons(self, gettext: Callable[[str], str]) -> str:
        return "; ".join(refusal_text(r, gettext) for r in self.result.refusals)

    def render(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.message).format(reasons=self._reasons(gettext))


def clean_facts(stored: Mapping[str, Any]) -> dict[str, bool]:
    """Recorded facts as stored: known names, true/false only (None means not recorded)."""
    facts: dict[str, bool] = {}
    for name, value in stored.items():
        if name not in RECORDED_FACTS:
            raise RuleError(N_("Ukjent kriterium: {name}"), name=name)
        if value is None:
            continue
        if not isinstance(value, bool):
            raise RuleError(N_("Kriteriet {name} må være ja eller nei"), name=name)
        facts[name] = value
    return facts


def facts_for(birth_date: date, days_per_week: int, stored: Mapping[str, Any]) -> EligibilityFacts:
    """The facts the rules read; unknown keys in old stored data are ignored."""
    recorded = {k: v for k, v in stored.items() if k in RECORDED_FACTS and isinstance(v, bool)}
    return EligibilityFacts(birth_date=birth_date, granted_days_per_week=days_per_week, **recorded)


def assess_participant(participant: Participant, on: date) -> EligibilityResult:
    facts = facts_for(
        participant.birth_date, len(participant.weekday_set), participant.eligibility or {}
    )
    return check_eligibility(Programme(participant.programme), facts, on)


def open_criteria(participant: Participant, on: date) -> tuple[str, ...]:
    """Criteria not yet recorded, to list on the participant (codes; see CRITERIA_LABELS)."""
    return assess_participant(participant, on).open_criteria


async def enforce(
    result: EligibilityResult,
    *,
    unit_id: int,
    subject: str,
    actor: str,
    override_note: str | None,
    override_by: str | None,
) -> str | None:
    """Refuse unless overridden; returns the override note to keep (None: not needed).

    Call inside the caller's transaction, so the audit record and the change go
    together or not at all.
    """
    if not result.refusals:
        return None
    if not result.overridable or override_note is None:
        raise EligibilityRefused(result)
    note = " ".join(override_note.split())
    if not MIN_NOTE_LENGTH <= len(note) <= MAX_NOTE_LENGTH:
        raise RuleError(
            N_("Et notat som overstyrer må ha {low} til {high} tegn"),
            low=MIN_NOTE_LENGTH,
            high=MAX_NOTE_LENGTH,
        )
    coordinator = await _coordinator(override_by, unit_id)
    await audit.record(
        actor,
        "eligibility.override",
        subject,
        refusals=list(result.refusal_codes),
        coordinator=coordinator.code,
        note=note,
    )
    return note


async def _coordinator(code: str | None, unit_id: int) -> Staff:
    staff = None if code is None else await Staff.get_or_none(code=code)
    if (
        staff is None
        or not staff.active
        or staff.role != StaffRole.COORDINATOR
        or staff.unit_id != unit_id
    ):
        raise RuleError(N_("Bare en koordinator ved enheten kan overstyre kriteriene"))
    return staff


# How a criterion's state is written in the audit log and shown (msgids for display).
STATE_CODES: dict[bool | None, str] = {True: "met", False: "not_met", None: "not_assessed"}
STATE_LABELS: dict[bool | None, str] = {
    True: N_("ja"),
    False: N_("nei"),
    None: N_("ikke vurdert"),
}


def state_label(value: bool | None, _: Callable[[str], str]) -> str:
    return _(STATE_LABELS[value])


async def audit_changes(actor: str, subject: str, changes: Iterable[CriterionChange]) -> None:
    """One audit event per changed criterion, with its old and new state."""
    for change in changes:
        await audit.record(
            actor,
            "eligibility.record",
            subject,
            criterion=change.criterion,
            old=STATE_CODES[change.old],
            new=STATE_CODES[change.new],
        )
