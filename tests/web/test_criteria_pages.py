"""Eligibility criteria on the participant's page and the new-participant form."""

from __future__ import annotations

import re

from backend.models import AuditEvent, LinkRole, OutboxMessage, Participant
from tests.support.world import link
from tests.web.conftest import Web

AOK_KEYS = [
    "lives_in_municipality",
    "wants_service",
    "needs_day_adaptation",
    "multidisciplinary_assessment",
    "can_work_in_group",
    "no_heavy_shielding_need",
    "full_disability_benefit",
]


def checked(page: str) -> dict[str, str]:
    """The checked answer of every criterion on a page: key → yes / no / unknown."""
    return dict(re.findall(r'name="c-(\w+)" value="(\w+)" checked', page))


async def criteria_events() -> list[tuple[str, dict[str, object]]]:
    events = await AuditEvent.filter(action="eligibility.record").order_by("id")
    return [(e.actor, e.detail) for e in events]


async def test_the_page_records_criteria_audits_them_and_tells_the_coordinator(web: Web) -> None:
    await Participant.filter(code="P1").update(decision_start="2026-03-02")  # intake is done
    await link("S3", LinkRole.STAFF, 1005, "Kim")
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Kriterier for tildeling" in page and "bor i kommunen" in page
    assert checked(page) == dict.fromkeys(AOK_KEYS, "unknown")

    answers = {f"c-{key}": "unknown" for key in AOK_KEYS} | {
        "c-wants_service": "yes",
        "c-can_work_in_group": "no",
    }
    saved = await web.post("/participants/P1/criteria", answers)
    text = await saved.text()
    assert saved.status == 200
    assert "Lagret. Beskjed om det som ikke er oppfylt går til Kim Koordinator." in text
    assert checked(text) == dict.fromkeys(AOK_KEYS, "unknown") | {
        "wants_service": "yes",
        "can_work_in_group": "no",
    }
    assert (await Participant.get(code="P1")).eligibility == {
        "wants_service": True,
        "can_work_in_group": False,
    }
    assert await criteria_events() == [
        ("staff:S2", {"criterion": "wants_service", "old": "not_assessed", "new": "met"}),
        ("staff:S2", {"criterion": "can_work_in_group", "old": "not_assessed", "new": "not_met"}),
    ]
    assert await OutboxMessage.filter(template="criterion_not_met", chat_id=1005).count() == 1

    # The same form again (a reload): nothing changes, nobody is told twice.
    again = await web.post("/participants/P1/criteria", answers)
    assert again.status == 200 and "Ingenting er endret." in await again.text()
    assert len(await criteria_events()) == 2
    assert await OutboxMessage.filter(template="criterion_not_met").count() == 1


async def test_an_unreachable_coordinator_is_shown_as_a_problem(web: Web) -> None:
    await Participant.filter(code="P1").update(decision_start="2026-03-02")
    await web.sign_in(web.world.leader)
    saved = await web.post("/participants/P1/criteria", {"c-wants_service": "no"})
    text = await saved.text()
    assert saved.status == 200 and 'role="alert"' in text
    assert (
        "Kunne ikke gi beskjed til Kim Koordinator: ikke koblet til boten og ingen e-postadresse."
        in text
    )


async def test_a_bad_answer_changes_nothing(web: Web) -> None:
    await web.sign_in(web.coordinator)
    bad = await web.post(
        "/participants/P1/criteria", {"c-wants_service": "yes", "c-can_work_in_group": "maybe"}
    )
    assert bad.status == 400
    assert "Kriteriet can_work_in_group må være ja eller nei" in await bad.text()
    assert (await Participant.get(code="P1")).eligibility == {}


async def test_a_contact_person_sees_the_criteria_but_cannot_change_them(web: Web) -> None:
    await Participant.filter(code="P1").update(eligibility={"wants_service": True})
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/participants/P1")).text()
    assert 'action="/participants/P1/criteria"' not in page
    assert re.search(r"<td>ønsker tjenesten</td><td><span class=\"tag good\">Ja</span>", page)
    assert re.search(r"<td>bor i kommunen</td><td><span class=\"tag warn\">Ikke vurdert", page)
    refused = await web.post("/participants/P1/criteria", {"c-wants_service": "no"})
    assert refused.status == 403
    assert (await Participant.get(code="P1")).eligibility == {"wants_service": True}


NEW = [("code", "P7"), ("name", "Nina Berg"), ("birth_date", "1991-02-03"), ("weekdays", "1"),
       ("weekdays", "2"), ("start", "09:00"), ("end", "13:30"), ("contact", "S1"),
       ("programme", "aok")]  # fmt: skip


async def test_the_new_participant_form_records_the_programmes_criteria(web: Web) -> None:
    await web.sign_in(web.coordinator)
    form = await (await web.client.get("/participants/new")).text()
    assert 'data-programmes="aok"' in form and 'data-programmes="vta vta-o"' in form
    assert checked(form)["wants_service"] == "unknown"
    made = await web.post(
        "/participants",
        [
            *NEW,
            ("c-wants_service", "yes"),
            ("c-lives_in_municipality", "yes"),
            ("c-can_work_in_group", "unknown"),
            ("c-nav_decision", "yes"),  # a VTA criterion: not AoK's, so not recorded
        ],
    )
    assert made.status == 200 and "Nina Berg" in await made.text()
    assert (await Participant.get(code="P7")).eligibility == {
        "wants_service": True,
        "lives_in_municipality": True,
    }
    assert await criteria_events() == [
        ("staff:S3", {"criterion": "lives_in_municipality", "old": "not_assessed", "new": "met"}),
        ("staff:S3", {"criterion": "wants_service", "old": "not_assessed", "new": "met"}),
    ]


