"""kvp add · kvp step · kvp counsellor · kvp list: KVP applications from received to started (seed 003)."""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.kvp import applications as kvp
from backend.kvp.rules import STEP_NAMES
from backend.models import KvpApplication
from backend.people import registry as people
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext, gettext_for, ngettext_for
from backend.shared.parse import number, parse_date, parse_hours, parse_weekdays


def _gettext() -> Gettext:
    return gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


def line(view: kvp.ApplicationView, _: Gettext) -> str:
    """id, name, step, days without a decision, deadline, counsellor: tab-separated."""
    a = view.application
    waiting = "" if view.days_waiting is None else str(view.days_waiting)
    deadline = view.deadline.isoformat() if view.deadline else ""
    counsellor = a.counsellor.code if a.counsellor else "-"
    return "\t".join((str(a.id), a.name, _(STEP_NAMES[view.step]), waiting, deadline, counsellor))


async def add(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    application = await kvp.add_application(
        kvp.NewApplication(
            unit_code=args.unit,
            name=args.name,
            birth_date=parse_date(args.birth_date),
            received_on=parse_date(args.received),
            counsellor_code=args.counsellor,
        ),
        actor=CLI_ACTOR,
        today=today,
    )
    _ = _gettext()
    print(_("KVP-søknad {id}: {name}").format(id=application.id, name=application.name))
    return 0


async def _application(text: str) -> KvpApplication:
    wanted = number(text.strip())
    if wanted is None:
        raise RuleError(N_("Ingen KVP-søknad har nummeret {id}"), id=text[:20])
    return await kvp.application_by_id(wanted)


async def step(args: argparse.Namespace, settings: Settings) -> int:
    today = now(settings).date()
    application = await _application(args.id)
    if args.aev:
        await kvp.record_aev(application.id, parse_date(args.aev), actor=CLI_ACTOR, today=today)
    elif args.approve:
        await kvp.record_decision(
            application.id, parse_date(args.approve), approved=True, actor=CLI_ACTOR, today=today
        )
    elif args.refuse:
        await kvp.record_decision(
            application.id,
            parse_date(args.refuse),
            approved=False,
            reason=args.reason,
            actor=CLI_ACTOR,
            today=today,
        )
    elif args.period:
        first, last = (parse_date(value) for value in args.period)
        await kvp.add_period(application.id, first, last, actor=CLI_ACTOR, today=today)
    else:
        if not (args.weekdays and args.hours and args.contact):
            raise RuleError(N_("Oppgi --weekdays, --hours og --contact for å starte programmet"))
        start, end = parse_hours(args.hours)
        participant = await kvp.start_programme(
            application.id,
            kvp.StartProgramme(
                day=parse_date(args.start),
                weekdays=parse_weekdays(args.weekdays),
                start_time=start,
                end_time=end,
                contact_code=args.contact,
                code=args.participant,
            ),
            actor=CLI_ACTOR,
            today=today,
        )
        _ = _gettext()
        print(
            _("Programmet er startet: deltaker {code}, {name}").format(
                code=participant.code, name=participant.name
            )
        )
    found = await kvp.application_by_id(application.id)
    print(line(await kvp.view_of(found, today), _gettext()))
    return 0


async def counsellor(args: argparse.Namespace, settings: Settings) -> int:
    application = await _application(args.id)
    await kvp.change_counsellor(application.id, None if args.none else args.staff, actor=CLI_ACTOR)
    _ = _gettext()
    found = await kvp.application_by_id(application.id)
    name = found.counsellor.name if found.counsellor else _("Ingen")
    print(_("KVP-veileder for {name}: {counsellor}").format(name=found.name, counsellor=name))
    return 0


async def listing(args: argparse.Namespace, settings: Settings) -> int:
    unit_id = (await people.unit_by_code(args.unit)).id if args.unit else None
    found = await kvp.applications_for(None, now(settings).date(), unit_id=unit_id)
    _ = _gettext()
    for view in found:
        print(line(view, _))
    ngettext = ngettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    print(
        ngettext("{count} KVP-søknad", "{count} KVP-søknader", len(found)).format(count=len(found))
    )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("kvp", help="KVP applications").add_subparsers(
        dest="action", required=True
    )
    p = group.add_parser("add", help="register a KVP application")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--name", required=True)
    p.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--received", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--counsellor", metavar="STAFF_ID", help="the KVP counsellor who follows it")
    command(p, add)

    p = group.add_parser(
        "step",
        help="record the application's next step",
        description="One step at a time, in order: --aev, then --approve or --refuse (with "
        "--reason), then --period (up to a year), then --start with --weekdays, --hours and "
        "--contact. The programme must start within six months of the approval.",
    )
    p.add_argument("--id", required=True, metavar="ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--aev", metavar="YYYY-MM-DD", help="the work-ability assessment is done")
    which.add_argument("--approve", metavar="YYYY-MM-DD", help="the decision: approved")
    which.add_argument("--refuse", metavar="YYYY-MM-DD", help="the decision: refused")
    which.add_argument("--period", nargs=2, metavar=("FROM", "TO"), help="a decision period")
    which.add_argument("--start", metavar="YYYY-MM-DD", help="the programme starts")
    p.add_argument("--reason", help="why it was refused (with --refuse)")
    p.add_argument("--weekdays", help="with --start, e.g. mon,tue,wed,thu,fri")
    p.add_argument("--hours", help="with --start, e.g. 09:00-15:00")
    p.add_argument("--contact", metavar="STAFF_ID", help="with --start: the contact person")
    p.add_argument(
        "--participant", metavar="ID", help="with --start: the participant's id (KVP-<ID>)"
    )
    command(p, step)

    p = group.add_parser("counsellor", help="another KVP counsellor follows the application")
    p.add_argument("--id", required=True, metavar="ID")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", metavar="STAFF_ID", help="the counsellor who follows it from now")
    who.add_argument(
        "--none", action="store_true", help="nobody: its reminders go to the unit's leaders"
    )
    command(p, counsellor)

    p = group.add_parser("list", help="KVP applications: step, days waiting, deadline")
    p.add_argument("--unit", metavar="CODE")
    command(p, listing)
