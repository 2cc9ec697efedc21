"""Every route answers every role as the table below says; forged CSRF and foreign origins fail.

The table is written out by hand, route by route, from the domain's roles (see
backend.access.permissions' docstring), not read from the guards: a wrong guard on
a route makes its row fail. A route the app has and the table lacks fails too, so
each new route must be added here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from aiohttp import web as aioweb

from backend.access.permissions import TABLE, Action, Role
from backend.calendar import meetings
from backend.kvp import applications as kvp
from backend.links.invites import create_invite
from backend.models import (
    Absence,
    AbsenceCategory,
    AuditEvent,
    Business,
    Candidate,
    CheckIn,
    FinalReport,
    LinkRole,
    MeetingKind,
    MeetingMinutes,
    Participant,
    ParticipantPicture,
    Recommendation,
    Staff,
    StaffRole,
    Tablet,
)
from backend.pathway import candidates
from backend.people import messages as participant_messages
from backend.people import registry as people
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear
from backend.web.app import create_app
from backend.web.guards import guard_of
from tests.support.world import NOW, link
from tests.web.conftest import Web

# What a request gets:
OK = "ok"  # the route does its work (or says what is wrong with the input): not refused
NO = "refused"  # 403: this role may not
LOGIN = "sign in"  # not signed in: a page GET goes to /login?next=…, anything else gets 401
GONE = "not found"  # the thing asked for is not in the caller's unit (or not theirs to see)

# The columns: contact person, unit leader, coordinator (all of unit AOK), a coordinator of
# another unit (VTA), and nobody signed in. Paths name AOK's participant P1 and an absence,
# invite, relative's link and meeting of AOK.
C = ("contact", "leader", "coordinator", "other unit", "signed out")
EVERYONE = (OK, OK, OK, OK, OK)
STAFF = (OK, OK, OK, OK, LOGIN)  # every staff role, each in their own unit
LEADS = (NO, OK, OK, OK, LOGIN)  # unit leader and coordinator
STAFF_AOK = (OK, OK, OK, GONE, LOGIN)  # about one of AOK's participants or records
LEADS_AOK = (NO, OK, OK, GONE, LOGIN)
COORDINATOR = (NO, NO, OK, OK, LOGIN)
COORDINATOR_AOK = (NO, NO, OK, GONE, LOGIN)

EXPECTED: dict[tuple[str, str], tuple[str, str, str, str, str]] = {
    # public: health for operators, signing in, the language choice, the API's description
    ("GET", "/healthz"): EVERYONE,
    ("GET", "/favicon.ico"): EVERYONE,
    ("GET", "/metrics"): EVERYONE,  # on loopback; through a proxy 404 (tests/test_metrics.py)
    ("GET", "/login"): EVERYONE,
    ("GET", "/login/{token}"): EVERYONE,
    ("POST", "/login/{token}"): (NO, NO, NO, NO, NO),  # an unknown token, whoever asks
    ("GET", "/feeds/{token}.ics"): (GONE, GONE, GONE, GONE, GONE),  # an unknown token
    # the check-in tablet: its own cookie, not a staff session (none here: the pairing screen)
    ("GET", "/tablet"): EVERYONE,
    ("POST", "/tablet/pair"): EVERYONE,  # no code: the pairing screen says so
    ("POST", "/tablet/tap"): (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),  # 401: not a paired tablet
    ("GET", "/tablet/open/{token}"): (GONE, GONE, GONE, GONE, GONE),  # an unknown token
    ("GET", "/tablet/photos/{id}"): (GONE, GONE, GONE, GONE, GONE),  # not a paired tablet
    ("GET", "/language"): EVERYONE,
    ("GET", "/api/openapi.json"): EVERYONE,
    ("POST", "/api/sessions"): EVERYONE,
    # signed in, any role
    ("GET", "/"): STAFF,
    ("GET", "/feed"): STAFF,
    ("POST", "/feed"): STAFF,
    ("POST", "/feed/revoke"): STAFF,
    ("POST", "/logout"): STAFF,
    ("GET", "/api/me"): STAFF,
    # the unit: everyone sees it, the leaders change it
    ("GET", "/unit"): STAFF,
    ("POST", "/unit/settings"): LEADS,
    ("POST", "/unit/hours"): LEADS,
    ("POST", "/unit/cafe"): LEADS,
    ("POST", "/unit/holidays"): LEADS,
    ("POST", "/unit/closures"): LEADS,
    ("POST", "/unit/closures/remove"): LEADS,
    ("POST", "/unit/rates"): LEADS,
    ("GET", "/api/unit"): STAFF,
    # participants and decisions: everyone sees them, the leaders register and end them
    ("GET", "/participants"): STAFF,
    ("GET", "/participants/new"): LEADS,
    ("POST", "/participants"): LEADS,
    ("GET", "/participants/{code}"): STAFF_AOK,
    ("GET", "/participants/{code}/decision"): LEADS_AOK,
    ("POST", "/participants/{code}/decision"): LEADS_AOK,
    ("POST", "/participants/{code}/end"): LEADS_AOK,
    ("POST", "/participants/{code}/criteria"): LEADS_AOK,
    ("POST", "/participants/{code}/feed"): LEADS_AOK,
    ("POST", "/participants/{code}/feed/revoke"): LEADS_AOK,
    ("POST", "/participants/{code}/contact"): LEADS_AOK,
    # the tile on the check-in tablet: everyone sees the photo, the leaders set it
    ("GET", "/participants/{code}/photo"): STAFF_AOK,
    ("POST", "/participants/{code}/picture"): LEADS_AOK,
    # the unit's check-in tablets: the leaders pair and unpair them
    ("GET", "/tablets"): LEADS,
    ("POST", "/tablets"): LEADS,
    ("POST", "/tablets/{id}/unpair"): LEADS_AOK,
    # the contact person (their own participant's) or a leader
    ("POST", "/participants/{code}/read-aloud"): STAFF_AOK,
    # a participant's data rights: the coordinator exports or erases everything about them
    ("GET", "/participants/{code}/export"): (NO, NO, OK, GONE, LOGIN),
    ("GET", "/participants/{code}/erase"): (NO, NO, OK, GONE, LOGIN),
    ("POST", "/participants/{code}/erase"): (NO, NO, OK, GONE, LOGIN),
    # intake with NAV: the leaders; evaluations and the final report by the participant's
    # own contact person or a leader (P1 is Lise's, the contact person's)
    ("GET", "/intake"): LEADS,
    ("POST", "/intake"): LEADS,
    ("POST", "/participants/{code}/evaluations"): STAFF_AOK,
    ("GET", "/participants/{code}/final-report"): STAFF_AOK,
    ("POST", "/participants/{code}/final-report"): STAFF_AOK,
    ("GET", "/participants/{code}/final-report.pdf"): STAFF_AOK,
    ("POST", "/api/intakes"): LEADS,
    ("GET", "/api/participants/{code}/intakes"): STAFF_AOK,
    ("GET", "/api/participants/{code}/evaluations"): STAFF_AOK,
    ("POST", "/api/participants/{code}/evaluations"): STAFF_AOK,
    ("GET", "/api/participants"): STAFF,
    ("POST", "/api/participants"): LEADS,
    ("GET", "/api/participants/{code}"): STAFF_AOK,
    ("PATCH", "/api/participants/{code}/criteria"): LEADS_AOK,
    ("PATCH", "/api/participants/{code}/read-aloud"): STAFF_AOK,  # P1's own contact person
    # staff: the coordinator ends and restores a departed staff member's access
    ("GET", "/staff"): (NO, NO, OK, OK, LOGIN),
    ("POST", "/staff/{code}/deactivate"): (NO, NO, OK, GONE, LOGIN),
    ("POST", "/staff/{code}/reactivate"): (NO, NO, OK, GONE, LOGIN),
    # importing a list of participants is the coordinator's alone
    ("GET", "/import"): (NO, NO, OK, OK, LOGIN),
    ("POST", "/import/preview"): (NO, NO, OK, OK, LOGIN),
    ("POST", "/import/commit"): (NO, NO, OK, OK, LOGIN),
    # invites: the leaders invite users
    ("GET", "/invites"): LEADS,
    ("POST", "/invites"): LEADS,
    ("POST", "/invites/{id}/revoke"): LEADS_AOK,
    ("GET", "/api/invites"): LEADS,
    ("POST", "/api/invites"): LEADS,
    ("POST", "/api/invites/{id}/revoke"): LEADS_AOK,
    # links and consents: everyone sees them, the leaders record consent or end a link
    ("GET", "/links"): STAFF,
    ("POST", "/links/{id}/consent"): LEADS_AOK,
    ("POST", "/links/{id}/withdraw"): LEADS_AOK,
    # absences: everyone; the private note only to the participant's own contact person
    ("GET", "/absences"): STAFF,
    ("GET", "/absences/{id}/note"): (OK, GONE, GONE, GONE, LOGIN),
    ("GET", "/api/absences"): STAFF,
    # a participant's own messages: to their own contact person alone
    ("GET", "/messages"): STAFF,
    ("GET", "/messages/{id}"): (OK, GONE, GONE, GONE, LOGIN),
    ("GET", "/messages/{id}/voice"): (OK, GONE, GONE, GONE, LOGIN),
    # attendance: every staff role confirms and corrects it
    ("GET", "/attendance"): STAFF,
    ("POST", "/attendance"): STAFF,
    ("POST", "/attendance/day"): STAFF,
    ("POST", "/attendance/checkins/{id}/confirm"): STAFF_AOK,  # a visit from AOK's tablet
    ("GET", "/api/attendance"): STAFF,
    ("PUT", "/api/attendance/{code}/{day}"): STAFF_AOK,
    # deadlines: everyone sees them; the leaders call meetings
    ("GET", "/deadlines"): STAFF,
    ("POST", "/deadlines/meetings"): LEADS,
    ("POST", "/deadlines/meetings/{id}/remove"): LEADS_AOK,
    # a NAV meeting's minutes: everyone reads them, the leaders write and send them
    ("GET", "/deadlines/meetings/{id}/minutes"): STAFF_AOK,
    ("POST", "/deadlines/meetings/{id}/minutes"): LEADS_AOK,
    ("GET", "/deadlines/meetings/{id}/minutes.pdf"): STAFF_AOK,
    ("GET", "/api/deadlines"): STAFF,
    # reports: attendance lists for NAV by every role; pay and capacity by the leaders
    ("GET", "/reports"): STAFF,
    ("GET", "/reports/attendance-list"): STAFF_AOK,
    ("GET", "/reports/attendance-list/download"): STAFF_AOK,
    ("GET", "/api/attendance-lists/{code}"): STAFF_AOK,
    ("GET", "/reports/payroll"): LEADS,
    ("GET", "/reports/payroll.csv"): LEADS,
    ("GET", "/reports/payroll.visma"): LEADS,
    ("GET", "/api/payroll"): LEADS,
    ("GET", "/reports/capacity"): LEADS,
    ("GET", "/api/capacity"): LEADS,
    # KVP applications: every role, a contact person only those they follow (S1 follows
    # the one the paths name)
    ("GET", "/kvp"): STAFF,
    ("GET", "/kvp/new"): STAFF,
    ("POST", "/kvp"): STAFF,
    ("GET", "/kvp/{id}"): STAFF_AOK,
    ("POST", "/kvp/{id}/aev"): STAFF_AOK,
    ("POST", "/kvp/{id}/decision"): STAFF_AOK,
    ("POST", "/kvp/{id}/period"): STAFF_AOK,
    ("POST", "/kvp/{id}/start"): LEADS_AOK,  # it registers a participant
    ("POST", "/kvp/{id}/counsellor"): LEADS_AOK,
    ("GET", "/api/kvp"): STAFF,
    ("POST", "/api/kvp"): STAFF,
    ("GET", "/api/kvp/{id}"): STAFF_AOK,
    # towards VTA: everyone sees the joint path and the new places; the leaders move a
    # participant a step and record places (the municipality's, not one unit's)
    ("GET", "/vta"): STAFF,
    ("POST", "/participants/{code}/vta"): LEADS_AOK,
    ("GET", "/vta/places"): STAFF,
    ("POST", "/vta/places"): LEADS,
    ("GET", "/api/vta"): STAFF,
    ("GET", "/api/participants/{code}/vta"): STAFF_AOK,
    ("POST", "/api/participants/{code}/vta"): LEADS_AOK,
    ("GET", "/api/vta/places"): STAFF,
    ("POST", "/api/vta/places"): LEADS,
    # the coordinators' report on candidates: the leaders, each of their own unit's
    ("GET", "/reports/candidates"): LEADS,
    ("GET", "/reports/candidates.pdf"): LEADS,
    ("GET", "/reports/candidates.csv"): LEADS,
    ("GET", "/api/reports/candidates"): LEADS,
    # the audit log: the leaders
    ("GET", "/audit"): LEADS,
    ("GET", "/api/audit"): LEADS,
    # the pupil register: the leaders see it, the coordinator keeps it (and calls the meeting)
    ("GET", "/pupils"): LEADS,
    ("GET", "/pupils/new"): COORDINATOR,
    ("POST", "/pupils"): COORDINATOR,
    ("GET", "/pupils/{id}"): LEADS_AOK,
    ("POST", "/pupils/{id}"): COORDINATOR_AOK,
    ("POST", "/pupils/{id}/end"): COORDINATOR_AOK,
    ("GET", "/pupils/{id}/participant"): COORDINATOR_AOK,
    ("POST", "/pupils/{id}/participant"): COORDINATOR_AOK,
    ("GET", "/pupils/{id}/candidate"): COORDINATOR_AOK,
    ("POST", "/pupils/{id}/candidate"): COORDINATOR_AOK,
    ("GET", "/pupils/overview"): LEADS,
    ("GET", "/pupils/overview.pdf"): LEADS,
    ("GET", "/api/pupils"): LEADS,
    ("POST", "/api/pupils"): COORDINATOR,
    ("GET", "/api/pupils/{id}"): LEADS_AOK,
    ("PUT", "/api/pupils/{id}"): COORDINATOR_AOK,
    ("POST", "/api/pupils/{id}/end"): COORDINATOR_AOK,
    ("POST", "/api/pupils/{id}/participant"): COORDINATOR_AOK,
    ("POST", "/api/pupils/{id}/candidate"): COORDINATOR_AOK,
    ("GET", "/api/pupils/overview"): LEADS,
    # candidates: every role, a contact person only those they follow (K1 is Lise's own);
    # starting one as a participant is registering a participant: the leaders'
    ("GET", "/candidates"): STAFF,
    ("GET", "/candidates/new"): STAFF,
    ("POST", "/candidates"): STAFF,
    ("GET", "/candidates/{code}"): STAFF_AOK,
    ("POST", "/candidates/{code}/stage"): STAFF_AOK,
    ("POST", "/candidates/{code}/consent"): STAFF_AOK,
    ("POST", "/candidates/{code}/consent/withdraw"): STAFF_AOK,
    ("POST", "/candidates/{code}/mapping"): STAFF_AOK,
    ("POST", "/candidates/{code}/plan"): STAFF_AOK,
    ("POST", "/candidates/{code}/person"): STAFF_AOK,
    ("POST", "/candidates/{code}/presentations"): STAFF_AOK,
    ("POST", "/candidates/{code}/participant"): LEADS_AOK,
    ("GET", "/candidates/{code}/export"): COORDINATOR_AOK,
    ("GET", "/candidates/{code}/erase"): COORDINATOR_AOK,
    ("POST", "/candidates/{code}/erase"): COORDINATOR_AOK,
    ("GET", "/api/candidates"): STAFF,
    ("POST", "/api/candidates"): STAFF,
    ("GET", "/api/candidates/{code}"): STAFF_AOK,
    ("POST", "/api/candidates/{code}/stage"): STAFF_AOK,
    # businesses and partners: everyone sees them, the leaders keep the list
    ("GET", "/businesses"): STAFF,
    ("POST", "/businesses"): LEADS,
    ("GET", "/businesses/{id}"): STAFF_AOK,
    ("POST", "/businesses/{id}"): LEADS_AOK,
    ("POST", "/businesses/{id}/active"): LEADS_AOK,
}

LIST_QUERY = "participant=P1&from=2026-04-01&to=2026-04-10&format=pdf"
QUERIES = {
    "/reports/attendance-list": LIST_QUERY,
    "/reports/attendance-list/download": LIST_QUERY,
    "/api/attendance-lists/{code}": "from=2026-04-01&format=csv",
}
PAGE_ROLES = {Role.CONTACT: "S1", Role.LEADER: "S2", Role.COORDINATOR: "S3"}
COLUMN_OF = {Role.CONTACT: 0, Role.LEADER: 1, Role.COORDINATOR: 2}  # the role's column in C
# Shown to AOK's staff only: must never reach the other unit or someone signed out.
AOK_ONLY = "Ola Hansen"


def app_routes() -> list[tuple[str, str]]:
    app = create_app()
    return [
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if not isinstance(route.resource, aioweb.StaticResource) and route.method != "HEAD"
    ]


def test_every_route_of_the_app_is_in_the_table() -> None:
    routes = app_routes()
    missing = [r for r in routes if r not in EXPECTED]
    assert missing == [], "add these routes to EXPECTED, with each role's answer"
    assert sorted(set(EXPECTED) - set(routes)) == []  # no row for a route that is gone
    assert len(routes) == len(set(routes))


def test_every_route_declares_who_may_call_it() -> None:
    app = create_app()
    for route in app.router.routes():
        if isinstance(route.resource, aioweb.StaticResource) or route.method == "HEAD":
            continue
        where = f"{route.method} {route.resource.canonical}"
        assert guard_of(route.handler) is not None, f"{where} has no guard"


def test_the_permission_table_is_the_domains() -> None:
    everyone = {Role.CONTACT, Role.LEADER, Role.COORDINATOR}
    leads = {Role.LEADER, Role.COORDINATOR}
    assert {a: set(r) for a, r in TABLE.items()} == {
        Action.SIGNED_IN: everyone,
        Action.UNIT_VIEW: everyone,
        Action.UNIT_EDIT: leads,
        Action.PARTICIPANT_VIEW: everyone,
        Action.PARTICIPANT_EDIT: leads,
        Action.PARTICIPANT_IMPORT: {Role.COORDINATOR},
        Action.INVITE_MANAGE: leads,
        Action.LINK_VIEW: everyone,
        Action.LINK_MANAGE: leads,
        Action.ABSENCE_VIEW: everyone,
        Action.ABSENCE_NOTE: everyone,  # and then only for their own participants
        Action.MESSAGE_READ: everyone,  # and then only for their own participants
        Action.STAFF_MANAGE: {Role.COORDINATOR},
        Action.PERSON_DATA: {Role.COORDINATOR},
        Action.ATTENDANCE_VIEW: everyone,
        Action.ATTENDANCE_EDIT: everyone,
        Action.DEADLINE_VIEW: everyone,
        Action.MEETING_EDIT: leads,
        Action.REPORT_ATTENDANCE: everyone,
        Action.REPORT_PAYROLL: leads,
        Action.REPORT_CAPACITY: leads,
        Action.AUDIT_VIEW: leads,
        Action.CANDIDATE_VIEW: everyone,  # a contact person: their own only
        Action.CANDIDATE_EDIT: everyone,  # a contact person: their own only
        Action.PUPIL_VIEW: leads,
        Action.PUPIL_EDIT: {Role.COORDINATOR},
        Action.INTAKE_EDIT: leads,
        Action.EVALUATION_EDIT: everyone,  # a contact person: their own participants
        Action.KVP_VIEW: everyone,  # a contact person: what they follow
        Action.KVP_EDIT: everyone,
        Action.KVP_ASSIGN: leads,  # a contact person would hand away what they follow
        Action.VTA_VIEW: everyone,
        Action.VTA_EDIT: leads,
        Action.REPORT_CANDIDATES: leads,
        Action.TABLET_MANAGE: leads,
        Action.PICTURE_EDIT: leads,
        Action.READ_ALOUD: everyone,  # a contact person: their own participants
    }


async def _aok_records(web: Web, n: int) -> dict[str, str]:
    """One of each thing a path can name, all in AOK, fresh for caller `n`: a caller
    before it may have removed or revoked its own. The values for the path's {id}."""
    absence = await Absence.create(
        participant=web.world.kari, day=date(2026, 4, 13 + n), category=AbsenceCategory.SICK,
        note="Legetime", reporter_name="Kari Nordmann", channel="telegram",
    )  # fmt: skip
    invite = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    relative = await link("P1", LinkRole.RELATIVE, 700 + n, f"Anne {n}")
    meeting = await meetings.set_meeting(
        web.world.unit, MeetingKind.NAV, date(2026, 4, 20 + n), note=None, actor="test",
        today=NOW.date(),
    )  # fmt: skip
    message = await participant_messages.keep(web.world.kari, now=NOW, voice=b"OggS")
    pupil = await pupils.add_pupil(
        web.world.unit,
        pupils.PupilFields(f"Elev Nummer{n}", date(2009, 3, 10), "Skolen", ClassYear.VG2),
        actor="test",
        today=NOW.date(),
    )
    # Followed by the contact person, unless an earlier caller deactivated them.
    await web.world.contact.refresh_from_db(fields=["active"])
    follower = "S1" if web.world.contact.active else None
    application = await kvp.add_application(
        kvp.NewApplication("AOK", "Nora Berg", date(1995, 5, 6), date(2026, 3, 2), follower),
        actor="test",
        today=NOW.date(),
    )
    if not await Candidate.exists(code="K1"):
        await candidates.add_candidate(
            candidates.NewCandidate("AOK", "K1", "Jonas Lie", follower_code="S1"),
            actor="test",
            today=NOW.date(),
        )
    business = await Business.create(unit=web.world.unit, name=f"Bedrift {n}")
    # A final report of Kari's and the NAV meeting's minutes, to download.
    await FinalReport.create(
        participant=web.world.kari, period_start=date(2026, 1, 5), period_end=date(2026, 3, 31),
        planned_days=60, present_days=55, absent_days=5, goals="Mål", what_worked="Rutiner",
        work_ability="God", recommendation=Recommendation.OTHER, written_by="Lise Kontakt",
        recorded_by="test",
    )  # fmt: skip
    await MeetingMinutes.create(meeting=meeting, text="Referat", present="Alle", recorded_by="test")
    # The check-in tablet: a paired tablet, a photo with consent, a visit tapped in and out.
    tablet = await Tablet.create(
        unit=web.world.unit, name=f"Inngangen {n}", token_hash=f"{n:064d}", paired_at=NOW,
        paired_by="test",
    )  # fmt: skip
    await ParticipantPicture.update_or_create(
        {"photo": b"\xff\xd8jpeg", "photo_consent_at": NOW, "photo_consent_by": "test"},
        participant=web.world.kari,
    )
    visit = await CheckIn.create(
        participant=web.world.kari, day=date(2026, 3, 30 + n) if n < 2 else date(2026, 4, n - 1),
        in_at=NOW, out_at=NOW + timedelta(hours=4), in_key=f"in{n}", tablet=tablet,
    )  # fmt: skip
    return {
        "tablets": str(tablet.id),
        "photos": str(web.world.kari.id),
        "checkins": str(visit.id),
        "kvp": str(application.id),
        "pupils": str(pupil.id),
        "businesses": str(business.id),
        "messages": str(message.id),
        "absences": str(absence.id),
        "invites": str(invite.invite.id),
        "links": str(relative.id),
        "meetings": str(meeting.id),
    }


