"""Offboarding staff: deactivate and reactivate a staff member, and give participants a
new contact person (shared by the web pages and the CLI, every step audited).

Deactivating ends, at once and in one transaction, everything that lets the person in:
their Telegram links, their web sessions, their unused sign-in links and their
unused invites. Their participants keep them as contact person until a new one is
set; meanwhile the participants are shown as needing one, and what was meant for the
contact person goes to the unit's leaders (see `backend.people.contact_rules`).

Reactivating lets the person sign in again; their old links stay ended, so they
link the bot again with a new invite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.models import (
    CalendarFeed,
    Invite,
    LoginToken,
    Participant,
    Staff,
    TelegramLink,
    WebSession,
)
from backend.people.contact_rules import needs_new_contact
from backend.people.erased import participant_to_change
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


@dataclass(frozen=True)
class Deactivated:
    staff: Staff
    links: int  # Telegram links ended
    sessions: int  # web sessions ended
    sign_in_links: int  # unused sign-in links ended
    invites: int  # unused invites revoked
    participants: list[Participant]  # active participants who need a new contact person


async def _staff(code: str, unit_id: int | None) -> Staff:
    query = Staff.filter(code=code)
    if unit_id is not None:
        query = query.filter(unit_id=unit_id)  # nobody acts on another unit's staff
    found = await query.select_for_update().first()
    if found is None:
        raise RuleError(N_("Ingen ansatt har id-en {code}"), code=code)
    return found


async def deactivate_staff(
    code: str, *, actor: str, now: datetime, unit_id: int | None = None
) -> Deactivated:
    """End a staff member's access at once. `unit_id` limits the lookup to one unit."""
    async with in_transaction():
        staff = await _staff(code, unit_id)
        if actor == f"staff:{staff.code}":
            raise RuleError(N_("Du kan ikke deaktivere deg selv. Be en annen koordinator."))
        if not staff.active:
            raise RuleError(N_("{name} er allerede deaktivert"), name=staff.name)
        at = utc(now)
        staff.active = False
        await staff.save(update_fields=["active"])
        links = await TelegramLink.filter(staff_id=staff.id, revoked_at=None).update(revoked_at=at)
        sessions = await WebSession.filter(staff_id=staff.id, revoked_at=None).update(revoked_at=at)
        tokens = await LoginToken.filter(staff_id=staff.id, used_at=None).update(used_at=at)
        invites = await Invite.filter(staff_id=staff.id, used_at=None, revoked_at=None).update(
            revoked_at=at
        )
        feeds = await CalendarFeed.filter(staff_id=staff.id, revoked_at=None).update(revoked_at=at)
        await audit.record(
            actor,
            "staff.deactivate",
            f"staff:{staff.code}",
            links=links,
            sessions=sessions,
            sign_in_links=tokens,
            invites=invites,
            calendar_feeds=feeds,
        )
    waiting = await participants_needing_contact(staff.unit_id)
    return Deactivated(staff, links, sessions, tokens, invites, waiting)


async def reactivate_staff(
    code: str, *, actor: str, now: datetime, unit_id: int | None = None
) -> Staff:
    """Let a staff member in again; they link the bot again with a new invite."""
    async with in_transaction():
        staff = await _staff(code, unit_id)
        if staff.active:
            raise RuleError(N_("{name} er allerede aktiv"), name=staff.name)
        staff.active = True
        await staff.save(update_fields=["active"])
        await audit.record(actor, "staff.reactivate", f"staff:{staff.code}")
    return staff


async def participants_needing_contact(unit_id: int) -> list[Participant]:
    """The unit's active participants whose contact person is gone or deactivated."""
    found = await (
        Participant.filter(Q(contact_id=None) | Q(contact__active=False), unit_id=unit_id)
        .filter(active=True)
        .order_by("name")
        .prefetch_related("contact")
    )
    return [p for p in found if needs_new_contact(p.contact)]


async def set_contact(
    participant_code: str, staff_code: str, *, actor: str, unit_id: int | None = None
) -> Participant:
    """Give a participant a new contact person: an active staff member of their unit."""
    async with in_transaction():
        participant = await participant_to_change(participant_code, unit_id)
        contact = await Staff.get_or_none(
            code=staff_code,
            unit_id=participant.unit_id,
        )
        if contact is None:
            raise RuleError(N_("Ingen ansatt ved enheten har id-en {code}"), code=staff_code)
        if not contact.active:
            raise RuleError(
                N_("{name} er deaktivert og kan ikke være kontaktperson"), name=contact.name
            )
        old = participant.contact_id
        participant.contact = contact
        await participant.save(update_fields=["contact_id"])
        old_code = await Staff.filter(id=old).values_list("code", flat=True) if old else []
        await audit.record(
            actor,
            "participant.contact",
            f"participant:{participant.code}",
            old=old_code[0] if old_code else None,
            new=contact.code,
        )
    return participant
