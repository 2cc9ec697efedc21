"""The API itself: its OpenAPI document, signing in, who is signed in."""

from __future__ import annotations

from aiohttp import web

from backend.access import sign_in as auth
from backend.access.permissions import Action
from backend.shared.errors import RuleError
from backend.web.api.common import body_of, refused, text_of
from backend.web.api.openapi import document
from backend.web.guards import public, requires
from backend.web.keys import CLOCK, SESSION, STAFF

routes = web.RouteTableDef()


@routes.get("/api/openapi.json")
@public
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(document())


@routes.post("/api/sessions")
@public
async def create_session(request: web.Request) -> web.Response:
    try:
        token = text_of(await body_of(request), "token", max_length=200) or ""
    except RuleError as error:
        return refused(request, error)
    try:
        signed = await auth.sign_in(token, request.app[CLOCK](), remote=request.remote)
    except auth.TooManyAttempts as error:
        response = refused(request, error, status=429)
        response.headers["Retry-After"] = str(int(auth.SIGN_IN_LIMIT.within.total_seconds()))
        return response
    except RuleError as error:
        return refused(request, error, status=403)
    return web.json_response(
        {
            "access_token": signed.cookie,
            "token_type": "bearer",
            "expires_at": signed.session.expires_at.isoformat(),
            "csrf_token": signed.session.csrf_token,
        },
        status=201,
    )


@routes.get("/api/me")
@requires(Action.SIGNED_IN)
async def me(request: web.Request) -> web.Response:
    staff = request[STAFF]
    return web.json_response(
        {
            "code": staff.code,
            "name": staff.name,
            "role": str(staff.role),
            "unit": staff.unit.code,
            "expires_at": request[SESSION].expires_at.isoformat(),
        }
    )
