"""Open redirects: a `next=` target is a path on this site, parsed strictly, or "/"."""

from __future__ import annotations

import pytest

from backend.web.forms import local_path
from tests.web.conftest import Web


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", "/"),
        ("/unit", "/unit"),
        ("/participants?q=Kari&ended=1", "/participants?q=Kari&ended=1"),
        ("/participants?q=Bjørn", "/participants?q=Bj%C3%B8rn"),  # the header stays ASCII
        ("/attendance?month=2026-04#P1", "/attendance?month=2026-04#P1"),
        ("/a%20b", "/a%20b"),
        ("/participants/P1/../P2", "/participants/P1/../P2"),  # still this site
        ("/x:y", "/x:y"),
        ("/％2F/evil.example", "/%EF%BC%852F/evil.example"),
        ("/／evil.example", "/%EF%BC%8Fevil.example"),  # a fullwidth slash is a path character
        (None, "/"),
        ("", "/"),
        ("//evil.example", "/"),
        ("//evil.example/path", "/"),
        ("///evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/\\/evil.example", "/"),
        ("/\t/evil.example/", "/"),  # browsers drop the tab: //evil.example
        ("/\n/x", "/"),  # a newline in a header would break the answer
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/ /evil.example", "/"),
        ("/\x00/evil.example", "/"),
        ("/\u200b/evil.example", "/"),  # zero-width space
        ("/\u2028/evil.example", "/"),  # line separator
        ("/\u00a0/evil.example", "/"),  # no-break space
        ("https://evil.example", "/"),
        ("http:/evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("JaVaScRiPt:alert(1)", "/"),
        ("data:text/html,<script>alert(1)</script>", "/"),
        ("%2F%2Fevil.example", "/"),  # arrived still encoded: not a path
        ("evil.example", "/"),
        ("／／evil.example", "/"),  # fullwidth slashes are not a path
        ("⁄⁄evil.example", "/"),  # fraction slashes neither
        ("/" + "a" * 2000, "/"),  # very long
    ],
)
def test_only_a_path_on_this_site_is_a_target(target: str | None, expected: str) -> None:
    assert local_path(target) == expected


@pytest.mark.parametrize(
    "query",
    [
        "lang=en&next=/%09/evil.example/",
        "lang=en&next=/%0a/x",
        "lang=en&next=/%0d%0aSet-Cookie:%20x=1",
        "lang=en&next=//evil.example",
        "lang=en&next=/%5Cevil.example",
        "lang=en&next=https://evil.example",
        "lang=en&next=%252F%252Fevil.example",
    ],
)
async def test_the_language_switch_stays_on_this_site(web: Web, query: str) -> None:
    response = await web.client.get(f"/language?{query}", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/"
    assert "frammote_lang=en" in response.headers["Set-Cookie"]


async def test_the_language_switch_returns_to_the_page_it_came_from(web: Web) -> None:
    response = await web.client.get(
        "/language?lang=nn&next=/participants%3Fq%3DBj%C3%B8rn", allow_redirects=False
    )
    assert response.status == 303
    assert response.headers["Location"] == "/participants?q=Bj%C3%B8rn"
