"""Registering units, staff and participants (shared by CLI and web pages)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from typing import Any, Final

from tortoise.transactions import in_transaction

from backend.models import Candidate, Participant, Programme, Staff, StaffRole, Unit
from backend.people import eligibility
from backend.people.eligibility_rules import check_eligibility, criteria_changes
from backend.people.erased import check_not_erased
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.parse import format_weekdays, parse_code


async def unit_by_code(code: str) -> Unit:
    unit = await Unit.get_or_none(code=code)
    if unit is None:
        raise RuleError(N_("Ingen enhet har koden {code}"), code=code)
    return unit


async def staff_by_code(code: str) -> Staff:
    staff = await Staff.get_or_none(code=code)
    if staff is None:
        raise RuleError(N_("Ingen ansatt har id-en {code}"), code=code)
    return staff


async def participant_by_code(code: str) -> Participant:
    participant = await Participant.get_or_none(code=code)
    if participant is None:
        raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code)
    return participant


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > 200:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    return name


async def add_unit(code: str, name: str, *, actor: str, phone: str | None = None) -> Unit:
    code = parse_code(code)
    async with in_transaction():
        if await Unit.exists(code=code):
            raise RuleError(N_("Det finnes allerede en enhet med koden {code}"), code=code)
        unit = await Unit.create(code=code, name=_name(name), phone=phone)
        await audit.record(actor, "unit.create", f"unit:{code}")
    return unit


async def add_staff(
    unit_code: str, code: str, name: str, role: StaffRole, *, actor: str, email: str | None = None
) -> Staff:
    code = parse_code(code)
    async with in_transaction():
        unit = await unit_by_code(unit_code)
        if await Staff.exists(code=code):
            raise RuleError(N_("Det finnes allerede en ansatt med id-en {code}"), code=code)
        staff = await Staff.create(unit=unit, code=code, name=_name(name), role=role, email=email)
        await audit.record(actor, "staff.create", f"staff:{code}", role=role.value)
    return staff


@dataclass(frozen=True)
class NewParticipant:
    unit_code: str
    code: str
    name: str
    birth_date: date
    weekdays: frozenset[int]
    start_time: time
    end_time: time
    contact_code: str
    programme: Programme = Programme.AOK
    transport: bool = False
    # Eligibility criteria recorded at intake (see backend.people.eligibility).
    eligibility: Mapping[str, bool] = field(default_factory=dict)


def code_taken(code: str, taken_in_unit: int, unit_id: int) -> RuleError:
    """A participant code already in use. Within the unit it is named as such; a code of
    another unit's participant is only refused, so nobody learns it exists there."""
    if taken_in_unit == unit_id:
        return RuleError(N_("Det finnes allerede en deltaker med id-en {code}"), code=code)
    return RuleError(N_("Id-en {code} kan ikke brukes. Velg en annen id."), code=code)


async def add_participant(
    new: NewParticipant,
    *,
    actor: str,
    today: date,
    override_note: str | None = None,
    override_by: str | None = None,
    candidate_id: int | None = None,
) -> Participant:
    """Register a participant; refused when the programme's criteria are not met.

    A refusal can be overridden by a coordinator of the unit (`override_by`, a staff
    id) with a written `override_note`; criteria not recorded yet stay open.
    A code is refused when another participant or a candidate has it, except the
    candidate `candidate_id` becoming this participant (`pathway.conversion`).
    """
    code = parse_code(new.code)
    _check_hours(new.start_time, new.end_time)
    if new.birth_date >= today:
        raise RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=new.birth_date)
    facts = eligibility.clean_facts(new.eligibility)
    result = check_eligibility(
        new.programme, eligibility.facts_for(new.birth_date, len(new.weekdays), facts), today
    )
    async with in_transaction():
        unit = await unit_by_code(new.unit_code)
        contact = await staff_by_code(new.contact_code)
        if contact.unit_id != unit.id:
            raise RuleError(
                N_("{staff} jobber ikke ved enheten {unit}"), staff=contact.code, unit=unit.code
            )
        taken_in = await Participant.filter(code=code).values_list("unit_id", flat=True)
        if taken_in:
            raise code_taken(code, taken_in[0], unit.id)
        if await Candidate.filter(code=code).exclude(id=candidate_id or 0).exists():
            raise code_taken(code, -1, unit.id)  # a candidate's: not a participant's
        override = await eligibility.enforce(
            result,
            unit_id=unit.id,
            subject=f"participant:{code}",
            actor=actor,
            override_note=override_note,
            override_by=override_by,
        )
        participant = await Participant.create(
            unit=unit,
            code=code,
            name=_name(new.name),
            birth_date=new.birth_date,
            programme=new.programme,
            weekdays=format_weekdays(new.weekdays),
            day_start=f"{new.start_time:%H:%M}",
            day_end=f"{new.end_time:%H:%M}",
            contact=contact,
            transport=new.transport,
            eligibility=facts,
            eligibility_override=override,
        )
        await audit.record(
            actor, "participant.create", f"participant:{code}", open=list(result.open_criteria)
        )
        await eligibility.audit_changes(actor, f"participant:{code}", criteria_changes({}, facts))
    return participant