def _url(path: str, ids: dict[str, str]) -> str:
    segments = path.split("/")

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "id":
            return next(ids[s] for s in segments if s in ids)
        if name == "code" and segments[1] == "staff":
            return "S1"  # a staff member's code
        if name == "code" and "candidates" in segments:
            return "K1"  # a candidate's code
        return {"code": "P1", "day": "2026-04-07", "token": "not-a-token"}[name]

    url = re.sub(r"\{(\w+)(:[^}]*)?\}", value, path)
    return f"{url}?{QUERIES[path]}" if path in QUERIES else url


@pytest.mark.parametrize(("method", "path"), list(EXPECTED), ids=[f"{m} {p}" for m, p in EXPECTED])
async def test_each_role_gets_the_answer_the_table_gives(web: Web, method: str, path: str) -> None:
    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    other = await people.add_staff("VTA", "V1", "Vera Annen", StaffRole.COORDINATOR, actor="test")
    callers = [web.world.contact, web.world.leader, web.coordinator, other, None]
    answers = {}
    for n, (caller, column) in enumerate(zip(callers, C, strict=True)):
        url = _url(path, await _aok_records(web, n))
        if caller is None:
            web.client.session.cookie_jar.clear()
            web.csrf = ""
        else:
            await web.sign_in(caller)
        before = await AuditEvent.all().count()
        if method == "GET":
            response = await web.client.get(url, allow_redirects=False)
        elif path.startswith("/api/"):
            headers = {"X-CSRF-Token": web.csrf}
            response = await web.client.request(
                method, url, json={}, headers=headers, allow_redirects=False
            )
        else:
            response = await web.post(url, allow_redirects=False)
        body = (await response.read()).decode("utf-8", "replace")
        answers[column] = _answer(method, path, response.status, response.headers, body)
        assert response.status < 500 or path == "/healthz", f"{column}: {body[:300]}"
        if answers[column] in (NO, LOGIN, GONE):
            assert await AuditEvent.all().count() == before, f"{column}: something happened"
        if column in ("other unit", "signed out") and path != "/healthz":
            assert AOK_ONLY not in body, f"{column} was shown AOK's participant"
    assert answers == dict(zip(C, EXPECTED[(method, path)], strict=True))


def _answer(method: str, path: str, status: int, headers: object, body: str) -> str:
    location = headers.get("Location", "")  # type: ignore[attr-defined]
    if status == 401 or (status == 303 and location.startswith("/login?next=")):
        page_get = method == "GET" and not path.startswith("/api/")
        assert status == (303 if page_get else 401), "a page GET goes to /login, else 401"
        return LOGIN
    if status == 403:
        return NO
    # The attendance-list pages answer "not in your unit" on the form, with 400.
    if status == 404 or (status == 400 and "Fant ikke den deltakeren ved enheten din" in body):
        return GONE
    return OK


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
    from backend.access import sign_in as auth

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
LIST_ROUTES = {
    ("GET", "/reports/attendance-list"): f"/reports/attendance-list?{LIST_QUERY}",
    ("GET", "/reports/attendance-list/download"): f"/reports/attendance-list/download?{LIST_QUERY}",
    ("GET", "/api/attendance-lists/{code}"): "/api/attendance-lists/P1?from=2026-04-01&format=csv",
}


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
    from backend.people import registry as people

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
