"""vta step | places add | plan: the joint path towards VTA and the new VTA places."""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.people.registry import participant_by_code
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import gettext_for, ngettext_for
from backend.shared.parse import number, parse_date
from backend.vta import path, places
from backend.vta.rules import STEP_NAMES, Step, StepMove, parse_step, quarter_label, standing_words


def _language() -> str | None:
    return os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG")


async def step(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    to = parse_step(args.to)
    on = parse_date(args.on) if args.on else today
    participant = await participant_by_code(args.participant)
    await path.move_step(participant, StepMove(to, on, args.reason), actor=CLI_ACTOR, today=today)
    _ = gettext_for(_language())
    print(
        _("{code} står nå på trinnet {step} fra {day}").format(
            code=participant.code, step=_(STEP_NAMES[to]), day=on.isoformat()
        )
    )
    return 0


async def places_add(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    count = number(args.count, max_digits=4)
    if count is None:
        raise RuleError(N_("Antall plasser må være et helt tall: {text}"), text=args.count[:20])
    row = await places.add_places(
        places.NewPlaces(parse_date(args.on), count, args.where, args.note),
        actor=CLI_ACTOR,
        today=today,
    )
    status = await places.status(places.target_of(settings), today)
    _ = gettext_for(_language())
    print(
        _("{count} nye VTA-plasser {day}. Til sammen {total} av {target}.").format(
            count=row.count,
            day=row.on.isoformat(),
            total=status.created,
            target=status.plan.target,
        )
    )
    return 0


async def plan(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    status = await places.status(places.target_of(settings), today)
    language = _language()
    _, ngettext = gettext_for(language), ngettext_for(language)
    header = (_("Kvartal"), _("Opprettet"), _("Til sammen"), _("Plan"), _("Foran/bak"))
    lines = [header]
    for row in status.rows:
        lines.append(
            (
                quarter_label(row.quarter, _),
                str(row.created) if row.begun else "–",
                str(row.cumulative) if row.cumulative is not None else "–",
                str(row.plan),
                _signed(row.difference),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
    print(
        _(
            "Per {day}: {created} av {target} plasser opprettet, planen sier {planned}: {standing}."
        ).format(
            day=today.isoformat(),
            created=status.created,
            target=status.plan.target,
            planned=status.planned,
            standing=standing_words(status.difference, _, ngettext),
        )
    )
    return 0


def _signed(difference: int | None) -> str:
    if difference is None:
        return "–"
    return f"{difference:+d}" if difference else "0"


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser(
        "vta", help="the joint path towards VTA and the new VTA places"
    ).add_subparsers(dest="action", required=True)
    p = group.add_parser("step", help="move an AoK participant to a step of the path")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--to", required=True, help=", ".join(Step))
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day of the step (default today)")
    p.add_argument("--reason", help="why they leave the path (with --to left)")
    command(p, step)
    places_group = group.add_parser("places", help="new VTA places").add_subparsers(
        dest="places_action", required=True
    )
    p = places_group.add_parser("add", help="record new VTA places created")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--count", required=True, metavar="N")
    p.add_argument("--where", help="the workplace or employer")
    p.add_argument("--note")
    command(p, places_add)
    p = group.add_parser("plan", help="places per quarter against the plan")
    command(p, plan)
