"""The check-in tablet: the leaders' page of the unit's tablets and their pairing codes,
and the tablet's own pages (paired by its cookie, not signed in as staff). A
participant's tile (symbol, photo, consent) is set on the participant's page."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from aiohttp import web

from backend.access.permissions import Action
from backend.checkin import door, pairing
from backend.checkin.rules import TapAction, format_code
from backend.models import Tablet
from backend.shared.errors import N_, RuleError
from backend.shared.parse import number
from backend.web import forms
from backend.web.guards import public, requires
from backend.web.keys import CLOCK, GETTEXT, STAFF, TZ
from backend.web.render import render, rule_message, saved_notice, see_other
from backend.web.security import is_https

routes = web.RouteTableDef()

TABLET_COOKIE = "frammote_tablet"
TABLET_PATH = "/tablet"
COOKIE_DAYS = 400  # the longest a browser keeps a cookie; each visit renews it
MAX_TAP_BYTES = 2048


def _set_tablet_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(
        TABLET_COOKIE,
        token,
        max_age=int(timedelta(days=COOKIE_DAYS).total_seconds()),
        path=TABLET_PATH,
        httponly=True,
        samesite="Strict",
        secure=is_https(request),
    )


async def _tablet(request: web.Request) -> Tablet | None:
    return await pairing.tablet_for(request.cookies.get(TABLET_COOKIE), request.app[CLOCK]())


def _address(request: web.Request) -> str:
    scheme = "https" if is_https(request) else "http"
    return f"{scheme}://{request.host}{TABLET_PATH}"


# -- the leaders' page ----------------------------------------------------------------


async def _tablets_page(
    request: web.Request, *, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "tablets.html",
        {
            "tablets": await pairing.tablets(staff.unit_id),
            "address": _address(request),
            "notice": saved_notice(request),
            "errors": errors or [],
        },
        status=status,
    )


@routes.get("/tablets")
@requires(Action.TABLET_MANAGE)
async def tablets(request: web.Request) -> web.Response:
    return await _tablets_page(request)


@routes.post("/tablets")
@requires(Action.TABLET_MANAGE)
async def new_code(request: web.Request) -> web.Response:
    form = await forms.form_of(request)
    name = form.get("name")
    try:
        made = await pairing.new_code(
            request[STAFF], name if isinstance(name, str) else "", request.app[CLOCK]()
        )
    except RuleError as error:
        return await _tablets_page(request, errors=[rule_message(request, error)], status=400)
    # Shown once: only the code's hash is stored.
    return render(
        request,
        "tablet_code.html",
        {"code": format_code(made.code), "expires": made.expires_at, "address": _address(request)},
    )


@routes.post("/tablets/{id}/unpair")
@requires(Action.TABLET_MANAGE)
async def unpair(request: web.Request) -> web.Response:
    tablet_id = number(request.match_info["id"])
    found = (
        await pairing.unpair(request[STAFF], tablet_id, request.app[CLOCK]())
        if tablet_id is not None
        else None
    )
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke nettbrettet.")))
    return see_other("/tablets?saved=1")


# -- the tablet itself ----------------------------------------------------------------


def _pairing_screen(
    request: web.Request, error: str | None = None, status: int = 200
) -> web.Response:
    response = render(request, "tablet_pair.html", {"error": error}, status=status)
    response.del_cookie(TABLET_COOKIE, path=TABLET_PATH)
    return response


@routes.get("/tablet")
@public
async def tablet(request: web.Request) -> web.Response:
    found = await _tablet(request)
    if found is None:
        return _pairing_screen(request)
    now = request.app[CLOCK]()
    board = await door.board(found, now)
    response = render(request, "tablet.html", {"board": board})
    _set_tablet_cookie(request, response, request.cookies[TABLET_COOKIE])  # renewed
    return response


@routes.post("/tablet/pair")
@public
async def pair(request: web.Request) -> web.Response:
    form = await forms.form_of(request)
    typed = form.get("code")
    try:
        paired = await pairing.pair(
            typed if isinstance(typed, str) else "", request.app[CLOCK](), remote=request.remote
        )
    except RuleError as error:
        return _pairing_screen(request, rule_message(request, error), status=400)
    response = see_other(TABLET_PATH)
    _set_tablet_cookie(request, response, paired.token)
    return response


@routes.get("/tablet/open/{token}")
@public
async def open_tablet(request: web.Request) -> web.Response:
    """A paired tablet's own address (the demo prints it): this browser becomes that tablet."""
    token = request.match_info["token"]
    if await pairing.tablet_for(token, request.app[CLOCK]()) is None:
        raise web.HTTPNotFound()
    response = see_other(TABLET_PATH)
    _set_tablet_cookie(request, response, token)
    return response


def _json_error(message: str, status: int, **extra: object) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def _moment(text: object, now: datetime) -> datetime:
    if not isinstance(text, str) or len(text) > 40:
        raise RuleError(N_("Trykket mangler et tidspunkt."))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RuleError(N_("Trykket mangler et tidspunkt.")) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    return moment


@routes.post("/tablet/tap")
@public
async def tap(request: web.Request) -> web.Response:
    """One tap, JSON: {participant, action: in|out|back, at: ISO time, key}. 401 when
    unpaired; 400 with the reason when the tap is not taken (sent again, it never will be)."""
    _ = request[GETTEXT]
    found = await _tablet(request)
    if found is None:
        return _json_error(_("Nettbrettet er ikke koblet til."), 401, paired=False)
    now = request.app[CLOCK]()
    try:
        body = await request.read()
        if len(body) > MAX_TAP_BYTES:
            raise RuleError(N_("Trykket er for langt."))
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            raise RuleError(N_("Trykket kunne ikke leses."))
        participant = data.get("participant")
        action = data.get("action")
        if (
            not isinstance(participant, int)
            or isinstance(participant, bool)
            or not 0 < participant < 2**31  # a database id
        ):
            raise RuleError(N_("Trykket kunne ikke leses."))
        if action not in tuple(a.value for a in TapAction):  # equality: any JSON value
            raise RuleError(N_("Trykket kunne ikke leses."))
        key = data.get("key")
        result = await door.tap(
            found,
            participant,
            TapAction(action),
            _moment(data.get("at"), now),
            key if isinstance(key, str) else "",
            now,
        )
    except RuleError as error:
        return _json_error(rule_message(request, error), 400)
    tz = request.app[TZ]
    visit = result.visit
    return web.json_response(
        {
            "outcome": result.outcome.value,
            "state": visit.state.value,
            "in": visit.arrived.astimezone(tz).strftime("%H:%M") if visit.arrived else None,
            "out": visit.left.astimezone(tz).strftime("%H:%M") if visit.left else None,
        }
    )


def jpeg(body: bytes) -> web.Response:
    return web.Response(
        body=body, content_type="image/jpeg", headers={"Cache-Control": "private, no-store"}
    )


@routes.get("/tablet/photos/{id}")
@public
async def tablet_photo(request: web.Request) -> web.Response:
    found = await _tablet(request)
    participant_id = number(request.match_info["id"])
    if found is None or participant_id is None:
        raise web.HTTPNotFound()
    body = await door.photo(found, participant_id)
    if body is None:
        raise web.HTTPNotFound()
    return jpeg(body)
