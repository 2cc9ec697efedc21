"""Every route of the web app, given hostile and careless values in each of its inputs,
answers without a server error, on SQLite and PostgreSQL.

A route added to the app without a row here fails the first test: each new route gets
its baseline input, and the payloads then go through every field of it.
"""

from __future__ import annotations

import re
from base64 import b64encode
from datetime import date
from typing import Any

import pytest
from aiohttp import web as aioweb

from backend.absence.report import report_absence
from backend.access.permissions import TABLE, Action, Role
from backend.calendar import meetings
from backend.kvp import applications as kvp
from backend.links.invites import create_invite
from backend.models import (
    AbsenceCategory,
    Business,
    LinkRole,
    MeetingKind,
    Participant,
    Staff,
    Unit,
)
from backend.pathway import candidates
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear
from backend.web.app import create_app
from backend.web.guards import guard_of
from tests.security.payloads import JSON, TEXT
from tests.support.world import NOW, link
from tests.web.conftest import Web

CSV = b64encode(b"id;navn\n").decode()
PATH = {"token": "not-a-token", "code": "P1", "id": "1", "day": "2026-04-07"}

PUPIL_FORM = {
    "name": "Ada Elev", "birth_date": "2009-03-10", "school": "Skolen", "class_year": "vg2",
    "expected_end": "2028-06-20", "consent_given_on": "2026-03-01", "share_name": "on",
    "consent_withdrawn_on": "2026-04-01", "needs": "vta", "note": "Trives i gruppe",
}  # fmt: skip
PUPIL_JSON = {
    "name": "Ada Elev", "birth_date": "2009-03-10", "school": "Skolen", "class_year": "Vg2",
    "expected_end": "2028-06-20", "consent_given_on": "2026-03-01", "share_name": True,
    "consent_withdrawn_on": None, "needs": ["aok", "vta"], "note": "Trives i gruppe",
}  # fmt: skip

