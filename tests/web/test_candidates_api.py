"""The candidates on the JSON API: list, register, one with its history, move; fuzzed."""

from __future__ import annotations

from datetime import date

from backend.models import Candidate, StaffRole
from backend.pathway import candidates
from backend.pathway.rules import Referrer, Stage
from backend.people import registry as people
from tests.web.conftest import Web
from tests.web.test_api_schema import fuzz_live


async def add(code: str, follower: str) -> None:
    await candidates.add_candidate(
        candidates.NewCandidate(
            "AOK", code, f"Kandidat {code}", Referrer.NAV, follower_code=follower
        ),
        actor="test",
        today=date(2026, 4, 7),
    )


async def api(web: Web, method: str, path: str, body: object = None) -> tuple[int, object]:
    response = await web.client.request(method, path, json=body, headers={"X-CSRF-Token": web.csrf})
    return response.status, await response.json()


async def test_register_see_and_move_a_candidate(web: Web) -> None:
    await web.sign_in(web.coordinator)
    status, made = await api(web, "POST", "/api/candidates", {
        "code": "K1", "name": "Jonas Lie", "birth_date": "1992-01-15", "referred_by": "school",
        "follower": "S1",
    })  # fmt: skip
    assert status == 201
    assert isinstance(made, dict)
    assert (made["stage"], made["follower"], made["in_target_age"]) == ("approach", "S1", True)
    status, moved = await api(
        web, "POST", "/api/candidates/K1/stage", {"to": "care-assistant", "pending": True}
    )
    assert status == 200 and isinstance(moved, dict)
    assert [(h["stage"], h["pending"]) for h in moved["history"]] == [
        ("approach", False), ("care-assistant", True)
    ]  # fmt: skip
    status, listed = await api(web, "GET", "/api/candidates?stage=care-assistant")
    assert status == 200 and [c["code"] for c in listed] == ["K1"]  # type: ignore[union-attr]
    status, refused = await api(web, "POST", "/api/candidates/K1/stage", {"to": "ended"})
    assert (status, refused) == (400, {"error": "Velg hvorfor løpet avsluttes"})
    status, refused = await api(web, "GET", "/api/candidates?stage=nowhere")
    assert status == 400


async def test_a_contact_person_gets_only_their_own_and_follows_what_they_register(
    web: Web,
) -> None:
    await add("K1", "S1")
    await add("K2", "S2")
    await web.sign_in(web.world.contact)
    status, listed = await api(web, "GET", "/api/candidates")
    assert [c["code"] for c in listed] == ["K1"]  # type: ignore[union-attr]
    assert (await api(web, "GET", "/api/candidates/K2"))[0] == 404
    assert (await api(web, "POST", "/api/candidates/K2/stage", {"to": "mapping"}))[0] == 404
    assert (await Candidate.get(code="K2")).stage is Stage.APPROACH
    status, made = await api(
        web, "POST", "/api/candidates", {"code": "K3", "name": "Ny", "follower": "S2"}
    )
    assert status == 201 and made["follower"] == "S1"  # type: ignore[index]


async def test_another_unit_finds_none(web: Web) -> None:
    await add("K1", "S1")
    await people.add_unit("VTA", "Verkstedet", actor="test")
    await web.sign_in(await people.add_staff("VTA", "V1", "Vera", StaffRole.COORDINATOR, actor="t"))
    assert (await api(web, "GET", "/api/candidates"))[1] == []
    assert (await api(web, "GET", "/api/candidates/K1"))[0] == 404


async def test_schemathesis_fuzzes_a_real_candidates_moves(web: Web) -> None:
    await add("K1", "S1")
    statuses: set[int] = set()
    failures = await fuzz_live(
        web, only="/api/candidates/{code}/stage", path_parameters={"code": "K1"}, statuses=statuses
    )
    assert failures == []
    assert {200, 400} <= statuses
    for only in ("/api/candidates", "/api/candidates/{code}"):
        assert await fuzz_live(web, only=only) == []
