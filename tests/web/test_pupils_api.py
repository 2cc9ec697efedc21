"""The pupil register on the JSON API: the same use cases and rules as the pages, answers
as documented (schemathesis on the pupils' routes with a real pupil), names in the overview
only with the guardian's consent."""

from __future__ import annotations

import pytest

from backend.models import AuditEvent, Pupil
from tests.support.reminder_world import FULL_AOK_FACTS
from tests.web.conftest import Web
from tests.web.test_api_schema import fuzz_live

THOR = "Thor Heyerdahl vgs"
ADA = {
    "name": "Ada Elev", "birth_date": "2008-09-20", "school": THOR, "class_year": "Vg3",
    "consent_given_on": "2026-03-01", "share_name": True, "needs": ["vta", "aok"],
}  # fmt: skip


async def api(web: Web, method: str, path: str, body: object = None) -> tuple[int, object]:
    response = await web.client.request(method, path, json=body, headers={"X-CSRF-Token": web.csrf})
    return response.status, await response.json()


async def test_register_see_change_end_and_the_overview(web: Web) -> None:
    await web.sign_in(web.coordinator)
    status, made = await api(web, "POST", "/api/pupils", ADA)
    assert status == 201, made
    assert made == {
        "id": 1, "name": "Ada Elev", "birth_date": "2008-09-20", "school": THOR,
        "class_year": "vg3", "expected_end": "2026-06-20", "consent_given_on": "2026-03-01",
        "consent_withdrawn_on": None, "share_name": True, "needs": ["aok", "vta"], "note": None,
        "registered_on": "2026-04-07", "ended_on": None, "became_participant": False,
        "became_candidate": False,
    }  # fmt: skip
    bo = {"name": "Bo Elev", "birth_date": "2008-12-01", "school": THOR, "class_year": "vg3"}
    assert (await api(web, "POST", "/api/pupils", bo))[0] == 201
    status, listed = await api(web, "GET", "/api/pupils?year=vg3")
    assert [p["name"] for p in listed] == ["Ada Elev", "Bo Elev"]  # type: ignore[index]
    status, changed = await api(web, "PUT", "/api/pupils/1", {**ADA, "school": "Allskog vgs"})
    assert status == 200 and changed["school"] == "Allskog vgs"  # type: ignore[index]
    status, overview = await api(web, "GET", "/api/pupils/overview?at=2026-09-15")
    assert status == 200
    assert overview["turning_18"] == [  # type: ignore[index]
        {
            "class_year": "vg3",
            "school": "Allskog vgs",
            "name": "Ada Elev",
            "birthday": "2026-09-20",
        },
        {"class_year": "vg3", "school": THOR, "name": None, "birthday": None},
    ]
    assert overview["needs"] == {"aok": 1, "vta": 1, "work-training": 0}  # type: ignore[index]
    status, ended = await api(web, "POST", "/api/pupils/2/end", {})
    assert status == 200 and ended["ended_on"] == "2026-04-07"  # type: ignore[index]
    actions = await AuditEvent.filter(action__startswith="pupil.").values_list("action", flat=True)
    assert sorted(actions) == ["pupil.change", "pupil.create", "pupil.create", "pupil.end"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**ADA, "needs": "aok"}, "«needs»"),
        ({**ADA, "needs": ["kino"]}, "Ukjent behov: kino"),
        ({**ADA, "class_year": "Vg5"}, "Vg1, Vg2 eller Vg3"),
        ({**ADA, "share_name": "ja"}, "«share_name»"),
        ({**ADA, "consent_given_on": None}, "Navnet kan bare deles med samtykke"),
        ({**ADA, "expected_end": 2027}, "«expected_end»"),
    ],
)
async def test_bad_bodies_are_refused_with_a_message(
    web: Web, body: dict[str, object], message: str
) -> None:
    await web.sign_in(web.coordinator)
    status, answer = await api(web, "POST", "/api/pupils", body)
    assert status == 400 and message in answer["error"]  # type: ignore[index]
    assert await Pupil.all().count() == 0


async def test_schemathesis_on_the_pupils_routes_with_a_real_pupil(web: Web) -> None:
    await web.sign_in(web.coordinator)
    assert (await api(web, "POST", "/api/pupils", ADA))[0] == 201
    statuses: set[int] = set()
    paths = (
        "/api/pupils",
        "/api/pupils/{id}",
        "/api/pupils/overview",
        "/api/pupils/{id}/participant",
        "/api/pupils/{id}/candidate",
        "/api/pupils/{id}/end",
    )
    for path in paths:
        failures = await fuzz_live(web, only=path, path_parameters={"id": "1"}, statuses=statuses)
        assert failures == [], path
    assert {200, 400} <= statuses


async def test_a_pupil_becomes_a_participant_or_a_candidate(web: Web) -> None:
    await web.sign_in(web.coordinator)
    assert (await api(web, "POST", "/api/pupils", {**ADA, "birth_date": "2007-09-20"}))[0] == 201
    assert (await api(web, "POST", "/api/pupils", {**ADA, "name": "Bo Elev"}))[0] == 201
    decision = {
        "code": "P9", "weekdays": "man,ons", "hours": "09:00-14:00", "contact": "S1",
        "criteria": dict.fromkeys(FULL_AOK_FACTS, True),
    }  # fmt: skip
    status, participant = await api(web, "POST", "/api/pupils/1/participant", decision)
    assert status == 201, participant
    assert (participant["code"], participant["name"], participant["birth_date"]) == (  # type: ignore[index]
        "P9",
        "Ada Elev",
        "2007-09-20",
    )
    status, again = await api(web, "POST", "/api/pupils/1/participant", decision)
    assert status == 400 and "deltaker allerede" in again["error"]  # type: ignore[index]
    status, candidate = await api(
        web, "POST", "/api/pupils/2/candidate", {"code": "K7", "stage": "mapping"}
    )
    assert status == 201
    assert candidate == {
        "code": "K7", "name": "Bo Elev", "birth_date": "2008-09-20", "referred_by": "school",
        "stage": "mapping",
    }  # fmt: skip
    assert (await Pupil.get(id=2)).candidate_id is not None
