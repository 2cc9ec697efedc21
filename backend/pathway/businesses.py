"""Businesses and partners, and presenting a candidate to one (seed 002: "Kontakter ønsket
bedrift. Vi legger frem saken anonymt").

A presentation keeps what the business was told: anonymous ("Kandidat, 34 år, ønsker
lager/butikk") unless the consent allowed the name that day (`rules.business_view`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from backend.models import Business, Candidate, Presentation, Unit
from backend.pathway.candidates import subject
from backend.pathway.rules import BusinessView, Consent, business_view
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext

MAX_ID = 2**31 - 1


def business_subject(business: Business) -> str:
    return f"business:{business.id}"


@dataclass(frozen=True)
class BusinessFields:
    name: str
    contact_name: str | None = None
    phone: str | None = None
    email: str | None = None
    offers: str | None = None


def _clean(value: str | None, length: int) -> str | None:
    cleaned = " ".join(value.split()) if value else ""
    if len(cleaned) > length:
        raise RuleError(N_("Teksten kan ha høyst {count} tegn"), count=length)
    return cleaned or None


def _values(fields: BusinessFields) -> dict[str, str | None]:
    name = _clean(fields.name, 200)
    if name is None:
        raise RuleError(N_("Et navn må ha 1 til 200 tegn"))
    email = _clean(fields.email, 254)
    if email is not None and "@" not in email:
        raise RuleError(N_("Ikke en e-postadresse: {text}"), text=email)
    return {
        "name": name,
        "contact_name": _clean(fields.contact_name, 200),
        "phone": _clean(fields.phone, 32),
        "email": email,
        "offers": _clean(fields.offers, 1000),
    }


async def businesses_of(unit_id: int, *, include_inactive: bool = True) -> list[Business]:
    found = Business.filter(unit_id=unit_id)
    if not include_inactive:
        found = found.filter(active=True)
    return await found.order_by("-active", "name", "id")


async def business_for(unit_id: int, business_id: int) -> Business | None:
    if not 0 < business_id <= MAX_ID:
        return None
    return await Business.get_or_none(id=business_id, unit_id=unit_id)


async def add_business(unit: Unit, fields: BusinessFields, *, actor: str) -> Business:
    values = _values(fields)
    async with in_transaction():
        business = await Business.create(unit=unit, **values)
        await audit.record(actor, "business.create", business_subject(business))
    return business


async def update_business(business: Business, fields: BusinessFields, *, actor: str) -> list[str]:
    values = _values(fields)
    changed = [name for name, value in values.items() if getattr(business, name) != value]
    if changed:
        async with in_transaction():
            business.update_from_dict({name: values[name] for name in changed})
            await business.save(update_fields=changed)
            await audit.record(actor, "business.change", business_subject(business), fields=changed)
    return changed


async def set_active(business: Business, active: bool, *, actor: str) -> None:
    """Deactivate a business (no new presentations; the old ones are kept), or again."""
    if business.active == active:
        return
    async with in_transaction():
        business.active = active
        await business.save(update_fields=["active"])
        if active:
            await audit.record(actor, "business.reactivate", business_subject(business))
        else:
            await audit.record(actor, "business.deactivate", business_subject(business))


def consent_of(candidate: Candidate) -> Consent:
    return Consent(
        candidate.consent_on, candidate.consent_names_to_businesses, candidate.consent_withdrawn_on
    )


def view_for_business(candidate: Candidate, day: date) -> BusinessView:
    return business_view(
        candidate.name, candidate.birth_date, candidate.wishes, consent_of(candidate), day
    )


def told_words(view: BusinessView, _: Gettext) -> str:
    """The sentence a business hears: "Kandidat, 34 år, ønsker lager/butikk"."""
    parts = [view.name or _("Kandidat")]
    if view.age is not None:
        parts.append(_("{age} år").format(age=view.age))
    if view.wishes:
        parts.append(_("ønsker {wishes}").format(wishes=view.wishes))
    return ", ".join(parts)


async def present(
    candidate: Candidate,
    business: Business,
    on: date,
    outcome: str | None,
    *,
    actor: str,
    today: date,
) -> Presentation:
    """Record that the candidate's case was put to a business: named only if the consent
    allows it on that day, else anonymously."""
    if business.unit_id != candidate.unit_id:
        raise RuleError(N_("Fant ikke bedriften ved enheten din"))
    if not business.active:
        raise RuleError(N_("{name} er ikke lenger aktiv"), name=business.name)
    if on > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=on)
    named = view_for_business(candidate, on).named
    async with in_transaction():
        presentation = await Presentation.create(
            candidate=candidate,
            business=business,
            on=on,
            named=named,
            outcome=_clean(outcome, 1000),
        )
        await audit.record(
            actor,
            "candidate.present",
            subject(candidate),
            business=business.id,
            day=on.isoformat(),
            named=named,
        )
    return presentation


async def presentations_of(candidate: Candidate) -> list[Presentation]:
    return (
        await Presentation.filter(candidate_id=candidate.id)
        .order_by("-on", "-id")
        .prefetch_related("business")
    )
