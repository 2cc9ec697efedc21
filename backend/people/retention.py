"""The nightly retention pass: delete what has been kept long enough, and say how much.

The periods and their cutoff dates are the pure rules of `backend.shared.retention`;
this reads nothing but dates and deletes in plain statements, each one safe to run
again (a pass broken off half way is finished by the next). Where each kind lives:

| kind | where |
|---|---|
| absence notes, staff's remarks on a day | `Absence.note`, `AttendanceDay.remark` (cleared, the rows stay) |
| participants' messages and voice notes | `ParticipantMessage` |
| absence reports with their category | `Absence` |
| sent and failed messages (they name people and absence reasons) | `OutboxMessage` |
| attendance days (hours, the pay figures) | `AttendanceDay` |
| an ended participant's record, decision and everything left of it | `Participant` (cascades) |
| Telegram links and invites of an ended participant | `TelegramLink`, `Invite` |
| a pupil who left the register, or whose consent was withdrawn | `Pupil` (`backend.pupils.retention`) |
| a candidate whose pathway ended, their stages and presentations | `Candidate` (`backend.pathway.retention`) |
| the audit log | `AuditEvent` |
| chat state, dead invites, sign-in links, web sessions, refused attempts | `ChatState`, `Invite`, `LoginToken`, `WebSession`, `CodeAttempt`, `SignInAttempt` |
| stopped calendar addresses (the audit log keeps who stopped them) | `CalendarFeed` |
| the tablet's taps (a confirmed day keeps its hours), used or expired pairing codes, unpaired tablets | `CheckIn`, `TabletPairing`, `Tablet` |

Each run writes one `retention.run` audit event with the counts (no names).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime

from tortoise.expressions import Q

from backend.models import (
    Absence,
    AttendanceDay,
    AuditEvent,
    CalendarFeed,
    ChatState,
    CheckIn,
    CodeAttempt,
    Invite,
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
from backend.pathway import retention as candidate_retention
from backend.pupils import retention as pupils
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.retention import Cutoffs, Periods, cutoffs, link_ends

log = logging.getLogger(__name__)
ACTOR = "system"


@dataclass(frozen=True)
class RetentionReport:
    """How many of each one pass deleted (absence notes: cleared, the reports stay)."""

    absence_notes: int = 0
    attendance_remarks: int = 0
    participant_messages: int = 0
    absence_reports: int = 0
    sent_messages: int = 0
    attendance_days: int = 0
    ended_participants: int = 0
    ended_pupils: int = 0
    ended_candidates: int = 0
    telegram_links: int = 0
    audit_events: int = 0
    chat_states: int = 0
    dead_invites: int = 0
    sign_ins: int = 0
    refused_attempts: int = 0
    stopped_feeds: int = 0
    check_ins: int = 0
    tablet_pairings: int = 0

    def counts(self) -> dict[str, int]:
        return asdict(self)

    @property
    def total(self) -> int:
        return sum(self.counts().values())


def _instant(day: date, now: datetime) -> datetime:
    """The cutoff day at `now`'s time of day, in UTC: "three months ago, this hour"."""
    return utc(datetime.combine(day, now.timetz()))


async def run(now: datetime, periods: Periods) -> RetentionReport:
    """Delete what `periods` no longer keeps, as of `now` (aware, the service's zone)."""
    today = now.date()
    cut = cutoffs(today, periods)
    counts: dict[str, int] = {}
    for part in (
        await _private_text(cut, now),
        await _reports(cut, now),
        await _ended_participants(cut, today),
        await _short_lived(cut, now),
        {"ended_pupils": await pupils.delete_kept_long_enough(cut.pupils)},
        {"ended_candidates": await candidate_retention.delete_ended(cut.candidates)},
        {"audit_events": await AuditEvent.filter(at__lt=_instant(cut.audit_log, now)).delete()},
    ):
        for name, count in part.items():
            counts[name] = counts.get(name, 0) + count
    report = RetentionReport(**counts)
    log.info(
        "retention pass %s: %s",
        today.isoformat(),
        " ".join(f"{name}={count}" for name, count in report.counts().items()),
    )
    await audit.record(
        ACTOR, "retention.run", "all", day=today.isoformat(), deleted=report.counts()
    )
    return report


async def _private_text(cut: Cutoffs, now: datetime) -> dict[str, int]:
    """Free text: absence notes and staff's remarks on a day (by the day), and participants'
    messages (by when they came)."""
    notes = await Absence.filter(day__lt=cut.notes, note__isnull=False).update(note=None)
    remarks = await AttendanceDay.filter(day__lt=cut.notes, remark__isnull=False).update(
        remark=None
    )
    messages = await ParticipantMessage.filter(created_at__lt=_instant(cut.notes, now)).delete()
    return {"absence_notes": notes, "attendance_remarks": remarks, "participant_messages": messages}


async def _reports(cut: Cutoffs, now: datetime) -> dict[str, int]:
    """Absence reports (the category), finished outbox rows, and old attendance days."""
    finished = (OutboxStatus.SENT, OutboxStatus.FAILED)
    return {
        "absence_reports": await Absence.filter(day__lt=cut.categories).delete(),
        "sent_messages": await OutboxMessage.filter(
            status__in=finished, due_at__lt=_instant(cut.categories, now)
        ).delete(),
        "attendance_days": await AttendanceDay.filter(day__lt=cut.attendance).delete(),
    }


async def _ended_participants(cut: Cutoffs, today: date) -> dict[str, int]:
    """Links and invites go when the service ends; the whole record when its years are up."""
    candidates = await Participant.filter(active=False).values_list("id", "active", "ended_on")
    ended = [pid for pid, active, ended_on in candidates if link_ends(active, ended_on, today)]
    links = await TelegramLink.filter(participant_id__in=ended).delete() if ended else 0
    invites = await Invite.filter(participant_id__in=ended).delete() if ended else 0
    gone = await Participant.filter(active=False, ended_on__lt=cut.ended).delete()
    return {"telegram_links": links, "dead_invites": invites, "ended_participants": gone}


async def _short_lived(cut: Cutoffs, now: datetime) -> dict[str, int]:
    """Chat state, dead invites, sign-in links and sessions, refused attempts, stopped
    calendar addresses, and the tablet's taps, dead pairing codes and unpaired tablets."""
    before = _instant(cut.chat_state, now)
    dead = Q(used_at__lt=before) | Q(revoked_at__lt=before) | Q(expires_at__lt=before)
    sessions = Q(expires_at__lt=before) | Q(revoked_at__lt=before)
    return {
        "chat_states": await ChatState.filter(updated_at__lt=before).delete(),
        "dead_invites": await Invite.filter(dead).delete(),
        "sign_ins": await LoginToken.filter(expires_at__lt=before).delete()
        + await WebSession.filter(sessions).delete(),
        "refused_attempts": await CodeAttempt.filter(at__lt=before).delete()
        + await SignInAttempt.filter(at__lt=before).delete(),
        "stopped_feeds": await CalendarFeed.filter(revoked_at__lt=before).delete(),
        "check_ins": await CheckIn.filter(day__lt=cut.chat_state).delete(),
        "tablet_pairings": await TabletPairing.filter(
            Q(used_at__lt=before) | Q(expires_at__lt=before)
        ).delete()
        + await Tablet.filter(unpaired_at__lt=before).delete(),
    }
