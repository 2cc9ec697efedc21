"""A participant's data rights: everything exported (JSON and PDF), or erased in one go."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from backend.feeds import feeds
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    Business,
    Candidate,
    CandidateStage,
    ChatState,
    CheckIn,
    Invite,
    KvpApplication,
    KvpDecisionPeriod,
    LinkRole,
    OutboxMessage,
    Participant,
    ParticipantMessage,
    ParticipantPicture,
    Presentation,
    Pupil,
    TelegramLink,
)
from backend.people import data_rights
from backend.people import messages as participant_messages
from backend.people.ending import end_service
from backend.shared import audit
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from backend.web.audit_words import EXPORT_WORDS
from tests.support.telegram import OSLO
from tests.support.world import NOW, World, build_world, link

D = date.fromisoformat


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def logical_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", out.stdout)


async def kari_with_data(world: World) -> None:
    """Kari: her link, her mother's, an absence with a note, a day at work, a message."""
    await link("P1", LinkRole.PARTICIPANT, 501, "Kari")
    await link("P1", LinkRole.RELATIVE, 502, "Mor Nordmann")
    await Absence.create(
        participant=world.kari, day=D("2026-04-08"), category=AbsenceCategory.SICK,
        note="Legetime", reporter_name="Kari Nordmann", channel="telegram",
    )  # fmt: skip
    await AttendanceDay.create(
        participant=world.kari, day=D("2026-04-06"), status=AttendanceStatus.PRESENT,
        hours=Decimal("5"), confirmed_by_name="Lise Kontakt",
        confirmed_at=datetime(2026, 4, 6, 15, tzinfo=OSLO), remark="Kom sent",
    )  # fmt: skip
    await participant_messages.keep(world.kari, now=NOW, text="Jeg er syk")
    await ChatState.create(chat_id=501, step="note", data={"day": "2026-04-08"}, updated_at=NOW)
    await OutboxMessage.create(
        key="absence:1:501", template="absence.participant", params={}, chat_id=501, due_at=NOW
    )
    await OutboxMessage.create(
        key=f"absence-staff:{world.kari.id}:2026-04-08:99:900", template="absence.staff",
        params={"participant": "Kari Nordmann"}, chat_id=900, due_at=NOW,
    )  # fmt: skip
    await OutboxMessage.create(
        key=f"absence-staff:{world.ola.id}:2026-04-08:99:900", template="absence.staff",
        params={"participant": "Ola Hansen"}, chat_id=900, due_at=NOW,
    )  # fmt: skip


async def test_the_export_holds_everything_about_the_person(db: str, tmp_path: Path) -> None:
    world = await build_world()
    await kari_with_data(world)
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    data = json.loads(found.json_file().content)
    assert found.json_file().filename == "personopplysninger-P1-2026-04-07.json"
    assert data["participant"]["name"] == "Kari Nordmann"
    assert data["participant"]["birth_date"] == "1990-04-12"
    assert data["participant"]["contact"] == {"code": "S1", "name": "Lise Kontakt"}
    assert data["unit"] == {"code": "AOK", "name": "Arbeid og kvalifisering"}
    assert [(x["role"], x["display_name"]) for x in data["telegram_links"]] == [
        ("participant", "Kari"),
        ("relative", "Mor Nordmann"),
    ]
    assert len(data["invites"]) == 2
    assert data["calendar_feeds"] == []
    assert [(a["day"], a["category"], a["note"]) for a in data["absences"]] == [
        ("2026-04-08", "sick", "Legetime")
    ]
    assert data["attendance"] == [
        {
            "day": "2026-04-06",
            "status": "present",
            "hours": "5.00",
            "confirmed_by": "Lise Kontakt",
            "confirmed_at": "2026-04-06T13:00:00+00:00",
            "remark": "Kom sent",
        }
    ]
    assert data["pay"] == [{"month": "2026-04", "days": 1, "hours": "5.00", "amount_ore": 8000}]
    assert [(m["kind"], m["text"]) for m in data["messages"]] == [("text", "Jeg er syk")]
    # To her own chat, and the staff's notice naming her; not Ola's notice in the same chat.
    assert [m["template"] for m in data["chat_messages"]] == [
        "absence.participant",
        "absence.staff",
    ]
    assert [m["params"] for m in data["chat_messages"]][1] == {"participant": "Kari Nordmann"}
    assert data["chat_states"] == [
        {"step": "note", "data": {"day": "2026-04-08"}, "updated_at": "2026-04-07T06:00:00+00:00"}
    ]
    assert "participant.create" in [e["action"] for e in data["audit_log"]]

    event = await AuditEvent.filter(action="person.export").get()
    assert (event.actor, event.subject) == ("staff:S3", "participant:P1")
    assert event.detail["format"] == "json,pdf"
    assert event.detail["exported"]["absences"] == 1

    pdf = found.pdf_file(words=EXPORT_WORDS)
    assert pdf.filename == "personopplysninger-P1-2026-04-07.pdf"
    text = pdf_text(pdf.content, tmp_path)
    for words in ("Opplysninger om Kari Nordmann", "Legetime", "Mor Nordmann", "Jeg er syk",
                  "Kom sent", "Syk", "Til stede", "80,00", "mandag, tirsdag",
                  "07.04.2026, 08:00",  # the message came at 08:00 in Oslo (06:00 UTC)
                  "Registrerte en deltaker"):  # fmt: skip
        assert words in text, words


