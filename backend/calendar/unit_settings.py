"""A unit's contacts and routines: phone, NAV and transport contacts, places, roster time.

The calendar, café and pay rates are changed through calendar_settings; this module
holds the rest of the unit page. Every change is checked first and audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.models import Unit
from backend.shared import audit
from backend.shared.errors import N_, RuleError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")
CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class UnitContacts:
    name: str
    phone: str | None
    nav_contact_name: str | None
    nav_email: str | None
    transport_email: str | None
    places: int | None
    roster_time: str
    absence_digest: bool
    tell_participant_of_relative_report: bool
    evaluation_every_months: int
    messages_in_chat: bool = False
    nav_leader_email: str | None = None  # NAV's leader: the cooperation minutes go there


def _checked(values: UnitContacts) -> UnitContacts:
    name = " ".join(values.name.split())
    if not 1 <= len(name) <= 200:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    for email in (values.nav_email, values.transport_email, values.nav_leader_email):
        if email is not None and (len(email) > 254 or not EMAIL.match(email)):
            raise RuleError(N_("Ikke en e-postadresse: {text}"), text=email)
    if values.phone is not None and not PHONE.match(values.phone):
        raise RuleError(N_("Ikke et telefonnummer: {text}"), text=values.phone)
    if values.nav_contact_name is not None and len(values.nav_contact_name) > 200:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    if values.places is not None and not 0 <= values.places <= 10000:
        raise RuleError(N_("Antall plasser må være fra 0 til 10000"))
    if not CLOCK_TIME.match(values.roster_time):
        raise RuleError(N_("Skriv klokkeslettet som 08:30, ikke {text}"), text=values.roster_time)
    if not 1 <= values.evaluation_every_months <= 36:
        raise RuleError(N_("Evaluering må skje hver 1. til 36. måned"))
    return UnitContacts(**{**values.__dict__, "name": name})


def contacts_of(unit: Unit) -> UnitContacts:
    return UnitContacts(
        name=unit.name,
        phone=unit.phone,
        nav_contact_name=unit.nav_contact_name,
        nav_email=unit.nav_email,
        transport_email=unit.transport_email,
        places=unit.places,
        roster_time=unit.roster_time,
        absence_digest=unit.absence_digest,
        tell_participant_of_relative_report=unit.tell_participant_of_relative_report,
        evaluation_every_months=unit.evaluation_every_months,
        messages_in_chat=unit.messages_in_chat,
        nav_leader_email=unit.nav_leader_email,
    )


async def set_contacts(unit: Unit, values: UnitContacts, *, actor: str) -> Unit:
    """Store the unit's contacts and routines; audit what changed (old and new)."""
    new = _checked(values).__dict__
    old = contacts_of(unit).__dict__
    changed = {k: v for k, v in new.items() if old[k] != v}
    if not changed:
        return unit
    await Unit.filter(id=unit.id).update(**changed)
    await audit.record(
        actor,
        "unit.settings",
        f"unit:{unit.code}",
        old={k: old[k] for k in changed},
        new=changed,
    )
    await unit.refresh_from_db()
    return unit
