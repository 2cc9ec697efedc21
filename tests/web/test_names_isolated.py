"""On a right-to-left page (Arabic) a Latin name keeps its own order: each person's or
unit's name printed among other words is isolated (<bdi>), in the header and on the
pages most used, and the words around it are still escaped."""

from __future__ import annotations

from backend.web.render import name_filter, with_names_filter
from tests.web.conftest import Web


async def test_the_arabic_pages_isolate_the_names(web: Web) -> None:
    await web.sign_in(web.world.leader)
    home = await (await web.client.get("/language?lang=ar&next=/")).text()
    assert '<html lang="ar" dir="rtl">' in home
    assert '<p class="who"><bdi>Per Leder</bdi> · <bdi>Arbeid og kvalifisering</bdi></p>' in home
    assert "<p><bdi>Arbeid og kvalifisering</bdi></p>" in home

    listed = await (await web.client.get("/participants")).text()
    assert '<a href="/participants/P1"><bdi>Kari Nordmann</bdi></a>' in listed
    assert "<td><bdi>Lise Kontakt</bdi></td>" in listed

    page = await (await web.client.get("/participants/P1")).text()
    assert "<h1><bdi>Kari Nordmann</bdi> <small>(P1)</small></h1>" in page
    assert "<dd><bdi>Lise Kontakt</bdi></dd>" in page

    attendance = await (await web.client.get("/attendance")).text()
    assert '<a href="/participants/P1"><bdi>Kari Nordmann</bdi></a></th>' in attendance


def test_a_name_is_isolated_and_escaped() -> None:
    assert str(name_filter("Per <Leder>")) == "<bdi>Per &lt;Leder&gt;</bdi>"
    assert str(with_names_filter("Hei, {name} & <b>!", name="Kari & Ola")) == (
        "Hei, <bdi>Kari &amp; Ola</bdi> &amp; &lt;b&gt;!"
    )
