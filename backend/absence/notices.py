"""What staff hear of between rosters: absence notices with "OK, seen", the morning
digest that can replace them, and the gentle question to a relative.

Absence notices are written by backend.absence.report to the outbox (template
`absence_reported`, one row per staff chat). Here:

- `notice_buttons`: the "OK, seen" button a notice carries (`sas:<outbox row id>`); the
  row names the participant and the days, so the button carries nothing else;
- `mark_seen`: records `Absence.seen_at` / `seen_by_name` for the notices of rows sent to
  the tapping chat only, and only for the staff member's own unit;
- `hold_for_digest`: with `Unit.absence_digest` on, the sender puts a notice back in the
  outbox under the window `digest:<unit code>` (never open, so no sender claims it)
  instead of sending it; the morning roster takes them (`take_digest`) and sends them as
  one message. A report about today that arrives after the roster time is not held: the
  day's digest has gone, and the notice matters now;
- `ask_relatives`: "Is Kari well? We missed Kari today." to the participant's relatives
  who have consent, once per participant and day, never at night.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from backend.models import (
    Absence,
    AttendanceDay,
    AttendanceStatus,
    LinkRole,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Staff,
    TelegramLink,
    Unit,
)
from backend.nav_lists.lists import participant_for_staff
from backend.outbox import queue as outbox
from backend.outbox.windows import PARTICIPANT as PARTICIPANT_WINDOW
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError

log = logging.getLogger(__name__)

ABSENCE_TEMPLATE = "absence_reported"
WELLBEING_TEMPLATE = "wellbeing_check"
DIGEST_PREFIX = "digest:"
SEEN_LABEL = N_("👍 OK, sett")
# Several notices waiting for one chat go as one message (bot.delivery), titled as the
# morning digest is, with one "OK, seen" for all of them.
NOTICES_TITLE = N_("📬 Fravær meldt siden sist ({count}):")


def button_param(label: str, data: str) -> list[str]:
    """One button in outbox params: [gettext msgid, callback data], rendered at send time."""
    assert len(data.encode()) <= 64, data
    return [label, data]


def notice_buttons(message: OutboxMessage) -> list[list[str]]:
    """Buttons a notice gets from its template (besides any in its params)."""
    if message.template == ABSENCE_TEMPLATE:
        return [button_param(SEEN_LABEL, f"sas:{message.id}")]
    return []


def notices_buttons(first_id: int, last_id: int) -> list[list[str]]:
    """The one "OK, seen" of several notices sent as one message: rows first..last, as the
    digest's button (`sdg:<first>:<last>`, bot.handlers.staff.absences)."""
    return [button_param(SEEN_LABEL, f"sdg:{first_id}:{last_id}")]


def participant_of(message: OutboxMessage) -> int | None:
    """The participant an absence notice is about (backend.absence.report writes it)."""
    given = message.params.get("participant_id")
    return given if isinstance(given, int) else None


# -- "OK, seen" -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    seen_by: str  # who saw it first (maybe another staff member, earlier)
    at: datetime  # when, UTC
    absences: int  # absences of the notices that are still in force


async def mark_seen(staff: Staff, chat_id: int, first_id: int, last_id: int, now: datetime) -> Seen:
    """ "OK, seen" on the notices with ids first..last that were sent to this chat."""
    if not staff.active or last_id < first_id:
        raise RuleError(N_("Fant ikke den meldingen"))
    rows = await OutboxMessage.filter(
        id__gte=first_id, id__lte=last_id, chat_id=chat_id, template=ABSENCE_TEMPLATE
    ).order_by("id")
    wanted = {m.id: participant_of(m) for m in rows}
    own = set(
        await Participant.filter(
            id__in=[p for p in wanted.values() if p is not None],
            unit_id=staff.unit_id,
        ).values_list("id", flat=True)
    )
    rows = [m for m in rows if wanted[m.id] in own]
    if not rows:
        raise RuleError(N_("Fant ikke den meldingen"))
    found: list[Absence] = []
    for message in rows:
        days = [date.fromisoformat(d) for d in message.params.get("days", [])]
        found += await Absence.filter(
            participant_id=wanted[message.id], day__in=days, withdrawn_at=None
        )
    fresh = [a.id for a in found if a.seen_at is None]
    if fresh:
        await Absence.filter(id__in=fresh, seen_at=None).update(
            seen_at=utc(now), seen_by_name=staff.name
        )
        await audit.record(
            f"staff:{staff.code}", "absence.seen", f"staff:{staff.code}", absences=fresh
        )
    earlier = [a for a in found if a.seen_at is not None and a.seen_by_name]
    if earlier:
        first = min(earlier, key=lambda a: a.seen_at)  # type: ignore[arg-type,return-value]
        return Seen(first.seen_by_name or staff.name, first.seen_at, len(found))  # type: ignore[arg-type]
    return Seen(staff.name, utc(now), len(found))


