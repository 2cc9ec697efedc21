"""A candidate's details: the consent form, the mapping conversation, the action plan and
its dates, contact details, follower and target-group facts (web, API and CLI).

Every change is one audited event naming what changed (never the words themselves: a
note or a wish can be personal). Who may call these is the caller's check
(`lookup.candidate_for` with `follows`); the unit is the candidate's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from backend.models import Candidate, Staff
from backend.pathway.candidates import subject
from backend.pathway.rules import (
    Consent,
    Referrer,
    check_consent,
    waits_for_benefit,
)
from backend.shared import audit
from backend.shared.errors import N_, Msgid, RuleError

NOTE_LENGTH = 1000  # a short note in general words
SCOPE_LENGTH = 500


def _text(value: str | None, length: int, what: str) -> str | None:
    cleaned = " ".join(value.split()) if value else ""
    if len(cleaned) > length:
        raise RuleError(N_("{what} kan ha høyst {count} tegn"), what=Msgid(what), count=length)
    return cleaned or None


def _not_ahead(day: date | None, today: date) -> None:
    if day is not None and day > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=day)


def _changed(candidate: Candidate, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(candidate, name) != value]


async def _write(candidate: Candidate, values: dict[str, Any], changed: list[str]) -> None:
    """Write the values that differ (the caller audits their names in the same transaction)."""
    candidate.update_from_dict({name: values[name] for name in changed})
    await candidate.save(update_fields=changed)


async def record_consent(
    candidate: Candidate,
    on: date | None,
    scope: str | None,
    names_to_businesses: bool,
    *,
    actor: str,
    today: date,
) -> list[str]:
    """The consent form as signed: date, scope and whether names may go to businesses.
    Recording it again (a new form) ends an earlier withdrawal."""
    check_consent(Consent(on, names_to_businesses), today)
    values = {
        "consent_on": on,
        "consent_scope": _text(scope, SCOPE_LENGTH, N_("Omfanget")),
        "consent_names_to_businesses": names_to_businesses,
        "consent_withdrawn_on": None,
    }
    changed = _changed(candidate, values)
    if changed:
        async with in_transaction():
            await _write(candidate, values, changed)
            await audit.record(
                actor,
                "candidate.consent",
                subject(candidate),
                fields=changed,
                named=names_to_businesses,
            )
    return changed


async def withdraw_consent(candidate: Candidate, on: date, *, actor: str, today: date) -> list[str]:
    """The consent withdrawn: from now on no business is told the name."""
    if candidate.consent_on is None:
        raise RuleError(N_("Det er ikke registrert noe samtykke å trekke tilbake"))
    if candidate.consent_withdrawn_on is not None:
        raise RuleError(
            N_("Samtykket ble trukket tilbake {day}"), day=candidate.consent_withdrawn_on
        )
    check_consent(Consent(candidate.consent_on, True, on), today)
    values: dict[str, Any] = {"consent_withdrawn_on": on}
    changed = _changed(candidate, values)
    if changed:
        async with in_transaction():
            await _write(candidate, values, changed)
            await audit.record(
                actor, "candidate.consent_withdraw", subject(candidate), fields=changed
            )
    return changed


async def record_mapping(
    candidate: Candidate, on: date | None, note: str | None, *, actor: str, today: date
) -> list[str]:
    """The mapping conversation (kartleggingssamtale): its date and a short note."""
    _not_ahead(on, today)
    values = {"mapping_on": on, "mapping_note": _text(note, NOTE_LENGTH, N_("Notatet"))}
    changed = _changed(candidate, values)
    if changed:
        async with in_transaction():
            await _write(candidate, values, changed)
            await audit.record(actor, "candidate.mapping", subject(candidate), fields=changed)
    return changed


@dataclass(frozen=True)
class Plan:
    """The action plan's next step and its date, and the follow-up and evaluation dates
    (each becomes a reminder to the follower)."""

    next_step: str | None = None
    next_step_on: date | None = None
    follow_up_on: date | None = None
    evaluation_on: date | None = None


async def set_plan(candidate: Candidate, plan: Plan, *, actor: str) -> list[str]:
    step = _text(plan.next_step, NOTE_LENGTH, N_("Neste steg"))
    if plan.next_step_on is not None and step is None:
        raise RuleError(N_("Skriv hva neste steg er"))
    values = {
        "next_step": step,
        "next_step_on": plan.next_step_on,
        "follow_up_on": plan.follow_up_on,
        "evaluation_on": plan.evaluation_on,
    }
    changed = _changed(candidate, values)
    if changed:
        async with in_transaction():
            await _write(candidate, values, changed)
            await audit.record(actor, "candidate.plan", subject(candidate), fields=changed)
    return changed


@dataclass(frozen=True)
class Person:
    """Who the candidate is and how to reach them, who follows them, and the target
    group's facts (uføretrygd: True, False or None when not known; on AAP)."""

    name: str
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    referred_by: Referrer = Referrer.OTHER
    follower_code: str | None = None
    disability_benefit: bool | None = None
    on_aap: bool = False
    wishes: str | None = None


async def follower_in_unit(code: str | None, unit_id: int, unit_code: str) -> Staff | None:
    if code is None:
        return None
    follower = await Staff.get_or_none(code=code, unit_id=unit_id, active=True)
    if follower is None:
        raise RuleError(N_("{staff} jobber ikke ved enheten {unit}"), staff=code, unit=unit_code)
    return follower


async def update_person(
    candidate: Candidate, person: Person, *, actor: str, today: date
) -> list[str]:
    name = _text(person.name, 200, N_("Navnet"))
    if name is None:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    if person.birth_date is not None and person.birth_date >= today:
        raise RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=person.birth_date)
    email = _text(person.email, 254, N_("E-postadressen"))
    if email is not None and ("@" not in email or " " in email):
        raise RuleError(N_("Ikke en e-postadresse: {text}"), text=email)
    await candidate.fetch_related("unit")
    follower = await follower_in_unit(person.follower_code, candidate.unit_id, candidate.unit.code)
    values = {
        "name": name,
        "birth_date": person.birth_date,
        "phone": _text(person.phone, 32, N_("Telefonnummeret")),
        "email": email,
        "referred_by": person.referred_by,
        "follower_id": follower.id if follower else None,
        "disability_benefit": person.disability_benefit,
        "waiting_for_benefit": waits_for_benefit(person.disability_benefit, person.on_aap),
        "wishes": _text(person.wishes, SCOPE_LENGTH, N_("Ønskene")),
    }
    changed = _changed(candidate, values)
    if changed:
        async with in_transaction():
            await _write(candidate, values, changed)
            await audit.record(actor, "candidate.person", subject(candidate), fields=changed)
    return changed
