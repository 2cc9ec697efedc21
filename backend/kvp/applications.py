"""KVP applications: register one, record each step, start the programme (shared by the
web pages, the JSON API and the command line).

Every change is audited under the subject `kvp:<id>`. The steps' rules are in
`backend.kvp.rules`; here they meet what is stored.

Starting the programme registers the participant through the people area's own
`registry.add_participant` (programme KVP, the applicant's name, birth date and unit,
the AEV recorded as met) and then sets the KVP dates and the decision period on them
with `registry.update_decision`: only what a participant needs that the application
lacks is asked (weekdays, hours, contact person, and an id, KVP-<application id>
unless another is given). A decision period added after the start (a renewal) moves
the participant's decision end with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from tortoise.transactions import in_transaction

from backend.access.permissions import Action, follows, may
from backend.kvp import rules
from backend.models import KvpApplication, KvpDecisionPeriod, Participant, Programme, Staff
from backend.people import registry as people
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_code


def subject(application_id: int) -> str:
    return f"kvp:{application_id}"


def default_code(application_id: int) -> str:
    """The participant id a started programme gets unless another is chosen."""
    return f"KVP-{application_id}"


async def facts_of(application: KvpApplication) -> rules.Application:
    periods = await KvpDecisionPeriod.filter(application_id=application.id).order_by("starts_on")
    return rules.Application(
        received_on=application.received_on,
        aev_on=application.aev_on,
        decided_on=application.decided_on,
        approved=application.approved,
        started_on=application.started_on,
        periods=tuple(rules.Period(p.starts_on, p.ends_on) for p in periods),
    )


@dataclass(frozen=True)
class ApplicationView:
    """One application as the pages, the API and the CLI list it."""

    application: KvpApplication
    facts: rules.Application
    days_waiting: int | None  # while there is no decision
    deadline: date | None  # what the next step is due by (see rules.deadline_of)

    @property
    def step(self) -> rules.KvpStep:
        return self.facts.step

    @property
    def decision_late(self) -> bool:
        return self.days_waiting is not None and self.days_waiting > rules.DECISION_EXPECTED_DAYS


async def view_of(application: KvpApplication, today: date) -> ApplicationView:
    facts = await facts_of(application)
    return ApplicationView(
        application, facts, rules.days_waiting(facts, today), rules.deadline_of(facts)
    )


# -- reading, within the staff member's unit and what they follow -----------------------


def _follows(staff: Staff, application: KvpApplication, action: Action) -> bool:
    return may(staff.role, action) and follows(
        staff.id, staff.role, action, application.counsellor_id
    )


async def applications_for(
    staff: Staff | None, today: date, *, unit_id: int | None = None
) -> list[ApplicationView]:
    """The unit's applications, newest received first; a contact person sees only those
    they follow. `staff` None (the command line) sees every unit's, or `unit_id`'s."""
    found = KvpApplication.all()
    if staff is not None:
        found = found.filter(unit_id=staff.unit_id)
    elif unit_id is not None:
        found = found.filter(unit_id=unit_id)
    rows = await found.order_by("-received_on", "-id").prefetch_related("counsellor", "unit")
    shown = [a for a in rows if staff is None or _follows(staff, a, Action.KVP_VIEW)]
    return [await view_of(a, today) for a in shown]


async def application_for(staff: Staff, application_id: int) -> KvpApplication | None:
    """One application of the staff member's unit that they may see; None otherwise."""
    application = await KvpApplication.get_or_none(
        id=application_id, unit_id=staff.unit_id
    ).prefetch_related("counsellor", "unit", "participant")
    if application is None or not _follows(staff, application, Action.KVP_VIEW):
        return None
    return application


def may_edit(staff: Staff, application: KvpApplication) -> bool:
    return _follows(staff, application, Action.KVP_EDIT)


async def application_by_id(application_id: int) -> KvpApplication:
    """For the command line, which acts in every unit."""
    found = await KvpApplication.get_or_none(id=application_id).prefetch_related(
        "counsellor", "unit", "participant"
    )
    if found is None:
        raise RuleError(N_("Ingen KVP-søknad har nummeret {id}"), id=application_id)
    return found


async def periods_of(application: KvpApplication) -> list[KvpDecisionPeriod]:
    return await KvpDecisionPeriod.filter(application_id=application.id).order_by("starts_on")


# -- changing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NewApplication:
    unit_code: str
    name: str
    birth_date: date
    received_on: date
    counsellor_code: str | None = None


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > 200:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    return name


async def _counsellor(code: str | None, unit_id: int, unit_code: str) -> Staff | None:
    if not code:
        return None
    staff = await people.staff_by_code(code)
    if staff.unit_id != unit_id:
        raise RuleError(N_("{staff} jobber ikke ved enheten {unit}"), staff=code, unit=unit_code)
    if not staff.active:
        raise RuleError(N_("{staff} er deaktivert og kan ikke følge opp søknaden"), staff=code)
    return staff


async def add_application(new: NewApplication, *, actor: str, today: date) -> KvpApplication:
    name = _name(new.name)
    if new.birth_date >= today:
        raise RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=new.birth_date)
    rules.check_received(new.received_on, today)
    async with in_transaction():
        unit = await people.unit_by_code(new.unit_code)
        counsellor = await _counsellor(new.counsellor_code, unit.id, unit.code)
        application = await KvpApplication.create(
            unit=unit,
            name=name,
            birth_date=new.birth_date,
            counsellor=counsellor,
            received_on=new.received_on,
        )
        await audit.record(
            actor,
            "kvp.create",
            subject(application.id),
            day=new.received_on.isoformat(),
            counsellor=counsellor.code if counsellor else None,
        )
    return application