async def test_the_pdf_says_in_words_what_the_json_keeps_as_codes(db: str, tmp_path: Path) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, 501, "Kari N.")
    await Participant.filter(id=world.kari.id).update(eligibility={"lives_in_municipality": True})
    await AttendanceDay.create(
        participant=world.kari, day=D("2026-03-09"), status=AttendanceStatus.PRESENT,
        hours=Decimal("5"), confirmed_by_name="Lise Kontakt", confirmed_at=NOW,
    )  # fmt: skip
    await OutboxMessage.create(
        key=f"absence:{world.kari.id}:2026-04-08:1:900", template="absence_reported",
        params={"participant": "Kari Nordmann", "participant_id": world.kari.id,
                "days": ["2026-04-08"], "category": "sick", "reporter": None, "late": False},
        chat_id=900, due_at=NOW,
    )  # fmt: skip
    await OutboxMessage.create(
        key="absence:1:501", template="no_such_template", params={}, chat_id=501, due_at=NOW
    )
    await ChatState.create(
        chat_id=501, step="absence_typed", updated_at=NOW,
        data={"link": 1, "days": ["2026-04-08"], "category": "sick", "text": "syk i morgen"},
    )  # fmt: skip
    await audit.record("telegram:501", "absence.report", "participant:P1")
    await audit.record("staff:S1", "attendance.mark", "participant:P1")
    await audit.record("staff:S2", "participant.decision", "participant:P1")
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    for words in (
        "AoK – Arbeid og kvalifisering",  # the programme
        "bor i kommunen",  # a criterion
        "mars 2026",  # the month of pay
        "Kari Nordmann er borte: onsdag 8. april (syk).",  # what the bot sent
        "En melding",  # a message whose text cannot be made again
        "Venter",  # not sent yet
        "Samtaler som ventet på svar",
        "Svar på om fraværet stemmer",
        "syk i morgen",
        "Kari N. i Telegram",  # who did it
        "Lise Kontakt",
        "Per Leder",
    ):
        assert words in text, words
    for code in (" aok", "lives_in_municipality", "2026-03", "absence_reported",
                 "no_such_template", "pending", "absence_typed", "telegram:501", "staff:S1", "staff:S2"):  # fmt: skip
        assert code not in text, code


async def test_the_pdf_of_an_erased_participant_shows_the_birth_year_only(
    db: str, tmp_path: Path
) -> None:
    world = await build_world()
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="cli", now=NOW)
    found = await data_rights.export_person("P1", actor="cli", now=NOW)
    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    assert "Fødselsår" in text and "1990" in text
    assert "Fødselsdato" not in text and "31.12.1990" not in text
    assert "Opplysningene slettet" in text and "07.04.2026, 08:00" in text


