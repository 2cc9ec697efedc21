"""candidates add | stage | report | export | erase: the coordinators' pathway on the
command line, and a candidate's data rights (GDPR art. 15 and 17)."""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.cli.payroll import write_atomically
from backend.cli.person import _folder
from backend.pathway import candidates, data_rights
from backend.pathway.report import unit_report
from backend.pathway.report_rules import Report, days_text, month_words, read_range
from backend.pathway.rules import (
    STAGE_NAMES,
    EndReason,
    Move,
    Position,
    Referrer,
    Stage,
    parse_stage,
)
from backend.people.registry import unit_by_code
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import LANGUAGES, Gettext, gettext_for, normalise_language
from backend.shared.parse import parse_date
from backend.web import audit_words


def _language() -> str:
    return normalise_language(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


def _gettext() -> Gettext:
    return gettext_for(_language())


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


async def report(args: argparse.Namespace, settings: Settings) -> int:
    """The coordinators' report: one line per stage (pending in brackets) and the total
    on `--at` (default today); with `--from`, the range's entries and exits per month,
    median days per stage and how many reached each stage, too."""
    today = now(settings).date()
    first, last = read_range(args.first or "", args.at or "", today)
    unit = await unit_by_code(args.unit) if args.unit else None
    found = await unit_report(unit, first, last, today)
    _ = _gettext()
    language = _language()
    where = f"{unit.name} ({unit.code})" if unit else _("Alle enheter")
    print(_("Kandidater per trinn, {unit}, {day}").format(unit=where, day=last.isoformat()))
    for count in found.report.stages:
        print(f"{_(STAGE_NAMES[count.stage])}: {count.text}")
    print(_("Totalt: {count}").format(count=found.report.total))
    if args.first:
        _print_range(found.report, _, language)
    return 0


def _print_range(found: Report, _: Gettext, language: str) -> None:
    print()
    print(
        _("Nye og avsluttede per måned, {first} – {last}:").format(
            first=found.first.isoformat(), last=found.last.isoformat()
        )
    )
    for flow in found.months:
        print(
            _("{month}: nye {entries}, avsluttet {exits}").format(
                month=month_words(flow.month, language), entries=flow.entries, exits=flow.exits
            )
        )
    print()
    print(_("Median dager per trinn:"))
    for time in found.times:
        print(
            _("{stage}: {days} ({stays} opphold)").format(
                stage=_(STAGE_NAMES[time.stage]),
                days=days_text(time.median_days, language),
                stays=time.stays,
            )
        )
    print()
    print(_("Har nådd trinnet:"))
    for reached in found.funnel:
        line = f"{_(STAGE_NAMES[reached.stage])}: {reached.reached}"
        if reached.applied_only:
            line += " " + _("(og {count} som bare har søkt)").format(count=reached.applied_only)
        print(line)


async def export(args: argparse.Namespace, settings: Settings) -> int:
    folder = _folder(args.output_dir)
    found = await data_rights.export_candidate(args.id, actor=CLI_ACTOR, now=now(settings))
    _ = _gettext()
    written = []
    for made in (found.json_file(), found.pdf_file(args.language, audit_words.EXPORT_WORDS)):
        path = folder / made.filename
        write_atomically(path, made.content)
        written.append(str(path))
    print(_("Alle opplysningene om {code}:").format(code=found.candidate.code))
    for path in written:
        print(f"  {path}")
    return 0


async def erase(args: argparse.Namespace, settings: Settings) -> int:
    candidate = await data_rights.find_candidate(args.id)
    if (args.confirm or "").strip() != candidate.code:
        data_rights.check_erasable(candidate, candidate.code)  # ended first
        raise RuleError(
            N_("Bekreft slettingen med --confirm {code} (id-en en gang til)"), code=candidate.code
        )
    done = await data_rights.erase_candidate(
        args.id, args.confirm or "", actor=CLI_ACTOR, now=now(settings)
    )
    _ = _gettext()
    print(_("Opplysningene om {code} er slettet.").format(code=done.code))
    for name, count in done.deleted.items():
        print(f"  {audit_words.key_words(name, _)}: {count}")
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
    p = group.add_parser("report", help="candidates per stage, pending in brackets, and the total")
    p.add_argument("--unit", metavar="CODE", help="one unit (default: all units together)")
    p.add_argument(
        "--at", "--to", dest="at", metavar="YYYY-MM-DD", help="the day counted (default today)"
    )
    p.add_argument(
        "--from",
        dest="first",
        metavar="YYYY-MM-DD",
        help="also entries and exits per month, median days per stage and the funnel from then",
    )
    command(p, report)
    p = group.add_parser("export", help="write everything stored about a candidate (JSON, PDF)")
    p.add_argument("--id", required=True)
    p.add_argument("--output-dir", default=".", metavar="FOLDER")
    p.add_argument("--language", default="nb", choices=list(LANGUAGES))
    command(p, export)
    p = group.add_parser(
        "erase", help="delete a candidate whose pathway has ended, with their stage history"
    )
    p.add_argument("--id", required=True)
    p.add_argument("--confirm", metavar="ID", help="the same ID again, to confirm")
    command(p, erase)
