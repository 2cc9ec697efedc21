"""The KVP application pages: from the application received to the programme started, each
step on its own form; a contact person sees only what they follow; bad steps are refused
on the page in words."""

from __future__ import annotations

import html
import re
from datetime import date

from backend.models import AuditEvent, KvpApplication, Participant, Programme
from tests.web.conftest import Web

D = date.fromisoformat


def text_of(page: str) -> str:
    """The page's words without tags, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


async def new_application(web: Web, name: str = "Nora Berg", counsellor: str = "S1") -> int:
    response = await web.post(
        "/kvp",
        {"name": name, "birth_date": "1995-05-06", "received_on": "2026-03-02",
         "counsellor": counsellor},
        allow_redirects=False,
    )  # fmt: skip
    assert response.status == 303, await response.text()
    location = response.headers["Location"]
    assert re.fullmatch(r"/kvp/\d+\?saved=1", location)
    return int(location.split("/")[2].split("?")[0])


async def test_from_received_to_started_on_the_web(web: Web) -> None:
    await web.sign_in(web.world.leader)
    home = await (await web.client.get("/")).text()
    assert '<a href="/kvp">' in home
    number = await new_application(web)
    listing = text_of(await (await web.client.get("/kvp")).text())
    # Received 2 March, today 7 April: 36 days without a decision, due three weeks on.
    assert "Nora Berg 2. mars 2026 Søknad mottatt 36 Over tre uker 23. mars 2026 Lise Kontakt" in (
        listing
    )
    page = text_of(await (await web.client.get(f"/kvp/{number}")).text())
    assert "Arbeidsevnevurdering gjort" in page  # the form for the next step

    for path, form in (
        ("aev", {"aev_on": "2026-03-10"}),
        ("decision", {"decided_on": "2026-03-20", "outcome": "approved"}),
        ("period", {"starts_on": "2026-04-01", "ends_on": "2027-03-31"}),
    ):
        done = await web.post(f"/kvp/{number}/{path}", form, allow_redirects=False)
        assert done.status == 303, (path, await done.text())
    page = text_of(await (await web.client.get(f"/kvp/{number}")).text())
    assert "Programmet må starte senest 20. sep. 2026." in page
    started = await web.post(
        f"/kvp/{number}/start",
        [("started_on", "2026-04-06"), *[("weekdays", str(d)) for d in range(1, 6)],
         ("start", "09:00"), ("end", "15:00"), ("contact", "S1"), ("code", "")],
        allow_redirects=False,
    )  # fmt: skip
    assert started.status == 303, await started.text()
    assert started.headers["Location"] == f"/participants/KVP-{number}?saved=1"
    page = await (await web.client.get(f"/kvp/{number}")).text()
    assert f'<a href="/participants/KVP-{number}">' in page
    assert "Ny vedtaksperiode" in page and "Start programmet" not in page  # a renewal next
    participant = await Participant.get(code=f"KVP-{number}")
    assert (participant.name, participant.programme, participant.kvp_started_on) == (
        "Nora Berg", Programme.KVP, D("2026-04-06"),
    )  # fmt: skip
    actions = await AuditEvent.filter(subject=f"kvp:{number}").values_list("actor", "action")
    assert actions == [
        ("staff:S2", "kvp.create"), ("staff:S2", "kvp.aev"), ("staff:S2", "kvp.decision"),
        ("staff:S2", "kvp.period"), ("staff:S2", "kvp.start"),
    ]  # fmt: skip
    log = text_of(await (await web.client.get("/audit")).text())
    assert "Startet kvalifiseringsprogrammet" in log and "Nora Berg (KVP)" in log


async def test_a_step_out_of_order_is_refused_in_words(web: Web) -> None:
    await web.sign_in(web.world.leader)
    number = await new_application(web)
    early = await web.post(
        f"/kvp/{number}/decision", {"decided_on": "2026-03-20", "outcome": "approved"}
    )
    assert early.status == 400
    assert "Arbeidsevnevurderingen må være gjort før vedtaket" in text_of(await early.text())
    await web.post(f"/kvp/{number}/aev", {"aev_on": "2026-03-10"})
    await web.post(f"/kvp/{number}/decision", {"decided_on": "2026-03-20", "outcome": "approved"})
    long = await web.post(
        f"/kvp/{number}/period", {"starts_on": "2026-04-01", "ends_on": "2027-04-30"}
    )
    assert long.status == 400
    assert (
        "KVP innvilges for høyst ett år om gangen: en periode fra 2026-04-01 kan vare til "
        "2027-03-31"
    ) in text_of(await long.text())
    stored = await KvpApplication.get(id=number)
    assert (stored.aev_on, stored.decided_on, stored.approved) == (
        D("2026-03-10"), D("2026-03-20"), True,
    )  # fmt: skip


async def test_a_refusal_needs_its_reason(web: Web) -> None:
    await web.sign_in(web.world.leader)
    number = await new_application(web)
    await web.post(f"/kvp/{number}/aev", {"aev_on": "2026-03-10"})
    bare = await web.post(
        f"/kvp/{number}/decision", {"decided_on": "2026-03-20", "outcome": "refused"}
    )
    assert bare.status == 400 and "Skriv grunnen til avslaget" in text_of(await bare.text())
    done = await web.post(
        f"/kvp/{number}/decision",
        {"decided_on": "2026-03-20", "outcome": "refused", "reason": "Har rett til AAP"},
        allow_redirects=False,
    )
    assert done.status == 303
    page = text_of(await (await web.client.get(f"/kvp/{number}")).text())
    assert "Avslått" in page and "Har rett til AAP" in page
    assert "Start programmet" not in page


async def test_a_contact_person_sees_and_registers_only_what_they_follow(web: Web) -> None:
    await web.sign_in(web.world.leader)
    others = await new_application(web, "Per Annen", "S2")
    await web.sign_in(web.world.contact)
    mine = await new_application(web, "Nora Berg", "S2")  # a contact person follows their own
    assert (await KvpApplication.get(id=mine)).counsellor_id == web.world.contact.id
    listing = text_of(await (await web.client.get("/kvp")).text())
    assert "Nora Berg" in listing and "Per Annen" not in listing
    assert (await web.client.get(f"/kvp/{others}")).status == 404
    refused = await web.post(f"/kvp/{others}/aev", {"aev_on": "2026-03-10"})
    assert refused.status == 404
    assert (await KvpApplication.get(id=others)).aev_on is None
    assert (await web.client.get(f"/api/kvp/{others}")).status == 404
    api = await (await web.client.get("/api/kvp")).json()
    assert [a["name"] for a in api] == ["Nora Berg"]


async def test_the_api_registers_and_shows_an_application(web: Web) -> None:
    await web.sign_in(web.coordinator)
    made = await web.client.post(
        "/api/kvp",
        json={"name": "Nora Berg", "birth_date": "1995-05-06", "received_on": "2026-03-02"},
        headers={"X-CSRF-Token": web.csrf},
    )
    assert made.status == 201
    body = await made.json()
    assert {k: body[k] for k in ("step", "days_waiting", "deadline", "counsellor")} == {
        "step": "received", "days_waiting": 36, "deadline": "2026-03-23", "counsellor": None,
    }  # fmt: skip
    bad = await web.client.post(
        "/api/kvp",
        json={"name": "Nora Berg", "birth_date": "1995-05-06", "received_on": "2026-05-02"},
        headers={"X-CSRF-Token": web.csrf},
    )
    assert bad.status == 400
    assert (await bad.json()) == {"error": "Datoen kan ikke være fram i tid: 2026-05-02"}


async def test_the_deadlines_page_names_the_application_to_those_who_follow_it(web: Web) -> None:
    await web.sign_in(web.world.leader)
    response = await web.post(
        "/kvp",
        {"name": "Per Annen", "birth_date": "1990-02-03", "received_on": "2026-03-30",
         "counsellor": "S2"},
        allow_redirects=False,
    )  # fmt: skip
    number = int(response.headers["Location"].split("/")[2].split("?")[0])
    # Received Monday 30 March: a decision is expected three weeks on, Monday 20 April.
    page = await (await web.client.get("/deadlines")).text()
    assert (
        f'KVP-søknaden venter på vedtak</strong>: <a href="/kvp/{number}"><bdi>Per Annen</bdi></a>'
        in page
    )
    await web.sign_in(web.world.contact)  # follows another application, not this one
    assert "Per Annen" not in await (await web.client.get("/deadlines")).text()


async def test_the_pages_speak_the_staff_members_language(web: Web) -> None:
    await web.sign_in(web.world.leader)
    number = await new_application(web)
    await web.client.get("/language?lang=en&next=/kvp")
    listing = text_of(await (await web.client.get("/kvp")).text())
    assert "KVP applications" in listing and "Application received" in listing
    refused = await web.post(
        f"/kvp/{number}/decision", {"decided_on": "2026-03-20", "outcome": "approved"}
    )
    assert "The work ability assessment must be done before the decision" in text_of(
        await refused.text()
    )


async def test_only_a_leader_or_coordinator_starts_the_programme(web: Web) -> None:
    """The start registers a participant (as a candidate's start does): a contact person
    who follows the application may record its steps, not start it."""
    await web.sign_in(web.world.contact)
    number = await new_application(web, "Nora Berg", "S1")
    for path, form in (
        ("aev", {"aev_on": "2026-03-10"}),
        ("decision", {"decided_on": "2026-03-20", "outcome": "approved"}),
        ("period", {"starts_on": "2026-04-01", "ends_on": "2027-03-31"}),
    ):
        done = await web.post(f"/kvp/{number}/{path}", form, allow_redirects=False)
        assert done.status == 303, (path, await done.text())
    page = text_of(await (await web.client.get(f"/kvp/{number}")).text())
    assert (
        "Programmet må starte senest 20. sep. 2026. En enhetsleder eller koordinator starter "
        "det, fordi starten registrerer en deltaker." in page
    )
    assert "Startdato" not in page  # no start form
    start = [("started_on", "2026-04-06"), *[("weekdays", str(d)) for d in range(1, 6)],
             ("start", "09:00"), ("end", "15:00"), ("contact", "S1"), ("code", "")]  # fmt: skip
    refused = await web.post(f"/kvp/{number}/start", start, allow_redirects=False)
    assert refused.status == 403
    assert (await KvpApplication.get(id=number)).started_on is None
    assert not await Participant.exists(code=f"KVP-{number}")

    await web.sign_in(web.world.leader)
    assert "Startdato" in await (await web.client.get(f"/kvp/{number}")).text()
    started = await web.post(f"/kvp/{number}/start", start, allow_redirects=False)
    assert started.status == 303, await started.text()
    assert await Participant.exists(code=f"KVP-{number}")


async def test_a_leader_gives_the_application_to_another_counsellor(web: Web) -> None:
    await web.sign_in(web.world.leader)
    number = await new_application(web, "Nora Berg", "S1")
    page = await (await web.client.get(f"/kvp/{number}")).text()
    assert 'action="/kvp/' in page and "Bytt KVP-veileder" in page
    done = await web.post(f"/kvp/{number}/counsellor", {"counsellor": "S2"}, allow_redirects=False)
    assert done.status == 303
    page = text_of(await (await web.client.get(f"/kvp/{number}")).text())
    assert f"KVP-veileder {web.world.leader.name}" in page
    refused = await web.post(f"/kvp/{number}/counsellor", {"counsellor": "S99"})
    assert refused.status == 400
    assert "Ingen ansatt har id-en S99" in text_of(await refused.text())
    log = text_of(await (await web.client.get("/audit")).text())
    assert "Ga en KVP-søknad en annen KVP-veileder" in log


async def test_a_contact_person_cannot_hand_away_what_they_follow(web: Web) -> None:
    await web.sign_in(web.world.contact)
    number = await new_application(web, "Nora Berg", "S1")
    page = await (await web.client.get(f"/kvp/{number}")).text()
    assert "Bytt KVP-veileder" not in page
    refused = await web.post(f"/kvp/{number}/counsellor", {"counsellor": "S2"})
    assert refused.status == 403
    assert (await KvpApplication.get(id=number)).counsellor_id == web.world.contact.id
