"""Offboarding: a deactivated staff member is out at once, everywhere; their participants
need a new contact person, and the leaders are told instead until one is set."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend import reminders
from backend.absence.report import report_absence
from backend.access import sign_in as auth
from backend.feeds import feeds
from backend.links import links
from backend.links.invites import create_invite
from backend.models import (
    AbsenceCategory,
    AuditEvent,
    CalendarFeed,
    Invite,
    LinkRole,
    LoginToken,
    OutboxMessage,
    StaffRole,
    TelegramLink,
    WebSession,
)
from backend.people import registry as people
from backend.people import staffing
from backend.shared.errors import RuleError
from tests.support.reminder_world import LISE, PER, add_person, at, build_reminder_world, link_staff
from tests.support.world import NOW, build_world, link

D = date.fromisoformat


def token_of(path: str) -> str:
    return path.removeprefix(auth.LOGIN_PATH)


async def test_deactivating_ends_links_sessions_sign_in_links_and_invites_at_once(
    db: str,
) -> None:
    world = await build_world()
    lise = await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    signed = await auth.sign_in(token_of(await auth.issue_login_link(world.contact, NOW)), NOW)
    pending = token_of(await auth.issue_login_link(world.contact, NOW))
    invite = await create_invite("S1", LinkRole.STAFF, actor="test", now=NOW)
    await feeds.issue(NOW, actor="test", staff=world.contact)

    done = await staffing.deactivate_staff("S1", actor="cli", now=NOW)

    assert (done.links, done.sessions, done.sign_in_links, done.invites) == (1, 1, 1, 1)
    assert [p.code for p in done.participants] == ["P1", "P2"]
    assert (await TelegramLink.get(id=lise.id)).revoked_at == NOW
    assert (await WebSession.get(id=signed.session.id)).revoked_at == NOW
    assert await LoginToken.filter(staff_id=world.contact.id, used_at=None).count() == 0
    assert (await Invite.get(id=invite.invite.id)).revoked_at == NOW
    assert await links.links_of(LISE) == []
    assert await auth.session_for(signed.cookie, NOW) is None
    with pytest.raises(RuleError):
        await auth.sign_in(pending, NOW)
    event = await AuditEvent.get(action="staff.deactivate")
    assert (event.actor, event.subject) == ("cli", "staff:S1")
    assert event.detail == {
        "links": 1, "sessions": 1, "sign_in_links": 1, "invites": 1, "calendar_feeds": 1
    }  # fmt: skip
    # The calendar address stays stopped if they come back.
    assert await CalendarFeed.filter(staff_id=world.contact.id, revoked_at=None).count() == 0


async def test_every_way_in_refuses_an_inactive_staff_member(db: str) -> None:
    """Even when only the flag is off (links and sessions left in place)."""
    world = await build_world()
    await people.add_staff("AOK", "K1", "Kim Koordinator", StaffRole.COORDINATOR, actor="test")
    coordinator = await people.staff_by_code("K1")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    signed = await auth.sign_in(token_of(await auth.issue_login_link(world.contact, NOW)), NOW)
    pending = token_of(await auth.issue_login_link(world.contact, NOW))
    await people.Staff.filter(code__in=["S1", "K1"]).update(active=False)
    await world.contact.refresh_from_db()

    assert await links.links_of(LISE) == []  # the bot's staff link (load_viewer)
    assert await auth.session_for(signed.cookie, NOW) is None  # web sessions, bearer tokens
    with pytest.raises(RuleError):
        await auth.sign_in(pending, NOW)  # a sign-in link made before
    with pytest.raises(RuleError, match="ikke aktiv"):
        await auth.issue_login_link(world.contact, NOW)  # /login in the bot
    with pytest.raises(RuleError, match="Ingen aktiv koordinator"):
        await auth.admin_link(NOW, coordinator.code)  # frammote admin-link --staff
    with pytest.raises(RuleError, match="ingen koordinator"):
        await auth.admin_link(NOW)


async def test_reactivating_lets_them_sign_in_again_but_old_links_stay_ended(db: str) -> None:
    world = await build_world()
    lise = await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await staffing.deactivate_staff("S1", actor="cli", now=NOW)
    with pytest.raises(RuleError, match="allerede deaktivert"):
        await staffing.deactivate_staff("S1", actor="cli", now=NOW)

    staff = await staffing.reactivate_staff("S1", actor="cli", now=NOW)

    assert staff.active
    assert (await TelegramLink.get(id=lise.id)).revoked_at == NOW
    signed = await auth.sign_in(token_of(await auth.issue_login_link(world.contact, NOW)), NOW)
    assert signed.staff.code == "S1"
    with pytest.raises(RuleError, match="allerede aktiv"):
        await staffing.reactivate_staff("S1", actor="cli", now=NOW)
    assert await AuditEvent.filter(action="staff.reactivate", subject="staff:S1").count() == 1


async def test_refusals_nobody_else_and_not_oneself(db: str) -> None:
    await build_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    vta = await people.unit_by_code("VTA")
    with pytest.raises(RuleError, match="Ingen ansatt har id-en S1"):
        await staffing.deactivate_staff("S1", actor="staff:B1", now=NOW, unit_id=vta.id)
    with pytest.raises(RuleError, match="deg selv"):
        await staffing.deactivate_staff("S2", actor="staff:S2", now=NOW)
    with pytest.raises(RuleError, match="Ingen ansatt har id-en NOPE"):
        await staffing.reactivate_staff("NOPE", actor="cli", now=NOW)
    assert (
        await AuditEvent.filter(action__startswith="staff.").exclude(action="staff.create").count()
        == 0
    )
    assert (await people.staff_by_code("S1")).active


async def test_a_new_contact_person_ends_the_need(db: str) -> None:
    await build_world()
    await staffing.deactivate_staff("S1", actor="cli", now=NOW)
    unit = await people.unit_by_code("AOK")
    with pytest.raises(RuleError, match="deaktivert og kan ikke være kontaktperson"):
        await staffing.set_contact("P1", "S1", actor="staff:S2")
    with pytest.raises(RuleError, match="Ingen ansatt ved enheten har id-en B1"):
        await staffing.set_contact("P1", "B1", actor="staff:S2")

    await staffing.set_contact("P1", "S2", actor="staff:S2", unit_id=unit.id)

    waiting = await staffing.participants_needing_contact(unit.id)
    assert [p.code for p in waiting] == ["P2"]
    event = await AuditEvent.get(action="participant.contact")
    assert (event.subject, event.detail) == ("participant:P1", {"old": "S1", "new": "S2"})


async def test_absence_notices_for_a_deactivated_contact_go_to_the_leader(db: str) -> None:
    world = await build_world()
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await link("S2", LinkRole.STAFF, PER, "Per Leder")
    await people.Staff.filter(code="S1").update(active=False)  # the flag alone is enough

    sick = AbsenceCategory.SICK
    await report_absence(
        world.kari, [D("2026-04-08")], sick, reporter=None, now=NOW, reporter_name="Mor"
    )

    told = await OutboxMessage.filter(template="absence_reported").values_list("chat_id", flat=True)
    assert told == [PER]


async def test_reminders_for_a_deactivated_contact_go_to_the_leader_until_one_is_set(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P9", D("1980-01-01"), next_evaluation=D("2026-09-15"))
    day = "2026-09-01"  # the evaluation's reminder, two weeks ahead

    def evaluation(result: reminders.PassResult) -> list[int | None]:
        return [d.recipient.chat_id for d in result.deliveries if d.reminder.kind == "evaluation"]

    assert evaluation(await reminders.preview(D(day), at(day), email=False)) == [LISE]
    await staffing.deactivate_staff("S1", actor="cli", now=at(day) - timedelta(days=1))
    assert evaluation(await reminders.preview(D(day), at(day), email=False)) == [PER]
    await staffing.set_contact("P9", "S3", actor="cli")
    assert evaluation(await reminders.preview(D(day), at(day), email=False)) == [1005]
