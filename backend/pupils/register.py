"""The pupil register: add, change, end, list and find pupils; the status meeting's overview.

Shared by the web pages, the JSON API and the command line. Every write is audited
under the subject `pupil:<id>`, with field names, never the words written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from backend.models import Candidate, Meeting, MeetingKind, Participant, Pupil, Unit
from backend.pupils import rules
from backend.pupils.rules import ClassYear, Need, Overview, PupilFacts
from backend.shared import audit
from backend.shared.errors import N_, Msgid, RuleError


def subject(pupil_id: int) -> str:
    return f"pupil:{pupil_id}"


def _text(value: str, label: str, max_length: int = 200) -> str:
    cleaned = " ".join(value.split())
    if not cleaned or len(cleaned) > max_length:
        raise RuleError(N_("{field} må ha 1 til {count} tegn"), field=label, count=max_length)
    return cleaned


@dataclass(frozen=True)
class PupilFields:
    """Everything the register form holds about a pupil (the unit is the caller's)."""

    name: str
    birth_date: date
    school: str
    class_year: ClassYear
    expected_end: date | None = None  # None: the usual end of Vg3
    consent_given_on: date | None = None
    consent_withdrawn_on: date | None = None
    share_name: bool = False
    needs: frozenset[Need] = field(default_factory=frozenset)
    note: str | None = None

    def checked(self, today: date, stored_end: date | None = None) -> dict[str, Any]:
        """The model's values, every rule checked; RuleError on the first one broken.

        An expected end kept as it was stored (`stored_end`) is not checked again: a
        pupil whose end has passed can still have the consent recorded, say.
        """
        name = _text(self.name, Msgid(N_("Navn")))
        school = _text(self.school, Msgid(N_("Skole")))
        rules.check_birth_date(self.birth_date, today)
        expected = self.expected_end or rules.usual_end(self.class_year, today)
        if stored_end is None or expected != stored_end:
            rules.check_expected_end(self.class_year, expected, today)
        rules.check_consent(self.consent_given_on, self.consent_withdrawn_on, today)
        if self.share_name and self.consent_given_on is None:
            raise RuleError(
                N_("Navnet kan bare deles med samtykke: fyll ut når samtykket ble gitt")
            )
        return {
            "name": name,
            "birth_date": self.birth_date,
            "school": school,
            "class_year": self.class_year,
            "expected_end": expected,
            "consent_given_on": self.consent_given_on,
            "consent_withdrawn_on": self.consent_withdrawn_on,
            "share_name": self.share_name,
            "needs": [need.value for need in rules.ordered_needs(n.value for n in self.needs)],
            "note": rules.check_note(self.note),
        }


async def add_pupil(unit: Unit, fields_: PupilFields, *, actor: str, today: date) -> Pupil:
    values = fields_.checked(today)
    async with in_transaction():
        same = await Pupil.filter(
            unit_id=unit.id, name=values["name"], birth_date=values["birth_date"]
        ).exists()
        if same:
            raise RuleError(N_("Eleven er registrert allerede: {name}"), name=values["name"])
        pupil = await Pupil.create(unit_id=unit.id, registered_on=today, **values)
        await audit.record(
            actor,
            "pupil.create",
            subject(pupil.id),
            class_year=pupil.class_year.value,
            needs=list(values["needs"]),
            consent=values["consent_given_on"] is not None,
        )
    return pupil


async def change_pupil(
    unit_id: int, pupil_id: int, fields_: PupilFields, *, actor: str, today: date
) -> Pupil:
    async with in_transaction():
        pupil = await Pupil.filter(id=pupil_id, unit_id=unit_id).select_for_update().first()
        if pupil is None:
            raise RuleError(N_("Fant ikke eleven"))
        values = fields_.checked(today, stored_end=pupil.expected_end)
        changed = sorted(name for name, value in values.items() if getattr(pupil, name) != value)
        if not changed:
            return pupil
        pupil.update_from_dict(values)
        await pupil.save()
        await audit.record(actor, "pupil.change", subject(pupil.id), fields=changed)
    return pupil


async def end_pupil(unit_id: int, pupil_id: int, day: date, *, actor: str, today: date) -> Pupil:
    """The pupil leaves the register (finished school, moved, consent withdrawn)."""
    async with in_transaction():
        pupil = await Pupil.filter(id=pupil_id, unit_id=unit_id).select_for_update().first()
        if pupil is None:
            raise RuleError(N_("Fant ikke eleven"))
        if pupil.ended_on is not None:
            raise RuleError(N_("Eleven er avsluttet allerede"))
        if day > today:
            raise RuleError(N_("Sluttdatoen kan ikke være fram i tid: {day}"), day=day.isoformat())
        if day < pupil.registered_on:
            raise RuleError(
                N_("Sluttdatoen kan ikke være før eleven ble registrert: {day}"),
                day=day.isoformat(),
            )
        pupil.ended_on = day
        await pupil.save(update_fields=["ended_on"])
        await audit.record(actor, "pupil.end", subject(pupil.id), day=day.isoformat())
    return pupil


async def pupil_of(unit_id: int, pupil_id: int) -> Pupil | None:
    return await Pupil.get_or_none(id=pupil_id, unit_id=unit_id)


async def participant_of(pupil: Pupil) -> Participant | None:
    """The participant the pupil became, if any (in the pupil's unit)."""
    if pupil.participant_id is None:
        return None
    return await Participant.get_or_none(id=pupil.participant_id, unit_id=pupil.unit_id)


async def candidate_of(pupil: Pupil) -> Candidate | None:
    """The candidate the pupil became, if any (in the pupil's unit)."""
    if pupil.candidate_id is None:
        return None
    return await Candidate.get_or_none(id=pupil.candidate_id, unit_id=pupil.unit_id)


async def pupils_of(
    unit_id: int,
    *,
    school: str | None = None,
    class_year: ClassYear | None = None,
    include_ended: bool = False,
) -> list[Pupil]:
    found = Pupil.filter(unit_id=unit_id)
    if not include_ended:
        found = found.filter(ended_on=None)
    if class_year is not None:
        found = found.filter(class_year=class_year)
    if school:
        found = found.filter(school=school)
    return await found.order_by("school", "class_year", "name", "id")


async def schools_of(unit_id: int) -> list[str]:
    """The schools the register names, for the filter."""
    names = await Pupil.filter(unit_id=unit_id).distinct().values_list("school", flat=True)
    return sorted(set(names), key=str.casefold)


def facts_of(pupil: Pupil) -> PupilFacts:
    return PupilFacts(
        id=pupil.id,
        name=pupil.name,
        birth_date=pupil.birth_date,
        school=pupil.school,
        class_year=ClassYear(pupil.class_year),
        needs=frozenset(rules.ordered_needs(pupil.needs or [])),
        registered_on=pupil.registered_on,
        ended_on=pupil.ended_on,
        consent_given_on=pupil.consent_given_on,
        consent_withdrawn_on=pupil.consent_withdrawn_on,
        share_name=pupil.share_name,
    )


async def next_status_meeting(unit_id: int, today: date) -> date:
    """The next status meeting set for the unit, else the routine's next month."""
    meeting = (
        await Meeting.filter(unit_id=unit_id, kind=MeetingKind.STATUS, day__gte=today)
        .order_by("day")
        .first()
    )
    return meeting.day if meeting is not None else rules.meeting_day(today)


async def overview_for(unit_id: int, day: date) -> Overview:
    pupils: Iterable[Pupil] = await Pupil.filter(unit_id=unit_id)
    return rules.overview([facts_of(p) for p in pupils], day)


async def record_overview_made(unit: Unit, day: date, *, actor: str, fmt: str) -> None:
    """The overview names pupils where consent allows: who made a copy is logged."""
    await audit.record(
        actor, "pupil.overview", f"unit:{unit.code}", day=day.isoformat(), format=fmt
    )