# (method, route) → where its input goes ("query", "form" or "json") and a baseline of it.
ROUTES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {
    ("GET", "/healthz"): ("query", {}),
    ("GET", "/favicon.ico"): ("query", {}),
    ("GET", "/metrics"): ("query", {}),
    ("GET", "/login"): ("query", {"next": "/"}),
    ("GET", "/login/{token}"): ("query", {}),
    ("POST", "/login/{token}"): ("form", {"nonce": "x"}),
    ("GET", "/feeds/{token}.ics"): ("query", {}),
    ("GET", "/feed"): ("query", {"saved": "1"}),
    ("POST", "/feed"): ("form", {}),
    ("POST", "/feed/revoke"): ("form", {}),
    ("POST", "/participants/{code}/feed"): ("form", {}),
    ("POST", "/participants/{code}/feed/revoke"): ("form", {}),
    ("GET", "/tablets"): ("query", {"saved": "1"}),
    ("POST", "/tablets"): ("form", {"name": "Inngangen"}),
    ("POST", "/tablets/{id}/unpair"): ("form", {}),
    ("GET", "/tablet"): ("query", {}),
    ("POST", "/tablet/pair"): ("form", {"code": "123 456"}),
    ("POST", "/tablet/tap"): ("json", {  # no tablet here: tests/web/test_tablet_pages.py
        "participant": 1, "action": "in", "at": "2026-04-07T09:00:00+02:00", "key": "k1",
    }),
    ("GET", "/tablet/open/{token}"): ("query", {}),
    ("GET", "/tablet/photos/{id}"): ("query", {}),
    ("GET", "/participants/{code}/photo"): ("query", {}),
    ("POST", "/participants/{code}/picture"): ("form", {
        "symbol": "sun", "photo_consent": "on", "remove_photo": "on",
    }),
    ("POST", "/attendance/checkins/{id}/confirm"): ("form", {}),
    ("POST", "/logout"): ("form", {}),
    ("GET", "/language"): ("query", {"lang": "en", "next": "/unit"}),
    ("GET", "/"): ("query", {}),
    ("GET", "/unit"): ("query", {"saved": "1"}),
    ("POST", "/unit/settings"): ("form", {
        "name": "AoK", "phone": "33 00 00 00", "nav_contact_name": "Nav", "nav_email":
        "nav@example.no", "transport_email": "t@example.no", "places": "12", "roster_time":
        "09:30", "absence_digest": "on", "tell_participant": "on", "evaluation_every_months": "6",
    }),
    ("POST", "/unit/hours"): ("form", {f"open{d}": "08:00-15:00" for d in range(1, 8)}),
    ("POST", "/unit/cafe"): (
        "form", {**{f"cafe{d}": "10:00-14:00" for d in range(1, 8)}, "cafe_opens_on": "2026-06-01"}
    ),
    ("POST", "/unit/holidays"): ("form", {
        "fellesferie_first": "28", "fellesferie_last": "30", "christmas_eve": "on",
        "new_years_eve": "on",
    }),
    ("POST", "/unit/closures"): ("form", {"day": "2026-10-02", "reason": "Personaldag"}),
    ("POST", "/unit/closures/remove"): ("form", {"day": "2026-10-02"}),
    ("POST", "/unit/rates"): ("form", {"valid_from": "2027-01-01", "nok": "17,00"}),
    ("GET", "/participants"): ("query", {"q": "Kari", "ended": "1"}),
    ("GET", "/participants/new"): ("query", {}),
    ("POST", "/participants"): ("form", {
        "code": "P9", "name": "Nina", "birth_date": "1990-01-01", "weekdays": "1", "start":
        "09:00", "end": "14:00", "contact": "S1", "programme": "aok", "transport": "on",
        "override_note": "ok", "c-wants_service": "yes",
    }),
    ("GET", "/participants/{code}"): ("query", {"saved": "1"}),
    ("POST", "/participants/{code}/criteria"): ("form", {"c-wants_service": "yes"}),
    ("GET", "/participants/{code}/decision"): ("query", {}),
    ("POST", "/participants/{code}/decision"): ("form", {
        "weekdays": "2", "start": "09:00", "end": "14:00", "programme": "aok", "purpose": "Arbeid",
        "decision_start": "2026-01-01", "decision_end": "2026-12-31", "next_evaluation":
        "2026-06-01", "list_start": "2026-03-30", "kvp_approved_on": "2026-01-01",
        "kvp_started_on": "2026-01-05", "override_note": "ok", "temporary": "on",
    }),
    ("POST", "/participants/{code}/end"): ("form", {"ended_on": "2026-04-30"}),
    ("POST", "/participants/{code}/contact"): ("form", {"contact": "S2"}),
    ("POST", "/participants/{code}/read-aloud"): ("form", {"read_aloud": "on"}),
    ("GET", "/participants/{code}/export"): ("query", {"format": "json"}),
    ("GET", "/participants/{code}/erase"): ("query", {}),
    ("POST", "/participants/{code}/erase"): ("form", {"confirm": "P1"}),
    ("GET", "/intake"): ("query", {"participant": "P1"}),
    ("POST", "/intake"): ("form", {
        "who": "new", "code": "P9", "name": "Sara Lund", "birth_date": "1995-06-01",
        "participant": "P1", "referred_on": "2026-03-02", "counsellor": "Nina", "contact": "S1",
        "conversation_on": "2026-03-10", "with_nav": "on", "programme": "work-training",
        "agreement_start": "2026-03-16", "agreement_end": "2026-09-15", "weekdays": "1",
        "start": "09:00", "end": "15:00", "purpose": "Arbeid", "first_list": "2026-03-30",
        "first_evaluation": "2026-05-11",
    }),
    ("POST", "/participants/{code}/evaluations"): ("form", {
        "held_on": "2026-04-07", "outcome": "continue", "next_evaluation": "2026-06-01",
        "note": "Bra",
    }),
    ("GET", "/participants/{code}/final-report"): ("query", {}),
    ("POST", "/participants/{code}/final-report"): ("form", {
        "goals": "Mål", "what_worked": "Rutiner", "work_ability": "God",
        "recommendation": "vta", "recommendation_note": "Søk VTA",
    }),
    ("GET", "/participants/{code}/final-report.pdf"): ("query", {"id": "1"}),
    ("GET", "/deadlines/meetings/{id}/minutes"): ("query", {"saved": "1"}),
    ("POST", "/deadlines/meetings/{id}/minutes"): ("form", {
        "present": "Alle", "text": "Referat", "next_meeting": "2026-10-20",
    }),
    ("GET", "/deadlines/meetings/{id}/minutes.pdf"): ("query", {}),
    ("POST", "/api/intakes"): ("json", {
        "participant": "P9", "new_participant": {"name": "Sara", "birth_date": "1995-06-01"},
        "referred_on": "2026-03-02", "counsellor": "Nina", "contact": "S1",
        "conversation_on": "2026-03-10", "with_nav": True, "programme": "work-training",
        "agreement_start": "2026-03-16", "agreement_end": "2026-09-15", "weekdays": "1,3,5",
        "hours": "09:00-15:00", "purpose": "Arbeid", "first_list": "2026-03-30",
        "first_evaluation": "2026-05-11",
    }),
    ("GET", "/api/participants/{code}/intakes"): ("query", {}),
    ("GET", "/api/participants/{code}/evaluations"): ("query", {}),
    ("POST", "/api/participants/{code}/evaluations"): ("json", {
        "held_on": "2026-04-07", "outcome": "adjust", "next_evaluation": "2026-06-01",
        "note": "Bra",
    }),
    ("GET", "/staff"): ("query", {}),
    ("POST", "/staff/{code}/deactivate"): ("form", {}),
    ("POST", "/staff/{code}/reactivate"): ("form", {}),
    ("GET", "/messages"): ("query", {}),
    ("GET", "/messages/{id}"): ("query", {}),
    ("GET", "/messages/{id}/voice"): ("query", {}),
    ("GET", "/invites"): ("query", {"saved": "1"}),
    ("POST", "/invites"): (
        "form", {"role": "relative", "person": "P1", "days": "7", "relative_name": "Mor"}
    ),
    ("POST", "/invites/{id}/revoke"): ("form", {}),
    ("GET", "/links"): ("query", {"all": "1"}),
    ("POST", "/links/{id}/consent"): ("form", {"confirmed": "on"}),
    ("POST", "/links/{id}/withdraw"): ("form", {}),
    ("GET", "/absences"): ("query", {"from": "2026-04-01", "to": "2026-04-30"}),
    ("GET", "/absences/{id}/note"): ("query", {}),
    ("GET", "/attendance"): ("query", {"month": "2026-04", "saved": "2"}),
    ("POST", "/attendance"): (
        "form", {"month": "2026-04", "c:P1:2026-04-07": "present", "o:P1:2026-04-07": ""}
    ),
    ("POST", "/attendance/day"): ("form", {
        "day": "2026-04-07", "participant": "P1", "status": "present", "hours": "4,5",
        "remark": "Kom sent",
    }),
    ("GET", "/deadlines"): ("query", {"weeks": "8", "saved": "1"}),
    ("POST", "/deadlines/meetings"): (
        "form", {"kind": "status", "day": "2026-09-15", "note": "Rom 2"}
    ),
    ("POST", "/deadlines/meetings/{id}/remove"): ("form", {}),
    ("GET", "/reports"): ("query", {"participant": "P1"}),
    ("GET", "/reports/payroll"): ("query", {"month": "2026-04"}),
    ("GET", "/reports/payroll.csv"): ("query", {"month": "2026-04"}),
    ("GET", "/reports/payroll.visma"): (
        "query", {"month": "2026-04", "wage_type": "1100", "run": "1"}
    ),
    ("GET", "/reports/capacity"): ("query", {"format": "csv"}),
    ("GET", "/reports/attendance-list"): (
        "query", {"participant": "P1", "from": "2026-03-30", "to": "2026-04-12", "format": "csv"}
    ),
    ("GET", "/reports/attendance-list/download"): (
        "query", {"participant": "P1", "from": "2026-03-30", "to": "2026-04-12", "format": "csv"}
    ),
    ("GET", "/reports/candidates"): ("query", {"from": "2026-01-01", "to": "2026-04-07"}),
    ("GET", "/reports/candidates.pdf"): ("query", {"from": "2026-01-01", "to": "2026-04-07"}),
    ("GET", "/reports/candidates.csv"): ("query", {"from": "2026-01-01", "to": "2026-04-07"}),
    ("GET", "/audit"): (
        "query", {"before": "100", "actor": "test", "action": "unit.add", "subject": "unit:AOK"}
    ),
    ("GET", "/import"): ("query", {}),
    ("POST", "/import/preview"): ("form", {"content": CSV, "filename": "liste.csv"}),
    ("POST", "/import/commit"): ("form", {"content": CSV, "filename": "liste.csv"}),
    ("GET", "/kvp"): ("query", {"saved": "1"}),
    ("GET", "/kvp/new"): ("query", {}),
    ("POST", "/kvp"): ("form", {
        "name": "Nora Berg", "birth_date": "1995-05-06", "received_on": "2026-03-02",
        "counsellor": "S1",
    }),
    ("GET", "/kvp/{id}"): ("query", {"saved": "1"}),
    ("POST", "/kvp/{id}/aev"): ("form", {"aev_on": "2026-03-10"}),
    ("POST", "/kvp/{id}/counsellor"): ("form", {"counsellor": "S1"}),
    ("POST", "/kvp/{id}/decision"): (
        "form", {"decided_on": "2026-03-20", "outcome": "refused", "reason": "AAP"}
    ),
    ("POST", "/kvp/{id}/period"): ("form", {"starts_on": "2026-04-01", "ends_on": "2027-03-31"}),
    ("POST", "/kvp/{id}/start"): ("form", {
        "started_on": "2026-04-06", "weekdays": "1", "start": "09:00", "end": "15:00",
        "contact": "S1", "code": "K9", "override_note": "Tre dager i starten",
    }),
    ("GET", "/api/kvp"): ("query", {}),
    ("POST", "/api/kvp"): ("json", {
        "name": "Nora Berg", "birth_date": "1995-05-06", "received_on": "2026-03-02",
        "counsellor": "S1",
    }),
    ("GET", "/api/kvp/{id}"): ("query", {}),
    ("GET", "/vta"): ("query", {"left": "1"}),
    ("POST", "/participants/{code}/vta"): (
        "form", {"step": "qualification", "on": "2026-04-01", "reason": ""}
    ),
    ("GET", "/vta/places"): ("query", {"saved": "1"}),
    ("POST", "/vta/places"): (
        "form", {"on": "2026-04-01", "count": "4", "where": "iVekst", "note": "Ny avdeling"}
    ),
    ("GET", "/api/vta"): ("query", {}),
    ("GET", "/api/participants/{code}/vta"): ("query", {}),
    ("POST", "/api/participants/{code}/vta"): (
        "json", {"step": "qualification", "on": "2026-04-01"}
    ),
    ("GET", "/api/vta/places"): ("query", {}),
    ("POST", "/api/vta/places"): (
        "json", {"on": "2026-04-01", "count": 4, "where": "iVekst", "note": "Ny avdeling"}
    ),
    ("GET", "/api/openapi.json"): ("query", {}),
    ("POST", "/api/sessions"): ("json", {"token": "not-a-token"}),
    ("GET", "/api/me"): ("query", {}),
    ("GET", "/api/unit"): ("query", {}),
    ("GET", "/api/participants"): ("query", {"q": "Kari", "ended": "true"}),
    ("POST", "/api/participants"): ("json", {
        "code": "P9", "name": "Nina", "birth_date": "1990-01-01", "weekdays": "mon,wed",
        "hours": "09:00-14:00", "contact": "S1", "programme": "aok", "transport": True,
        "criteria": {"wants_service": True},
    }),
    ("GET", "/api/participants/{code}"): ("query", {}),
    ("PATCH", "/api/participants/{code}/criteria"): (
        "json", {"criteria": {"wants_service": True}}
    ),
    ("PATCH", "/api/participants/{code}/read-aloud"): ("json", {"read_aloud": True}),
    ("GET", "/api/invites"): ("query", {}),
    ("POST", "/api/invites"): (
        "json", {"role": "relative", "for": "P1", "days": 7, "relative_name": "Mor"}
    ),
    ("POST", "/api/invites/{id}/revoke"): ("json", {}),
    ("GET", "/api/absences"): ("query", {"from": "2026-04-01", "to": "2026-04-30"}),
    ("GET", "/api/attendance"): ("query", {"month": "2026-04"}),
    ("PUT", "/api/attendance/{code}/{day}"): (
        "json", {"status": "present", "hours": "4.5", "remark": "Kom sent"}
    ),
    ("GET", "/api/payroll"): ("query", {"month": "2026-04"}),
    ("GET", "/api/attendance-lists/{code}"): (
        "query", {"from": "2026-03-30", "to": "2026-04-12", "format": "csv"}
    ),
    ("GET", "/api/capacity"): ("query", {}),
    ("GET", "/api/reports/candidates"): ("query", {"from": "2026-01-01", "to": "2026-04-07"}),
    ("GET", "/api/deadlines"): ("query", {"weeks": "8"}),
    ("GET", "/api/audit"): ("query", {"before": "100", "action": "unit.add"}),
    ("GET", "/pupils"): ("query", {"school": "Skolen", "year": "vg2", "ended": "1", "saved": "1"}),
    ("GET", "/pupils/new"): ("query", {}),
    ("POST", "/pupils"): ("form", PUPIL_FORM),
    ("GET", "/pupils/{id}"): ("query", {"saved": "1"}),
    ("POST", "/pupils/{id}"): ("form", PUPIL_FORM),
    ("POST", "/pupils/{id}/end"): ("form", {"ended_on": "2026-04-07"}),
    ("GET", "/pupils/{id}/participant"): ("query", {}),
    ("POST", "/pupils/{id}/participant"): ("form", {
        "code": "P9", "weekdays": "1", "start": "09:00", "end": "14:00", "contact": "S1",
        "programme": "activity-place", "transport": "on", "override_note": "ok",
        "c-wants_service": "yes",
    }),
    ("GET", "/pupils/{id}/candidate"): ("query", {}),
    ("POST", "/pupils/{id}/candidate"): (
        "form", {"code": "K9", "stage": "approach", "follower": "S1"}
    ),
    ("GET", "/pupils/overview"): ("query", {"at": "2026-09-15"}),
    ("GET", "/pupils/overview.pdf"): ("query", {"at": "2026-09-15"}),
    ("GET", "/api/pupils"): ("query", {"school": "Skolen", "year": "vg2", "ended": "true"}),
    ("POST", "/api/pupils"): ("json", PUPIL_JSON),
    ("GET", "/api/pupils/{id}"): ("query", {}),
    ("PUT", "/api/pupils/{id}"): ("json", PUPIL_JSON),
    ("POST", "/api/pupils/{id}/end"): ("json", {"ended_on": "2026-04-07"}),
    ("POST", "/api/pupils/{id}/participant"): ("json", {
        "code": "P9", "weekdays": "mon,wed", "hours": "09:00-14:00", "contact": "S1",
        "programme": "activity-place", "transport": True, "criteria": {"wants_service": True},
    }),
    ("POST", "/api/pupils/{id}/candidate"): (
        "json", {"code": "K9", "stage": "mapping", "follower": "S1"}
    ),
    ("GET", "/api/pupils/overview"): ("query", {"at": "2026-09-15"}),
    # candidates (K1, followed by S1) and businesses (row 1)
    ("GET", "/candidates"): ("query", {"stage": "vta-o", "follower": "S1", "q": "Jonas"}),
    ("GET", "/candidates/new"): ("query", {}),
    ("POST", "/candidates"): ("form", {
        "code": "K9", "name": "Nina", "birth_date": "1990-01-01", "referred_by": "nav",
        "follower": "S1",
    }),
    ("GET", "/candidates/{code}"): ("query", {"saved": "1"}),
    ("POST", "/candidates/{code}/stage"): ("form", {
        "stage": "ended", "pending": "on", "on": "2026-04-07", "end_reason": "health",
    }),
    ("POST", "/candidates/{code}/consent"): ("form", {
        "consent_on": "2026-04-01", "scope": "Bedrifter", "names_to_businesses": "on",
    }),
    ("POST", "/candidates/{code}/consent/withdraw"): ("form", {"withdrawn_on": "2026-04-07"}),
    ("POST", "/candidates/{code}/mapping"): (
        "form", {"mapping_on": "2026-04-01", "mapping_note": "Praktisk"}
    ),
    ("POST", "/candidates/{code}/plan"): ("form", {
        "next_step": "Besøk", "next_step_on": "2026-04-20", "follow_up_on": "2026-05-04",
        "evaluation_on": "2026-06-01",
    }),
    ("POST", "/candidates/{code}/person"): ("form", {
        "name": "Jonas Lie", "birth_date": "1992-01-15", "phone": "900", "email": "j@example.no",
        "referred_by": "nav", "follower": "S1", "benefit": "yes", "on_aap": "on", "wishes": "lager",
    }),
    ("POST", "/candidates/{code}/presentations"): (
        "form", {"business": "1", "presented_on": "2026-04-07", "outcome": "Ja"}
    ),
    ("POST", "/candidates/{code}/participant"): ("form", {
        "programme": "aok", "weekdays": "1", "start": "09:00", "end": "14:00", "contact": "S1",
        "override_note": "ok",
    }),
    ("GET", "/api/candidates"): ("query", {"stage": "vta", "follower": "S1", "waiting": "true"}),
    ("POST", "/api/candidates"): ("json", {
        "code": "K9", "name": "Nina", "birth_date": "1990-01-01", "referred_by": "nav",
        "follower": "S1", "stage": "mapping",
    }),
    ("GET", "/candidates/{code}/export"): ("query", {"format": "json"}),
    ("GET", "/candidates/{code}/erase"): ("query", {}),
    ("POST", "/candidates/{code}/erase"): ("form", {"confirm": "K1"}),
    ("GET", "/api/candidates/{code}"): ("query", {}),
    ("POST", "/api/candidates/{code}/stage"): (
        "json", {"to": "vta", "pending": True, "on": "2026-04-07", "reason": "health"}
    ),
    ("GET", "/businesses"): ("query", {"saved": "1"}),
    ("POST", "/businesses"): ("form", {
        "name": "Rema", "contact_name": "Ola", "phone": "32", "email": "r@example.no",
        "offers": "Butikk",
    }),
    ("GET", "/businesses/{id}"): ("query", {"saved": "1"}),
    ("POST", "/businesses/{id}"): ("form", {
        "name": "Rema", "contact_name": "Ola", "phone": "32", "email": "r@example.no",
        "offers": "Butikk",
    }),
    ("POST", "/businesses/{id}/active"): ("form", {"active": "1"}),
}  # fmt: skip


