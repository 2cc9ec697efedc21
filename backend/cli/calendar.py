"""calendar (closed days of a year) · calendar set · closure add|remove · rate add"""

from __future__ import annotations

import argparse
import os
from datetime import date

from babel.dates import format_date

from backend.calendar import settings as calendar_settings
from backend.calendar.rules import DayKind, DayStatus, Hours
from backend.cli.base import CLI_ACTOR, command
from backend.pay.rules import format_nok
from backend.people.registry import unit_by_code
from backend.shared.config import Settings
from backend.shared.dates import FIRST_YEAR, LAST_YEAR
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext, babel_locale, gettext_for, normalise_language
from backend.shared.parse import number, parse_date, parse_weekdays

# Closures without a text of their own are named by their kind.
KIND_WORDS: dict[DayKind, str] = {
    DayKind.FELLESFERIE: N_("fellesferie"),
    DayKind.CHRISTMAS: N_("jul"),
}


def language() -> str:
    return normalise_language(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))


def closed_line(status: DayStatus, _: Gettext, lang: str) -> str:
    """`2026-04-02 torsdag: Skjærtorsdag`."""
    weekday = format_date(status.day, "EEEE", locale=babel_locale(lang))
    if status.reasons:
        reason = ", ".join(status.reasons)
    else:
        reason = _(KIND_WORDS.get(status.kind, status.kind.value))
    return f"{status.day.isoformat()} {weekday}: {reason}"


def _year(text: str) -> int:
    year = number(text, max_digits=4)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleError(N_("Ikke et årstall fra 2000 til 2100: {text}"), text=text)
    return year


async def show(args: argparse.Namespace, settings: Settings) -> int:
    if not args.unit or not args.year:
        raise RuleError(N_("Oppgi enhet og år: calendar --unit AOK --year 2026"))
    year = _year(args.year)
    unit = await unit_by_code(args.unit)
    lang = language()
    _ = gettext_for(lang)
    for status in await calendar_settings.closed_days(unit, year):
        print(closed_line(status, _, lang))
    return 0


def _weekly(items: list[str] | None) -> dict[int, Hours | None]:
    """`mon=08:00-15:30`, `sat=closed` → {1: (08:00, 15:30), 6: None}."""
    weekly: dict[int, Hours | None] = {}
    for item in items or []:
        name, sep, hours = item.partition("=")
        days = parse_weekdays(name) if sep else frozenset()
        if len(days) != 1:
            raise RuleError(N_("Skriv ukedag=tid, som mon=08:00-15:30, ikke {text}"), text=item)
        weekly[next(iter(days))] = calendar_settings.parse_time_range(hours)
    return weekly


def _weeks(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    first_text, sep, last_text = text.partition("-")
    first, last = number(first_text.strip(), max_digits=2), number(last_text.strip(), max_digits=2)
    if not sep or first is None or last is None:
        raise RuleError(
            N_("Skriv fellesferien som uker, for eksempel 28-30, ikke {text}"), text=text
        )
    return first, last


def _cafe_opens(text: str | None) -> tuple[bool, date | None]:
    if text is None:
        return False, None
    if text.strip().lower() in ("open", "åpen"):
        return True, None
    return True, parse_date(text)


async def set_settings(args: argparse.Namespace, settings: Settings) -> int:
    set_opens, opens_on = _cafe_opens(args.cafe_opens)
    changes = calendar_settings.CalendarChanges(
        fellesferie=_weeks(args.fellesferie),
        close_christmas_eve=args.close_christmas_eve,
        close_new_years_eve=args.close_new_years_eve,
        opening_hours=_weekly(args.hours),
        cafe_hours=_weekly(args.cafe_hours),
        set_cafe_opens_on=set_opens,
        cafe_opens_on=opens_on,
    )
    if changes == calendar_settings.CalendarChanges():
        raise RuleError(N_("Ingenting å endre: se calendar set --help"))
    unit = await unit_by_code(args.unit)
    await calendar_settings.change_calendar(unit, changes, actor=CLI_ACTOR)
    print(f"calendar {unit.code}: saved")
    return 0


async def add_closure(args: argparse.Namespace, settings: Settings) -> int:
    day = parse_date(args.date)
    unit = await unit_by_code(args.unit)
    closure = await calendar_settings.add_closure(unit, day, args.reason, actor=CLI_ACTOR)
    print(f"closure {unit.code} {day.isoformat()}: {closure.reason}")
    return 0


async def remove_closure(args: argparse.Namespace, settings: Settings) -> int:
    day = parse_date(args.date)
    unit = await unit_by_code(args.unit)
    await calendar_settings.remove_closure(unit, day, actor=CLI_ACTOR)
    print(f"closure {unit.code} {day.isoformat()}: removed")
    return 0


async def add_rate(args: argparse.Namespace, settings: Settings) -> int:
    valid_from = parse_date(args.valid_from)
    ore = calendar_settings.parse_nok(args.nok)
    unit = await unit_by_code(args.unit)
    await calendar_settings.add_pay_rate(unit, valid_from, ore, actor=CLI_ACTOR)
    print(f"rate {unit.code} from {valid_from.isoformat()}: {format_nok(ore)} per hour")
    return 0


def _eve(group: argparse._MutuallyExclusiveGroup, name: str, label: str) -> None:
    dest = f"close_{name.replace('-', '_')}"
    group.add_argument(
        f"--close-{name}", dest=dest, action="store_const", const=True, help=f"closed on {label}"
    )
    group.add_argument(
        f"--open-{name}", dest=dest, action="store_const", const=False, help=f"open on {label}"
    )


def register(commands: argparse._SubParsersAction) -> None:
    cal = commands.add_parser(
        "calendar", help="a unit's closed days of a year; `calendar set` changes the settings"
    )
    cal.add_argument("--unit", metavar="CODE")
    cal.add_argument("--year", metavar="YYYY")
    command(cal, show)
    actions = cal.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("set", help="change calendar settings (all or nothing)")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--fellesferie", metavar="WEEKS", help="ISO weeks, e.g. 28-30")
    _eve(p.add_mutually_exclusive_group(), "christmas-eve", "24 December")
    _eve(p.add_mutually_exclusive_group(), "new-years-eve", "31 December")
    p.add_argument(
        "--hours",
        action="append",
        metavar="DAY=HH:MM-HH:MM",
        help="e.g. fri=08:00-14:00 or sat=closed",
    )
    p.add_argument("--cafe-hours", action="append", metavar="DAY=HH:MM-HH:MM")
    p.add_argument("--cafe-opens", metavar="YYYY-MM-DD|open", help="the café's first opening day")
    command(p, set_settings)

    closure = commands.add_parser("closure", help="extra closed days").add_subparsers(
        dest="action", required=True
    )
    p = closure.add_parser("add", help="close the unit on a date, with a reason")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--reason", required=True)
    command(p, add_closure)
    p = closure.add_parser("remove", help="open again on a date closed with `closure add`")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    command(p, remove_closure)

    rate = commands.add_parser("rate", help="pay rates").add_subparsers(
        dest="action", required=True
    )
    p = rate.add_parser("add", help="a pay rate per hour, valid from a date")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--from", dest="valid_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--nok", required=True, metavar="AMOUNT", help="NOK per hour, e.g. 16.50")
    command(p, add_rate)
