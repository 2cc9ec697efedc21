"""pupils add --unit U --name N --birth-date D --school S --year Vg1 [--consent D]
[--share-name] [--needs aok,vta,work-training] [--expected-end D] · pupils overview --unit U
[--at D]"""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.people.registry import unit_by_code
from backend.pupils import register as pupils
from backend.pupils import rules
from backend.pupils.overview_pdf import turning_words
from backend.pupils.rules import CLASS_YEAR_NAMES, NEED_NAMES, ClassYear
from backend.shared.config import Settings
from backend.shared.i18n import gettext_for, normalise_language
from backend.shared.parse import parse_date
from backend.shared.wording import long_date


def _language() -> str:
    return normalise_language(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


async def add_pupil(args: argparse.Namespace, settings: Settings) -> int:
    unit = await unit_by_code(args.unit)
    fields = pupils.PupilFields(
        name=args.name,
        birth_date=parse_date(args.birth_date),
        school=args.school,
        class_year=rules.parse_class_year(args.year),
        expected_end=parse_date(args.expected_end) if args.expected_end else None,
        consent_given_on=parse_date(args.consent) if args.consent else None,
        share_name=args.share_name,
        needs=rules.parse_needs((args.needs or "").split(",")),
    )
    pupil = await pupils.add_pupil(unit, fields, actor=CLI_ACTOR, today=now(settings).date())
    _ = gettext_for(_language())
    year = _(CLASS_YEAR_NAMES[ClassYear(pupil.class_year)])
    print(f"pupil {pupil.id}: {pupil.name} ({year}, {pupil.school})")
    return 0


async def overview(args: argparse.Namespace, settings: Settings) -> int:
    unit = await unit_by_code(args.unit)
    day = (
        parse_date(args.at)
        if args.at
        else await pupils.next_status_meeting(unit.id, now(settings).date())
    )
    found = await pupils.overview_for(unit.id, day)
    language = _language()
    _ = gettext_for(language)
    meeting = long_date(found.day.isoformat(), language)
    print(_("Statusmøte om skoleelever {day}").format(day=meeting))
    print(_("Elever i registeret: {count}").format(count=found.total))
    years = [_(CLASS_YEAR_NAMES[year]) for year in ClassYear]
    print("\t".join([_("Skole"), *years, _("Til sammen")]))
    for school, counts, total in found.by_school:
        print("\t".join([school, *(str(counts[y]) for y in ClassYear), str(total)]))
    all_years = [str(found.by_year[y]) for y in ClassYear]
    print("\t".join([_("Alle skoler"), *all_years, str(found.total)]))
    print(_("Tjenester de kan trenge senere") + ":")
    for need, count in found.needs.items():
        print(f"  {_(NEED_NAMES[need])}: {count}")
    print(f"  {_('Ikke vurdert ennå')}: {found.no_needs}")
    print(_("Fyller 18 år innen seks måneder etter møtet") + ":")
    if not found.turning_18:
        print("  " + _("Ingen."))
    for line in found.turning_18:
        print("  " + turning_words(line, _, language))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("pupils", help="the pupil register (not participants)")
    actions = group.add_subparsers(dest="action", required=True)
    p = actions.add_parser("add", help="register a pupil in upper secondary school")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--name", required=True)
    p.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--school", required=True)
    p.add_argument("--year", required=True, metavar="Vg1|Vg2|Vg3")
    p.add_argument("--expected-end", metavar="YYYY-MM-DD", help="default: the end of Vg3")
    p.add_argument("--consent", metavar="YYYY-MM-DD", help="the day the guardian consented")
    p.add_argument(
        "--share-name",
        action="store_true",
        help="the consent allows the name at the status meeting (NAV, iVekst)",
    )
    p.add_argument("--needs", metavar="aok,vta,work-training")
    command(p, add_pupil)
    p = actions.add_parser("overview", help="the status meeting's overview")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="the meeting's day; default the next one")
    command(p, overview)