def served_routes() -> dict[tuple[str, str], Action | None]:
    found = {}
    for route in create_app().router.routes():
        if isinstance(route.resource, aioweb.StaticResource) or route.method == "HEAD":
            continue
        guard = guard_of(route.handler)
        assert guard is not None
        path = re.sub(r"\{(\w+)(:[^}]*)?\}", r"{\1}", route.resource.canonical)
        found[(route.method, path)] = guard.action
    return found


SERVED = served_routes()
STAFF = {Role.CONTACT: "S1", Role.LEADER: "S2", Role.COORDINATOR: "S3"}
# Each route as each role it lets in (a public one as the coordinator, signed in).
CASES = [
    (method, path, role)
    for (method, path), action in sorted(SERVED.items(), key=lambda item: item[0])
    for role in Role
    if (role in TABLE[action] if action is not None else role is Role.COORDINATOR)
]


def test_every_route_has_a_row() -> None:
    assert set(SERVED) == set(ROUTES)


def variants(path: str, kind: str, base: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The baseline, then each payload in each path parameter and each field in turn."""
    names = re.findall(r"\{(\w+)\}", path)
    known = {**PATH, "code": "K1"} if "candidates" in path else PATH  # a candidate's code
    plain = path.format(**known)
    found: list[tuple[str, dict[str, Any]]] = [(plain, base)]
    for value in TEXT:
        for name in names:
            found.append((path.format(**{**known, name: value}), base))
        for field in base:
            found.append((plain, {**base, field: value}))
        if kind != "json":
            found.append((plain, {**base, "extra": value}))
    for field in base:  # each field left out, the others kept
        found.append((plain, {k: v for k, v in base.items() if k != field}))
    if kind == "json":
        for value in JSON:
            for field in base:
                found.append((plain, {**base, field: value}))
    return found


async def add_records() -> None:
    """Row 1 of what the `{id}` routes read: a relative's link (and its used invite), an
    open invite, an absence with a note, a meeting, an approved KVP application followed
    by S1, a pupil."""
    await link("P1", LinkRole.RELATIVE, 2001, "Mor Nordmann")
    await create_invite("P2", LinkRole.PARTICIPANT, actor="test", now=NOW)
    kari = await Participant.get(code="P1")
    await report_absence(
        kari, [NOW.date()], AbsenceCategory.SICK, reporter=None, now=NOW, note="Vondt",
        channel="web", reporter_name="Lise Kontakt",
    )  # fmt: skip
    unit = await Unit.get(code="AOK")
    await meetings.set_meeting(
        unit, MeetingKind.STATUS, date(2026, 9, 15), note=None, actor="test", today=NOW.date()
    )
    fields = pupils.PupilFields("Bo Elev", date(2009, 3, 10), "Skolen", ClassYear.VG2)
    await pupils.add_pupil(unit, fields, actor="test", today=NOW.date())
    application = await kvp.add_application(
        kvp.NewApplication("AOK", "Nora Berg", date(1995, 5, 6), date(2026, 3, 2), "S1"),
        actor="test",
        today=NOW.date(),
    )
    await kvp.record_aev(application.id, date(2026, 3, 10), actor="test", today=NOW.date())
    await kvp.record_decision(
        application.id, date(2026, 3, 20), approved=True, actor="test", today=NOW.date()
    )
    await candidates.add_candidate(
        candidates.NewCandidate("AOK", "K1", "Jonas Lie", follower_code="S1"),
        actor="test",
        today=NOW.date(),
    )
    await Business.create(unit=unit, name="Coop Mega")


async def call(web: Web, method: str, path: str, kind: str, values: dict[str, Any]) -> int:
    from urllib.parse import quote

    target = "/".join(quote(part, safe="") for part in path.split("/"))
    headers = {"X-CSRF-Token": web.csrf}
    if kind == "query":
        response = await web.client.request(
            method, target, params=values, headers=headers, allow_redirects=False
        )
    elif kind == "form":
        response = await web.client.request(
            method,
            target,
            data=[("csrf_token", web.csrf), *values.items()],
            headers=headers,
            allow_redirects=False,
        )
    else:
        response = await web.client.request(
            method, target, json=values, headers=headers, allow_redirects=False
        )
    await response.read()
    return response.status


@pytest.mark.parametrize(
    ("method", "path", "role"), CASES, ids=[f"{m} {p} as {r}" for m, p, r in CASES]
)
async def test_odd_input_gets_no_server_error(web: Web, method: str, path: str, role: Role) -> None:
    await add_records()
    staff = await Staff.get(code=STAFF[role])
    await web.sign_in(staff)
    kind, base = ROUTES[(method, path)]
    failures = []
    for target, values in variants(path, kind, base):
        status = await call(web, method, target, kind, values)
        if status >= 500 and not (path == "/healthz" and status == 503):
            changed = {k: v for k, v in values.items() if base.get(k, object()) != v}
            failures.append(f"{status} {target[:60]!r} {str(changed)[:60]}")
        if path == "/logout":  # signed out: sign in again for the next one
            await web.sign_in(staff)
    assert failures == []
