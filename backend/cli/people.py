"""unit add · staff add|deactivate|reactivate · participant add|list|contact|criteria|read-aloud"""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.models import Participant, Programme, StaffRole
from backend.people import criteria, staffing
from backend.people import registry as people
from backend.people.contact_rules import needs_new_contact
from backend.people.eligibility import criterion_label, state_label
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext, gettext_for, ngettext_for
from backend.shared.parse import parse_date, parse_hours, parse_weekdays
from backend.voice import choice as read_aloud


async def add_unit(args: argparse.Namespace, settings: Settings) -> int:
    unit = await people.add_unit(args.code, args.name, actor=CLI_ACTOR, phone=args.phone)
    print(f"unit {unit.code}: {unit.name}")
    return 0


async def add_staff(args: argparse.Namespace, settings: Settings) -> int:
    staff = await people.add_staff(
        args.unit, args.id, args.name, StaffRole(args.role), actor=CLI_ACTOR, email=args.email
    )
    print(f"staff {staff.code}: {staff.name} ({staff.role})")
    return 0


def _gettext() -> Gettext:
    return gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


def print_needing_contact(participants: list[Participant]) -> None:
    if not participants:
        return
    _ = _gettext()
    print(
        _("Disse deltakerne trenger en ny kontaktperson ({count}):").format(count=len(participants))
    )
    for p in participants:
        print(f"  {p.code} {p.name}")
    print(_("Velg en ny kontaktperson med denne kommandoen:"))
    print("  frammote participant contact --participant ID --contact ID")


async def deactivate_staff(args: argparse.Namespace, settings: Settings) -> int:
    done = await staffing.deactivate_staff(args.id, actor=CLI_ACTOR, now=now(settings))
    _ = _gettext()
    print(_("{name} ({code}) er deaktivert.").format(name=done.staff.name, code=done.staff.code))
    print(
        _(
            "Avsluttet: {links} Telegram-koblinger, {sessions} innlogginger på nett, "
            "{sign_in_links} innloggingslenker og {invites} invitasjoner."
        ).format(
            links=done.links,
            sessions=done.sessions,
            sign_in_links=done.sign_in_links,
            invites=done.invites,
        )
    )
    print_needing_contact(done.participants)
    return 0


async def reactivate_staff(args: argparse.Namespace, settings: Settings) -> int:
    staff = await staffing.reactivate_staff(args.id, actor=CLI_ACTOR, now=now(settings))
    _ = _gettext()
    print(_("{name} ({code}) er aktiv igjen.").format(name=staff.name, code=staff.code))
    print(_("Lag en ny invitasjon for å koble Telegram igjen."))
    return 0


async def list_participants(args: argparse.Namespace, settings: Settings) -> int:
    unit = await people.unit_by_code(args.unit)
    found = (
        await Participant.filter(unit_id=unit.id, active=True)
        .order_by("code")
        .prefetch_related("contact")
    )
    _ = _gettext()
    waiting = [p for p in found if needs_new_contact(p.contact)]
    shown = waiting if args.needs_contact else found
    for p in shown:
        if needs_new_contact(p.contact):
            contact = _("trenger ny kontaktperson")
        else:
            contact = f"{p.contact.name} ({p.contact.code})"
        print(f"{p.code}\t{p.name}\t{contact}")
    ngettext = ngettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    total = ngettext("{count} deltaker", "{count} deltakere", len(found)).format(count=len(found))
    print(
        _("{participants}, {waiting} trenger ny kontaktperson").format(
            participants=total, waiting=len(waiting)
        )
    )
    return 0


async def set_contact(args: argparse.Namespace, settings: Settings) -> int:
    participant = await staffing.set_contact(args.participant, args.contact, actor=CLI_ACTOR)
    await participant.fetch_related("contact")
    _ = _gettext()
    print(
        _("{participant} har nå {contact} som kontaktperson.").format(
            participant=participant.name, contact=participant.contact.name
        )
    )
    return 0


async def set_read_aloud(args: argparse.Namespace, settings: Settings) -> int:
    at = now(settings)
    change = await read_aloud.set_read_aloud(args.participant, args.on, actor=CLI_ACTOR, now=at)
    participant = change.participant
    _ = _gettext()
    text = (
        _("{participant} får svarene fra boten som lydmelding også.")
        if participant.read_aloud
        else _("{participant} får ikke lydmelding fra boten.")
    )
    print(text.format(participant=participant.name))
    told = read_aloud.told_notice(change, at, _)
    if told:
        print(told)
    return 0


async def add_participant(args: argparse.Namespace, settings: Settings) -> int:
    start, end = parse_hours(args.hours)
    new = people.NewParticipant(
        unit_code=args.unit,
        code=args.id,
        name=args.name,
        birth_date=parse_date(args.birth_date),
        weekdays=parse_weekdays(args.weekdays),
        start_time=start,
        end_time=end,
        contact_code=args.contact,
        programme=Programme(args.programme),
        transport=args.transport,
    )
    participant = await people.add_participant(new, actor=CLI_ACTOR, today=now(settings).date())
    print(f"participant {participant.code}: {participant.name}")
    return 0