# -- the morning digest -----------------------------------------------------------------------


def digest_window(unit: Unit | str) -> str:
    return f"{DIGEST_PREFIX}{unit if isinstance(unit, str) else unit.code}"


async def hold_for_digest(messages: Sequence[OutboxMessage], now: datetime) -> list[OutboxMessage]:
    """Put back the absence notices whose chat belongs to a digest unit; returns the rest.

    Two queries when any notice is among `messages`, none otherwise.
    """
    notices = [m for m in messages if m.template == ABSENCE_TEMPLATE and m.chat_id is not None]
    if not notices:
        return list(messages)
    rows = await TelegramLink.filter(
        chat_id__in=[m.chat_id for m in notices],
        role=LinkRole.STAFF,
        revoked_at=None,
        staff__unit__absence_digest=True,
    ).values_list("chat_id", "staff__unit__code", "staff__unit__roster_time")
    digest = {chat: (code, roster_time) for chat, code, roster_time in rows}
    held: list[OutboxMessage] = []
    today, clock = now.date(), now.timetz().replace(tzinfo=None)
    for message in notices:
        found = digest.get(message.chat_id)  # type: ignore[arg-type]
        if found is None:
            continue
        code, roster_time = found
        today_after_roster = today.isoformat() in message.params.get("days", []) and (
            clock >= time.fromisoformat(roster_time)
        )
        if today_after_roster:
            continue
        await OutboxMessage.filter(id=message.id).update(
            status=OutboxStatus.PENDING,
            window=digest_window(code),
            claimed_at=None,
            attempts=max(message.attempts - 1, 0),
        )
        held.append(message)
    held_ids = {m.id for m in held}
    return [m for m in messages if m.id not in held_ids]


async def take_digest(unit: Unit, chat_id: int, now: datetime) -> list[OutboxMessage]:
    """Claim the held notices of a chat, oldest first (a conditional update per row)."""
    candidates = await OutboxMessage.filter(
        window=digest_window(unit), chat_id=chat_id, status=OutboxStatus.PENDING
    ).order_by("id")
    claimed = []
    for message in candidates:
        won = await OutboxMessage.filter(id=message.id, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.SENDING, claimed_at=utc(now)
        )
        if won:
            claimed.append(message)
    return claimed


async def digest_sent(messages: Sequence[OutboxMessage], now: datetime) -> None:
    await OutboxMessage.filter(id__in=[m.id for m in messages]).update(
        status=OutboxStatus.SENT, sent_at=utc(now)
    )


async def digest_failed(messages: Sequence[OutboxMessage]) -> None:
    """Back in the digest for the next try."""
    await OutboxMessage.filter(id__in=[m.id for m in messages]).update(
        status=OutboxStatus.PENDING, claimed_at=None
    )


# -- "is Kari well?" ----------------------------------------------------------------------------


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def wellbeing_params(participant: Participant, unit: Unit) -> dict[str, Any]:
    return {"participant": first_name(participant.name), "unit": unit.name, "phone": unit.phone}


async def relatives_of(participant_id: int) -> list[TelegramLink]:
    """Relatives who may be written to: consent given, not revoked, not blocked."""
    return await TelegramLink.filter(
        participant_id=participant_id,
        role=LinkRole.RELATIVE,
        revoked_at=None,
        blocked_at=None,
        consent_at__isnull=False,
    ).order_by("id")


async def ask_relatives(staff: Staff, participant_id: int, day: date, now: datetime) -> int:
    """Send the gentle question to the relatives, once per participant and day.

    Only for a day marked "not here, no notice"; returns how many relatives were newly
    asked (0 when they were asked already). RuleError when there is no one to ask.
    """
    participant = await participant_for_staff(staff, participant_id)
    record = await AttendanceDay.get_or_none(participant_id=participant.id, day=day)
    if record is None or record.status != AttendanceStatus.ABSENT_UNNOTIFIED:
        raise RuleError(N_("Spør bare når noen er borte uten å ha meldt fra"))
    relatives = await relatives_of(participant.id)
    if not relatives:
        raise RuleError(N_("{name} har ingen pårørende koblet til boten"), name=participant.name)
    unit = await Unit.get(id=participant.unit_id)
    written = 0
    for link in relatives:
        written += await outbox.enqueue(
            f"wellbeing:{unit.code}:{day.isoformat()}:{participant.id}:{link.chat_id}",
            WELLBEING_TEMPLATE,
            wellbeing_params(participant, unit),
            due_at=now,
            chat_id=link.chat_id,
            language=link.language or "nb",
            window=PARTICIPANT_WINDOW,  # never at night
        )
    if written:
        await audit.record(
            f"staff:{staff.code}",
            "relative.asked",
            f"participant:{participant.code}",
            day=day.isoformat(),
        )
    return written
