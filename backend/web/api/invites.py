"""Invites: list, create, revoke."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.links import invite_admin
from backend.links.invites import create_invite
from backend.models import LinkRole
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.web import forms
from backend.web.api.common import body_of, not_found, refused, text_of
from backend.web.guards import requires
from backend.web.keys import BOT_USERNAME, CLOCK, STAFF

routes = web.RouteTableDef()


@routes.get("/api/invites")
@requires(Action.INVITE_MANAGE)
async def invites(request: web.Request) -> web.Response:
    found = await directory.open_invites(request[STAFF], request.app[CLOCK]())
    return web.json_response(
        [
            {
                "id": i.id,
                "role": str(i.role),
                "for": i.participant.code if i.participant else i.staff.code,
                "relative_name": i.relative_name,
                "expires_at": i.expires_at.isoformat(),
                "created_by": i.created_by,
            }
            for i in found
        ]
    )


@routes.post("/api/invites")
@requires(Action.INVITE_MANAGE)
async def create_invite_api(request: web.Request) -> web.Response:
    staff = request[STAFF]
    try:
        body = await body_of(request)
        role_text = text_of(body, "role", max_length=20) or ""
        try:
            role = LinkRole(role_text)
        except ValueError:
            raise RuleError(N_("Velg hvem invitasjonen er for")) from None
        code = text_of(body, "for", max_length=64) or ""
        if role == LinkRole.STAFF:
            if not any(
                s.code == code and s.active for s in await directory.staff_of(staff.unit_id)
            ):
                raise RuleError(N_("Ingen ansatt har id-en {code}"), code=code)
        elif await directory.participant(staff, code) is None:
            raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code)
        days = body.get("days", 7)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 90:
            raise RuleError(N_("Feltet «{field}» mangler eller er ugyldig"), field="days")
        relative_name = text_of(body, "relative_name", required=role == LinkRole.RELATIVE)
        issued = await create_invite(
            code,
            role,
            actor=staff_actor(staff),
            now=request.app[CLOCK](),
            valid_for=timedelta(days=days),
            relative_name=relative_name if role == LinkRole.RELATIVE else None,
        )
    except RuleError as error:
        return refused(request, error)
    username = request.app[BOT_USERNAME]()
    return web.json_response(
        {
            "id": issued.invite.id,
            "code": issued.code,
            "link": issued.deep_link(username) if username else None,
            "expires_at": issued.invite.expires_at.isoformat(),
        },
        status=201,
    )


@routes.post("/api/invites/{id}/revoke")
@requires(Action.INVITE_MANAGE)
async def revoke_invite(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await directory.invite(staff, forms.path_id(request))
    if found is None:
        raise not_found(request)
    try:
        await invite_admin.revoke_invite(found, actor=staff_actor(staff), now=request.app[CLOCK]())
    except RuleError as error:
        return refused(request, error, status=409)
    return web.json_response({"id": found.id, "revoked": True})