async def test_an_english_pdf(db: str, tmp_path: Path) -> None:
    await build_world()
    found = await data_rights.export_person("P1", actor="cli", now=NOW)
    text = pdf_text(found.pdf_file("en").content, tmp_path)
    assert "Information about Kari Nordmann" in text
    assert "Attendance" in text and "Absence" in text
    # A time of day is "When" over the log and the messages, not the decision's "Hours".
    log = text.split("Who has seen or changed the information")[1]
    assert "When" in log and "Hours" not in log


async def test_erasing_deletes_the_person_and_keeps_the_figures_anonymously(db: str) -> None:
    world = await build_world()
    await kari_with_data(world)
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    await feeds.issue(NOW, actor="test", participant=world.kari)
    await ParticipantPicture.create(participant=world.kari, symbol="sun", photo=b"jpeg",
                                    photo_consent_at=NOW, photo_consent_by="staff:S2")  # fmt: skip
    await CheckIn.create(participant=world.kari, day=D("2026-04-06"), in_at=NOW, in_key="k")

    done = await data_rights.erase_person("P1", "P1", actor="staff:S3", now=NOW)

    assert done.deleted == {
        "absence_reports": 1,
        "participant_messages": 1,
        "sent_messages": 2,  # to her own chat, and the staff notice naming her
        "chat_states": 1,
        "refused_attempts": 0,
        "telegram_links": 2,
        "dead_invites": 2,
        "kvp_applications": 0,
        "intakes": 0,
        "evaluations": 0,
        "final_reports": 0,
        "pupil_entries": 0,
        "candidate_records": 0,
        "calendar_feeds": 1,
        "check_ins": 1,
        "tablet_pictures": 1,
    }
    assert done.kept_attendance_days == 1
    kari = await Participant.get(code="P1")
    assert kari.name == "Slettet deltaker"
    assert kari.birth_date == D("1990-12-31")
    assert kari.contact_id is None and kari.transport is False and kari.eligibility == {}
    assert kari.erased_at is not None and kari.active is False
    day = await AttendanceDay.get(participant_id=kari.id)
    assert (day.day, day.status, Decimal(day.hours), day.remark) == (
        D("2026-04-06"), AttendanceStatus.PRESENT, Decimal("5"), None
    )  # fmt: skip
    assert await Absence.filter(participant_id=kari.id).count() == 0
    assert await ParticipantMessage.filter(participant_id=kari.id).count() == 0
    assert await TelegramLink.filter(participant_id=kari.id).count() == 0
    assert await Invite.filter(participant_id=kari.id).count() == 0
    assert await ChatState.all().count() == 0
    # Ola's notice to the same staff chat stays.
    assert await OutboxMessage.all().values_list("params", flat=True) == [
        {"participant": "Ola Hansen"}
    ]
    event = await AuditEvent.filter(action="person.erase").get()
    assert (event.actor, event.subject) == ("staff:S3", "participant:P1")
    assert event.detail["deleted"] == done.deleted
    assert event.detail["attendance_days"] == 1


@pytest.mark.parametrize(
    ("code", "confirmation", "end", "message"),
    [
        ("P1", "P1", False, "Avslutt tjenesten før du sletter opplysningene om P1"),
        ("P1", "P2", True, "Skriv id-en P1 for å bekrefte at opplysningene skal slettes"),
        ("P1", "", True, "Skriv id-en P1 for å bekrefte at opplysningene skal slettes"),
        ("P9", "P9", True, "Ingen deltaker har id-en P9"),
        ("", "", True, "Skriv id-en til deltakeren"),
        ("  ", "", True, "Skriv id-en til deltakeren"),
        ("P" * 300, "P", True, "Ingen deltaker har id-en " + "P" * 64),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    db: str, code: str, confirmation: str, end: bool, message: str
) -> None:
    world = await build_world()
    await kari_with_data(world)
    if end:
        await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    before = await AuditEvent.all().count()
    with pytest.raises(RuleError) as error:
        await data_rights.erase_person(code, confirmation, actor="cli", now=NOW)
    assert error.value.render(gettext_for("nb")) == message
    assert (await Participant.get(code="P1")).name == "Kari Nordmann"
    assert await Absence.all().count() == 1
    assert await AuditEvent.all().count() == before


async def test_erasing_twice_is_refused(db: str) -> None:
    world = await build_world()
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="cli", now=NOW)
    with pytest.raises(RuleError) as error:
        await data_rights.erase_person("P1", "P1", actor="cli", now=NOW)
    assert error.value.render(gettext_for("nb")) == "Opplysningene om P1 er allerede slettet"


