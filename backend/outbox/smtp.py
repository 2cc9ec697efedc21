"""E-mail over SMTP, through the outbox like every other message.

Enqueue (any service):

    await mail.enqueue_email(
        f"attendance-list:{participant.code}:{period_end}:nav",  # unique per purpose
        "attendance_list_mail",            # a template in backend/outbox/catalog.py
        {"participant": "Kari Nordmann", "from": "2026-09-01", "to": "2026-09-14"},
        to=unit.nav_email,
        due_at=now,
        language="nb",
        attachments=[mail.Attachment("frammote.pdf", pdf_bytes, "application/pdf"),
                     mail.Attachment("frammote.csv", csv_bytes, "text/csv")],
    )

The row's params then hold the template's data plus `"attachments": [{"filename",
"content_b64", "mime"}, …]`; the sender takes the attachments out before rendering,
so templates never see them. An e-mail template of the catalog (`catalog.EMAIL_TEMPLATES`)
gives (subject, body); any other is a chat template of the catalog, whose
text is the body and whose first line (cut to 120 characters) is the subject. Attachments are limited to MAX_ATTACHMENT_BYTES
in all, as base64 in the database: fine for the small PDF/CSV lists this product
makes, not for large files.

Deliver (the scheduler's outbox tick): `await deliver_email_outbox(now, settings)`
claims due e-mail rows (never Telegram rows), sends them over one SMTP connection
and marks each sent; a 4xx answer or a lost connection puts the row back for
later, a 5xx answer fails it, and a failed reminder is reported to the unit's
leaders once. Without SMTP_HOST nothing is sent and rows wait.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

import aiosmtplib

from backend.models import OutboxMessage
from backend.outbox import catalog
from backend.outbox import queue as outbox
from backend.outbox.catalog import EMAIL_TEMPLATES
from backend.reminders import Reason, open_windows, report_undeliverable
from backend.shared.config import EMAIL_PATTERN, Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import gettext_for

log = logging.getLogger(__name__)

Render = Callable[[str, dict[str, Any], str], str]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_SUBJECT = 120
RETRY_LATER = timedelta(minutes=5)
SMTP_TIMEOUT = 30.0
_MIME = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_UNSAFE_FILENAME = re.compile(r"[^\w.\- ]")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/octet-stream"

    def to_params(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_b64": base64.b64encode(self.content).decode("ascii"),
            "mime": self.mime,
        }

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> Attachment:
        return cls(
            data["filename"], base64.b64decode(data["content_b64"], validate=True), data["mime"]
        )


def valid_address(address: str) -> bool:
    return bool(EMAIL_PATTERN.match(address)) and parseaddr(address)[1] == address


def _check_attachment(attachment: Attachment) -> Attachment:
    name = _UNSAFE_FILENAME.sub("_", attachment.filename.replace("/", "_").replace("\\", "_"))
    name = name.strip(" .")[:100]
    if not name:
        raise RuleError(N_("Et vedlegg må ha et filnavn"))
    if not _MIME.match(attachment.mime.lower()):
        raise RuleError(N_("Ukjent filtype for vedlegget {name}"), name=name)
    return Attachment(name, attachment.content, attachment.mime.lower())


async def enqueue_email(
    key: str,
    template: str,
    params: dict[str, Any],
    *,
    to: str,
    due_at: datetime,
    language: str = "nb",
    attachments: Sequence[Attachment] = (),
    window: str | None = None,
) -> bool:
    """Write an e-mail to the outbox once per key; False when it was written before."""
    to = to.strip()
    if not valid_address(to):
        raise RuleError(N_("Ugyldig e-postadresse: {address}"), address=to)
    checked = [_check_attachment(a) for a in attachments]
    if sum(len(a.content) for a in checked) > MAX_ATTACHMENT_BYTES:
        raise RuleError(N_("Vedleggene er for store for e-post"))
    data = dict(params)
    if checked:
        data["attachments"] = [a.to_params() for a in checked]
    return await outbox.enqueue(
        key, template, data, due_at=due_at, email=to, language=language, window=window
    )


def render_email(
    template: str, params: dict[str, Any], language: str, render: Render | None = None
) -> tuple[str, str]:
    """(subject, body): an e-mail template of the catalog, else the chat template's text
    with its first line as the subject."""
    if template in EMAIL_TEMPLATES:
        return EMAIL_TEMPLATES[template](params, gettext_for(language), language)
    text = (render or catalog.render)(template, params, language).strip()
    first_line = text.splitlines()[0] if text else "Frammøte"
    if len(first_line) > MAX_SUBJECT:
        first_line = first_line[: MAX_SUBJECT - 1] + "…"
    return first_line, text


def _domain(settings: Settings) -> str:
    return parseaddr(settings.smtp_from or "")[1].rpartition("@")[2] or "localhost"


def build_message(
    message: OutboxMessage, settings: Settings, render: Render | None, now: datetime
) -> EmailMessage:
    """The e-mail for an outbox row: text from its template, attachments from its params."""
    params = dict(message.params)
    attachments = [Attachment.from_params(a) for a in params.pop("attachments", [])]
    subject, text = render_email(message.template, params, message.language, render)
    email = EmailMessage()
    email["From"] = settings.smtp_from or ""
    email["To"] = message.email or ""
    email["Subject"] = subject
    email["Date"] = format_datetime(now)
    # Stable per row: a resend after a crash carries the same id, so mail clients can
    # tell it is the same message.
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:24]
    email["Message-ID"] = f"<frammote.{digest}@{_domain(settings)}>"
    email.set_content(text)
    for attachment in attachments:
        maintype, _, subtype = attachment.mime.partition("/")
        email.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return email


def smtp_client(settings: Settings) -> aiosmtplib.SMTP:
    implicit_tls = settings.smtp_port == 465
    return aiosmtplib.SMTP(
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user,
        password=settings.smtp_password,
        use_tls=implicit_tls,
        # STARTTLS required when on; never attempted when off (a loopback relay).
        start_tls=None if implicit_tls else settings.smtp_starttls,
        timeout=SMTP_TIMEOUT,
    )


def _permanent(error: Exception) -> bool:
    """A 5xx answer: retrying will not help."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return all(e.code >= 500 for e in error.recipients)
    code = getattr(error, "code", None)
    return isinstance(code, int) and code >= 500


