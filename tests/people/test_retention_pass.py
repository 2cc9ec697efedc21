"""The nightly retention pass on a database: each kind goes on its day, not a day early."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from backend.links.invites import create_invite
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    CalendarFeed,
    ChatState,
    CheckIn,
    CodeAttempt,
    Invite,
    LinkRole,
    LoginToken,
    OutboxMessage,
    OutboxStatus,
    Participant,
    ParticipantMessage,
    SignInAttempt,
    Tablet,
    TabletPairing,
    TelegramLink,
    WebSession,
)
from backend.people import messages as participant_messages
from backend.people import registry as people
from backend.people import retention
from backend.scheduler import Jobs
from backend.shared.clock import utc
from backend.shared.config import load_settings
from backend.shared.retention import Periods
from tests.support.telegram import OSLO
from tests.support.world import NOW, World, build_world, link

D = date.fromisoformat
# The pass runs at 06:00. Cutoffs with the default periods on 7 April 2026: notes
# 2026-01-07, categories 2025-04-07, attendance 2021-01-01, audit 2024-04-07 and chat
# state 2026-03-08 (each at 06:00 where the thing has a time).
PASS_AT = datetime(2026, 4, 7, 6, 0, tzinfo=OSLO)


def oslo(text: str) -> datetime:
    """A local time; an `update()` needs it made UTC first (Tortoise converts on create only)."""
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


async def absence(world: World, day: str, note: str | None) -> Absence:
    return await Absence.create(
        participant=world.kari, day=D(day), category=AbsenceCategory.SICK, note=note,
        reporter_name="Kari Nordmann", channel="telegram",
    )  # fmt: skip


async def attended(participant: Participant, day: str, remark: str | None = None) -> AttendanceDay:
    return await AttendanceDay.create(
        participant=participant, day=D(day), status=AttendanceStatus.PRESENT,
        hours=Decimal("5.00"), confirmed_by_name="Lise Kontakt", confirmed_at=oslo(f"{day}T15:00"),
        remark=remark,
    )  # fmt: skip


async def outbox(key: str, status: OutboxStatus, due: str) -> OutboxMessage:
    return await OutboxMessage.create(
        key=key, template="absence.staff", params={"participant": "Kari Nordmann"},
        chat_id=900, status=status, due_at=oslo(due),
    )  # fmt: skip


async def invite(world: World, **dates: datetime) -> Invite:
    issued = await create_invite("P1", LinkRole.RELATIVE, actor="test", now=NOW)
    await Invite.filter(id=issued.invite.id).update(**{k: utc(v) for k, v in dates.items()})
    return issued.invite


async def event(at: str) -> AuditEvent:
    made = await AuditEvent.create(actor="staff:S1", action="absence.note.view", subject="x")
    await AuditEvent.filter(id=made.id).update(at=utc(oslo(at)))
    return made


async def test_each_kind_is_deleted_on_its_day_and_counted(db: str) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, 501, "Kari")
    await link("P2", LinkRole.PARTICIPANT, 502, "Ola")
    await link("P2", LinkRole.RELATIVE, 503, "Mor til Ola")
    await Participant.filter(code="P2").update(active=False, ended_on=D("2026-03-31"))
    old = await people.add_participant(
        people.NewParticipant("AOK", "P3", "Per Gammel", D("1970-01-01"), frozenset({1, 3}),
                              time(9), time(14), "S1"),
        actor="test", today=NOW.date(),
    )  # fmt: skip
    await link("P3", LinkRole.PARTICIPANT, 504, "Per")
    await attended(old, "2020-06-01")
    await Participant.filter(code="P3").update(active=False, ended_on=D("2020-12-31"))

    noted = await absence(world, "2026-01-06", "gammel merknad")
    border = await absence(world, "2026-01-07", "på grensen")
    too_old = await absence(world, "2025-04-06", "enda eldre")
    kept_report = await absence(world, "2025-04-07", None)
    gone_message = await participant_messages.keep(
        world.kari, now=oslo("2026-01-07T05:59"), text="a"
    )
    kept_message = await participant_messages.keep(
        world.kari, now=oslo("2026-01-07T06:00"), text="b"
    )
    sent = await outbox("k1", OutboxStatus.SENT, "2025-04-07T05:00")
    pending = await outbox("k2", OutboxStatus.PENDING, "2025-01-01T05:00")
    failed = await outbox("k3", OutboxStatus.FAILED, "2025-04-08T05:00")
    old_day = await attended(world.kari, "2020-12-31")
    kept_day = await attended(world.kari, "2021-01-04")
    remarked = await attended(world.kari, "2026-01-06", remark="Syk, gikk hjem")
    fresh_remark = await attended(world.kari, "2026-01-07", remark="Kom sent")
    old_event = await event("2024-04-07T05:59")
    kept_event = await event("2024-04-07T06:00")
    await ChatState.create(chat_id=1, step="note", data={}, updated_at=oslo("2026-03-08T05:59"))
    await ChatState.create(chat_id=2, step="note", data={}, updated_at=oslo("2026-03-08T06:01"))
    used = await invite(world, used_at=oslo("2026-03-01T10:00"))
    expired = await invite(world, expires_at=oslo("2026-03-07T10:00"))
    revoked = await invite(world, revoked_at=oslo("2026-03-09T10:00"))
    open_invite = await invite(world)
    await LoginToken.create(token_hash="a" * 64, staff=world.contact, expires_at=oslo("2026-03-01T10:00"))  # fmt: skip
    await WebSession.create(session_hash="b" * 64, staff=world.contact, csrf_token="c",
                            expires_at=oslo("2026-03-01T10:00"))  # fmt: skip
    await WebSession.create(session_hash="d" * 64, staff=world.contact, csrf_token="c",
                            expires_at=oslo("2026-05-01T10:00"), revoked_at=oslo("2026-04-01T10:00"))  # fmt: skip
    await CodeAttempt.create(chat_id=7, at=oslo("2026-03-01T10:00"))
    await SignInAttempt.create(remote="10.0.0.1", at=oslo("2026-03-08T05:00"))
    await SignInAttempt.create(remote="10.0.0.1", at=oslo("2026-04-01T05:00"))
    stopped = await CalendarFeed.create(token_hash="e" * 64, participant=world.kari,
                                        revoked_at=oslo("2026-03-08T05:59"))  # fmt: skip
    lately = await CalendarFeed.create(token_hash="f" * 64, participant=world.kari,
                                       revoked_at=oslo("2026-03-08T06:01"))  # fmt: skip
    in_use = await CalendarFeed.create(token_hash="0" * 64, staff=world.contact)
    # The tablet: taps of 7 March go (30 days), of 9 March stay; a used and an expired
    # pairing code go, an open one stays; a tablet unpaired on 1 March goes.
    gone_tablet = await Tablet.create(unit=world.unit, name="Gammel", token_hash="e" * 64,
                                      paired_at=oslo("2026-01-05T09:00"), paired_by="staff:S2",
                                      unpaired_at=oslo("2026-03-01T10:00"))  # fmt: skip
    tablet = await Tablet.create(unit=world.unit, name="Inngangen", token_hash="f" * 64,
                                 paired_at=oslo("2026-01-05T09:00"), paired_by="staff:S2")  # fmt: skip
    old_tap = await CheckIn.create(participant=world.kari, day=date(2026, 3, 6),
                                   in_at=oslo("2026-03-06T09:00"), in_key="a", tablet=gone_tablet)  # fmt: skip
    kept_tap = await CheckIn.create(participant=world.kari, day=date(2026, 3, 9),
                                    in_at=oslo("2026-03-09T09:00"), in_key="b", tablet=tablet)  # fmt: skip
    for code_made, code_used in (("2026-03-01T10:00", "2026-03-01T10:05"), ("2026-03-02T10:00", None),
                       ("2026-04-07T05:55", None)):  # fmt: skip
        await TabletPairing.create(
            unit=world.unit, name="x", code_hash=code_made, made_by="staff:S2",
            expires_at=oslo(code_made) + timedelta(minutes=10), used_at=oslo(code_used) if code_used else None,
        )  # fmt: skip

    report = await retention.run(PASS_AT, Periods())

    assert report.counts() == {
        "absence_notes": 2,  # the one from 6 January, and the one whose report goes too
        "attendance_remarks": 1,
        "participant_messages": 1,
        "absence_reports": 1,
        "sent_messages": 1,
        "attendance_days": 2,  # Kari's last day of 2020, and P3's
        "ended_participants": 1,  # P3: ended in 2020, so its five years are up
        "ended_pupils": 0,
        "ended_candidates": 0,
        "telegram_links": 3,  # Ola's own and his mother's (ended 31 March), and P3's
        "audit_events": 1,
        "chat_states": 1,
        "dead_invites": 5,  # the three redeemed by Ola, his mother and P3; used; expired
        "sign_ins": 2,
        "refused_attempts": 2,
        "stopped_feeds": 1,  # stopped before 8 March 06:00; not the later one, nor one in use
        "check_ins": 1,
        "tablet_pairings": 3,  # two codes and the unpaired tablet
    }
    assert not await CheckIn.exists(id=old_tap.id) and await CheckIn.exists(id=kept_tap.id)
    assert await Tablet.filter().values_list("name", flat=True) == ["Inngangen"]
    assert await TabletPairing.all().count() == 1
    assert (await Absence.get(id=noted.id)).note is None
    assert (await Absence.get(id=border.id)).note == "på grensen"
    assert not await Absence.exists(id=too_old.id)
    assert await Absence.exists(id=kept_report.id)
    assert not await ParticipantMessage.exists(id=gone_message.id)
    assert await ParticipantMessage.exists(id=kept_message.id)
    assert not await OutboxMessage.exists(id=sent.id)
    assert await OutboxMessage.exists(id=pending.id) and await OutboxMessage.exists(id=failed.id)
    assert not await AttendanceDay.exists(id=old_day.id)
    assert await AttendanceDay.exists(id=kept_day.id)
    assert (await AttendanceDay.get(id=remarked.id)).remark is None
    assert (await AttendanceDay.get(id=fresh_remark.id)).remark == "Kom sent"
    assert not await AuditEvent.exists(id=old_event.id)
    assert await AuditEvent.exists(id=kept_event.id)
    assert await ChatState.filter().values_list("chat_id", flat=True) == [2]
    assert not await Invite.exists(id=used.id) and not await Invite.exists(id=expired.id)
    assert await Invite.exists(id=revoked.id) and await Invite.exists(id=open_invite.id)
    assert not await Participant.exists(code="P3")
    ola = await Participant.get(code="P2")
    assert ola.name == "Ola Hansen"  # the record stays until its years are up
    assert await TelegramLink.filter(participant_id=ola.id).count() == 0
    assert await TelegramLink.filter(participant_id=world.kari.id).count() == 1
    assert await SignInAttempt.all().count() == 1
    assert not await CalendarFeed.exists(id=stopped.id)
    assert await CalendarFeed.exists(id=lately.id) and await CalendarFeed.exists(id=in_use.id)

    recorded = await AuditEvent.get(action="retention.run")
    assert recorded.actor == "system"
    assert recorded.detail == {"day": "2026-04-07", "deleted": report.counts()}

    again = await retention.run(PASS_AT, Periods())
    assert again.total == 0


async def test_the_daily_job_runs_the_pass_with_the_configured_periods(db: str) -> None:
    world = await build_world()
    week_old = await participant_messages.keep(world.kari, now=oslo("2026-03-30T10:00"), text="a")
    today = await participant_messages.keep(world.kari, now=oslo("2026-04-07T05:00"), text="b")
    settings = load_settings(
        env={"DATABASE_URL": db, "RETENTION_ABSENCE_NOTES": "7d"}, env_file=None
    )
    await Jobs(settings).daily(PASS_AT)
    assert not await ParticipantMessage.exists(id=week_old.id)
    assert await ParticipantMessage.exists(id=today.id)
    done = await AuditEvent.get(action="retention.run")
    assert done.detail["deleted"]["participant_messages"] == 1
