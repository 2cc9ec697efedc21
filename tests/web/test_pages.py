"""The pages over real HTTP: each shows what it should and changes only through services."""

from __future__ import annotations

import re

import pytest

from backend.access.permissions import Role
from backend.links.invites import hash_code
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    Closure,
    Invite,
    LinkRole,
    Participant,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from tests.support.world import link
from tests.web.conftest import Web
from tests.web.test_access import COLUMN_OF, EXPECTED, OK, PAGE_ROLES

# The staff pages without a parameter, with each role's answer from the access table.
PAGES = [
    (path, answers)
    for (method, path), answers in EXPECTED.items()
    if method == "GET" and "{" not in path and not path.startswith("/api/") and answers[4] != OK
]
NEEDS_INPUT = {"/reports/payroll.visma", "/reports/attendance-list/download"}


@pytest.mark.parametrize("role", list(Role))
async def test_every_page_a_role_may_see_renders(web: Web, role: Role) -> None:
    await web.sign_in(await Staff.get(code=PAGE_ROLES[role]))
    seen = 0
    for path, answers in PAGES:
        if answers[COLUMN_OF[role]] != OK:
            continue
        response = await web.client.get(path)
        body = await response.read()
        if response.content_type == "application/pdf":
            assert response.status == 200 and body.startswith(b"%PDF"), path
            seen += 1
            continue
        text = body.decode()
        if path in NEEDS_INPUT:  # refused with a clear message until the form is filled in
            assert response.status == 400 and text, path
            continue
        assert response.status == 200, f"{path}: {response.status} {text[:300]}"
        if response.content_type == "text/html":
            assert '<html lang="nb" dir="ltr">' in text and "<h1>" in text, path
        seen += 1
    assert seen >= 8


async def test_home_counts_and_navigation_follow_the_role(web: Web) -> None:
    await web.sign_in(web.world.contact)
    text = await (await web.client.get("/")).text()
    assert "Hei, <bdi>Lise Kontakt</bdi>!" in text
    assert 'href="/audit"' not in text and 'href="/attendance"' in text
    await web.sign_in(web.coordinator)
    text = await (await web.client.get("/")).text()
    assert 'href="/audit"' in text


async def test_unit_settings_are_saved_and_audited(web: Web) -> None:
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/unit")).text()
    assert "Kontakter og rutiner" in page and "Langfredag" in page  # closed days of 2026
    settings = {
        "name": "AoK Larvik",
        "phone": "33 00 00 01",
        "nav_email": "nav@example.no",
        "transport_email": "",
        "places": "20",
        "roster_time": "08:15",
        "evaluation_every_months": "6",
        "tell_participant": "on",
    }
    response = await web.post("/unit/settings", settings)
    assert response.status == 200 and "Lagret." in await response.text()
    unit = await Unit.get(code="AOK")
    assert (unit.name, unit.places, unit.roster_time, unit.nav_email) == (
        "AoK Larvik",
        20,
        "08:15",
        "nav@example.no",
    )
    event = await AuditEvent.filter(action="unit.settings").first()
    assert event is not None and event.detail["new"]["places"] == 20
    bad = await web.post(
        "/unit/settings",
        {
            "name": "X",
            "nav_email": "not-an-address",
            "roster_time": "08:15",
            "evaluation_every_months": "6",
        },
    )
    assert bad.status == 400 and "Ikke en e-postadresse" in await bad.text()


async def test_closures_hours_and_rates_go_through_the_calendar_service(web: Web) -> None:
    await web.sign_in(web.world.leader)
    added = await web.post("/unit/closures", {"day": "2026-05-20", "reason": "Personaldag"})
    assert added.status == 200
    assert await Closure.exists(day="2026-05-20", reason="Personaldag")
    hours = {f"open{d}": "08:00-15:30" for d in range(1, 6)} | {"open5": "08:00-14:00"}
    assert (await web.post("/unit/hours", hours)).status == 200
    assert (await Unit.get(code="AOK")).opening_hours["5"] == ["08:00", "14:00"]
    # A week with no open day is refused whole: nothing of it is stored, every page still works.
    closed = await web.post("/unit/hours", {f"open{d}": "" for d in range(1, 8)})
    assert closed.status == 400 and "minst én dag i uka" in await closed.text()
    assert (await Unit.get(code="AOK")).opening_hours["1"] == ["08:00", "15:30"]
    assert (await web.client.get("/deadlines")).status == 200
    rate = await web.post("/unit/rates", {"valid_from": "2026-07-01", "nok": "17,50"})
    assert rate.status == 200 and "17,50" in await rate.text()
    wrong = await web.post("/unit/rates", {"valid_from": "2026-07-01", "nok": "sytten"})
    assert wrong.status == 400
    removed = await web.post("/unit/closures/remove", {"day": "2026-05-20"})
    assert removed.status == 200 and not await Closure.exists(day="2026-05-20")