async def test_a_criterion_not_met_refuses_registration_unless_the_coordinator_writes_why(
    web: Web,
) -> None:
    await web.sign_in(web.coordinator)
    refused = await web.post("/participants", [*NEW, ("c-lives_in_municipality", "no")])
    text = await refused.text()
    assert refused.status == 400 and "ikke oppfylt: bor i kommunen" in text
    assert checked(text)["lives_in_municipality"] == "no"  # the answer is kept in the form
    assert not await Participant.exists(code="P7")
    made = await web.post(
        "/participants",
        [
            *NEW,
            ("c-lives_in_municipality", "no"),
            ("override_note", "Flytter til kommunen i mai, avtalt med NAV."),
        ],
    )
    assert made.status == 200
    nina = await Participant.get(code="P7")
    assert nina.eligibility == {"lives_in_municipality": False}
    assert nina.eligibility_override == "Flytter til kommunen i mai, avtalt med NAV."


# -- the JSON API ---------------------------------------------------------------------------


async def bearer_for(web: Web, staff: object) -> dict[str, str]:
    from backend.access import sign_in as auth

    path = await auth.issue_login_link(staff, web.clock())  # type: ignore[arg-type]
    signed = await web.client.post("/api/sessions", json={"token": path.rsplit("/", 1)[1]})
    return {"Authorization": f"Bearer {(await signed.json())['access_token']}"}


async def test_the_api_records_criteria_and_answers_what_changed(web: Web) -> None:
    await Participant.filter(code="P1").update(decision_start="2026-03-02")
    await link("S3", LinkRole.STAFF, 1005, "Kim")
    bearer = await bearer_for(web, web.world.leader)
    answer = await web.client.patch(
        "/api/participants/P1/criteria",
        json={"criteria": {"wants_service": True, "no_heavy_shielding_need": False}},
        headers=bearer,
    )
    assert answer.status == 200
    assert await answer.json() == {
        "participant": "P1",
        "changed": [
            {"criterion": "wants_service", "old": None, "new": True},
            {"criterion": "no_heavy_shielding_need", "old": None, "new": False},
        ],
        "criteria": {
            "lives_in_municipality": None,
            "wants_service": True,
            "needs_day_adaptation": None,
            "multidisciplinary_assessment": None,
            "can_work_in_group": None,
            "no_heavy_shielding_need": False,
            "full_disability_benefit": None,
        },
        "open": [
            "lives_in_municipality",
            "needs_day_adaptation",
            "multidisciplinary_assessment",
            "can_work_in_group",
            "full_disability_benefit",
        ],
        "told": ["Kim Koordinator"],
        "not_told": [],
    }
    shown = await (await web.client.get("/api/participants/P1", headers=bearer)).json()
    assert shown["criteria"]["no_heavy_shielding_need"] is False
    assert len(await criteria_events()) == 2

    back = await web.client.patch(
        "/api/participants/P1/criteria",
        json={"criteria": {"no_heavy_shielding_need": None}},
        headers=bearer,
    )
    assert (await back.json())["changed"] == [
        {"criterion": "no_heavy_shielding_need", "old": False, "new": None}
    ]


async def test_the_api_refuses_unknown_criteria_and_other_units(web: Web) -> None:
    bearer = await bearer_for(web, web.coordinator)
    unknown = await web.client.patch(
        "/api/participants/P1/criteria", json={"criteria": {"likes_coffee": True}}, headers=bearer
    )
    assert unknown.status == 400
    assert (await unknown.json())["error"].startswith("Ukjent kriterium: likes_coffee.")
    not_yes_no = await web.client.patch(
        "/api/participants/P1/criteria", json={"criteria": {"wants_service": "ja"}}, headers=bearer
    )
    assert not_yes_no.status == 400
    missing = await web.client.patch(
        "/api/participants/NOPE/criteria", json={"criteria": {}}, headers=bearer
    )
    assert missing.status == 404
    assert (await Participant.get(code="P1")).eligibility == {}
    contact = await bearer_for(web, web.world.contact)
    refused = await web.client.patch(
        "/api/participants/P1/criteria", json={"criteria": {"wants_service": True}}, headers=contact
    )
    assert refused.status == 403


async def test_the_api_registers_a_participant_with_criteria(web: Web) -> None:
    bearer = await bearer_for(web, web.coordinator)
    made = await web.client.post(
        "/api/participants",
        json={
            "code": "P7",
            "name": "Nina Berg",
            "birth_date": "1991-02-03",
            "weekdays": "man,tir",
            "hours": "09:00-13:30",
            "contact": "S1",
            "criteria": {"wants_service": True, "can_work_in_group": None},
        },
        headers=bearer,
    )
    assert made.status == 201
    assert (await made.json())["criteria"]["wants_service"] is True
    assert (await Participant.get(code="P7")).eligibility == {"wants_service": True}


async def test_hours_in_the_wrong_order_are_named_as_typed(web: Web) -> None:
    await web.sign_in(web.coordinator)
    swapped = [(k, {"start": "14:00", "end": "09:00"}.get(k, v)) for k, v in NEW]
    refused = await web.post("/participants", swapped)
    assert refused.status == 400
    assert "Sluttid må komme etter starttid: 14:00-09:00" in await refused.text()
    assert not await Participant.exists(code="P7")
