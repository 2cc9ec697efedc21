"""candidates add | stage | report: the coordinators' pathway on the command line."""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.pathway import candidates
from backend.pathway.rules import (
    STAGE_NAMES,
    EndReason,
    Move,
    Position,
    Referrer,
    Stage,
    parse_stage,
)
from backend.shared.config import Settings
from backend.shared.i18n import Gettext, gettext_for
from backend.shared.parse import parse_date


def _gettext() -> Gettext:
    return gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


async def add(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    candidate = await candidates.add_candidate(
        candidates.NewCandidate(
            unit_code=args.unit,
            code=args.id,
            name=args.name,
            referred_by=Referrer(args.referred_by),
            birth_date=parse_date(args.birth_date) if args.birth_date else None,
            follower_code=args.follower,
            first_stage=parse_stage(args.stage),
        ),
        actor=CLI_ACTOR,
        today=today,
    )
    _ = _gettext()
    print(
        _("Kandidat {code}: {name}, {stage}").format(
            code=candidate.code, name=candidate.name, stage=_(STAGE_NAMES[candidate.stage])
        )
    )
    return 0


async def stage(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    candidate = await candidates.candidate_by_code(args.id)
    to = parse_stage(args.to)
    move = Move(
        Position(to, pending=args.pending),
        parse_date(args.on) if args.on else today,
        EndReason(args.reason) if args.reason else None,
    )
    await candidates.move_stage(candidate, move, actor=CLI_ACTOR, today=today)
    _ = _gettext()
    name = _(STAGE_NAMES[to])
    if args.pending:
        name = _("{stage} (søkt)").format(stage=name)
    print(
        _("{code} er nå på trinnet {stage} fra {day}").format(
            code=candidate.code, stage=name, day=move.on.isoformat()
        )
    )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser(
        "candidates", help="candidates on the pathway before a place"
    ).add_subparsers(dest="action", required=True)
    p = group.add_parser("add", help="register a candidate")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument(
        "--referred-by", default=Referrer.OTHER.value, choices=[r.value for r in Referrer]
    )
    p.add_argument("--birth-date", metavar="YYYY-MM-DD")
    p.add_argument("--follower", metavar="STAFF_ID", help="the staff member who follows them")
    p.add_argument("--stage", default=Stage.APPROACH.value, help="first stage: " + ", ".join(Stage))
    command(p, add)
    p = group.add_parser("stage", help="move a candidate to a stage")
    p.add_argument("--id", required=True)
    p.add_argument("--to", required=True, help=", ".join(Stage))
    p.add_argument("--pending", action="store_true", help="applied for, not yet granted by NAV")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day of the change (default today)")
    p.add_argument("--reason", choices=[r.value for r in EndReason], help="why it ended")
    command(p, stage)