async def test_a_contact_sees_the_unit_but_cannot_change_it(web: Web) -> None:
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/unit")).text()
    assert "<fieldset disabled>" in page and "Lagre kontakter" not in page
    refused = await web.post("/unit/settings", {"name": "Mine"})
    assert refused.status == 403 and (await Unit.get(code="AOK")).name != "Mine"


async def test_participants_list_search_create_decide_and_end(web: Web) -> None:
    await web.sign_in(web.coordinator)
    listed = await (await web.client.get("/participants?q=kari")).text()
    assert "Kari Nordmann" in listed and "Ola Hansen" not in listed
    form = [("code", "P7"), ("name", "Nina Berg"), ("birth_date", "1991-02-03"),
            ("weekdays", "1"), ("weekdays", "2"), ("weekdays", "4"), ("start", "09:00"),
            ("end", "13:30"), ("contact", "S1"), ("programme", "aok"), ("transport", "on")]  # fmt: skip
    made = await web.post("/participants", form)
    assert made.status == 200 and "Nina Berg" in await made.text()
    nina = await Participant.get(code="P7")
    assert (nina.weekdays, nina.day_end, nina.transport) == ("1,2,4", "13:30", True)
    wrong = await web.post("/participants", [*form[:1], ("name", "Igjen"), *form[2:]])
    assert wrong.status == 400 and "Det finnes allerede en deltaker" in await wrong.text()

    decision = [("programme", "aok"), ("weekdays", "1"), ("weekdays", "3"), ("start", "09:00"),
                ("end", "14:00"), ("purpose", "Arbeidstrening i kafeen"),
                ("decision_end", "2026-12-31"), ("next_evaluation", "2026-06-01")]  # fmt: skip
    saved = await web.post("/participants/P7/decision", decision)
    assert saved.status == 200
    nina = await Participant.get(code="P7")
    assert (nina.weekdays, str(nina.decision_end), nina.purpose) == (
        "1,3",
        "2026-12-31",
        "Arbeidstrening i kafeen",
    )
    ended = await web.post("/participants/P7/end", {"ended_on": "2026-04-07"})
    assert ended.status == 200 and "Tjenesten er avsluttet" in await ended.text()
    assert not (await Participant.get(code="P7")).active
    assert "Nina Berg" not in await (await web.client.get("/participants")).text()
    assert await AuditEvent.filter(action="participant.end").count() == 1


async def test_another_units_participant_is_not_found(web: Web) -> None:
    from backend.people import registry as people

    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    await people.add_staff("VTA", "V1", "Vera", StaffRole.LEADER, actor="test")
    await web.sign_in(await Staff.get(code="V1"))
    assert (await web.client.get("/participants/P1")).status == 404
    assert "Kari" not in await (await web.client.get("/participants")).text()
    assert (await web.client.get("/api/participants/P1")).status == 404


async def test_invite_is_created_printed_with_a_qr_code_and_revoked(web: Web) -> None:
    await web.sign_in(web.world.leader)
    made = await web.post(
        "/invites", {"person": "P1", "role": "relative", "relative_name": "Anne", "days": "7"}
    )
    page = await made.text()
    assert made.status == 200 and "<svg" in page and 'role="img"' in page
    assert "https://t.me/frammote_test_bot?start=" in page
    code = page.split("?start=")[1].split('"')[0]
    invite = await Invite.get(code_hash=hash_code(code))
    assert invite.relative_name == "Anne" and invite.role == LinkRole.RELATIVE
    listed = await (await web.client.get("/invites")).text()
    assert "Anne" in listed
    revoked = await web.post(f"/invites/{invite.id}/revoke")
    assert revoked.status == 200
    assert (await Invite.get(id=invite.id)).revoked_at is not None
    again = await web.post(f"/invites/{invite.id}/revoke")
    assert again.status == 409
    foreign = await web.post("/invites", {"person": "NOPE", "role": "participant"})
    assert foreign.status == 400


async def test_consent_on_the_participants_behalf_activates_a_relative(web: Web) -> None:
    relative = await link("P1", LinkRole.RELATIVE, 700, "Anne")
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/links")).text()
    assert "Venter på samtykke" in page
    unconfirmed = await web.post(f"/links/{relative.id}/consent")
    assert unconfirmed.status == 400
    assert (await TelegramLink.get(id=relative.id)).consent_at is None
    done = await web.post(f"/links/{relative.id}/consent", {"confirmed": "on"})
    assert done.status == 200
    stored = await TelegramLink.get(id=relative.id)
    assert stored.is_active and "on behalf of participant:P1" in (stored.consent_by or "")
    ended = await web.post(f"/links/{relative.id}/withdraw")
    assert ended.status == 200 and (await TelegramLink.get(id=relative.id)).revoked_at is not None


