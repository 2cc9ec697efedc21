"""A browser refused (403) or sent astray (404) gets a page of the site, in its language,
with the menu; an API client and any client not asking for HTML keep the plain answers."""

from __future__ import annotations

from tests.web.conftest import Web

HTML = {"Accept": "text/html,application/xhtml+xml"}


async def test_a_contact_person_refused_gets_a_page_with_the_menu(web: Web) -> None:
    await web.sign_in(web.world.contact)
    response = await web.client.get("/pupils", headers=HTML)
    assert response.status == 403
    assert response.content_type == "text/html"
    page = await response.text()
    assert "<h1>Ikke tilgang</h1>" in page
    assert "Du har ikke tilgang til dette." in page
    assert 'href="/participants"' in page and 'action="/logout"' in page
    assert 'href="/">Til oversikten</a>' in page


async def test_a_missing_thing_and_a_missing_page_are_pages_too(web: Web) -> None:
    await web.sign_in(web.world.leader)
    gone = await web.client.get("/candidates/K404", headers=HTML)
    assert gone.status == 404 and "Fant ikke kandidaten." in await gone.text()
    nowhere = await web.client.get("/no/such/page", headers=HTML)
    assert nowhere.status == 404
    assert "Siden finnes ikke. Sjekk adressen." in await nowhere.text()


async def test_in_english_the_page_is_english(web: Web) -> None:
    await web.sign_in(web.world.contact)
    await web.client.get("/language?lang=en&next=/")
    response = await web.client.get("/pupils", headers=HTML)
    page = await response.text()
    assert response.status == 403 and "<h1>No access</h1>" in page


async def test_the_api_and_plain_clients_keep_plain_answers(web: Web) -> None:
    await web.sign_in(web.world.contact)
    api = await web.client.get("/api/pupils", headers=HTML)
    assert api.status == 403 and api.content_type == "application/json"
    plain = await web.client.get("/pupils")
    assert plain.status == 403 and plain.content_type == "text/plain"
