"""Every route refuses an unsigned or wrong-role request; forged CSRF and foreign origins fail."""

from __future__ import annotations

import re

import pytest
from aiohttp import web as aioweb

from backend.domain.permissions import TABLE, Action, Role
from backend.models import AuditEvent, Participant, Staff, StaffRole
from backend.web.app import create_app
from backend.web.guards import guard_of
from tests.web.conftest import Web

SAMPLE = {"token": "not-a-token", "code": "P1", "id": "1", "day": "2026-04-07"}
PAGE_ROLES = {Role.CONTACT: "S1", Role.LEADER: "S2", Role.COORDINATOR: "S3"}


def route_table() -> list[tuple[str, str, Action | None]]:
    app = create_app()
    found = []
    for route in app.router.routes():
        if isinstance(route.resource, aioweb.StaticResource) or route.method == "HEAD":
            continue
        guard = guard_of(route.handler)
        assert guard is not None, f"{route.method} {route.resource.canonical} has no guard"
        found.append((route.method, route.resource.canonical, guard.action))
    return found


ROUTES = route_table()
GUARDED = [r for r in ROUTES if r[2] is not None]
PUBLIC = {(m, p) for m, p, a in ROUTES if a is None}


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:[^}]*)?\}", lambda m: SAMPLE[m.group(1)], path)


def test_the_route_table_is_complete_and_public_routes_are_few() -> None:
    assert len(GUARDED) >= 40
    assert {
        ("GET", "/healthz"),
        ("GET", "/login"),
        ("GET", "/login/{token}"),
        ("POST", "/login/{token}"),
        ("GET", "/language"),
        ("GET", "/api/openapi.json"),
        ("POST", "/api/sessions"),
    } == PUBLIC


@pytest.mark.parametrize(
    ("method", "path", "action"), GUARDED, ids=[f"{m} {p}" for m, p, _ in GUARDED]
)
async def test_unsigned_request_is_refused(
    web: Web, method: str, path: str, action: Action
) -> None:
    before = await AuditEvent.all().count()
    response = await web.client.request(method, concrete(path), allow_redirects=False)
    if method == "GET" and not path.startswith("/api/"):
        assert response.status == 303
        assert response.headers["Location"].startswith("/login?next=")
    else:
        assert response.status == 401
    assert await AuditEvent.all().count() == before  # nothing happened


REFUSED = [(m, p, a, role) for m, p, a in GUARDED for role in Role if role not in TABLE[a]]


@pytest.mark.parametrize(
    ("method", "path", "action", "role"), REFUSED, ids=[f"{m} {p} as {r}" for m, p, _, r in REFUSED]
)
async def test_wrong_role_is_refused(
    web: Web, method: str, path: str, action: Action, role: Role
) -> None:
    await web.sign_in(await Staff.get(code=PAGE_ROLES[role]))
    before = await AuditEvent.all().count()
    headers = {"X-CSRF-Token": web.csrf}
    response = await web.client.request(
        method, concrete(path), headers=headers, allow_redirects=False
    )
    assert response.status == 403
    assert await AuditEvent.all().count() == before


def test_every_role_is_refused_something_except_through_the_table() -> None:
    # The contact person is refused every leader route that has a route.
    leader_only = {a for _m, _p, a in GUARDED if Role.CONTACT not in TABLE[a]}
    assert {Action.UNIT_EDIT, Action.PARTICIPANT_EDIT, Action.AUDIT_VIEW} <= leader_only


async def test_forged_csrf_token_is_refused_and_changes_nothing(web: Web) -> None:
    await web.sign_in(web.coordinator)
    form = [("code", "P9"), ("name", "Nina"), ("birth_date", "1990-01-01"), ("weekdays", "1"),
            ("weekdays", "3"), ("start", "09:00"), ("end", "14:00"), ("contact", "S1")]  # fmt: skip
    forged = await web.client.post("/participants", data=[*form, ("csrf_token", "forged")])
    assert forged.status == 403
    missing = await web.client.post("/participants", data=form)
    assert missing.status == 403
    assert not await Participant.exists(code="P9")
    made = await web.post("/participants", form)
    assert made.status == 200 and await Participant.exists(code="P9")