async def test_a_private_note_is_shown_to_the_contact_person_only_and_logged(web: Web) -> None:
    absence = await Absence.create(
        participant=web.world.kari, day="2026-04-08", category=AbsenceCategory.SICK,
        note="Legetime hos fastlegen", reporter_name="Kari Nordmann", channel="telegram",
    )  # fmt: skip
    await web.sign_in(web.world.leader)
    listed = await (await web.client.get("/absences")).text()
    assert "Kari Nordmann" in listed and "Legetime" not in listed
    assert (await web.client.get(f"/absences/{absence.id}/note")).status == 404
    await web.sign_in(web.world.contact)
    note = await web.client.get(f"/absences/{absence.id}/note")
    assert note.status == 200 and "Legetime hos fastlegen" in await note.text()
    views = await AuditEvent.filter(action="absence.note.view").all()
    assert [(v.actor, v.subject) for v in views] == [("staff:S1", "participant:P1")]
    assert "Legetime" not in str([v.detail for v in views])


async def test_attendance_grid_marks_a_month_and_every_change_is_audited(web: Web) -> None:
    web.clock.set(2026, 4, 30, 16, 0)
    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/attendance?month=2026-04")).text()
    assert 'name="c:P1:2026-04-01"' in page
    assert 'name="c:P1:2026-04-03"' not in page  # Good Friday is closed
    cells = [(f"c:P1:2026-04-{d:02d}", "present") for d in (1, 7, 8)]
    cells.append(("c:P2:2026-04-01", "absent_unnotified"))
    saved = await web.post("/attendance", [("month", "2026-04"), *cells])
    assert saved.status == 200 and "Lagret: 4 endringer." in await saved.text()
    days = {(d.participant_id, str(d.day)): d for d in await AttendanceDay.all()}
    assert days[(web.world.kari.id, "2026-04-07")].status == AttendanceStatus.PRESENT
    assert days[(web.world.ola.id, "2026-04-01")].status == AttendanceStatus.ABSENT_UNNOTIFIED
    # A change of a confirmed day keeps the old value in the audit log.
    changed = await web.post(
        "/attendance",
        [
            ("month", "2026-04"),
            ("o:P1:2026-04-07", "present"),
            ("c:P1:2026-04-07", "absent_notified"),
        ],
    )
    assert changed.status == 200
    event = await AuditEvent.filter(action="attendance.change").first()
    assert event is not None and event.detail["old"]["status"] == "present"
    hours = await web.post(
        "/attendance/day",
        {
            "participant": "P1",
            "day": "2026-04-08",
            "status": "present",
            "hours": "4,75",
            "remark": "Kom sent",
        },
    )
    assert hours.status == 200
    record = await AttendanceDay.get(participant_id=web.world.kari.id, day="2026-04-08")
    assert str(record.hours) == "4.75" and record.remark == "Kom sent"
    future = await web.post("/attendance", [("month", "2026-05"), ("c:P1:2026-05-04", "present")])
    assert future.status == 400


async def test_payroll_preview_and_download(web: Web) -> None:
    web.clock.set(2026, 4, 30, 16, 0)
    await web.sign_in(web.world.contact)
    await web.post(
        "/attendance",
        [("month", "2026-04"), ("c:P1:2026-04-01", "present"), ("c:P1:2026-04-07", "present")],
    )
    await web.sign_in(web.world.leader)
    preview = await (await web.client.get("/reports/payroll?month=2026-04")).text()
    assert "Kari Nordmann" in preview and "160,00" in preview  # 2 days × 5 h × 16 kr
    download = await web.client.get("/reports/payroll.csv?month=2026-04")
    assert download.status == 200
    assert "attachment" in download.headers["Content-Disposition"]
    body = (await download.read()).decode("utf-8-sig")
    assert body.splitlines() == ["Ansattnummer;Navn;Dager;Timer;Beløp (kr)", "P1;Kari Nordmann;2;10,00;160,00"]  # fmt: skip
    web.client.session.cookie_jar.update_cookies({"frammote_lang": "en"})
    english = await web.client.get("/reports/payroll.csv?month=2026-04")
    header = (await english.read()).decode("utf-8-sig").splitlines()[0]
    assert header == "Employee number;Name;Days;Hours;Amount (NOK)"
    # A month that is no month: said so, and beneath it this month's pay as it is.
    wrong = await web.client.get("/reports/payroll?month=2026-13")
    assert wrong.status == 400
    text = await wrong.text()
    assert "2026-13" in text and "Kari Nordmann" in text and "160.00" in text  # in English
    capacity = await web.client.get("/reports/capacity?format=csv")
    assert capacity.status == 200 and "AOK" in (await capacity.read()).decode("utf-8-sig")