def _check_hours(start: time, end: time) -> None:
    if start.minute % 15 or end.minute % 15:
        raise RuleError(N_("Tider må være hele kvarter, som 09:00 eller 14:15"))
    if start >= end:
        raise RuleError(N_("Dagen må slutte etter at den begynner"))


class _Unchanged(Enum):
    TOKEN = "unchanged"


UNCHANGED: Final = _Unchanged.TOKEN


@dataclass(frozen=True)
class DecisionChange:
    """A change of the decision (vedtak); fields left UNCHANGED keep their value.

    Dates may be set to None to clear them.
    """

    weekdays: frozenset[int] | _Unchanged = UNCHANGED
    start_time: time | _Unchanged = UNCHANGED
    end_time: time | _Unchanged = UNCHANGED
    programme: Programme | _Unchanged = UNCHANGED
    purpose: str | _Unchanged | None = UNCHANGED
    temporary: bool | _Unchanged = UNCHANGED
    decision_start: date | _Unchanged | None = UNCHANGED
    decision_end: date | _Unchanged | None = UNCHANGED
    next_evaluation: date | _Unchanged | None = UNCHANGED
    list_start: date | _Unchanged | None = UNCHANGED
    nav_followed: bool | _Unchanged = UNCHANGED
    pupil: bool | _Unchanged = UNCHANGED
    kvp_approved_on: date | _Unchanged | None = UNCHANGED
    kvp_started_on: date | _Unchanged | None = UNCHANGED

    def changes(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.__dict__.items()
            if value is not UNCHANGED and name not in ("start_time", "end_time", "weekdays")
        }


async def update_decision(
    participant_code: str,
    change: DecisionChange,
    *,
    actor: str,
    today: date,
    override_note: str | None = None,
    override_by: str | None = None,
) -> Participant:
    """Change a participant's decision; the eligibility criteria are checked again.

    A refusal changes nothing unless a coordinator overrides it with a note, as at
    registration. Every change is audited with the names of the changed fields.
    """
    async with in_transaction():
        participant = await Participant.filter(code=participant_code).select_for_update().first()
        if participant is None:
            raise RuleError(N_("Ingen deltaker har id-en {code}"), code=participant_code)
        check_not_erased(participant)
        values = change.changes()
        if change.weekdays is not UNCHANGED:
            if not change.weekdays or not all(1 <= d <= 7 for d in change.weekdays):
                raise RuleError(N_("Velg minst én ukedag"))
            values["weekdays"] = format_weekdays(change.weekdays)
        start = participant.start_time if change.start_time is UNCHANGED else change.start_time
        end = participant.end_time if change.end_time is UNCHANGED else change.end_time
        _check_hours(start, end)
        values["day_start"], values["day_end"] = f"{start:%H:%M}", f"{end:%H:%M}"
        if change.pupil is not UNCHANGED and change.pupil != participant.pupil:
            # The day of the flag: flagged late, the age-18 reminder comes at once.
            values["pupil_since"] = today if change.pupil else None
        participant.update_from_dict(values)
        if (
            participant.decision_start
            and participant.decision_end
            and participant.decision_start > participant.decision_end
        ):
            raise RuleError(N_("Vedtaket må begynne før det slutter"))
        result = eligibility.assess_participant(participant, today)
        override = await eligibility.enforce(
            result,
            unit_id=participant.unit_id,
            subject=f"participant:{participant.code}",
            actor=actor,
            override_note=override_note,
            override_by=override_by,
        )
        participant.eligibility_override = override
        await participant.save()
        await audit.record(
            actor,
            "participant.decision",
            f"participant:{participant.code}",
            fields=sorted(set(values) - {"day_start", "day_end"} | _time_fields(change)),
            open=list(result.open_criteria),
        )
    return participant


def _time_fields(change: DecisionChange) -> set[str]:
    return {
        name
        for name in ("weekdays", "start_time", "end_time")
        if getattr(change, name) is not UNCHANGED
    }