async def test_another_units_participant_is_not_found(db: str) -> None:
    world = await build_world()
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    with pytest.raises(RuleError):
        await data_rights.erase_person("P1", "P1", actor="cli", now=NOW, unit_id=world.unit.id + 1)
    with pytest.raises(RuleError):
        await data_rights.export_person("P1", actor="cli", now=NOW, unit_id=world.unit.id + 1)
    assert (await Participant.get(code="P1")).erased_at is None


async def test_a_failure_half_way_leaves_everything_as_it_was(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await build_world()
    await kari_with_data(world)
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())

    async def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(audit, "record", broken)  # the last step of the erasure
    with pytest.raises(OSError):
        await data_rights.erase_person("P1", "P1", actor="cli", now=NOW)
    kari = await Participant.get(code="P1")
    assert (kari.name, kari.erased_at) == ("Kari Nordmann", None)
    assert await Absence.all().count() == 1
    assert await TelegramLink.filter(participant_id=kari.id).count() == 2
    assert await ParticipantMessage.all().count() == 1
    assert await OutboxMessage.all().count() == 3
    assert (await AttendanceDay.get(participant_id=kari.id)).remark == "Kom sent"


async def test_a_relative_of_two_keeps_what_is_about_the_other(db: str) -> None:
    """Mor is linked to Kari and to Ola in one chat: Kari's export and erasure leave Ola's
    messages, the chat's state and Mor's link to Ola alone."""
    world = await build_world()
    await link("P1", LinkRole.RELATIVE, 600, "Mor")
    await link("P2", LinkRole.RELATIVE, 600, "Mor")
    await ChatState.create(chat_id=600, step="note", data={"participant": "P2"}, updated_at=NOW)
    await OutboxMessage.create(
        key=f"wellbeing:AOK:2026-04-07:{world.ola.id}:600", template="absence.wellbeing",
        params={"participant": "Ola Hansen"}, chat_id=600, due_at=NOW,
    )  # fmt: skip
    data = (await data_rights.export_person("P1", actor="cli", now=NOW)).data
    assert [x["display_name"] for x in data["telegram_links"]] == ["Mor"]
    assert data["chat_messages"] == [] and data["chat_states"] == []

    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    done = await data_rights.erase_person("P1", "P1", actor="cli", now=NOW)
    assert (done.deleted["telegram_links"], done.deleted["sent_messages"]) == (1, 0)
    assert done.deleted["chat_states"] == 0
    assert await TelegramLink.filter(participant_id=world.ola.id).count() == 1
    assert await OutboxMessage.all().count() == 1
    assert await ChatState.all().count() == 1


async def test_two_erasures_at_once_erase_once(db: str) -> None:
    world = await build_world()
    await kari_with_data(world)
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    results = await asyncio.gather(
        data_rights.erase_person("P1", "P1", actor="staff:S3", now=NOW),
        data_rights.erase_person("P1", "P1", actor="cli", now=NOW),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, RuleError)]
    assert len(refused) == 1
    assert refused[0].render(gettext_for("nb")) == "Opplysningene om P1 er allerede slettet"
    assert await AuditEvent.filter(action="person.erase").count() == 1


