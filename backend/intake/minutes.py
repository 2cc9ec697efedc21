"""The NAV cooperation meeting's minutes (seed 004 items 9–10).

The minutes of a NAV meeting (the text, who took part, the next meeting's date) are
stored on the meeting; "Tidspunkt for neste møte fastsettes i møtet": the next date
sets that meeting (its reminders follow), under the meetings' own rule (second half
of April or October). "Kopi av møtereferat sendes virksomhetsleder i NAV og
Kvalifisering": the unit's leaders (else, with none, its coordinators) are sent the
minutes through the outbox, on each Telegram chat they linked, else by e-mail with
the minutes as a PDF; NAV's leader by e-mail to the unit's `nav_leader_email`, with
the PDF. Saving the same minutes again sends nothing twice; changed minutes go again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.transactions import in_transaction

from backend.calendar import meetings
from backend.intake.documents import PDF_MIME, MinutesDoc, render_minutes
from backend.intake.rules import MAX_TEXT, check_next_meeting, clean_text
from backend.intake.texts import MINUTES_MAIL_TEMPLATE, MINUTES_TEMPLATE
from backend.models import (
    LinkRole,
    Meeting,
    MeetingKind,
    MeetingMinutes,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.outbox import queue as outbox
from backend.outbox import smtp as mail
from backend.shared import audit
from backend.shared.errors import N_, Msgid, RuleError

log = logging.getLogger(__name__)
MAX_MINUTES = 20000


@dataclass(frozen=True)
class MinutesForm:
    text: str
    present: str
    next_meeting: date | None = None


@dataclass(frozen=True)
class MinutesSent:
    minutes: MeetingMinutes
    told: tuple[str, ...]  # leaders reached, by name
    not_told: tuple[str, ...]  # leaders with no chat and no e-mail address
    nav_leader: bool  # NAV's leader was sent the minutes by e-mail
    changed: bool  # False: the same minutes were saved before, nothing sent again


async def nav_meeting(unit: Unit, meeting_id: int) -> Meeting:
    meeting = await Meeting.get_or_none(id=meeting_id, unit_id=unit.id, kind=MeetingKind.NAV)
    if meeting is None:
        raise RuleError(N_("Fant ikke det møtet"))
    return meeting


async def minutes_of(meeting: Meeting) -> MeetingMinutes | None:
    return await MeetingMinutes.get_or_none(meeting_id=meeting.id)


async def _leaders(unit_id: int) -> list[Staff]:
    for role in (StaffRole.LEADER, StaffRole.COORDINATOR):
        found = await Staff.filter(unit_id=unit_id, role=role, active=True).order_by("code")
        if found:
            return list(found)
    return []


def minutes_doc(unit: Unit, meeting: Meeting, minutes: MeetingMinutes, today: date) -> MinutesDoc:
    return MinutesDoc(
        unit.name, meeting.day, minutes.present, minutes.text, minutes.next_meeting, today
    )


async def record_minutes(
    unit: Unit, meeting_id: int, form: MinutesForm, *, actor: str, sender: str, now: datetime
) -> MinutesSent:
    """Store the minutes, set the next meeting, and send the minutes to both leaders."""
    today = now.date()
    text = clean_text(form.text, Msgid(N_("Referat")), required=True, max_length=MAX_MINUTES)
    present = clean_text(form.present, Msgid(N_("Til stede")), required=True, max_length=MAX_TEXT)
    async with in_transaction():
        meeting = await nav_meeting(unit, meeting_id)
        if meeting.day > today:
            raise RuleError(
                N_("Referatet skrives når møtet er holdt: {day}"), day=meeting.day.isoformat()
            )
        check_next_meeting(meeting.day, form.next_meeting)
        if form.next_meeting is not None and not await Meeting.exists(
            unit_id=unit.id, kind=MeetingKind.NAV, day=form.next_meeting
        ):
            await meetings.set_meeting(
                unit, MeetingKind.NAV, form.next_meeting, note=None, actor=actor, today=today
            )
        minutes = await minutes_of(meeting)
        before = (minutes.text, minutes.present, minutes.next_meeting) if minutes else None
        if minutes is None:
            minutes = await MeetingMinutes.create(
                meeting=meeting,
                text=text,
                present=present,
                next_meeting=form.next_meeting,
                recorded_by=actor[:80],
            )
        else:
            minutes.text, minutes.present = text, present
            minutes.next_meeting = form.next_meeting
            minutes.recorded_by = actor[:80]
            await minutes.save()
        changed = before != (text, present, form.next_meeting)
        told: tuple[str, ...] = ()
        not_told: tuple[str, ...] = ()
        nav_leader = False
        if changed:
            told, not_told, nav_leader = await _send(unit, meeting, minutes, sender, now)
            await audit.record(
                actor,
                "minutes.record",
                f"unit:{unit.code}",
                day=meeting.day.isoformat(),
                next_meeting=form.next_meeting.isoformat() if form.next_meeting else None,
                told=list(told),
                nav_leader=nav_leader,
            )
    return MinutesSent(minutes, told, not_told, nav_leader, changed)


async def _send(
    unit: Unit, meeting: Meeting, minutes: MeetingMinutes, sender: str, now: datetime
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    # The minutes' words may name people and their situation: they travel in the PDF by
    # e-mail and stay on the web page; a chat is only told they are written.
    params = {
        "unit": unit.name,
        "day": meeting.day.isoformat(),
        "present": minutes.present,
        "next_meeting": minutes.next_meeting.isoformat() if minutes.next_meeting else None,
        "sender": sender,
    }
    digest = hashlib.sha256(
        f"{minutes.text}\n{minutes.present}\n{params['next_meeting']}".encode()
    ).hexdigest()[:16]
    key = f"{MINUTES_TEMPLATE}:{meeting.id}:{digest}"
    doc = minutes_doc(unit, meeting, minutes, now.date())
    attachment = mail.Attachment(doc.filename(), render_minutes(doc), PDF_MIME)
    told: list[str] = []
    not_told: list[str] = []
    staff = await _leaders(unit.id)
    chats = await TelegramLink.filter(
        staff_id__in=[s.id for s in staff], role=LinkRole.STAFF, revoked_at=None, blocked_at=None
    ).order_by("id")
    for person in staff:
        own = [c for c in chats if c.staff_id == person.id]
        for chat in own:
            await outbox.enqueue(
                f"{key}:tg:{chat.chat_id}",
                MINUTES_TEMPLATE,
                params,
                due_at=now,
                chat_id=chat.chat_id,
                language=chat.language or "nb",
            )
        reached = bool(own)
        if not reached and person.email:
            try:
                await mail.enqueue_email(
                    f"{key}:mail:{person.code}",
                    MINUTES_MAIL_TEMPLATE,
                    params,
                    to=person.email,
                    due_at=now,
                    attachments=[attachment],
                )
                reached = True
            except RuleError:
                log.warning("staff %s: the e-mail address is not valid", person.code)
        (told if reached else not_told).append(person.name)
    nav_leader = False
    if unit.nav_leader_email:
        await mail.enqueue_email(
            f"{key}:nav-leader",
            MINUTES_MAIL_TEMPLATE,
            params,
            to=unit.nav_leader_email,
            due_at=now,
            attachments=[attachment],
        )
        nav_leader = True
    return tuple(told), tuple(not_told), nav_leader


async def minutes_pdf(unit: Unit, meeting_id: int) -> tuple[str, bytes]:
    meeting = await nav_meeting(unit, meeting_id)
    minutes = await minutes_of(meeting)
    if minutes is None:
        raise RuleError(N_("Det er ikke skrevet noe referat fra det møtet ennå"))
    doc = minutes_doc(unit, meeting, minutes, minutes.updated_at.date())
    return doc.filename(), render_minutes(doc)
