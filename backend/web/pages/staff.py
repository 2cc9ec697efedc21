"""The unit's staff: a coordinator deactivates a departed staff member, or lets them in again."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.access.sign_in import staff_actor
from backend.people import directory, staffing
from backend.shared.errors import N_, RuleError
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF
from backend.web.render import render, rule_message, see_other

routes = web.RouteTableDef()


async def _page(
    request: web.Request, errors: list[str] | None = None, status: int = 200
) -> web.Response:
    staff = request[STAFF]
    unit_id = staff.unit_id
    notice = None
    if "deactivated" in request.query:
        notice = request[GETTEXT](N_("Deaktivert. Koblinger, innlogginger og lenker er avsluttet."))
    elif "reactivated" in request.query:
        notice = request[GETTEXT](N_("Aktiv igjen. Lag en ny invitasjon for å koble Telegram."))
    return render(
        request,
        "staff.html",
        {
            "staff_list": await directory.staff_of(unit_id),
            "waiting": await staffing.participants_needing_contact(unit_id),
            "errors": errors or [],
            "notice": notice,
        },
        status=status,
    )


@routes.get("/staff")
@requires(Action.STAFF_MANAGE)
async def listing(request: web.Request) -> web.Response:
    return await _page(request)


async def _change(request: web.Request, deactivate: bool) -> web.Response:
    staff = request[STAFF]
    code = request.match_info["code"]
    if code not in {s.code for s in await directory.staff_of(staff.unit_id)}:
        raise web.HTTPNotFound(text=request[GETTEXT](N_("Fant ikke den ansatte.")))
    change = staffing.deactivate_staff if deactivate else staffing.reactivate_staff
    try:
        await change(
            code, actor=staff_actor(staff), now=request.app[CLOCK](), unit_id=staff.unit_id
        )
    except RuleError as error:
        return await _page(request, [rule_message(request, error)], status=409)
    return see_other("/staff?deactivated=1" if deactivate else "/staff?reactivated=1")


@routes.post("/staff/{code}/deactivate")
@requires(Action.STAFF_MANAGE)
async def deactivate(request: web.Request) -> web.Response:
    return await _change(request, deactivate=True)


@routes.post("/staff/{code}/reactivate")
@requires(Action.STAFF_MANAGE)
async def reactivate(request: web.Request) -> web.Response:
    return await _change(request, deactivate=False)