async def test_audit_log_shows_sign_ins(web: Web) -> None:
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/audit?action=auth")).text()
    assert "Logget inn" in page and "Kim Koordinator (S3)" in page and "staff:S3" not in page


async def test_language_can_be_chosen(web: Web) -> None:
    await web.sign_in(web.coordinator)
    response = await web.client.get("/language?lang=en&next=/participants")
    text = await response.text()
    assert str(response.url).endswith("/participants")
    assert '<html lang="en" dir="ltr">' in text
    odd = await web.client.get(
        "/language?lang=en&next=https://evil.example/", allow_redirects=False
    )
    assert odd.headers["Location"] == "/"


@pytest.mark.parametrize(
    ("code", "html", "title"),
    [
        ("uk", '<html lang="uk" dir="ltr">', "<title>Учасники – Frammøte</title>"),
        ("pl", '<html lang="pl" dir="ltr">', "<title>Uczestnicy – Frammøte</title>"),
        ("ar", '<html lang="ar" dir="rtl">', "<title>المشاركون – Frammøte</title>"),
        ("so", '<html lang="so" dir="ltr">', "<title>Ka-qaybgalayaal – Frammøte</title>"),
    ],
)
async def test_each_new_language_can_be_chosen(web: Web, code: str, html: str, title: str) -> None:
    """Arabic's pages run right to left; every language is offered in its own name."""
    await web.sign_in(web.coordinator)
    response = await web.client.get(f"/language?lang={code}&next=/participants")
    text = await response.text()
    assert html in text and title in text
    for offered in ("Українська", "Polski", 'lang="ar" dir="rtl">العربية<', "Soomaali"):
        assert offered in text


async def test_healthz_reports_database_and_bot(web: Web) -> None:
    response = await web.client.get("/healthz")
    assert response.status == 503
    assert await response.json() == {"database": "ok", "bot": "not running"}


async def test_the_pages_have_an_icon_and_favicon_ico_answers_it(web: Web) -> None:
    """Browsers ask for /favicon.ico on every page: it answers, signed in or not."""
    icon = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
    assert icon in await (await web.client.get("/login")).text()
    await web.sign_in(web.world.contact)
    assert icon in await (await web.client.get("/participants")).text()
    for path in ("/favicon.ico", "/static/favicon.svg"):
        web.client.session.cookie_jar.clear()
        response = await web.client.get(path)
        assert response.status == 200, path
        assert response.headers["Content-Type"] == "image/svg+xml", path
        assert (await response.text()).startswith('<svg xmlns="http://www.w3.org/2000/svg"')


async def test_a_leader_sets_a_meeting_date_and_a_contact_may_not(web: Web) -> None:
    from backend.models import Meeting

    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/deadlines")).text()
    assert 'action="/deadlines/meetings"' in page
    done = await web.post(
        "/deadlines/meetings", {"kind": "status", "day": "2026-09-15", "note": "Rom 2"}
    )
    assert done.status == 200 and "Lagret." in await done.text()
    assert [(m.kind, str(m.day)) for m in await Meeting.all()] == [("status", "2026-09-15")]
    refused = await web.post("/deadlines/meetings", {"kind": "nav", "day": "2026-05-02"})
    assert refused.status == 400
    assert "andre halvdel av april eller oktober" in await refused.text()
    assert await Meeting.all().count() == 1

    await web.sign_in(web.world.contact)
    page = await (await web.client.get("/deadlines")).text()
    assert 'action="/deadlines/meetings"' not in page


async def test_a_nav_meeting_held_before_the_product_is_set_to_write_its_minutes(
    web: Web,
) -> None:
    """Months after the October meeting (today is 7 April 2026), its date can still be set,
    and it stays listed with the link to its minutes."""
    await web.sign_in(web.world.leader)
    done = await web.post("/deadlines/meetings", {"kind": "nav", "day": "2025-10-23"})
    assert done.status == 200
    page = await (await web.client.get("/deadlines")).text()
    assert re.search(r'23\. oktober 2025.*?href="/deadlines/meetings/\d+/minutes"', page, re.S)
    too_old = await web.post("/deadlines/meetings", {"kind": "nav", "day": "2024-10-24"})
    assert too_old.status == 400
    assert "Møtedatoen kan ikke være tilbake i tid: 2024-10-24" in await too_old.text()


async def test_form_field_attributes_reach_the_browser_unescaped(web: Web) -> None:
    """A field's extra attributes (limits, autocomplete) are the template's own text: they
    must arrive as attributes, not as quoted text the browser ignores."""
    await web.sign_in(web.coordinator)
    unit = await (await web.client.get("/unit")).text()
    assert 'name="places" type="number" value="" min="0" max="10000">' in unit
    assert 'inputmode="decimal">' in unit
    assert "&#34;" not in unit
    new = await (await web.client.get("/candidates/new")).text()
    assert 'name="name" type="text" value="" required autocomplete="off">' in new
