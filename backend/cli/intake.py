"""intake --unit U --participant ID [--name N --birth-date D] … · evaluation --participant ID …"""

from __future__ import annotations

import argparse
import os

from backend.cli.base import CLI_ACTOR, command, now
from backend.intake import evaluations
from backend.intake import intake as intakes
from backend.intake.rules import parse_days, parse_outcome
from backend.models import Programme
from backend.people.eligibility_rules import parse_programme
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import gettext_for, normalise_language
from backend.shared.parse import parse_date, parse_hours
from backend.shared.wording import long_date


def _language() -> str | None:
    return os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG")


def intake_form(args: argparse.Namespace) -> intakes.IntakeForm:
    if (args.name is None) != (args.birth_date is None):
        raise RuleError(N_("En ny deltaker trenger både --name og --birth-date"))
    new = (
        intakes.NewPerson(args.name, parse_date(args.birth_date)) if args.name is not None else None
    )
    start, end = parse_hours(args.hours)
    return intakes.IntakeForm(
        unit_code=args.unit,
        participant_code=args.participant,
        referred_on=parse_date(args.referred),
        counsellor=args.counsellor,
        contact_code=args.contact,
        conversation_on=parse_date(args.conversation),
        nav_took_part=args.with_nav,
        programme=parse_programme(args.programme),
        agreement_start=parse_date(getattr(args, "from")),
        agreement_end=parse_date(args.to),
        weekdays=parse_days(args.days),
        start_time=start,
        end_time=end,
        purpose=args.purpose,
        first_list=parse_date(args.first_list),
        first_evaluation=parse_date(args.first_evaluation),
        new_person=new,
    )


async def record_intake(args: argparse.Namespace, settings: Settings) -> int:
    form = intake_form(args)
    language = _language()
    done = await intakes.record_intake(form, actor=CLI_ACTOR, now=now(settings))
    await done.fetch_related("participant", "contact")
    _ = gettext_for(language)
    lang = normalise_language(language)
    p = done.participant
    print(_("Inntaket for {name} ({code}) er registrert.").format(name=p.name, code=p.code))
    print(
        _("Kontaktperson: {contact}. Avtalen: {start}–{end}.").format(
            contact=done.contact.name if done.contact else "–",
            start=done.agreement_start.isoformat(),
            end=done.agreement_end.isoformat(),
        )
    )
    print(
        _("Første frammøteliste til NAV: {day}. Første evaluering: {evaluation}.").format(
            day=long_date(done.first_list.isoformat(), lang),
            evaluation=long_date(done.first_evaluation.isoformat(), lang),
        )
    )
    return 0


async def record_evaluation(args: argparse.Namespace, settings: Settings) -> int:
    form = evaluations.EvaluationForm(
        held_on=parse_date(args.on),
        outcome=parse_outcome(args.outcome),
        next_evaluation=parse_date(args.next) if args.next else None,
        note=args.note,
    )
    done = await evaluations.record_evaluation(
        args.participant, form, actor=CLI_ACTOR, today=now(settings).date()
    )
    _ = gettext_for(_language())
    if done.next_evaluation is None:
        print(_("Evalueringen er registrert. Ingen ny evaluering er satt."))
    else:
        print(
            _("Evalueringen er registrert. Neste evaluering: {day}.").format(
                day=done.next_evaluation.isoformat()
            )
        )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "intake",
        help="record an intake with NAV",
        description="The NAV referral, the contact person, the intake conversation, the "
        "agreement, and the first attendance-list and evaluation dates. With --name and "
        "--birth-date the participant is registered too.",
    )
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--name", help="a new participant's name")
    p.add_argument("--birth-date", metavar="YYYY-MM-DD", help="a new participant's birth date")
    p.add_argument("--referred", required=True, metavar="YYYY-MM-DD", help="NAV's referral")
    p.add_argument("--counsellor", required=True, metavar="NAME", help="NAV's counsellor")
    p.add_argument("--contact", required=True, metavar="STAFFCODE", help="the contact person")
    p.add_argument("--conversation", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--with-nav", action="store_true", help="NAV took part in the conversation")
    p.add_argument(
        "--programme",
        default=Programme.WORK_TRAINING.value,
        choices=[Programme.WORK_TRAINING.value, Programme.ACTIVITY_PLACE.value],
    )
    p.add_argument("--from", required=True, metavar="YYYY-MM-DD", help="the agreement's start")
    p.add_argument("--to", required=True, metavar="YYYY-MM-DD", help="the agreement's end")
    p.add_argument("--days", required=True, metavar="1,3,5", help="ISO weekdays, or mon,wed,fri")
    p.add_argument("--hours", required=True, metavar="09:00-15:00")
    p.add_argument("--purpose", required=True, metavar="TEXT")
    p.add_argument("--first-list", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--first-evaluation", required=True, metavar="YYYY-MM-DD")
    command(p, record_intake)

    p = commands.add_parser("evaluation", help="record an evaluation conversation")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day it was held")
    p.add_argument("--outcome", required=True, choices=["continue", "adjust", "end"])
    p.add_argument("--next", metavar="YYYY-MM-DD", help="the next evaluation (unless end)")
    p.add_argument("--note", metavar="TEXT")
    command(p, record_evaluation)
