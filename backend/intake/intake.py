"""Recording an intake with NAV: one use case for the web page, the CLI and the API.

The intake (seed 004, items 1–7) is kept as an Intake row, and it sets what the
reminders already read from the participant: the agreement as the decision (programme,
weekdays, hours, purpose, period), the contact person, `list_start` (the first
attendance list to NAV), `next_evaluation` (the first evaluation) and `nav_followed`.
The criterion "referred by NAV" is recorded as met.

A new participant is registered through the people area's registry (`add_participant`)
with what the intake already holds, so nothing is typed twice. Everything is checked
before anything is written, and all of it is written in one transaction, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from tortoise.transactions import in_transaction

from backend.intake.rules import (
    IntakeDates,
    check_dates,
    check_hours,
    check_programme,
    check_referral_day,
    clean_text,
)
from backend.models import Intake, Participant, Programme, Staff
from backend.people import criteria, staffing
from backend.people import registry as people
from backend.people.erased import check_not_erased
from backend.shared import audit
from backend.shared.errors import N_, Msgid, RuleError
from backend.shared.parse import format_weekdays


@dataclass(frozen=True)
class NewPerson:
    """A participant not registered yet: the rest comes from the intake itself."""

    name: str
    birth_date: date


@dataclass(frozen=True)
class IntakeForm:
    unit_code: str
    participant_code: str
    referred_on: date
    counsellor: str
    contact_code: str
    conversation_on: date
    nav_took_part: bool
    programme: Programme
    agreement_start: date
    agreement_end: date
    weekdays: frozenset[int]
    start_time: time
    end_time: time
    purpose: str
    first_list: date
    first_evaluation: date
    new_person: NewPerson | None = None  # None: the participant is registered already

    @property
    def dates(self) -> IntakeDates:
        return IntakeDates(
            self.referred_on,
            self.conversation_on,
            self.agreement_start,
            self.agreement_end,
            self.first_list,
            self.first_evaluation,
        )


def check_form(form: IntakeForm) -> tuple[str, str]:
    """Every rule that needs no database: (counsellor, purpose) cleaned."""
    check_programme(form.programme)
    if not form.weekdays or not all(1 <= d <= 7 for d in form.weekdays):
        raise RuleError(N_("Velg minst én ukedag"))
    check_hours(form.start_time, form.end_time)
    check_dates(form.dates)
    counsellor = clean_text(
        form.counsellor, Msgid(N_("NAV-veileder")), required=True, max_length=200
    )
    purpose = clean_text(form.purpose, Msgid(N_("Formål")), required=True)
    return " ".join(counsellor.split()), purpose


async def _contact(unit_id: int, code: str) -> Staff:
    contact = await Staff.get_or_none(code=code.strip(), unit_id=unit_id)
    if contact is None:
        raise RuleError(N_("Ingen ansatt ved enheten har id-en {code}"), code=code.strip()[:64])
    if not contact.active:
        raise RuleError(
            N_("{name} er deaktivert og kan ikke være kontaktperson"), name=contact.name
        )
    return contact


async def record_intake(form: IntakeForm, *, actor: str, now: datetime) -> Intake:
    """Store the intake and set the participant's decision, contact and dates from it."""
    counsellor, purpose = check_form(form)
    today = now.date()
    check_referral_day(form.referred_on, today, form.conversation_on)
    async with in_transaction():
        unit = await people.unit_by_code(form.unit_code)
        contact = await _contact(unit.id, form.contact_code)
        if form.new_person is not None:
            participant = await people.add_participant(
                people.NewParticipant(
                    unit_code=unit.code,
                    code=form.participant_code,
                    name=form.new_person.name,
                    birth_date=form.new_person.birth_date,
                    weekdays=form.weekdays,
                    start_time=form.start_time,
                    end_time=form.end_time,
                    contact_code=contact.code,
                    programme=form.programme,
                    eligibility={"referred_by_nav": True},
                ),
                actor=actor,
                today=today,
            )
        else:
            found = await Participant.get_or_none(
                code=form.participant_code.strip(), unit_id=unit.id
            )
            if found is None:
                raise RuleError(
                    N_("Ingen deltaker har id-en {code}"), code=form.participant_code.strip()[:64]
                )
            check_not_erased(found)
            if not found.active:
                raise RuleError(N_("Tjenesten til {name} er avsluttet"), name=found.name)
            participant = found
            if participant.contact_id != contact.id:
                await staffing.set_contact(
                    participant.code, contact.code, actor=actor, unit_id=unit.id
                )
        participant = await people.update_decision(
            participant.code,
            people.DecisionChange(
                weekdays=form.weekdays,
                start_time=form.start_time,
                end_time=form.end_time,
                programme=form.programme,
                purpose=purpose,
                decision_start=form.agreement_start,
                decision_end=form.agreement_end,
                next_evaluation=form.first_evaluation,
                list_start=form.first_list,
                nav_followed=True,
            ),
            actor=actor,
            today=today,
        )
        if form.new_person is None:
            await criteria.record_criteria(
                participant.code, {"referred_by_nav": True}, actor=actor, now=now
            )
        intake = await Intake.create(
            participant=participant,
            referred_on=form.referred_on,
            counsellor=counsellor,
            contact=contact,
            conversation_on=form.conversation_on,
            nav_took_part=form.nav_took_part,
            programme=form.programme,
            agreement_start=form.agreement_start,
            agreement_end=form.agreement_end,
            weekdays=format_weekdays(form.weekdays),
            day_start=f"{form.start_time:%H:%M}",
            day_end=f"{form.end_time:%H:%M}",
            purpose=purpose,
            first_list=form.first_list,
            first_evaluation=form.first_evaluation,
            recorded_by=actor[:80],
        )
        await audit.record(
            actor,
            "intake.record",
            f"participant:{participant.code}",
            referred_on=form.referred_on.isoformat(),
            conversation_on=form.conversation_on.isoformat(),
            with_nav=form.nav_took_part,
            first=form.agreement_start.isoformat(),
            last=form.agreement_end.isoformat(),
            list_start=form.first_list.isoformat(),
            next_evaluation=form.first_evaluation.isoformat(),
            contact=contact.code,
            new_participant=form.new_person is not None,
        )
    return intake


async def intakes_of(participant: Participant) -> list[Intake]:
    return (
        await Intake.filter(participant_id=participant.id)
        .order_by("-conversation_on", "-id")
        .prefetch_related("contact")
    )


async def latest_intake(participant: Participant) -> Intake | None:
    found = await intakes_of(participant)
    return found[0] if found else None