async def kari_came_from_everywhere(world: World) -> None:
    """Kari's KVP application, her pupil register entry and her candidate record."""
    application = await KvpApplication.create(
        unit_id=world.kari.unit_id, name="Kari Nordmann", birth_date=D("1990-04-12"),
        received_on=D("2026-01-05"), aev_on=D("2026-01-20"), decided_on=D("2026-02-02"),
        approved=True, approved_on=D("2026-02-02"), started_on=D("2026-03-02"),
        participant=world.kari,
    )  # fmt: skip
    await KvpDecisionPeriod.create(
        application=application, starts_on=D("2026-03-02"), ends_on=D("2027-03-01")
    )
    await Pupil.create(
        unit_id=world.kari.unit_id, name="Kari Nordmann", birth_date=D("1990-04-12"),
        school="Tromsdalen vgs", class_year="vg3", expected_end=D("2009-06-20"),
        consent_given_on=D("2008-09-01"), share_name=True, needs=["aok", "work-training"],
        note="Trives med praktisk arbeid", registered_on=D("2008-09-01"),
        participant=world.kari,
    )  # fmt: skip
    candidate = await Candidate.create(
        unit_id=world.kari.unit_id, code="P1", name="Kari Nordmann", referred_by="school",
        stage="work-training", stage_since=D("2026-03-02"), consent_on=D("2025-11-03"),
        consent_scope="Bedrifter i Tromsø", consent_names_to_businesses=True,
        wishes="Lager eller butikk", participant=world.kari,
    )  # fmt: skip
    await CandidateStage.create(candidate=candidate, stage="approach", on=D("2025-10-01"),
                                actor="staff:S3")  # fmt: skip
    await CandidateStage.create(candidate=candidate, stage="work-training", on=D("2026-03-02"),
                                actor="staff:S3")  # fmt: skip
    business = await Business.create(unit_id=world.kari.unit_id, name="Bakeriet AS")
    await Presentation.create(
        candidate=candidate, business=business, on=D("2025-12-01"), named=True,
        outcome="Vil gjerne møte henne",
    )  # fmt: skip


async def test_the_export_holds_the_records_the_participant_came_from(
    db: str, tmp_path: Path
) -> None:
    world = await build_world()
    await kari_came_from_everywhere(world)
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    data = json.loads(found.json_file().content)
    [application] = data["kvp_applications"]
    assert (application["received_on"], application["aev_on"], application["decided_on"],
            application["approved"], application["started_on"]) == (
        "2026-01-05", "2026-01-20", "2026-02-02", True, "2026-03-02")  # fmt: skip
    assert application["decision_periods"] == [{"starts_on": "2026-03-02", "ends_on": "2027-03-01"}]
    [pupil] = data["pupil_entries"]
    assert (pupil["school"], pupil["class_year"], pupil["consent_given_on"],
            pupil["share_name"], pupil["needs"]) == (
        "Tromsdalen vgs", "vg3", "2008-09-01", True, ["aok", "work-training"])  # fmt: skip
    [candidate] = data["candidate_records"]
    assert (candidate["code"], candidate["referred_by"], candidate["consent_on"]) == (
        "P1", "school", "2025-11-03")  # fmt: skip
    assert [(s["on"], s["stage"]) for s in candidate["stages"]] == [
        ("2025-10-01", "approach"),
        ("2026-03-02", "work-training"),
    ]
    assert [(p["business"], p["on"], p["named"]) for p in candidate["presentations"]] == [
        ("Bakeriet AS", "2025-12-01", True)
    ]

    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    for words in (
        "Søknad om kvalifiseringsprogrammet",
        "Programmet er startet",  # the step, in words
        "05.01.2026",  # received
        "Arbeidsevnevurdering",
        "01.03.2027",  # the decision period's end
        "Elevregisteret",
        "Tromsdalen vgs",
        "Vg3",
        "AoK – arbeid og aktivitet på dagtid, Arbeidstrening",  # the needs
        "Trives med praktisk arbeid",
        "Kandidat hos koordinatorene",
        "Skole",  # referred by
        "Tilnærming",  # the first stage
        "Arbeidstrening/aktivitet",
        "Bedrifter i Tromsø",
        "Bakeriet AS",
        "Vil gjerne møte henne",
    ):
        assert words in text, words
    for code in ("work-training", "approach", "vg3", "received", "started"):
        assert code not in text, code


async def test_an_export_without_such_records_says_so(db: str, tmp_path: Path) -> None:
    await build_world()
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    data = json.loads(found.json_file().content)
    assert (data["kvp_applications"], data["pupil_entries"], data["candidate_records"]) == (
        [], [], [])  # fmt: skip
    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    for words in (
        "Ingen søknad er lagret.",
        "Du står ikke i elevregisteret.",
        "Du har ikke vært kandidat hos koordinatorene.",
    ):
        assert words in text, words