CRITERIA_OPTIONS = (("met", True), ("not_met", False), ("unknown", None))


def wanted_criteria(args: argparse.Namespace) -> dict[str, bool | None]:
    """--met, --not-met, --unknown as key → state; a key may be named once only."""
    wanted: dict[str, bool | None] = {}
    for option, value in CRITERIA_OPTIONS:
        for key in (getattr(args, option) or "").split(","):
            key = key.strip().lower().replace("-", "_")
            if not key:
                continue
            if key in wanted:
                raise RuleError(N_("Kriteriet {name} er nevnt mer enn én gang"), name=key)
            wanted[key] = value
    return wanted


def print_criteria(participant: Participant) -> None:
    _ = gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    print(f"{participant.code} {participant.name} ({participant.programme})")
    for state in criteria.states_of(participant):
        label = criterion_label(state.criterion, _)
        print(f"  {state_label(state.value, _):<14} {state.criterion:<30} {label}")


async def participant_criteria(args: argparse.Namespace, settings: Settings) -> int:
    wanted = wanted_criteria(args)
    if not wanted:
        print_criteria(await people.participant_by_code(args.participant))
        return 0
    recorded = await criteria.record_criteria(
        args.participant, wanted, actor=CLI_ACTOR, now=now(settings)
    )
    _ = gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    for change in recorded.changes:
        old, new = state_label(change.old, _), state_label(change.new, _)
        print(f"{change.criterion}: {old} -> {new}")
    if not recorded.changes:
        print(_("Ingenting er endret."))
    for line in criteria.told_lines(recorded):
        print(_(line.message).format(names=line.names))
    print_criteria(recorded.participant)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    unit = commands.add_parser("unit", help="units").add_subparsers(dest="action", required=True)
    p = unit.add_parser("add", help="add a unit")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    command(p, add_unit)

    staff = commands.add_parser("staff", help="staff").add_subparsers(dest="action", required=True)
    p = staff.add_parser("add", help="add a staff member")
    p.add_argument("--unit", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=[r.value for r in StaffRole], default=StaffRole.CONTACT.value)
    p.add_argument("--email")
    command(p, add_staff)
    p = staff.add_parser(
        "deactivate",
        help="stop a staff member at once",
        description="Ends their Telegram links, web sessions, unused sign-in links and "
        "invites at once, and lists their participants, who need a new contact person.",
    )
    p.add_argument("--id", required=True)
    command(p, deactivate_staff)
    p = staff.add_parser("reactivate", help="let a deactivated staff member in again")
    p.add_argument("--id", required=True)
    command(p, reactivate_staff)

    participant = commands.add_parser("participant", help="participants").add_subparsers(
        dest="action", required=True
    )
    p = participant.add_parser("add", help="add a participant and their decision")
    p.add_argument("--unit", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--weekdays", required=True, help="e.g. mon,wed,fri")
    p.add_argument("--hours", required=True, help="e.g. 09:00-14:00")
    p.add_argument("--contact", required=True, metavar="STAFF_ID")
    p.add_argument("--programme", choices=[p.value for p in Programme], default=Programme.AOK.value)
    p.add_argument("--transport", action="store_true", help="uses the transport scheme")
    command(p, add_participant)

    p = participant.add_parser("list", help="the unit's active participants and contact persons")
    p.add_argument("--unit", required=True)
    p.add_argument(
        "--needs-contact",
        dest="needs_contact",
        action="store_true",
        help="only those who need a new contact person",
    )
    command(p, list_participants)

    p = participant.add_parser("contact", help="set a participant's contact person")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--contact", required=True, metavar="STAFF_ID")
    command(p, set_contact)

    p = participant.add_parser(
        "read-aloud",
        help='turn "🔊 Les opp" on or off: the bot\'s answers also as voice notes',
        description="The participant's own chat gets each answer of the bot also as a voice "
        "note in their language (espeak-ng, or Piper with FRAMMOTE_PIPER_MODEL); audited. "
        "The participant's own chat is told of the change (not at night).",
    )
    p.add_argument("--participant", required=True, metavar="ID")
    onoff = p.add_mutually_exclusive_group(required=True)
    onoff.add_argument("--on", dest="on", action="store_true")
    onoff.add_argument("--off", dest="on", action="store_false")
    command(p, set_read_aloud)

    p = participant.add_parser(
        "criteria",
        help="show or record the eligibility criteria",
        description="Without --met, --not-met or --unknown: each criterion, its state and its "
        "key. With them: record the keys named (comma-separated) as met, not met, or back "
        "to not assessed; each change is audited.",
    )
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--met", metavar="KEY,…")
    p.add_argument("--not-met", dest="not_met", metavar="KEY,…")
    p.add_argument("--unknown", metavar="KEY,…", help="set back to not assessed")
    command(p, participant_criteria)
