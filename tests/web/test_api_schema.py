"""The JSON API against its own OpenAPI document: every route documented, and schemathesis
(property-based, derandomised) finds no server error and no answer outside the document,
nor a server error when every parameter and field is hostile (tests/security/payloads)."""

from __future__ import annotations

import asyncio
import copy
import re
from typing import Any

import schemathesis
from aiohttp.test_utils import TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from backend.access import sign_in as auth
from backend.web.api.openapi import document
from backend.web.app import create_app
from tests.security.payloads import TEXT
from tests.web.conftest import Web
from tests.web.test_access import app_routes

EXAMPLES = 40

# A hostile string: the payload table, digits of every script, dates of any year, any text.
schemathesis.openapi.format(
    "hostile",
    st.sampled_from(TEXT)
    | st.from_regex(r"[0-9²①٣３]{1,12}", fullmatch=True)
    | st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)
    | st.text(max_size=30),
)
HOSTILE = {"type": "string", "format": "hostile"}
HOSTILE_OR_ANY = {"anyOf": [HOSTILE, {}]}  # or any JSON value at all


def hostile_document() -> dict[str, Any]:
    """The document with every parameter a hostile string and every body field a hostile
    string or any JSON value: the answers are refusals, but none is a server error."""
    found = copy.deepcopy(document())
    bodies = [schema for schema in found["components"]["schemas"].values()]
    for item in found["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = HOSTILE
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None:
                bodies.append(body["schema"])
    for schema in bodies:
        for name in schema.get("properties", {}):
            schema["properties"][name] = HOSTILE_OR_ANY
    return found


def test_every_api_route_is_documented_and_nothing_else() -> None:
    served = {
        (method.lower(), re.sub(r"\{(\w+)(:[^}]*)?\}", r"{\1}", path))
        for method, path in app_routes()
        if path.startswith("/api/")
    }
    documented = {(method, path) for path, item in document()["paths"].items() for method in item}
    assert served == documented


def fuzz(
    base_url: str,
    token: str,
    *,
    only: str | None = None,
    path_parameters: dict[str, str] | None = None,
    statuses: set[int] | None = None,
    source: dict[str, Any] | None = None,
) -> list[str]:
    """Runs in a thread: schemathesis speaks plain blocking HTTP to the live server.

    `only` fuzzes one path, with `path_parameters` fixed; `statuses` collects the answers.
    With another `source` than the document, only server errors count.
    """
    schema = schemathesis.openapi.from_dict(source or document())
    checks = (
        [not_a_server_error]
        if source is not None
        else [
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
    failures: list[str] = []
    seen = statuses if statuses is not None else set()
    for result in schema.get_all_operations():
        operation = result.ok()
        if only is not None and operation.path != only:
            continue

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(path_parameters=path_parameters))
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=base_url, headers={"Authorization": f"Bearer {token}"})
            seen.add(response.status_code)
            case.validate_response(response, checks=checks)

        for attempt in range(2):
            try:
                check()
            except SystemError as error:
                # CPython 3.11's ast module is not safe across threads (gh-106905, fixed in
                # later releases): the generator's own code, not the server, failed. Again.
                if "recursion depth mismatch" in str(error) and attempt == 0:
                    continue
                failures.append(f"{operation.method.upper()} {operation.path}: {error}")
            except Exception as error:  # collect every operation's failure, report them all
                failures.append(f"{operation.method.upper()} {operation.path}: {error}")
            break
    return failures


async def fuzz_live(web: Web, **options: Any) -> list[str]:
    signed = await auth.sign_in(
        (await auth.issue_login_link(web.coordinator, web.clock())).rsplit("/", 1)[1], web.clock()
    )
    server = TestServer(create_app(clock=web.clock), host="127.0.0.1")
    await server.start_server()
    try:
        base = str(server.make_url("")).rstrip("/")
        return await asyncio.to_thread(fuzz, base, signed.cookie, **options)
    finally:
        await server.close()


async def test_schemathesis_finds_no_server_error(web: Web) -> None:
    assert await fuzz_live(web) == []


async def test_hostile_values_in_every_parameter_and_field_get_no_server_error(web: Web) -> None:
    statuses: set[int] = set()
    assert await fuzz_live(web, source=hostile_document(), statuses=statuses) == []
    assert {400, 404} <= statuses


async def test_schemathesis_fuzzes_a_real_participants_attendance_list(web: Web) -> None:
    # Random codes are rightly not found; with Kari's code the dates, the format and
    # the PDF and CSV files themselves are fuzzed (content types as documented).
    statuses: set[int] = set()
    failures = await fuzz_live(
        web, only="/api/attendance-lists/{code}", path_parameters={"code": "P1"}, statuses=statuses
    )
    assert failures == []
    assert {200, 400} <= statuses


def test_a_participant_is_documented_with_read_aloud_and_its_voice() -> None:
    schemas = document()["components"]["schemas"]
    participant = schemas["Participant"]
    assert {"read_aloud", "voice"} <= set(participant["required"])
    assert participant["properties"]["read_aloud"]["type"] == "boolean"
    voice = participant["properties"]["voice"]
    assert voice["required"] == ["language", "available"]
    assert voice["properties"]["available"]["type"] == ["boolean", "null"]
    change = document()["paths"]["/api/participants/{code}/read-aloud"]["patch"]
    assert change["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ReadAloudChange"
    }
    assert schemas["ReadAloudChange"]["required"] == ["read_aloud"]
    assert set(change["responses"]) == {"200", "400", "401", "403", "404"}


async def test_schemathesis_fuzzes_read_aloud_for_a_real_participant(web: Web) -> None:
    # Kari's code: her resource as documented, and the change with any body.
    statuses: set[int] = set()
    for path in ("/api/participants/{code}", "/api/participants/{code}/read-aloud"):
        failures = await fuzz_live(
            web, only=path, path_parameters={"code": "P1"}, statuses=statuses
        )
        assert failures == []
    assert {200, 400} <= statuses
