"""Reminders and deadlines: every meeting and rule from the routines, sent exactly once.

The rules are pure (`backend.reminders.deadlines`); this package loads what they need
in a constant number of queries (`snapshot`), decides which rules apply
(`rules`), resolves audiences to people and chats (`plan`), writes each delivery
to the outbox under a unique key (`passes`) and keeps the rows inside their
delivery windows (`windows`). Sending is the outbox senders' job: `bot.delivery`
for Telegram, `backend.outbox.smtp` for e-mail.

    result = await run_daily_pass(now, email=settings.email_enabled)
    preview = await preview(day, now)          # what a pass on `day` would write
"""

from backend.outbox.windows import (
    PARTICIPANT,
    open_windows,
    staff_window,
    windows_open_at,
)
from backend.reminders.passes import (
    DAILY_JOB,
    MAX_CATCH_UP,
    PassResult,
    last_run,
    plan_pass,
    preview,
    record_run,
    run_daily_pass,
    waiting,
    write,
)
from backend.reminders.plan import (
    UNDELIVERABLE,
    Delivery,
    DueReminder,
    Gap,
    Reason,
    Recipient,
    is_reminder_template,
    template_for,
)
from backend.reminders.undeliverable import report_undeliverable

__all__ = [
    "DAILY_JOB",
    "MAX_CATCH_UP",
    "PARTICIPANT",
    "UNDELIVERABLE",
    "Delivery",
    "DueReminder",
    "Gap",
    "PassResult",
    "Reason",
    "Recipient",
    "is_reminder_template",
    "last_run",
    "open_windows",
    "plan_pass",
    "preview",
    "record_run",
    "report_undeliverable",
    "run_daily_pass",
    "staff_window",
    "template_for",
    "waiting",
    "windows_open_at",
    "write",
]
