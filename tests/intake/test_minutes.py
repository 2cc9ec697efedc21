"""The NAV cooperation meeting's minutes: stored, the next meeting set, and sent to both
leaders through the outbox; NAV's leader's e-mail arrives over SMTP with the PDF."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backend.calendar import meetings
from backend.intake import minutes
from backend.models import LinkRole, Meeting, MeetingKind, OutboxMessage, StaffRole, Unit
from backend.outbox import smtp as mail
from backend.outbox.catalog import render
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.outbox.test_smtp import Inbox, inbox  # noqa: F401
from tests.support.telegram import OSLO
from tests.support.world import build_world, link

NOW = datetime(2026, 4, 22, 15, 0, tzinfo=OSLO)
FORM = minutes.MinutesForm(
    text="Kapasitet: to ledige plasser.\nNye søknader: tre.",
    present="Fagansvarlig NAV, avdelingsleder",
    next_meeting=date(2026, 10, 21),
)


async def _nav_meeting(unit: Unit, day: date) -> Meeting:
    return await meetings.set_meeting(
        unit, MeetingKind.NAV, day, note=None, actor="test", today=date(2026, 4, 16)
    )


async def test_nav_leaders_email_arrives_with_the_minutes_as_a_pdf(
    db: str,
    inbox: tuple[Inbox, object],  # noqa: F811
) -> None:
    handler, settings = inbox
    world = await build_world()
    world.unit.nav_leader_email = "leder@nav.example.no"
    await world.unit.save()
    meeting = await _nav_meeting(world.unit, date(2026, 4, 22))
    sent = await minutes.record_minutes(
        world.unit, meeting.id, FORM, actor="staff:S2", sender="Per Leder", now=NOW
    )
    assert (sent.told, sent.not_told, sent.nav_leader) == ((), ("Per Leder",), True)
    assert await mail.deliver_email_outbox(NOW, settings, windows=[]) == 1  # type: ignore[arg-type]
    [(to, message)] = handler.received
    assert to == ["leder@nav.example.no"]
    assert message["Subject"] == (
        "Referat fra samarbeidsmøtet mellom NAV og Arbeid og kvalifisering, 22. april 2026"
    )
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Til stede: Fagansvarlig NAV, avdelingsleder" in body
    assert "Neste møte: 21. oktober 2026." in body
    [pdf] = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert pdf.get_filename() == "referat-samarbeidsmote-NAV-2026-04-22.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    assert await Meeting.exists(unit_id=world.unit.id, day=date(2026, 10, 21))


async def test_the_units_leaders_get_it_on_telegram_or_by_email(db: str) -> None:
    world = await build_world()
    await link("S2", LinkRole.STAFF, 3002, "Per")
    await people.add_staff(
        "AOK", "S6", "Lea Leder", StaffRole.LEADER, actor="test", email="lea@kommune.example.no"
    )
    meeting = await _nav_meeting(world.unit, date(2026, 4, 21))
    sent = await minutes.record_minutes(
        world.unit, meeting.id, FORM, actor="staff:S2", sender="Per Leder", now=NOW
    )
    assert sent.told == ("Per Leder", "Lea Leder") and sent.nav_leader is False
    rows = await OutboxMessage.all().order_by("id")
    assert [(r.template, r.chat_id, r.email) for r in rows] == [
        ("nav_minutes", 3002, None),
        ("nav_minutes_mail", None, "lea@kommune.example.no"),
    ]
    assert render("nav_minutes", rows[0].params, "nb") == (
        "📝 Referat fra samarbeidsmøtet med NAV 21. april 2026, Arbeid og kvalifisering\n"
        "Til stede: Fagansvarlig NAV, avdelingsleder\n"
        "Referatet står under Møter og frister på nettsidene.\n"
        "Neste møte: 21. oktober 2026."
    )
    # The minutes' own words stay out of the chat and of what the outbox keeps for it.
    assert "Kapasitet" not in str(rows[0].params)
    assert render("nav_minutes", rows[0].params, "en").startswith(
        "📝 Minutes of the NAV cooperation meeting 21 April 2026, Arbeid og kvalifisering"
    )
    # Changed minutes go again; the same ones do not.
    again = await minutes.record_minutes(
        world.unit, meeting.id, FORM, actor="staff:S2", sender="Per Leder", now=NOW
    )
    assert again.changed is False and await OutboxMessage.all().count() == 2
    changed = minutes.MinutesForm(FORM.text + "\nRettet.", FORM.present, FORM.next_meeting)
    await minutes.record_minutes(
        world.unit, meeting.id, changed, actor="staff:S2", sender="Per Leder", now=NOW
    )
    assert await OutboxMessage.all().count() == 4


@pytest.mark.parametrize(
    ("kind", "day", "message"),
    [
        (MeetingKind.STATUS, date(2026, 9, 15), "Fant ikke det møtet"),
        (MeetingKind.NAV, date(2026, 4, 28), "Referatet skrives når møtet er holdt: 2026-04-28"),
    ],
)
async def test_minutes_only_of_a_nav_meeting_held(
    db: str, kind: MeetingKind, day: date, message: str
) -> None:
    world = await build_world()
    meeting = await meetings.set_meeting(
        world.unit, kind, day, note=None, actor="test", today=date(2026, 4, 16)
    )
    with pytest.raises(RuleError, match=message):
        await minutes.record_minutes(
            world.unit, meeting.id, FORM, actor="staff:S2", sender="Per", now=NOW
        )
    assert await OutboxMessage.all().count() == 0


def test_the_final_report_reminder_points_to_the_form() -> None:
    params = {"participant": "Sara Lund", "event_date": "2026-09-15"}
    assert render("reminder_final_report", params, "nb") == (
        "Avtaleperioden for Sara Lund slutter 15. september 2026. Skriv sluttrapport til NAV "
        "på deltakerens side på nettet: «Skriv sluttrapport til NAV»."
    )
