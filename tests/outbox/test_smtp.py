"""E-mail through the outbox against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

from backend import reminders
from backend.models import OutboxMessage, OutboxStatus
from backend.outbox import smtp as mail
from backend.shared.config import ConfigError, Settings, load_settings
from backend.shared.errors import RuleError
from backend.shared.i18n import Gettext
from tests.support.reminder_world import PER, at, build_reminder_world, link_staff
from tests.support.smtp import LoopbackSmtp, refused_port


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps what it receives; some addresses are refused."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address → SMTP answer

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted"


def smtp_settings(port: int, **extra: str) -> Settings:
    env = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_FROM": "Frammøte <frammote@larvik.example.no>",
        "SMTP_STARTTLS": "false",
        **extra,
    }
    return load_settings(env=env, env_file=None)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, Settings]]:
    handler = Inbox()
    controller = LoopbackSmtp(handler)
    controller.start()
    try:
        yield handler, smtp_settings(controller.port)
    finally:
        controller.stop()


def _list_template(params: dict[str, Any], _: Gettext, language: str) -> tuple[str, str]:
    return (
        _("Frammøteliste for {participant}").format(participant=params["participant"]),
        f"Hei!\n\nVedlagt er listen for {params['participant']}.",
    )


async def test_an_email_with_attachments_arrives_once(
    db: str, inbox: tuple[Inbox, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, settings = inbox
    monkeypatch.setitem(mail.EMAIL_TEMPLATES, "test_list", _list_template)
    pdf = b"%PDF-1.4 fake list\x00\xff"
    csv = b"dag;status\n2026-09-01;til stede\n"
    now = at("2026-09-01", 9)
    written = await mail.enqueue_email(
        "list:P1:2026-09-14",
        "test_list",
        {"participant": "Kari Nordmann"},
        to="nav.larvik@example.no",
        due_at=now,
        attachments=[
            mail.Attachment("frammøte.pdf", pdf, "application/pdf"),
            mail.Attachment("../frammøte.csv", csv, "text/csv"),
        ],
    )
    assert written
    assert await mail.deliver_email_outbox(now, settings) == 1
    assert await mail.deliver_email_outbox(now + timedelta(minutes=1), settings) == 0

    [(to, message)] = handler.received
    assert to == ["nav.larvik@example.no"]
    assert message["Subject"] == "Frammøteliste for Kari Nordmann"
    assert message["From"] == "Frammøte <frammote@larvik.example.no>"
    assert message["Message-ID"].endswith("@larvik.example.no>")
    assert message.get_body(("plain",)).get_content().startswith("Hei!")  # type: ignore[union-attr]
    files = {
        a.get_filename(): (a.get_content_type(), a.get_content())
        for a in message.iter_attachments()
    }
    assert files["frammøte.pdf"] == ("application/pdf", pdf)
    [csv_name] = [name for name in files if name and name.endswith(".csv")]
    assert "/" not in csv_name
    assert files[csv_name][0] == "text/csv"
    assert files[csv_name][1].replace("\r\n", "\n") == csv.decode()
    row = await OutboxMessage.get(key="list:P1:2026-09-14")
    assert row.status == OutboxStatus.SENT


async def test_the_capacity_report_reaches_nav_in_working_hours_only(
    db: str, inbox: tuple[Inbox, Settings]
) -> None:
    handler, settings = inbox
    await build_reminder_world(places=12, nav_email="nav.larvik@example.no")
    await link_staff()
    await reminders.run_daily_pass(at("2026-09-01"), email=True)
    assert await mail.deliver_email_outbox(at("2026-09-01", 7, 30), settings) == 0
    assert await mail.deliver_email_outbox(at("2026-09-01", 9), settings) == 1
    [(to, message)] = handler.received
    assert to == ["nav.larvik@example.no"]
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.strip() == (
        "Ledig kapasitet i Arbeid og kvalifisering, september 2026: 12 plasser, "
        "2 aktive deltakere, 10 ledige plasser."
    )
    assert message["Subject"] == body.strip()
    # The leader's Telegram copy is left to the Telegram sender.
    leader_row = await OutboxMessage.get(chat_id=PER, template="reminder_capacity_report")
    assert leader_row.status == OutboxStatus.PENDING


async def test_a_refused_address_fails_the_row_and_the_leader_is_told_once(
    db: str, inbox: tuple[Inbox, Settings]
) -> None:
    handler, settings = inbox
    handler.refuse["nav.larvik@example.no"] = "550 5.1.1 No such user"
    await build_reminder_world(places=12, nav_email="nav.larvik@example.no")
    await link_staff()
    await reminders.run_daily_pass(at("2026-09-01"), email=True)
    assert await mail.deliver_email_outbox(at("2026-09-01", 9), settings) == 0
    row = await OutboxMessage.get(email="nav.larvik@example.no")
    assert row.status == OutboxStatus.FAILED
    assert "No such user" in (row.last_error or "")
    reports = await OutboxMessage.filter(template=reminders.UNDELIVERABLE).all()
    assert [(r.chat_id, r.params["reason"], r.params["recipient"]) for r in reports] == [
        (PER, "email_refused", "Nina NAV")
    ]
    assert handler.received == []


async def test_a_temporary_refusal_puts_the_row_back_for_later(
    db: str, inbox: tuple[Inbox, Settings]
) -> None:
    handler, settings = inbox
    handler.refuse["nav@example.no"] = "451 4.3.0 Try again later"
    now = at("2026-09-01", 9)
    await mail.enqueue_email(
        "k1",
        "reminder_status_meeting_day_before",
        {"event_date": "2026-09-02"},
        to="nav@example.no",
        due_at=now,
    )
    assert await mail.deliver_email_outbox(now, settings) == 0
    row = await OutboxMessage.get(key="k1")
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.due_at == now + mail.RETRY_LATER
    del handler.refuse["nav@example.no"]
    assert await mail.deliver_email_outbox(now + mail.RETRY_LATER, settings) == 1
    assert len(handler.received) == 1


async def test_no_server_loses_nothing(db: str) -> None:
    now = at("2026-09-01", 9)
    await mail.enqueue_email(
        "k2",
        "reminder_status_meeting_day_before",
        {"event_date": "2026-09-02"},
        to="nav@example.no",
        due_at=now,
    )
    with refused_port() as port:  # bound, never listening: nobody answers there
        assert await mail.deliver_email_outbox(now, smtp_settings(port)) == 0
    row = await OutboxMessage.get(key="k2")
    assert row.status == OutboxStatus.PENDING
    assert row.last_error and row.last_error.startswith("connect:")


async def test_without_smtp_rows_wait_and_telegram_rows_are_never_taken(
    db: str, inbox: tuple[Inbox, Settings]
) -> None:
    handler, settings = inbox
    now = at("2026-09-01", 9)
    await mail.enqueue_email(
        "k3",
        "reminder_status_meeting_day_before",
        {"event_date": "2026-09-02"},
        to="nav@example.no",
        due_at=now,
    )
    off = load_settings(env={}, env_file=None)
    assert await mail.deliver_email_outbox(now, off) == 0
    assert (await OutboxMessage.get(key="k3")).status == OutboxStatus.PENDING
    from backend.outbox import queue as outbox

    await outbox.enqueue(
        "t1",
        "reminder_status_meeting_day_before",
        {"event_date": "2026-09-02"},
        due_at=now,
        chat_id=42,
    )
    assert await mail.deliver_email_outbox(now, settings) == 1
    assert (await OutboxMessage.get(key="t1")).status == OutboxStatus.PENDING
    assert [to for to, _message in handler.received] == [["nav@example.no"]]


async def test_bad_addresses_and_attachments_are_refused_and_nothing_is_written(db: str) -> None:
    now = at("2026-09-01", 9)
    with pytest.raises(RuleError):
        await mail.enqueue_email("a", "t", {}, to="not an address", due_at=now)
    with pytest.raises(RuleError):
        big = mail.Attachment("big.bin", b"x" * (mail.MAX_ATTACHMENT_BYTES + 1))
        await mail.enqueue_email("b", "t", {}, to="nav@example.no", due_at=now, attachments=[big])
    with pytest.raises(RuleError):
        odd = mail.Attachment("a.pdf", b"x", "not a mime type")
        await mail.enqueue_email("c", "t", {}, to="nav@example.no", due_at=now, attachments=[odd])
    assert await OutboxMessage.all().count() == 0


def test_attachments_travel_as_base64_in_the_params() -> None:
    attachment = mail.Attachment("liste.csv", b"a;b\n", "text/csv")
    data = attachment.to_params()
    assert data == {"filename": "liste.csv", "content_b64": "YTtiCg==", "mime": "text/csv"}
    assert mail.Attachment.from_params(data) == attachment


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SMTP_HOST": "smtp.example.no"}, "SMTP_FROM"),
        ({"SMTP_PORT": "99999"}, "SMTP_PORT"),
        ({"SMTP_PORT": "smtp"}, "SMTP_PORT"),
        ({"SMTP_FROM": "not-an-address"}, "SMTP_FROM"),
        ({"SMTP_USER": "frammote"}, "SMTP_USER"),
        ({"SMTP_STARTTLS": "maybe"}, "SMTP_STARTTLS"),
    ],
)
def test_smtp_settings_are_checked_and_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env=env, env_file=None)
    assert named in str(caught.value) and "\n" not in str(caught.value)


def test_smtp_settings_defaults_and_password_stays_out_of_logs() -> None:
    off = load_settings(env={}, env_file=None)
    assert (off.email_enabled, off.smtp_port, off.smtp_starttls) == (False, 587, True)
    on = load_settings(
        env={
            "SMTP_HOST": "smtp.example.no",
            "SMTP_FROM": "frammote@example.no",
            "SMTP_USER": "frammote",
            "SMTP_PASSWORD": "s3cret",
            "SMTP_STARTTLS": "no",
        },
        env_file=None,
    )
    assert on.email_enabled and on.smtp_user == "frammote" and not on.smtp_starttls
    assert "s3cret" not in repr(on)