async def test_a_form_from_another_site_is_refused(web: Web) -> None:
    await web.sign_in(web.coordinator)
    response = await web.client.post(
        "/logout", data={"csrf_token": web.csrf}, headers={"Origin": "https://evil.example"}
    )
    assert response.status == 403
    assert (await web.client.get("/", allow_redirects=False)).status == 200  # still signed in


async def test_another_session_token_is_not_this_one(web: Web) -> None:
    await web.sign_in(web.world.contact)
    first_csrf = web.csrf
    await web.sign_in(web.coordinator)
    response = await web.client.post("/logout", data={"csrf_token": first_csrf})
    assert response.status == 403


async def test_a_bearer_token_is_for_the_api_only(web: Web) -> None:
    from backend.services import auth

    path = await auth.issue_login_link(web.coordinator, web.clock())
    signed = await web.client.post("/api/sessions", json={"token": path.rsplit("/", 1)[1]})
    assert signed.status == 201
    token = (await signed.json())["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    me = await web.client.get("/api/me", headers=bearer)
    assert (await me.json())["code"] == "S3"
    page = await web.client.get("/", headers=bearer, allow_redirects=False)
    assert page.status == 303
    # No CSRF token is needed with a bearer token: a browser never sends one by itself.
    made = await web.client.post(
        "/api/invites", json={"role": "participant", "for": "P1"}, headers=bearer
    )
    assert made.status == 201


async def test_signing_out_ends_the_session(web: Web) -> None:
    await web.sign_in(web.coordinator)
    out = await web.client.post("/logout", data={"csrf_token": web.csrf}, allow_redirects=False)
    assert out.status == 303
    assert (await web.client.get("/", allow_redirects=False)).status == 303


# The attendance lists for NAV: every staff role, own unit only, with a full query too.
LIST_QUERY = "participant=P1&from=2026-04-01&to=2026-04-10&format=pdf"
LIST_ROUTES = {
    ("GET", "/reports/attendance-list"): f"/reports/attendance-list?{LIST_QUERY}",
    ("GET", "/reports/attendance-list/download"): f"/reports/attendance-list/download?{LIST_QUERY}",
    ("GET", "/api/attendance-lists/{code}"): "/api/attendance-lists/P1?from=2026-04-01&format=csv",
}


def test_the_attendance_list_routes_are_for_every_staff_role() -> None:
    found = {(m, p): a for m, p, a in GUARDED if (m, p) in LIST_ROUTES}
    assert found == dict.fromkeys(LIST_ROUTES, Action.REPORT_ATTENDANCE)
    assert TABLE[Action.REPORT_ATTENDANCE] == frozenset(Role)


@pytest.mark.parametrize("url", list(LIST_ROUTES.values()))
async def test_an_unsigned_attendance_list_request_makes_nothing(web: Web, url: str) -> None:
    response = await web.client.get(url, allow_redirects=False)
    if url.startswith("/api/"):
        assert response.status == 401
        assert response.content_type == "application/json"
    else:
        assert response.status == 303
        assert response.headers["Location"].startswith("/login?next=/reports/attendance-list")
    assert await AuditEvent.filter(action="attendance_list.make").count() == 0


@pytest.mark.parametrize("role", list(Role))
async def test_every_role_gets_its_own_units_list(web: Web, role: Role) -> None:
    await web.sign_in(await Staff.get(code=PAGE_ROLES[role]))
    for url in LIST_ROUTES.values():
        response = await web.client.get(url, allow_redirects=False)
        assert response.status == 200, url
    assert await AuditEvent.filter(action="attendance_list.make").count() == 3


@pytest.mark.parametrize("role", [StaffRole.CONTACT, StaffRole.COORDINATOR])
async def test_another_units_participant_is_refused_on_every_list_route(
    web: Web, role: StaffRole
) -> None:
    from backend.services import people

    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    await web.sign_in(await people.add_staff("VTA", "V1", "Vera", role, actor="test"))
    before = await AuditEvent.all().count()
    for url in LIST_ROUTES.values():
        response = await web.client.get(url, allow_redirects=False)
        text = await response.text()
        if url.startswith("/api/"):
            assert response.status == 404, url
        else:
            assert response.status == 400, url
            assert "Fant ikke den deltakeren ved enheten din" in text
        assert "Kari" not in text and not text.startswith("%PDF")
    assert "Kari" not in await (await web.client.get("/reports")).text()
    assert await AuditEvent.all().count() == before
