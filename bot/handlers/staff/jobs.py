"""The staff's timed work, one job every minute on the leader (see backend.scheduler):

1. the morning roster, once per staff chat and day (claimed in the database first),
   followed by the digest of absence notices held for it (units with a digest);
2. the 14-day attendance lists: written to the outbox once a day, then sent as PDF
   and CSV documents to the contact person's chats;
3. at closing time, the reminder of an unconfirmed day (written to the outbox once;
   the outbox tick sends it).

Each part is guarded on its own: a failure in one is logged and the others still run.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from apscheduler.schedulers.base import BaseScheduler
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from backend.absence import notices as staff_notices
from backend.attendance import roster as roster_service
from backend.attendance.roster import RosterView
from backend.links import links as link_service
from backend.models import RosterMessage, TelegramLink, Unit
from backend.nav_lists import deliveries as list_deliveries
from backend.nav_lists.lists import period_words
from backend.outbox import queue as outbox
from backend.shared.config import Settings
from backend.shared.i18n import gettext_for
from bot.delivery import PACER, Pacer
from bot.handlers.staff.absences import send_digest
from bot.handlers.staff.lists import send_documents
from bot.handlers.staff.roster import send_roster
from bot.retry import retry_delay

log = logging.getLogger(__name__)

EVERY_SECONDS = 60
JOB_ID = "staff_minute"


@dataclass
class StaffJobs:
    bot: Bot
    settings: Settings
    pacer: Pacer = field(default_factory=lambda: PACER)

    def now(self) -> datetime:
        return datetime.now(self.settings.tz)

    async def minute(self, now: datetime | None = None) -> None:
        now = now or self.now()
        for part in (self.rosters, self.lists, self.day_end):
            try:
                await part(now)
            except Exception:  # one part's trouble must not stop the others
                log.exception("staff job %s failed", part.__name__)

    async def rosters(self, now: datetime) -> int:
        """Send the due morning rosters (and digests); returns how many rosters went out.

        Each unit's chats are claimed first, then served at once, each chat at its own
        pace: a chat waiting a second between its roster and its digest holds back no
        other chat."""
        sent = 0
        for due in await roster_service.due_rosters(now):
            claimed = []
            for link in due.links:
                row = await roster_service.claim(due.unit, link.chat_id, now.date(), now)
                if row is not None:  # else another process has it
                    claimed.append((link, row))
            if not claimed:
                continue
            view = await roster_service.roster_view(due.unit, now.date(), now.tzinfo or UTC)
            done = await asyncio.gather(
                *(self._roster(due.unit, view, link, row, now) for link, row in claimed)
            )
            sent += sum(done)
        return sent

    async def _roster(
        self, unit: Unit, view: RosterView, link: TelegramLink, row: RosterMessage, now: datetime
    ) -> int:
        language = link.language or "nb"
        try:
            await self.pacer.wait(link.chat_id)
            message = await send_roster(self.bot, view, link.chat_id, language)
        except (Forbidden, BadRequest) as error:
            log.warning("roster to chat %s refused: %s", link.chat_id, error)
            await roster_service.sent(row, None, now)
            if isinstance(error, Forbidden) or "chat not found" in str(error).lower():
                await link_service.mark_blocked(link.chat_id, now)
            return 0
        await roster_service.sent(row, message.message_id, now)
        await self.digest(unit, link.chat_id, language, now)
        return 1

    async def digest(self, unit: Unit, chat_id: int, language: str, now: datetime) -> None:
        rows = await staff_notices.take_digest(unit, chat_id, now)
        if not rows:
            return
        try:
            await self.pacer.wait(chat_id)
            await send_digest(self.bot, chat_id, rows, language)
        except TelegramError as error:
            log.warning("digest to chat %s failed: %s", chat_id, error)
            await staff_notices.digest_failed(rows)
            return
        await staff_notices.digest_sent(rows, now)

    async def lists(self, now: datetime) -> int:
        """Write the day's due lists once, then send whatever is claimed; returns sends."""
        await list_deliveries.write_due(now)
        sent = 0
        for message in await list_deliveries.claim(now):
            assert message.chat_id is not None
            found = await list_deliveries.list_for(message, now.date())
            if found is None:
                await outbox.mark_failed(message, "no longer staff of the unit", retry_at=None)
                continue
            number = message.params.get("number")
            title = None
            if number:
                _ = gettext_for(message.language)
                title = _("Frammøteliste nr. {number} for {name}, {period}").format(
                    number=number, name=found.participant.name, period=period_words(found)
                )
            try:
                await self.pacer.wait(message.chat_id)
                await send_documents(self.bot, message.chat_id, found, message.language, title)
            except RetryAfter as error:  # after the wait Telegram asks for
                await outbox.mark_failed(message, str(error), retry_at=now + retry_delay(error))
            except (Forbidden, BadRequest) as error:
                await outbox.mark_failed(message, str(error), retry_at=None)
            except NetworkError as error:
                await outbox.mark_failed(message, str(error), retry_at=now)
            else:
                await outbox.mark_sent(message, now)
                sent += 1
        return sent

    async def day_end(self, now: datetime) -> int:
        return await roster_service.write_unconfirmed_reminders(now)


def schedule(scheduler: BaseScheduler, bot: Bot, settings: Settings) -> StaffJobs:
    """Add the staff's minute job to the process's scheduler."""
    jobs = StaffJobs(bot, settings)
    scheduler.add_job(
        jobs.minute,
        "interval",
        seconds=EVERY_SECONDS,
        id=JOB_ID,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=EVERY_SECONDS,
    )
    return jobs