async def deliver_email_outbox(
    now: datetime,
    settings: Settings,
    *,
    render: Render | None = None,
    windows: Collection[str] | None = None,
    limit: int = 100,
    connect: Callable[[Settings], aiosmtplib.SMTP] = smtp_client,
) -> int:
    """One pass: claim due e-mail rows, send them, mark them. Returns how many were sent.

    `now` is aware and in the service's zone; `windows` defaults to the windows
    open at `now`.
    """
    if not settings.email_enabled:
        return 0
    if windows is None:
        windows = await open_windows(now)
    claimed = await outbox.claim_due(now, limit, channel="email", windows=windows)
    if not claimed:
        return 0
    client = connect(settings)
    try:
        await client.connect()
    except (aiosmtplib.SMTPException, OSError) as error:
        log.warning("SMTP connection failed: %s", error)
        for message in claimed:
            await outbox.mark_failed(message, f"connect: {error}", retry_at=now + RETRY_LATER)
        return 0
    sent = 0
    try:
        for message in claimed:
            sent += await _send_one(client, message, settings, render, now)
    finally:
        if client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()
    return sent


async def _send_one(
    client: aiosmtplib.SMTP,
    message: OutboxMessage,
    settings: Settings,
    render: Render | None,
    now: datetime,
) -> int:
    try:
        email = build_message(message, settings, render, now)
    except (KeyError, ValueError, binascii.Error) as error:  # a template or data bug
        log.exception("e-mail %s could not be built", message.id)
        await outbox.mark_failed(message, repr(error), retry_at=None)
        return 0
    try:
        if not client.is_connected:
            await client.connect()
        await client.send_message(email)
    except (aiosmtplib.SMTPException, OSError) as error:
        if _permanent(error):
            await outbox.mark_failed(message, str(error), retry_at=None)
            await report_undeliverable(message, Reason.EMAIL_REFUSED, now, email=True)
        else:
            await outbox.mark_failed(message, str(error), retry_at=now + RETRY_LATER)
        return 0
    await outbox.mark_sent(message, now)
    return 1