async def _locked(application_id: int) -> KvpApplication:
    found = await KvpApplication.filter(id=application_id).select_for_update().first()
    if found is None:
        raise RuleError(N_("Ingen KVP-søknad har nummeret {id}"), id=application_id)
    return found


async def change_counsellor(application_id: int, code: str | None, *, actor: str) -> KvpApplication:
    """Another KVP counsellor follows the application from now on (None: nobody, so its
    reminders go to the unit's leaders). Choosing the one it has changes nothing."""
    async with in_transaction():
        application = await _locked(application_id)
        unit = await application.unit
        counsellor = await _counsellor(code, unit.id, unit.code)
        new_id = counsellor.id if counsellor else None
        if new_id == application.counsellor_id:
            return application
        before = (
            await Staff.get_or_none(id=application.counsellor_id)
            if application.counsellor_id
            else None
        )
        application.counsellor = counsellor  # type: ignore[assignment]
        await application.save(update_fields=["counsellor_id"])
        await audit.record(
            actor,
            "kvp.counsellor",
            subject(application.id),
            old=before.code if before else None,
            new=counsellor.code if counsellor else None,
        )
    return application


async def record_aev(application_id: int, day: date, *, actor: str, today: date) -> KvpApplication:
    """The work-ability assessment (AEV) is done."""
    async with in_transaction():
        application = await _locked(application_id)
        rules.check_aev(await facts_of(application), day, today)
        application.aev_on = day
        await application.save(update_fields=["aev_on"])
        await audit.record(actor, "kvp.aev", subject(application.id), day=day.isoformat())
    return application


async def record_decision(
    application_id: int,
    day: date,
    *,
    approved: bool,
    reason: str | None = None,
    actor: str,
    today: date,
) -> KvpApplication:
    """The decision (vedtak): approved, or refused with a reason."""
    async with in_transaction():
        application = await _locked(application_id)
        cleaned = rules.check_decision(await facts_of(application), day, approved, reason, today)
        application.decided_on = day
        application.approved = approved
        application.approved_on = day if approved else None
        application.refusal_reason = cleaned
        await application.save(
            update_fields=["decided_on", "approved", "approved_on", "refusal_reason"]
        )
        await audit.record(
            actor, "kvp.decision", subject(application.id), day=day.isoformat(), approved=approved
        )
    return application


async def add_period(
    application_id: int, starts_on: date, ends_on: date, *, actor: str, today: date
) -> KvpDecisionPeriod:
    """A decision period of up to a year; after the start it also moves the participant's
    decision end (a renewal)."""
    async with in_transaction():
        application = await _locked(application_id)
        period = rules.Period(starts_on, ends_on)
        rules.check_period(await facts_of(application), period)
        created = await KvpDecisionPeriod.create(
            application=application, starts_on=starts_on, ends_on=ends_on
        )
        await audit.record(
            actor,
            "kvp.period",
            subject(application.id),
            first=starts_on.isoformat(),
            last=ends_on.isoformat(),
        )
        if application.participant_id is not None:
            participant = await Participant.get(id=application.participant_id)
            if participant.active and participant.erased_at is None:
                await people.update_decision(
                    participant.code,
                    people.DecisionChange(decision_end=ends_on),
                    actor=actor,
                    today=today,
                )
    return created


@dataclass(frozen=True)
class StartProgramme:
    """What a participant needs that the application lacks."""

    day: date
    weekdays: frozenset[int]
    start_time: time
    end_time: time
    contact_code: str
    code: str | None = None  # the participant's id; KVP-<application id> when not given
    # A coordinator's written override of a criterion the participant rules refuse
    # (KVP is full time, five days a week), as at registration.
    override_note: str | None = None
    override_by: str | None = None


async def start_programme(
    application_id: int, start: StartProgramme, *, actor: str, today: date
) -> Participant:
    """The programme starts: the applicant becomes a KVP participant, nothing typed again."""
    async with in_transaction():
        application = await _locked(application_id)
        period = rules.check_start(await facts_of(application), start.day)
        await application.fetch_related("unit")
        code = parse_code(start.code) if start.code else default_code(application.id)
        participant = await people.add_participant(
            people.NewParticipant(
                unit_code=application.unit.code,
                code=code,
                name=application.name,
                birth_date=application.birth_date,
                weekdays=start.weekdays,
                start_time=start.start_time,
                end_time=start.end_time,
                contact_code=start.contact_code,
                programme=Programme.KVP,
                # The AEV is recorded on the application: the statutory criterion is met.
                eligibility={"work_ability_assessment": True},
            ),
            actor=actor,
            today=today,
            override_note=start.override_note,
            override_by=start.override_by,
        )
        participant = await people.update_decision(
            participant.code,
            people.DecisionChange(
                kvp_approved_on=application.approved_on or application.decided_on,
                kvp_started_on=start.day,
                decision_start=start.day,
                decision_end=period.ends_on,
            ),
            actor=actor,
            today=today,
            override_note=start.override_note,
            override_by=start.override_by,
        )
        application.started_on = start.day
        application.participant = participant
        await application.save(update_fields=["started_on", "participant_id"])
        await audit.record(
            actor,
            "kvp.start",
            subject(application.id),
            day=start.day.isoformat(),
            participant=participant.code,
        )
    return participant
