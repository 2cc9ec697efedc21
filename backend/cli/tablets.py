"""tablet code --staff ID [--name NAME] · tablet list --staff ID · tablet unpair --staff ID TABLET"""

from __future__ import annotations

import argparse

from backend.access.permissions import Action, may
from backend.checkin import pairing
from backend.checkin.rules import format_code
from backend.cli.base import command, now
from backend.models import Staff
from backend.people.registry import staff_by_code
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError


async def _leader(code: str) -> Staff:
    """The staff member the command acts as: an active leader or coordinator."""
    staff = await staff_by_code(code)
    if not staff.active or not may(staff.role, Action.TABLET_MANAGE):
        raise RuleError(N_("Bare en aktiv leder eller koordinator kan koble til nettbrett"))
    return staff


async def code(args: argparse.Namespace, settings: Settings) -> int:
    made = await pairing.new_code(await _leader(args.staff), args.name, now(settings))
    print(format_code(made.code))
    print(f"{settings.web_url.rstrip('/')}/tablet  (until {made.expires_at:%H:%M})")
    return 0


async def listing(args: argparse.Namespace, settings: Settings) -> int:
    staff = await _leader(args.staff)
    zone = settings.tz
    for tablet in await pairing.tablets(staff.unit_id):
        seen = (
            tablet.last_seen_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            if tablet.last_seen_at
            else "-"
        )
        paired = tablet.paired_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        print(f"{tablet.id}\t{tablet.name}\tpaired {paired}\tlast seen {seen}")
    return 0


async def unpair(args: argparse.Namespace, settings: Settings) -> int:
    staff = await _leader(args.staff)
    if await pairing.unpair(staff, args.tablet, now(settings)) is None:
        raise RuleError(N_("Fant ikke nettbrettet."))
    print("unpaired")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("tablet", help="the unit's check-in tablets at the door")
    sub = p.add_subparsers(dest="action", required=True)
    made = sub.add_parser("code", help="print a one-time pairing code (ten minutes)")
    made.add_argument("--staff", metavar="ID", required=True, help="a leader's or coordinator's id")
    made.add_argument("--name", default="Inngangen", help="the tablet's name (default Inngangen)")
    command(made, code)
    shown = sub.add_parser("list", help="the paired tablets of the staff member's unit")
    shown.add_argument(
        "--staff", metavar="ID", required=True, help="a leader's or coordinator's id"
    )
    command(shown, listing)
    gone = sub.add_parser("unpair", help="unpair a tablet: it shows the pairing screen again")
    gone.add_argument("--staff", metavar="ID", required=True, help="a leader's or coordinator's id")
    gone.add_argument("tablet", type=int, help="the tablet's number (from tablet list)")
    command(gone, unpair)
