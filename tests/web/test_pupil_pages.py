"""The pupil register on the web: the coordinator registers and changes pupils, filters the
list by school and class year, makes a participant or a candidate of one who finishes
school, and gets the status meeting's overview as a page and a PDF with names only where
the guardian's consent allows them. A leader sees it all and changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from backend.calendar import meetings
from backend.models import AuditEvent, Candidate, MeetingKind, Participant, Pupil
from tests.nav_lists.test_lists import pdf_text
from tests.support.reminder_world import FULL_AOK_FACTS
from tests.web.conftest import Web

THOR = "Thor Heyerdahl vgs"
ADA = {
    "name": "Ada Elev", "birth_date": "2008-09-20", "school": THOR, "class_year": "vg3",
    "consent_given_on": "2026-03-01", "share_name": "on", "note": "Trives i  små grupper.",
}  # fmt: skip


async def register(web: Web, form: dict[str, str], needs: tuple[str, ...] = ()) -> Pupil:
    response = await web.post("/pupils", [*form.items(), *(("needs", n) for n in needs)])
    assert response.status == 200, await response.text()
    assert "Lagret." in await response.text()  # followed to the pupil's page
    return await Pupil.get(name=form["name"])


async def test_the_coordinator_registers_a_pupil_and_sees_them_listed(web: Web) -> None:
    await web.sign_in(web.coordinator)
    form = await (await web.client.get("/pupils/new")).text()
    assert "Skriv ingen diagnose og ingen helseopplysninger." in form
    assert (
        "Tomt: slutten av Vg3 (20. juni 2028 for Vg1, 20. juni 2027 for Vg2, 20. juni 2026 for Vg3)."
        in form
    )
    pupil = await register(web, ADA, ("aok", "vta"))
    assert (pupil.expected_end, pupil.needs, pupil.note) == (
        date(2026, 6, 20),  # Vg3 in April: this June
        ["aok", "vta"],
        "Trives i små grupper.",
    )
    page = await (await web.client.get(f"/pupils/{pupil.id}")).text()
    assert "NAV involveres fra" in page and "20. mars 2026" in page
    # 18 on 20 September 2026: on 7 April 2026 the half-year mark (20 March) has passed.
    assert "NAV bør involveres nå" in page
    listing = await (await web.client.get("/pupils")).text()
    assert "Ada Elev" in listing and "AoK – arbeid og aktivitet på dagtid, VTA" in listing
    assert "Navnet kan deles" in listing


async def test_a_refused_form_is_shown_again_with_what_was_typed(web: Web) -> None:
    await web.sign_in(web.coordinator)
    typed = {**ADA, "consent_given_on": "", "expected_end": "2035-01-01"}
    response = await web.post("/pupils", list(typed.items()))
    text = await response.text()
    assert response.status == 400
    assert "Forventet slutt er for sent for en elev på Vg3: senest 2028-12-31" in text
    assert 'value="Ada Elev"' in text
    assert await Pupil.all().count() == 0


async def test_the_list_filters_by_school_and_class_year(web: Web) -> None:
    await web.sign_in(web.coordinator)
    await register(web, ADA)
    await register(
        web,
        {
            "name": "Bo Elev",
            "birth_date": "2010-05-02",
            "school": "Allskog vgs",
            "class_year": "vg1",
        },
    )
    by_school = await (await web.client.get("/pupils", params={"school": "Allskog vgs"})).text()
    assert "Bo Elev" in by_school and "Ada Elev" not in by_school
    by_year = await (await web.client.get("/pupils", params={"year": "vg3"})).text()
    assert "Ada Elev" in by_year and "Bo Elev" not in by_year
    assert "1 elev" in by_year


async def test_a_change_and_an_end_are_saved_and_audited(web: Web) -> None:
    await web.sign_in(web.coordinator)
    pupil = await register(web, ADA)
    changed = await web.post(
        f"/pupils/{pupil.id}", [*{**ADA, "school": "Allskog vgs"}.items(), ("needs", "vta")]
    )
    assert changed.status == 200
    assert (await Pupil.get(id=pupil.id)).school == "Allskog vgs"
    event = await AuditEvent.get(action="pupil.change")
    assert event.detail == {"fields": ["needs", "school"]}
    ended = await web.post(f"/pupils/{pupil.id}/end", {"ended_on": ""})
    assert ended.status == 200
    assert (await Pupil.get(id=pupil.id)).ended_on == date(2026, 4, 7)
    log = await (await web.client.get("/audit")).text()
    assert "Avsluttet en elev i registeret" in log and "Ada Elev" in log


async def test_a_leader_sees_the_register_and_changes_nothing(web: Web) -> None:
    await web.sign_in(web.coordinator)
    pupil = await register(web, ADA)
    await web.sign_in(web.world.leader)
    page = await (await web.client.get(f"/pupils/{pupil.id}")).text()
    assert "Ada Elev" in page and 'name="school"' not in page
    assert "Registrer eleven som deltaker" not in page
    assert (await web.post(f"/pupils/{pupil.id}", ADA)).status == 403
    await web.sign_in(web.world.contact)
    assert (await web.client.get("/pupils", allow_redirects=False)).status == 403
    home = await (await web.client.get("/")).text()
    assert 'href="/pupils"' not in home


async def test_a_pupil_who_finishes_school_becomes_a_participant(web: Web) -> None:
    await web.sign_in(web.coordinator)
    pupil = await register(web, {**ADA, "birth_date": "2007-09-20"})
    form = await (await web.client.get(f"/pupils/{pupil.id}/participant")).text()
    assert "Ada Elev" in form and 'name="name"' not in form and 'name="birth_date"' not in form
    decision = [
        ("code", "P9"), ("programme", "aok"), ("weekdays", "1"), ("weekdays", "3"),
        ("start", "09:00"), ("end", "14:00"), ("contact", "S1"),
        *((f"c-{key}", "yes") for key in FULL_AOK_FACTS),
    ]  # fmt: skip
    made = await web.post(f"/pupils/{pupil.id}/participant", decision, allow_redirects=False)
    assert made.status == 303 and made.headers["Location"] == "/participants/P9?saved=1"
    participant = await Participant.get(code="P9")
    assert (participant.name, participant.birth_date) == ("Ada Elev", date(2007, 9, 20))
    entry = await Pupil.get(id=pupil.id)
    assert (entry.participant_id, entry.ended_on) == (participant.id, date(2026, 4, 7))
    page = await (await web.client.get(f"/pupils/{pupil.id}")).text()
    assert 'href="/participants/P9"' in page and "Registrer eleven som kandidat" not in page


async def test_a_refused_decision_shows_the_form_again(web: Web) -> None:
    await web.sign_in(web.coordinator)
    pupil = await register(web, ADA)
    bad = [("code", "P9"), ("programme", "aok"), ("start", "09:00"), ("end", "14:00")]
    response = await web.post(f"/pupils/{pupil.id}/participant", bad)
    assert response.status == 400 and "Oppgi minst én ukedag" in await response.text()
    assert (await Pupil.get(id=pupil.id)).participant_id is None


async def test_a_pupil_becomes_a_candidate(web: Web) -> None:
    await web.sign_in(web.coordinator)
    pupil = await register(web, ADA)
    made = await web.post(
        f"/pupils/{pupil.id}/candidate", {"code": "K7", "stage": "mapping", "follower": "S1"}
    )
    assert made.status == 200
    candidate = await Candidate.get(code="K7")
    assert (candidate.name, candidate.referred_by, candidate.stage) == (
        "Ada Elev",
        "school",
        "mapping",
    )
    assert "Ble kandidat" in await made.text()
    refused = await web.post(f"/pupils/{pupil.id}/candidate", {"code": "K8", "stage": "vta"})
    assert refused.status == 400


async def test_the_status_meeting_overview_names_only_with_consent(
    web: Web, tmp_path: Path
) -> None:
    await web.sign_in(web.coordinator)
    await register(web, ADA, ("aok",))
    # 18 on 1 December 2026, no consent to the name.
    await register(
        web,
        {"name": "Bo Elev", "birth_date": "2008-12-01", "school": THOR, "class_year": "vg3"},
        ("vta",),
    )
    await meetings.set_meeting(
        web.world.unit, MeetingKind.STATUS, date(2026, 9, 15), note=None, actor="test",
        today=date(2026, 4, 7),
    )  # fmt: skip
    deadlines = await (await web.client.get("/deadlines")).text()
    assert 'href="/pupils/overview?at=2026-09-15"' in deadlines
    page = await (await web.client.get("/pupils/overview")).text()  # the meeting set
    assert "Statusmøte om skoleelever 15. september 2026" in page
    assert "Ada Elev, Vg3, Thor Heyerdahl vgs – fyller 18 år 20. september 2026" in page
    assert "<li>Elev, Vg3, Thor Heyerdahl vgs</li>" in page and "Bo Elev" not in page
    pdf = await web.client.get("/pupils/overview.pdf", params={"at": "2026-09-15"})
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    text = pdf_text(await pdf.read(), tmp_path)
    for expected in (
        "Statusmøte om skoleelever 15. september 2026",
        "Elever i registeret: 2",
        "AoK – arbeid og aktivitet på dagtid",
        "Ada Elev, Vg3, Thor Heyerdahl vgs – fyller 18 år 20. september 2026",
        "• Elev, Vg3, Thor Heyerdahl vgs",
    ):
        assert expected in text, expected
    assert "Bo Elev" not in text
    event = await AuditEvent.get(action="pupil.overview")
    assert event.detail == {"day": "2026-09-15", "format": "pdf"}
    bad = await web.client.get("/pupils/overview", params={"at": "2026-13-01"})
    assert bad.status == 400 and "Ikke en dato" in await bad.text()


async def test_the_deadlines_link_a_pupil_for_those_who_see_the_register(web: Web) -> None:
    await web.sign_in(web.coordinator)
    # 18 on 20 September 2026: the NAV reminder is due on the mark, 20 March 2026, passed on
    # 7 April; registered today, the reminder comes on the next working day, 8 April.
    pupil = await register(web, ADA)
    page = await (await web.client.get("/deadlines")).text()
    assert f'<a href="/pupils/{pupil.id}"><bdi>Ada Elev</bdi></a>' in page
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/deadlines")).text()
    assert "Fyller 18: involver NAV</strong>: en elev i registeret" in page
    assert "Ada Elev" not in page
