"""meeting add --unit CODE --kind status|nav --date YYYY-MM-DD [--note TEXT]"""

from __future__ import annotations

import argparse

from backend.calendar.meetings import set_meeting
from backend.cli.base import CLI_ACTOR, command, now
from backend.models import MeetingKind
from backend.people.registry import unit_by_code
from backend.shared.config import Settings
from backend.shared.parse import parse_date


async def add_meeting(args: argparse.Namespace, settings: Settings) -> int:
    unit = await unit_by_code(args.unit)
    meeting = await set_meeting(
        unit,
        MeetingKind(args.kind),
        parse_date(args.date),
        note=args.note,
        actor=CLI_ACTOR,
        today=now(settings).date(),
    )
    print(f"meeting {meeting.kind} {meeting.day.isoformat()} at {unit.code}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    meeting = commands.add_parser("meeting", help="meeting dates").add_subparsers(
        dest="action", required=True
    )
    p = meeting.add_parser("add", help="set a status or NAV meeting's date")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--kind", required=True, choices=[k.value for k in MeetingKind])
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--note")
    command(p, add_meeting)
