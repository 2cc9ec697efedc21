"""The intake with NAV on the web: the steps' form, evaluations on the participant's page,
the final report as a PDF, and the NAV cooperation meeting's minutes sent to both leaders."""

from __future__ import annotations

import re
from datetime import date

from backend.calendar import meetings
from backend.intake import intake as intakes
from backend.models import (
    AuditEvent,
    Evaluation,
    FinalReport,
    LinkRole,
    Meeting,
    MeetingKind,
    MeetingMinutes,
    OutboxMessage,
    Participant,
    Staff,
    StaffRole,
    Unit,
)
from backend.people import registry as people
from tests.intake.test_intake import form as intake_form
from tests.support.world import link
from tests.web.conftest import Web

INTAKE = [
    ("who", "new"), ("code", "P7"), ("name", "Sara Lund"), ("birth_date", "1995-06-01"),
    ("referred_on", "2026-03-02"), ("counsellor", "Nina Veileder"), ("contact", "S1"),
    ("conversation_on", "2026-03-10"), ("with_nav", "on"), ("programme", "work-training"),
    ("agreement_start", "2026-03-16"), ("agreement_end", "2026-09-15"), ("weekdays", "1"),
    ("weekdays", "3"), ("weekdays", "5"), ("start", "09:00"), ("end", "15:00"),
    ("purpose", "Prøve ut arbeid i kantina"), ("first_list", "2026-03-30"),
    ("first_evaluation", "2026-05-11"),
]  # fmt: skip


def changed(pairs: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, value if k == name else v) for k, v in pairs]


async def test_a_leader_records_an_intake_and_the_participant_page_shows_it(web: Web) -> None:
    web.clock.set(2026, 3, 10, 14, 0)
    await web.sign_in(web.world.leader)
    page = await web.client.get("/intake")
    assert page.status == 200
    text = await page.text()
    assert "1. Deltakeren" in text and "6. Se over og lagre" in text
    done = await web.post("/intake", INTAKE, allow_redirects=False)
    assert done.status == 303
    assert done.headers["Location"] == "/participants/P7?saved=1#intake"
    shown = await (await web.client.get("/participants/P7")).text()
    for words in ("Nina Veileder", "med NAV", "30. mars 2026", "11. mai 2026", "Arbeidstrening"):
        assert words in shown, words
    sara = await Participant.get(code="P7")
    assert (sara.list_start, sara.next_evaluation) == (date(2026, 3, 30), date(2026, 5, 11))


