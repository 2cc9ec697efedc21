"""Registering units, staff and participants (shared by CLI and web pages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from tortoise.transactions import in_transaction

from backend.domain.errors import N_, RuleError
from backend.domain.parse import format_weekdays, parse_code
from backend.models import Participant, Programme, Staff, StaffRole, Unit
from backend.services import audit


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


async def add_participant(new: NewParticipant, *, actor: str, today: date) -> Participant:
    code = parse_code(new.code)
    if new.start_time.minute % 15 or new.end_time.minute % 15:
        raise RuleError(N_("Tider må være hele kvarter, som 09:00 eller 14:15"))
    if new.birth_date >= today:
        raise RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=new.birth_date)
    async with in_transaction():
        unit = await unit_by_code(new.unit_code)
        contact = await staff_by_code(new.contact_code)
        if contact.unit_id != unit.id:  # type: ignore[attr-defined]
            raise RuleError(
                N_("{staff} jobber ikke ved enheten {unit}"), staff=contact.code, unit=unit.code
            )
        if await Participant.exists(code=code):
            raise RuleError(N_("Det finnes allerede en deltaker med id-en {code}"), code=code)
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
        )
        await audit.record(actor, "participant.create", f"participant:{code}")
    return participant
