"""attendance mark · attendance confirm ("everyone else is here") · attendance roster"""

from __future__ import annotations

import argparse

from backend.attendance import marking as attendance
from backend.cli.base import CLI_ACTOR, command, now
from backend.models import AttendanceDay, AttendanceStatus
from backend.people.registry import participant_by_code, staff_by_code, unit_by_code
from backend.shared.config import ConfigError, Settings
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date


def describe(code: str, record: AttendanceDay) -> str:
    hours = f" {record.hours} h" if record.status == AttendanceStatus.PRESENT else ""
    return f"attendance {code} {record.day.isoformat()}: {record.status}{hours}"


async def mark(args: argparse.Namespace, settings: Settings) -> int:
    if args.notified and not args.absent:
        raise ConfigError("--notified goes with --absent")
    if args.hours is not None and not args.present:
        raise ConfigError("--hours goes with --present")
    if args.end_absence and not args.present:
        raise ConfigError("--end-absence goes with --present")
    day = parse_date(args.date)
    participant = await participant_by_code(args.participant)
    staff = await staff_by_code(args.staff) if args.staff else None
    if args.present:
        status = AttendanceStatus.PRESENT
    elif args.notified:
        status = AttendanceStatus.ABSENT_NOTIFIED
    else:
        status = AttendanceStatus.ABSENT_UNNOTIFIED
    try:
        record = await attendance.mark_day(
            participant,
            day,
            status,
            args.hours,
            actor_staff=staff,
            actor_name=None if staff else CLI_ACTOR,
            now=now(settings),
            remark=args.remark,
            end_absence=args.end_absence,
        )
    except attendance.AbsenceReported as error:
        raise RuleError(
            N_(
                "{name} har meldt fravær {day} ({category}). Legg til --end-absence "
                "hvis {name} likevel var her: da avsluttes fraværet den dagen."
            ),
            **error.params,
        ) from None
    print(describe(participant.code, record))
    return 0


async def confirm(args: argparse.Namespace, settings: Settings) -> int:
    day = parse_date(args.date)
    unit = await unit_by_code(args.unit)
    staff = await staff_by_code(args.staff)
    done = await attendance.confirm_rest_present(unit, day, staff, now(settings))
    for entry in done.roster.entries:
        if entry.record is not None:
            print(describe(entry.participant.code, entry.record))
    print(
        f"confirmed {day.isoformat()}: {len(done.present)} present, "
        f"{len(done.absent)} absent, {len(done.closed)} closed"
    )
    return 0


async def roster(args: argparse.Namespace, settings: Settings) -> int:
    day = parse_date(args.date)
    unit = await unit_by_code(args.unit)
    found = await attendance.day_roster(unit, day)
    for entry in found.entries:
        stored = f"{entry.record.status} {entry.record.hours} h" if entry.record else "-"
        reported = f" (reported {entry.absence.category})" if entry.absence else ""
        print(
            f"{entry.participant.code} {entry.participant.name}: {entry.plan.kind}{reported}, stored {stored}"
        )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    att = commands.add_parser("attendance", help="attendance days").add_subparsers(
        dest="action", required=True
    )
    p = att.add_parser("mark", help="store what happened on one planned day")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    status = p.add_mutually_exclusive_group(required=True)
    status.add_argument("--present", action="store_true")
    status.add_argument("--absent", action="store_true")
    p.add_argument(
        "--hours", metavar="H", help="quarter hours, e.g. 5.75 (default: the decision's)"
    )
    p.add_argument("--notified", action="store_true", help="the absence was reported")
    p.add_argument(
        "--end-absence",
        action="store_true",
        help="present over a reported absence: the absence of that day ends",
    )
    p.add_argument("--staff", metavar="STAFF_ID", help="who confirms (default: cli)")
    p.add_argument("--remark")
    command(p, mark)

    p = att.add_parser("confirm", help="everyone not yet marked is here (absent if reported)")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--staff", required=True, metavar="STAFF_ID")
    command(p, confirm)

    p = att.add_parser("roster", help="who is expected on a day, and what is stored")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    command(p, roster)
