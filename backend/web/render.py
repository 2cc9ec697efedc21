"""Server-rendered pages: Jinja2 through aiohttp-jinja2, in the request's language.

Templates call `_("Norsk tekst {x}").format(x=…)`, the same msgids and catalogs as the
bot. gettext is installed once in the environment and reads the request's language
from a context variable (each aiohttp request runs in its own task).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
import jinja2
from aiohttp import web
from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from backend.access.permissions import Action, may
from backend.pay.rules import format_nok
from backend.people.contact_rules import needs_new_contact
from backend.shared.errors import RuleError
from backend.shared.i18n import (
    LANGUAGES,
    N_,
    babel_locale,
    gettext_for,
    ngettext_for,
    text_direction,
)
from backend.web import labels
from backend.web.keys import GETTEXT, LANGUAGE, SESSION, STAFF, TZ

_language: ContextVar[str] = ContextVar("web_language", default="nb")

# Main navigation: path, label, the action that shows it.
NAVIGATION: tuple[tuple[str, str, Action], ...] = (
    ("/", N_("Oversikt"), Action.SIGNED_IN),
    ("/unit", N_("Enhet"), Action.UNIT_VIEW),
    ("/participants", N_("Deltakere"), Action.PARTICIPANT_VIEW),
    ("/pupils", N_("Elever"), Action.PUPIL_VIEW),
    ("/candidates", N_("Kandidater"), Action.CANDIDATE_VIEW),
    ("/invites", N_("Invitasjoner"), Action.INVITE_MANAGE),
    ("/links", N_("Koblinger og samtykke"), Action.LINK_VIEW),
    ("/absences", N_("Fravær"), Action.ABSENCE_VIEW),
    ("/messages", N_("Meldinger"), Action.MESSAGE_READ),
    ("/attendance", N_("Oppmøte"), Action.ATTENDANCE_VIEW),
    ("/tablets", N_("Nettbrett"), Action.TABLET_MANAGE),
    ("/deadlines", N_("Møter og frister"), Action.DEADLINE_VIEW),
    ("/kvp", N_("KVP-søknader"), Action.KVP_VIEW),
    ("/reports", N_("Rapporter"), Action.REPORT_ATTENDANCE),
    ("/audit", N_("Logg"), Action.AUDIT_VIEW),
    ("/staff", N_("Ansatte"), Action.STAFF_MANAGE),
)


def set_language(language: str) -> None:
    _language.set(language)


def _gettext(message: str) -> str:
    return gettext_for(_language.get())(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext_for(_language.get())(singular, plural, n)


def _locale() -> str:
    return babel_locale(_language.get())


def name_filter(value: object) -> Markup:
    """A person's or a unit's name, isolated from the words around it (<bdi>): on a
    right-to-left page a Latin name keeps its own order and is not mixed with the
    Latin or digits next to it ("NAV: Sander Eriksen", "Per Leder · Arbeid og …")."""
    return Markup("<bdi>{}</bdi>").format(value)


def with_names_filter(text: str, **names: object) -> Markup:
    """A translated text with its name placeholders filled in, each name isolated:
    `_("Hei, {name}!")|with_names(name=staff.name)`. The text itself is escaped."""
    return escape(text).format(**{key: name_filter(value) for key, value in names.items()})


def day_filter(value: date | None, style: str = "medium") -> str:
    return "" if value is None else format_date(value, style, locale=_locale())


def moment_filter(value: datetime | None, tz: Any = None) -> str:
    if value is None:
        return ""
    return format_datetime(value, "short", tzinfo=tz, locale=_locale())


def nok_filter(ore: int | None) -> str:
    return "" if ore is None else format_nok(ore, _locale())


def hours_filter(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value, "#,##0.##", locale=_locale())


def weekday_name(iso_weekday: int, width: str = "wide") -> str:
    return get_day_names(width, locale=_locale())[iso_weekday - 1]


def weekdays_filter(days: str | frozenset[int]) -> str:
    numbers = (
        sorted(int(d) for d in days.split(",") if d) if isinstance(days, str) else sorted(days)
    )
    return ", ".join(weekday_name(d, "abbreviated") for d in numbers)


def setup_templates(app: web.Application) -> jinja2.Environment:
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("backend.web", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(
        day=day_filter,
        name=name_filter,
        with_names=with_names_filter,
        moment=moment_filter,
        nok=nok_filter,
        hours=hours_filter,
        weekdays=weekdays_filter,
    )
    env.globals.update(
        weekday_name=weekday_name,
        needs_new_contact=needs_new_contact,
        languages=LANGUAGES,
        text_direction=text_direction,
        **labels.ALL,
    )
    return env


def _is_here(href: str, path: str) -> bool:
    """Whether a menu link is the page shown (or the page under it)."""
    return path == href or (href != "/" and path.startswith(href))


def render(
    request: web.Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> web.Response:
    staff = request.get(STAFF)
    session = request.get(SESSION)
    nav = (
        [(path, label) for path, label, action in NAVIGATION if may(staff.role, action)]
        if staff is not None
        else []
    )
    base: dict[str, Any] = {
        "request": request,
        "staff": staff,
        "csrf_token": session.csrf_token if session is not None else "",
        "language": request.get(LANGUAGE, "nb"),
        "nav": nav,
        "nav_here": next((label for href, label in nav if _is_here(href, request.path)), None),
        "path": request.path,
        "tz": request.app[TZ],
        "may": (lambda action: staff is not None and may(staff.role, Action(action))),
        "errors": [],
        "notice": None,
    }
    base.update(context or {})
    return aiohttp_jinja2.render_template(template, request, base, status=status)


def rule_message(request: web.Request, error: RuleError) -> str:
    return error.render(request[GETTEXT])


def see_other(location: str) -> web.Response:
    """A 303 to another page (returned, so cookies can be set on it)."""
    return web.Response(status=303, headers={"Location": location})


def saved_notice(request: web.Request) -> str | None:
    """After a change the page is shown again with `?saved=1`: say it was saved."""
    return request[GETTEXT](N_("Lagret.")) if "saved" in request.query else None


def attachment(filename: str) -> str:
    """Content-Disposition for a download: the ASCII name, and the exact one if it differs."""
    plain = filename.encode("ascii", "replace").decode("ascii")
    plain = "".join("_" if c in '?"\\' or not c.isprintable() else c for c in plain)
    header = f'attachment; filename="{plain}"'
    if plain != filename:
        header += f"; filename*=UTF-8''{quote(filename)}"
    return header


def file_download(content: bytes, filename: str, mime: str) -> web.Response:
    """A made file (PDF, CSV) as a download; text says it is UTF-8."""
    content_type = f"{mime}; charset=utf-8" if mime.startswith("text/") else mime
    return web.Response(
        body=content,
        headers={"Content-Type": content_type, "Content-Disposition": attachment(filename)},
    )
