"""Who may act for whom: Telegram links, and consent recorded on a participant's behalf."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.links import consent
from backend.models import LinkRole, TelegramLink
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.web import forms
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


async def _page(
    request: web.Request, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    return render(
        request,
        "links.html",
        {
            "links": await directory.links(staff, include_revoked="all" in request.query),
            "show_all": "all" in request.query,
            "errors": errors or [],
            "notice": saved_notice(request),
        },
        status=status,
    )


@routes.get("/links")
@requires(Action.LINK_VIEW)
async def listing(request: web.Request) -> web.Response:
    return await _page(request)


async def _relative_link(request: web.Request) -> TelegramLink:
    found = await directory.link(request[STAFF], forms.path_id(request))
    if found is None or found.role != LinkRole.RELATIVE:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke den pårørende.")))
    return found


@routes.post("/links/{id}/consent")
@requires(Action.LINK_MANAGE)
async def record_consent(request: web.Request) -> web.Response:
    link = await _relative_link(request)
    form = await forms.form_of(request)
    if not forms.flag(form, "confirmed"):
        _ = request[GETTEXT]
        return await _page(
            request, [_("Kryss av for at deltakeren har sagt ja, før du lagrer.")], status=400
        )
    try:
        await consent.record_consent(
            link.id,
            now=request.app[CLOCK](),
            by_staff=staff_actor(request[STAFF]),
            on_behalf=True,
        )
    except RuleError as error:
        return await _page(request, [rule_message(request, error)], status=409)
    return see_other("/links?saved=1")


@routes.post("/links/{id}/withdraw")
@requires(Action.LINK_MANAGE)
async def withdraw(request: web.Request) -> web.Response:
    link = await _relative_link(request)
    try:
        await consent.withdraw_consent(
            link.id,
            now=request.app[CLOCK](),
            by_staff=staff_actor(request[STAFF]),
            on_behalf=True,
        )
    except RuleError as error:
        return await _page(request, [rule_message(request, error)], status=409)
    return see_other("/links?saved=1")