async def test_erasing_deletes_the_records_the_participant_came_from(db: str) -> None:
    world = await build_world()
    await kari_came_from_everywhere(world)
    await end_service(world.kari, D("2026-04-07"), actor="test", today=NOW.date())
    done = await data_rights.erase_person("P1", "P1", actor="staff:S2", now=NOW)
    assert (
        done.deleted["kvp_applications"],
        done.deleted["pupil_entries"],
        done.deleted["candidate_records"],
    ) == (1, 1, 1)
    assert not await Candidate.exists(code="P1")
    assert await CandidateStage.all().count() == 0
    assert await Presentation.all().count() == 0
    assert await KvpDecisionPeriod.all().count() == 0
    assert await Business.exists(name="Bakeriet AS")


async def test_the_export_names_the_calendar_addresses_not_their_secret(
    db: str, tmp_path: Path
) -> None:
    world = await build_world()
    first = await feeds.issue(actor="staff:S3", now=NOW, participant=world.kari)
    await feeds.issue(
        actor="staff:S3", now=datetime(2026, 4, 8, 9, tzinfo=OSLO), participant=world.kari
    )
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    data = json.loads(found.json_file().content)
    assert [(f["language"], f["revoked_at"] is None) for f in data["calendar_feeds"]] == [
        ("nb", False),
        ("nb", True),
    ]
    assert first not in found.json_file().content.decode()
    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    assert "Kalenderadresser" in text
    assert "08.04.2026" in text


@pytest.mark.parametrize(
    ("language", "title"),
    [
        # Hours with the language's decimal sign: a point in Arabic, a comma in Ukrainian.
        ("ar", ("معلومات عن", "Kari Nordmann", "5.00", "NOK 80.00")),
        ("uk", ("Відомості про Kari Nordmann", "5,00", "80,00 NOK")),
    ],
)
async def test_the_pdf_in_arabic_and_ukrainian(
    db: str, tmp_path: Path, language: str, title: tuple[str, ...]
) -> None:
    """Arabic set right to left: each run read back in logical order, the bidi marks
    poppler adds dropped. (A line with more Latin letters than Arabic ones poppler reads
    left to right, so the name comes before the Arabic words it follows.)"""
    world = await build_world()
    await kari_with_data(world)
    found = await data_rights.export_person("P1", actor="cli", now=NOW)
    content = found.pdf_file(language).content
    if shots := os.environ.get("FRAMMOTE_SCREENSHOTS"):  # a folder to look at the PDFs in
        (Path(shots) / f"export-{language}.pdf").write_bytes(content)
    text = logical_text(content, tmp_path)
    for words in title:
        assert words in text, words
    assert "Mor Nordmann" in text


async def test_the_export_holds_the_tablets_tile_and_taps(db: str, tmp_path: Path) -> None:
    world = await build_world()
    await ParticipantPicture.create(participant=world.kari, symbol="sun", photo=b"jpeg",
                                    photo_consent_at=NOW, photo_consent_by="staff:S2")  # fmt: skip
    await CheckIn.create(
        participant=world.kari, day=D("2026-04-06"), in_key="a", out_key="b",
        in_at=datetime(2026, 4, 6, 8, 57, tzinfo=OSLO),
        out_at=datetime(2026, 4, 6, 14, 8, tzinfo=OSLO),
    )  # fmt: skip
    found = await data_rights.export_person("P1", actor="staff:S3", now=NOW)
    data = json.loads(found.json_file().content)
    assert data["tablet_picture"] == {
        "symbol": "sun",
        "photo_stored": True,
        "photo_consent_at": "2026-04-07T06:00:00+00:00",
        "photo_consent_by": "staff:S2",
    }
    assert data["check_ins"] == [
        {
            "day": "2026-04-06",
            "in_at": "2026-04-06T06:57:00+00:00",
            "out_at": "2026-04-06T12:08:00+00:00",
        }
    ]
    assert "jpeg" not in found.json_file().content.decode()  # the photo itself is not in it
    text = pdf_text(found.pdf_file(words=EXPORT_WORDS).content, tmp_path)
    for words in ("Nettbrettet ved døra", "Sol", "06.04.2026, 08:57", "06.04.2026, 14:08"):
        assert words in text, words
