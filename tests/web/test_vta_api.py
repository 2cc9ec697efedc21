"""Towards VTA on the JSON API: the same rules and answers as the pages."""

from __future__ import annotations

from backend.models import VtaPathStep, VtaPlacesCreated
from tests.web.conftest import Web


async def _post(web: Web, path: str, body: object) -> tuple[int, object]:
    response = await web.client.post(path, json=body, headers={"X-CSRF-Token": web.csrf})
    return response.status, await response.json()


async def test_a_participant_moves_along_the_path_through_the_api(web: Web) -> None:
    await web.sign_in(web.world.leader)
    status, body = await _post(
        web, "/api/participants/P1/vta", {"step": "interested", "on": "2026-03-02"}
    )
    assert status == 200
    status, body = await _post(web, "/api/participants/P1/vta", {"step": "applied"})
    assert (status, body) == (
        200,
        {
            "participant": "P1",
            "step": "applied",
            "since": "2026-04-07",
            "reason": None,
            "history": [
                {"step": "interested", "on": "2026-03-02", "reason": None, "actor": "staff:S2"},
                {"step": "applied", "on": "2026-04-07", "reason": None, "actor": "staff:S2"},
            ],
        },
    )
    got = await web.client.get("/api/vta")
    assert (await got.json())["participants"] == [
        {"code": "P1", "name": "Kari Nordmann", "step": "applied", "since": "2026-04-07",
         "reason": None},
    ]  # fmt: skip
    assert (await got.json())["counts"] == {
        "interested": 0, "qualification": 0, "applied": 1, "granted": 0, "started": 0, "left": 0,
    }  # fmt: skip
    one = await web.client.get("/api/participants/P2/vta")
    assert (await one.json())["step"] is None


async def test_a_refused_step_is_a_400_with_the_reason(web: Web) -> None:
    await web.sign_in(web.coordinator)
    for body, message in [
        ({"step": "left"}, "Skriv kort hvorfor deltakeren går ut av løpet"),
        ({"step": "granted", "on": "2026-04-08"}, "Datoen kan ikke være fram i tid: 2026-04-08"),
        ({"step": 3}, "Feltet «step» mangler eller er ugyldig"),
        ({"step": "interested", "on": 20260401}, "Feltet «on» mangler eller er ugyldig"),
        ([], "Forespørselen må være et JSON-objekt"),
    ]:
        status, answer = await _post(web, "/api/participants/P1/vta", body)
        assert (status, answer) == (400, {"error": message})
    assert await VtaPathStep.all().count() == 0


async def test_places_through_the_api_and_the_plan(web: Web) -> None:
    await web.sign_in(web.coordinator)
    status, body = await _post(
        web, "/api/vta/places", {"on": "2026-01-15", "count": 6, "where": "iVekst"}
    )
    assert status == 201
    assert body == {"id": body["id"], "on": "2026-01-15", "count": 6, "where": "iVekst",
                    "note": None}  # fmt: skip
    for bad in ({"count": "6"}, {"count": True}, {"count": 0}, {"on": "2026-04-08", "count": 1}):
        status, _ = await _post(web, "/api/vta/places", bad)
        assert status == 400
    assert await VtaPlacesCreated.all().count() == 1
    plan = await (await web.client.get("/api/vta/places")).json()
    assert (plan["target"], plan["start"], plan["end"]) == (48, "2025-01-01", "2027-12-31")
    assert (plan["created"], plan["planned"], plan["difference"]) == (6, 20, -14)
    assert plan["quarters"][4] == {
        "year": 2026, "quarter": 1, "created": 6, "cumulative": 6, "plan": 20, "difference": -14
    }  # fmt: skip
    assert plan["quarters"][6]["cumulative"] is None
    await web.sign_in(web.world.contact)
    status, _ = await _post(web, "/api/vta/places", {"count": 1})
    assert status == 403
