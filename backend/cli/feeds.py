"""feed --staff ID | --participant ID [--base-url URL]; feed --revoke --staff ID | --participant ID"""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.feeds import feeds
from backend.people.registry import participant_by_code, staff_by_code
from backend.shared.config import ConfigError, Settings


async def feed(args: argparse.Namespace, settings: Settings) -> int:
    staff = await staff_by_code(args.staff) if args.staff else None
    participant = await participant_by_code(args.participant) if args.participant else None
    moment = now(settings)
    if args.revoke:
        count = await feeds.revoke(moment, actor=CLI_ACTOR, staff=staff, participant=participant)
        print("revoked" if count else "no calendar address was in force")
        return 0
    base = (args.base_url or settings.web_url).rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise ConfigError(f"--base-url is not an http(s) URL: {args.base_url!r}")
    path = await feeds.issue(
        moment,
        actor=CLI_ACTOR,
        staff=staff,
        participant=participant,
        language=os.environ.get("FRAMMOTE_LANGUAGE"),
    )
    print(f"{base}{path}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "feed",
        help="print a new secret calendar (ICS) address for a staff member or participant, "
        "or revoke it",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", metavar="ID", help="a staff member's id")
    who.add_argument("--participant", metavar="ID", help="a participant's id")
    p.add_argument("--revoke", action="store_true", help="stop the address in force")
    p.add_argument(
        "--base-url", metavar="URL", help="scheme and host (default FRAMMOTE_PUBLIC_URL)"
    )
    command(p, feed)
