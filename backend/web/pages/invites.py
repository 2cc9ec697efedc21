"""Invites: create one (and print it with its QR code), list the open ones, revoke."""

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
from backend.web.guards import requires
from backend.web.keys import BOT_USERNAME, CLOCK, GETTEXT, STAFF
from backend.web.qr import qr_svg
from backend.web.render import render, rule_message, saved_notice, see_other

routes = web.RouteTableDef()


async def _page(
    request: web.Request, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    now = request.app[CLOCK]()
    return render(
        request,
        "invites.html",
        {
            "invites": await directory.open_invites(staff, now),
            "participants": await directory.participants(staff),
            "staff_list": [s for s in await directory.staff_of(staff.unit_id) if s.active],
            "chosen": request.query.get("for", ""),
            "errors": errors or [],
            "notice": saved_notice(request),
        },
        status=status,
    )


@routes.get("/invites")
@requires(Action.INVITE_MANAGE)
async def listing(request: web.Request) -> web.Response:
    return await _page(request)


async def _check_person(request: web.Request, code: str, role: LinkRole) -> str:
    staff = request[STAFF]
    if role == LinkRole.STAFF:
        same_unit = any(
            s.code == code and s.active for s in await directory.staff_of(staff.unit_id)
        )
        if not same_unit:
            raise RuleError(N_("Ingen ansatt har id-en {code}"), code=code)
        return code
    if await directory.participant(staff, code) is None:
        raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code)
    return code


@routes.post("/invites")
@requires(Action.INVITE_MANAGE)
async def create(request: web.Request) -> web.Response:
    staff = request[STAFF]
    form = await forms.form_of(request)
    now = request.app[CLOCK]()
    try:
        try:
            role = LinkRole(forms.text(form, "role", required=True) or "")
        except ValueError:
            raise RuleError(N_("Velg hvem invitasjonen er for")) from None
        code = forms.text(form, "person", required=True, max_length=64) or ""
        await _check_person(request, code, role)
        days = forms.integer(form, "days", low=1, high=90, required=False) or 7
        relative_name = forms.text(form, "relative_name", max_length=200)
        if role == LinkRole.RELATIVE and not relative_name:
            raise RuleError(N_("Skriv navnet til den pårørende"))
        issued = await create_invite(
            code,
            role,
            actor=staff_actor(staff),
            now=now,
            valid_for=timedelta(days=days),
            relative_name=relative_name if role == LinkRole.RELATIVE else None,
        )
    except RuleError as error:
        return await _page(request, [rule_message(request, error)], status=400)
    username = request.app[BOT_USERNAME]()
    link = issued.deep_link(username) if username else None
    _ = request[GETTEXT]
    # Shown once: only the code's hash is stored, so this page is the printout.
    return render(
        request,
        "invite_print.html",
        {
            "issued": issued,
            "link": link,
            "qr": qr_svg(link or issued.code, _("QR-kode til invitasjonen")),
            "expires": issued.invite.expires_at,
        },
    )


@routes.post("/invites/{id:\\d+}/revoke")
@requires(Action.INVITE_MANAGE)
async def revoke(request: web.Request) -> web.Response:
    staff = request[STAFF]
    found = await directory.invite(staff, forms.path_id(request))
    if found is None:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke invitasjonen.")))
    try:
        await invite_admin.revoke_invite(found, actor=staff_actor(staff), now=request.app[CLOCK]())
    except RuleError as error:
        return await _page(request, [rule_message(request, error)], status=409)
    return see_other("/invites?saved=1")
