"""Calendar feeds: the secret `.ics` address (no sign-in: the token is the key), a staff
member's own address, and a participant's (made by a leader or coordinator)."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.feeds import feeds
from backend.models import Participant
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.web.guards import public, requires
from backend.web.keys import CLOCK, GETTEXT, LANGUAGE, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other
from backend.web.security import is_https

routes = web.RouteTableDef()


@routes.get("/feeds/{token}.ics")
@public
async def feed(request: web.Request) -> web.Response:
    body = await feeds.read(
        request.match_info["token"], request.app[CLOCK](), site=_address(request, "")
    )
    if body is None:
        raise web.HTTPNotFound()  # no hint: unknown, revoked and gone look the same
    return web.Response(
        body=body,
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Cache-Control": "no-store",
            "Content-Disposition": 'inline; filename="frammote.ics"',
        },
    )


def _address(request: web.Request, path: str) -> str:
    scheme = "https" if is_https(request) else "http"
    return f"{scheme}://{request.host}{path}"


@routes.get("/feed")
@requires(Action.SIGNED_IN)
async def own(request: web.Request) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "feed.html",
        {"in_force": await feeds.in_force(staff=staff), "notice": saved_notice(request)},
    )


@routes.post("/feed")
@requires(Action.SIGNED_IN)
async def issue_own(request: web.Request) -> web.Response:
    staff = request[STAFF]
    path = await feeds.issue(
        request.app[CLOCK](),
        actor=staff_actor(staff),
        staff=staff,
        language=request.get(LANGUAGE),
    )
    # Shown once: only the token's hash is stored.
    return render(
        request,
        "feed_address.html",
        {"address": _address(request, path), "back": "/feed", "name": staff.name},
    )


@routes.post("/feed/revoke")
@requires(Action.SIGNED_IN)
async def revoke_own(request: web.Request) -> web.Response:
    staff = request[STAFF]
    await feeds.revoke(request.app[CLOCK](), actor=staff_actor(staff), staff=staff)
    return see_other("/feed?saved=1")


async def _participant(request: web.Request) -> Participant:
    found = await directory.participant(request[STAFF], request.match_info["code"])
    if found is None or found.erased_at is not None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke deltakeren.")))
    return found


@routes.post("/participants/{code}/feed")
@requires(Action.INVITE_MANAGE)
async def issue_participant(request: web.Request) -> web.Response:
    staff = request[STAFF]
    participant = await _participant(request)
    try:
        path = await feeds.issue(
            request.app[CLOCK](),
            actor=staff_actor(staff),
            participant=participant,
            language=request.get(LANGUAGE),
        )
    except RuleError as error:  # the service has ended
        raise web.HTTPConflict(text=rule_message(request, error)) from None
    return render(
        request,
        "feed_address.html",
        {
            "address": _address(request, path),
            "back": f"/participants/{participant.code}",
            "name": participant.name,
        },
    )


@routes.post("/participants/{code}/feed/revoke")
@requires(Action.INVITE_MANAGE)
async def revoke_participant(request: web.Request) -> web.Response:
    staff = request[STAFF]
    participant = await _participant(request)
    await feeds.revoke(request.app[CLOCK](), actor=staff_actor(staff), participant=participant)
    return see_other(f"/participants/{participant.code}?saved=1")