async def test_an_existing_participant_is_chosen_from_their_page(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P2")).text()
    assert 'href="/intake?participant=P2"' in page
    form = await (await web.client.get("/intake?participant=P2")).text()
    assert re.search(r'<option value="P2" [^>]* selected>', form)
    assert 'value="existing" checked' in form
    # Ola's days and hours are filled in from his decision: Monday, Wednesday, Friday 9–13.
    assert form.count('name="weekdays" value="1" checked') == 1
    assert 'name="weekdays" value="2" checked' not in form
    assert 'name="end" type="time" value="13:00"' in form


async def test_a_refused_intake_keeps_every_step_and_says_why(web: Web) -> None:
    web.clock.set(2026, 3, 10, 14, 0)
    await web.sign_in(web.world.leader)
    wrong = changed(INTAKE, "first_evaluation", "2026-10-01")
    response = await web.post("/intake", wrong)
    assert response.status == 400
    text = await response.text()
    assert (
        "Første evaluering (2026-10-01) må være innenfor avtaleperioden 2026-03-16–2026-09-15"
        in text
    )
    for kept in ('value="Sara Lund"', 'value="Nina Veileder"', "Prøve ut arbeid i kantina"):
        assert kept in text, kept
    assert 'data-start="last"' in text
    assert not await Participant.exists(code="P7")


async def test_a_contact_person_may_not_record_an_intake(web: Web) -> None:
    await web.sign_in(web.world.contact)
    assert (await web.client.get("/intake")).status == 403
    assert (await web.post("/intake", INTAKE)).status == 403
    assert not await Participant.exists(code="P7")


async def test_the_contact_person_records_an_evaluation_of_their_own_participant(
    web: Web,
) -> None:
    web.clock.set(2026, 5, 11, 12, 0)
    await web.sign_in(web.world.contact)
    response = await web.post(
        "/participants/P1/evaluations",
        {
            "held_on": "2026-05-11",
            "outcome": "adjust",
            "next_evaluation": "2026-08-10",
            "note": "Færre timer",
        },
        allow_redirects=False,
    )
    assert response.status == 303
    kari = await Participant.get(code="P1")
    assert kari.next_evaluation == date(2026, 8, 10)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Avtalen justeres" in page and "Færre timer" in page
    refused = await web.post(
        "/participants/P1/evaluations", {"held_on": "2026-05-11", "outcome": "continue"}
    )
    assert refused.status == 400
    assert "Sett datoen for neste evaluering" in await refused.text()
    assert await Evaluation.all().count() == 1


async def test_another_contact_person_may_not_evaluate_someone_elses_participant(
    web: Web,
) -> None:
    other = await people.add_staff("AOK", "S4", "Anne Annen", StaffRole.CONTACT, actor="test")
    await web.sign_in(other)
    page = await (await web.client.get("/participants/P1")).text()
    assert "Registrer en evalueringssamtale" not in page
    response = await web.post(
        "/participants/P1/evaluations",
        {"held_on": "2026-04-07", "outcome": "end"},
    )
    assert response.status == 403
    assert await Evaluation.all().count() == 0


async def test_the_final_report_is_written_stored_and_downloaded_as_a_pdf(web: Web) -> None:
    web.clock.set(2026, 3, 10, 14, 0)
    await intakes.record_intake(
        intake_form(participant_code="P1", new_person=None),
        actor="test",
        now=web.clock(),
    )
    web.clock.set(2026, 9, 16, 10, 0)
    await web.sign_in(web.world.contact)
    page = await web.client.get("/participants/P1/final-report")
    text = await page.text()
    assert page.status == 200
    assert "Oppmøte 16. mars 2026–15. sep. 2026" in text
    missing = await web.post("/participants/P1/final-report", {"goals": "Mål"})
    assert missing.status == 400
    assert "Fyll ut «Hva har fungert»" in await missing.text()
    done = await web.post(
        "/participants/P1/final-report",
        {
            "goals": "Komme i rutine",
            "what_worked": "Oppmøtet",
            "work_ability": "God",
            "recommendation": "further_training",
            "recommendation_note": "Seks måneder til",
        },
        allow_redirects=False,
    )
    assert done.status == 303
    report = await FinalReport.get(participant__code="P1")
    assert (report.period_start, report.period_end) == (date(2026, 3, 16), date(2026, 9, 15))
    # 79 Mondays, Wednesdays and Fridays, less Good Friday, Easter Monday, 1 May, Whit
    # Monday and the nine such days of fellesferie (weeks 28-30); none marked yet.
    assert (report.planned_days, report.present_days, report.absent_days) == (66, 0, 0)
    pdf = await web.client.get("/participants/P1/final-report.pdf")
    assert pdf.status == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "sluttrapport-P1-2026-09-15.pdf" in pdf.headers["Content-Disposition"]
    assert (await pdf.read()).startswith(b"%PDF")
    assert await AuditEvent.filter(action="final_report.download").count() == 1


async def test_the_nav_meetings_minutes_go_to_both_leaders_and_set_the_next_meeting(
    web: Web,
) -> None:
    web.clock.set(2026, 4, 22, 15, 0)
    unit = await Unit.get(code="AOK")
    unit.nav_leader_email = "leder@nav.example.no"
    await unit.save()
    await Staff.filter(code="S3").update(email="kim@kommune.example.no")
    await people.add_staff("AOK", "S5", "Liv Leder", StaffRole.LEADER, actor="test")
    await link("S2", LinkRole.STAFF, 3002, "Per")
    meeting = await meetings.set_meeting(
        unit, MeetingKind.NAV, date(2026, 4, 22), note=None, actor="test", today=date(2026, 4, 20)
    )
    await web.sign_in(web.coordinator)
    deadlines = await (await web.client.get("/deadlines")).text()
    assert f'href="/deadlines/meetings/{meeting.id}/minutes"' in deadlines
    form = {"present": "Fagansvarlig NAV, avdelingsleder", "text": "Kapasitet: to ledige plasser.",
            "next_meeting": "2026-10-21"}  # fmt: skip
    response = await web.post(f"/deadlines/meetings/{meeting.id}/minutes", form)
    text = await response.text()
    assert response.status == 200, text
    assert "Sendt til: Per Leder." in text
    assert "Sendt til NAVs leder: leder@nav.example.no." in text
    assert "Nådde ikke (ingen Telegram eller e-post): Liv Leder." in text
    assert await Meeting.exists(unit_id=unit.id, kind=MeetingKind.NAV, day=date(2026, 10, 21))
    rows = {(r.template, r.chat_id, r.email) for r in await OutboxMessage.all()}
    assert rows == {
        ("nav_minutes", 3002, None),
        ("nav_minutes_mail", None, "leder@nav.example.no"),
    }
    mail = await OutboxMessage.get(email="leder@nav.example.no")
    attachment = mail.params["attachments"][0]
    assert attachment["filename"] == "referat-samarbeidsmote-NAV-2026-04-22.pdf"
    assert attachment["mime"] == "application/pdf"
    # The same minutes again: stored once, nothing sent twice.
    again = await web.post(f"/deadlines/meetings/{meeting.id}/minutes", form)
    assert "Ingenting er endret." in await again.text()
    assert await OutboxMessage.all().count() == 2
    assert await MeetingMinutes.all().count() == 1
    pdf = await web.client.get(f"/deadlines/meetings/{meeting.id}/minutes.pdf")
    assert (await pdf.read()).startswith(b"%PDF")


async def test_minutes_wait_for_the_meeting_and_the_next_meeting_follows_the_rule(
    web: Web,
) -> None:
    web.clock.set(2026, 4, 22, 15, 0)
    unit = await Unit.get(code="AOK")
    later = await meetings.set_meeting(
        unit, MeetingKind.NAV, date(2026, 4, 28), note=None, actor="test", today=date(2026, 4, 20)
    )
    held = await meetings.set_meeting(
        unit, MeetingKind.NAV, date(2026, 4, 21), note=None, actor="test", today=date(2026, 4, 20)
    )
    await web.sign_in(web.world.leader)
    early = await web.post(
        f"/deadlines/meetings/{later.id}/minutes", {"present": "Alle", "text": "Referat"}
    )
    assert early.status == 400
    assert "Referatet skrives når møtet er holdt: 2026-04-28" in await early.text()
    wrong = await web.post(
        f"/deadlines/meetings/{held.id}/minutes",
        {"present": "Alle", "text": "Referat", "next_meeting": "2026-11-20"},
    )
    assert wrong.status == 400
    assert "andre halvdel av april eller oktober" in await wrong.text()
    assert await MeetingMinutes.all().count() == 0
    assert await OutboxMessage.all().count() == 0


async def test_the_api_records_an_intake_and_evaluations(web: Web) -> None:
    web.clock.set(2026, 5, 11, 12, 0)
    await web.sign_in(web.world.leader)
    headers = {"X-CSRF-Token": web.csrf}
    body = {
        "participant": "P7",
        "new_participant": {"name": "Sara Lund", "birth_date": "1995-06-01"},
        "referred_on": "2026-03-02",
        "counsellor": "Nina Veileder",
        "contact": "S1",
        "conversation_on": "2026-03-10",
        "with_nav": True,
        "programme": "activity-place",
        "agreement_start": "2026-03-16",
        "agreement_end": "2026-09-15",
        "weekdays": "1,3,5",
        "hours": "09:00-15:00",
        "purpose": "Aktivitet",
        "first_list": "2026-03-30",
        "first_evaluation": "2026-05-11",
    }
    made = await web.client.post("/api/intakes", json=body, headers=headers)
    assert made.status == 201, await made.text()
    answer = await made.json()
    assert (answer["participant"], answer["programme"], answer["weekdays"], answer["hours"]) == (
        "P7",
        "activity-place",
        [1, 3, 5],
        "09:00-15:00",
    )
    again = await web.client.post("/api/intakes", json=body, headers=headers)
    assert again.status == 400
    assert (await again.json())["error"] == "Det finnes allerede en deltaker med id-en P7"
    listed = await (await web.client.get("/api/participants/P7/intakes")).json()
    assert [i["first_evaluation"] for i in listed] == ["2026-05-11"]

    evaluation = {"held_on": "2026-05-11", "outcome": "continue", "next_evaluation": "2026-08-10"}
    recorded = await web.client.post(
        "/api/participants/P7/evaluations", json=evaluation, headers=headers
    )
    assert recorded.status == 201
    assert (await recorded.json())["next_evaluation"] == "2026-08-10"
    history = await (await web.client.get("/api/participants/P7/evaluations")).json()
    assert [(e["held_on"], e["outcome"]) for e in history] == [("2026-05-11", "continue")]
    assert (await Participant.get(code="P7")).next_evaluation == date(2026, 8, 10)

    other = await people.add_staff("AOK", "S4", "Anne Annen", StaffRole.CONTACT, actor="test")
    await web.sign_in(other)
    refused = await web.client.post(
        "/api/participants/P7/evaluations", json=evaluation, headers={"X-CSRF-Token": web.csrf}
    )
    assert refused.status == 403
    assert await Evaluation.all().count() == 1


async def test_navs_leaders_address_is_a_unit_setting(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/unit")).text()
    assert "NAVs leder (e-post)" in page
    form = {"name": "Arbeid og kvalifisering", "roster_time": "08:30",
            "evaluation_every_months": "6", "nav_leader_email": "leder@nav.example.no"}  # fmt: skip
    saved = await web.post("/unit/settings", form)
    assert saved.status == 200
    assert (await Unit.get(code="AOK")).nav_leader_email == "leder@nav.example.no"
    wrong = await web.post("/unit/settings", {**form, "nav_leader_email": "leder.nav"})
    assert wrong.status == 400
    assert "Ikke en e-postadresse: leder.nav" in await wrong.text()
    assert (await Unit.get(code="AOK")).nav_leader_email == "leder@nav.example.no"
    assert (await (await web.client.get("/api/unit")).json())["nav_leader_email"] == (
        "leder@nav.example.no"
    )
