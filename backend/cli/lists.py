"""lists --participant ID --from DATE --to DATE [--format pdf|csv] --output FILE"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from backend.cli.base import CLI_ACTOR, command, iso_date, now
from backend.cli.payroll import write_atomically
from backend.nav_lists.lists import ListFormat, build_list, render
from backend.people.registry import participant_by_code
from backend.shared import audit
from backend.shared.config import ConfigError, Settings


async def run_list(args: argparse.Namespace, settings: Settings) -> int:
    output = Path(args.output)
    if not output.parent.is_dir():
        raise ConfigError(f"--output: no such folder: {output.parent}")
    first: date = args.first
    last: date = args.last
    participant = await participant_by_code(args.participant)
    found = await build_list(participant, first, last, now(settings).date())
    made = render(found, ListFormat(args.format))
    write_atomically(output, made.content)
    await audit.record(
        CLI_ACTOR,
        "attendance_list.make",
        f"participant:{participant.code}",
        first=first.isoformat(),
        last=last.isoformat(),
    )
    t = found.totals
    print(
        f"attendance list {participant.code} {first}..{last} ({args.format}): {output}"
        f" ({t.present_days} present of {t.planned_days} planned days)"
    )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "lists", help="an attendance list (frammøteliste) for NAV, as PDF or CSV"
    )
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--from", dest="first", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=[f.value for f in ListFormat], default="pdf")
    p.add_argument("--output", required=True, metavar="FILE")
    command(p, run_list)
