"""Signing in through a one-time link, signing out, the language, and the home page."""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

from backend.access import sign_in as auth
from backend.access.permissions import Action
from backend.people import directory
from backend.shared.errors import RuleError
from backend.shared.i18n import LANGUAGES
from backend.web.forms import form_of, local_path
from backend.web.guards import public, requires
from backend.web.keys import CLOCK, EMAIL, SESSION, STAFF
from backend.web.render import render, rule_message, see_other
from backend.web.security import (
    LANGUAGE_COOKIE,
    clear_session_cookie,
    is_https,
    set_session_cookie,
)

routes = web.RouteTableDef()
# Ties the sign-in form to the browser that opened the link (login CSRF).
LOGIN_COOKIE = "frammote_login"


@routes.get("/login")
@public
async def signed_out(request: web.Request) -> web.Response:
    return render(request, "login_help.html", {"signed_out": "signed_out" in request.query})


@routes.get("/login/{token}")
@public
async def login_form(request: web.Request) -> web.Response:
    # A GET shows a button and uses nothing: chat link previews fetch URLs too.
    nonce = secrets.token_urlsafe(16)
    after = local_path(request.query.get("next"))
    response = render(request, "login.html", {"nonce": nonce, "next": after})
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        max_age=600,
        path="/login/",
        httponly=True,
        samesite="Strict",
        secure=is_https(request),
    )
    return response


@routes.post("/login/{token}")
@public
async def login(request: web.Request) -> web.StreamResponse:
    form = await form_of(request)
    nonce = form.get("nonce")
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not isinstance(nonce, str) or not cookie or not hmac.compare_digest(nonce, cookie):
        return render(request, "login.html", {"nonce": "", "expired_form": True}, status=403)
    try:
        signed = await auth.sign_in(
            request.match_info["token"], request.app[CLOCK](), remote=request.remote
        )
    except RuleError as error:
        status = 429 if isinstance(error, auth.TooManyAttempts) else 403
        return render(
            request, "login_help.html", {"error": rule_message(request, error)}, status=status
        )
    after = form.get("next")
    response = see_other(local_path(after if isinstance(after, str) else None))
    max_age = int(auth.SESSION_VALID_FOR.total_seconds())
    set_session_cookie(request, response, signed.cookie, max_age)
    response.del_cookie(LOGIN_COOKIE, path="/login/")
    return response


@routes.post("/logout")
@requires(Action.SIGNED_IN)
async def logout(request: web.Request) -> web.StreamResponse:
    await auth.sign_out(request[SESSION], request.app[CLOCK]())
    response = see_other("/login?signed_out")
    clear_session_cookie(response)
    return response


@routes.get("/language")
@public
async def language(request: web.Request) -> web.StreamResponse:
    chosen = request.query.get("lang", "")
    response = see_other(local_path(request.query.get("next")))
    if chosen in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, path="/", samesite="Lax"
        )
    return response


@routes.get("/")
@requires(Action.SIGNED_IN)
async def home(request: web.Request) -> web.Response:
    staff = request[STAFF]
    now = request.app[CLOCK]()
    overview = await directory.home_overview(staff, now, email=request.app[EMAIL])
    return render(request, "home.html", {"overview": overview, "weeks": directory.OVERVIEW_WEEKS})
