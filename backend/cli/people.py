"""unit add · staff add · participant add"""

from __future__ import annotations

import argparse

from backend.cli.base import CLI_ACTOR, command, now
from backend.config import Settings
from backend.domain.parse import parse_date, parse_hours, parse_weekdays
from backend.models import Programme, StaffRole
from backend.services import people


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
