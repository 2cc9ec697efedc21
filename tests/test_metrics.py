"""/metrics (Prometheus text) for operators only, and log lines without personal data."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from backend.models import OutboxMessage, OutboxStatus
from backend.outbox import queue as outbox
from backend.shared.config import ConfigError, load_settings
from backend.shared.logs import JsonFormatter, configure_logging
from backend.shared.metrics import REGISTRY
from backend.web.app import create_app
from tests.support.telegram import RunningBot

TOKEN = "a-metrics-token-of-some-length"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def scrape(
    headers: dict[str, str] | None = None, token: str | None = None
) -> tuple[int, str]:
    env = {"METRICS_TOKEN": token} if token else {}
    app = create_app(load_settings(env=env, env_file=None))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/metrics", headers=headers or {})
        return response.status, await response.text()


async def test_metrics_answer_on_loopback_with_what_waits_in_the_outbox(db: str) -> None:
    now = datetime.now(UTC)
    await outbox.enqueue("due", "reminder", {}, due_at=now - timedelta(minutes=3), chat_id=1)
    await outbox.enqueue("later", "reminder", {}, due_at=now + timedelta(hours=1), chat_id=1)
    await outbox.enqueue("sent", "reminder", {}, due_at=now - timedelta(hours=1), chat_id=2)
    await OutboxMessage.filter(key="sent").update(status=OutboxStatus.SENT)
    status, text = await scrape()
    assert status == 200
    lines = text.splitlines()
    assert "frammote_outbox_waiting 1.0" in lines
    assert "frammote_database_up 1.0" in lines
    oldest = next(line for line in lines if line.startswith("frammote_outbox_oldest_waiting"))
    assert 179 <= float(oldest.split()[1]) < 240
    for family in ("frammote_updates_handled_total counter",
                   "frammote_handler_seconds histogram", "frammote_leader gauge",
                   "frammote_outbox_sent_total counter", "frammote_outbox_failed_total counter",
                   "process_resident_memory_bytes gauge"):  # fmt: skip
        assert f"# TYPE {family}" in lines


@pytest.mark.parametrize(
    ("token", "headers", "status"),
    [
        (None, {"X-Forwarded-For": "203.0.113.9"}, 404),  # came through the reverse proxy
        (None, {"Forwarded": "for=203.0.113.9"}, 404),
        (TOKEN, {}, 404),
        (TOKEN, {"Authorization": "Bearer wrong-token-of-some-length"}, 404),
        (TOKEN, {"Authorization": f"Bearer {TOKEN}"}, 200),
        (TOKEN, {"Authorization": f"Bearer {TOKEN}", "X-Forwarded-For": "203.0.113.9"}, 200),
    ],
)
async def test_metrics_are_only_for_the_operator(
    db: str, token: str | None, headers: dict[str, str], status: int
) -> None:
    assert (await scrape(headers, token))[0] == status


async def test_outbox_results_are_counted_by_template(db: str) -> None:
    now = datetime.now(UTC)
    before = (
        sample("frammote_outbox_sent_total", template="deadline_reminder"),
        sample("frammote_outbox_failed_total", template="deadline_reminder", final="true"),
        sample("frammote_outbox_failed_total", template="deadline_reminder", final="false"),
    )
    for key in ("a", "b", "c"):
        await outbox.enqueue(key, "deadline_reminder", {}, due_at=now, chat_id=1)
    a, b, c = await outbox.claim_due(now)
    await outbox.mark_sent(a, now)
    await outbox.mark_failed(b, "Forbidden", retry_at=None)
    await outbox.mark_failed(c, "timed out", retry_at=now + timedelta(minutes=1))
    after = (
        sample("frammote_outbox_sent_total", template="deadline_reminder"),
        sample("frammote_outbox_failed_total", template="deadline_reminder", final="true"),
        sample("frammote_outbox_failed_total", template="deadline_reminder", final="false"),
    )
    assert [x - y for x, y in zip(after, before, strict=True)] == [1, 1, 1]


async def test_each_update_is_counted_by_kind_with_its_handling_time(bot: RunningBot) -> None:
    before = sample("frammote_updates_handled_total", kind="message")
    timed = sample("frammote_handler_seconds_count")
    chat = bot.chat(4242, "Eva")
    await chat.send("hei")
    for _ in range(100):  # counted once the handler has returned, just after its reply
        if sample("frammote_handler_seconds_count") > timed:
            break
        await asyncio.sleep(0.02)
    assert sample("frammote_updates_handled_total", kind="message") == before + 1
    assert sample("frammote_handler_seconds_count") == timed + 1


def test_a_json_log_line_is_one_object_without_the_exception_message() -> None:
    stream = io.StringIO()
    configure_logging("json", stream=stream)
    log = logging.getLogger("frammote.test")
    quoted = "".join(["Kari Nordmann ", "12345678901"])  # what a failed statement may quote
    try:
        raise ValueError(quoted)
    except ValueError:
        log.exception("outbox message %s failed", 17, extra={"chat_id": 4242})
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot123:x/")
    configure_logging("text")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    assert (line["level"], line["logger"], line["event"]) == (
        "error", "frammote.test", "outbox message 17 failed"
    )  # fmt: skip
    assert line["chat_id"] == 4242 and line["error"] == "ValueError"
    assert "Kari" not in lines[0] and "12345678901" not in lines[0]
    assert "test_metrics.py" in line["stack"]


def test_a_plain_record_formats_as_json_with_a_utc_time() -> None:
    record = logging.LogRecord("bot.runtime", logging.INFO, "x.py", 1, "Stopping", None, None)
    record.created = 1_767_225_600.25  # 2026-01-01 00:00:00.250 UTC
    assert json.loads(JsonFormatter().format(record)) == {
        "ts": "2026-01-01T00:00:00.250+00:00",
        "level": "info",
        "logger": "bot.runtime",
        "event": "Stopping",
    }


@pytest.mark.parametrize(
    ("env", "named"),
    [({"LOG_FORMAT": "xml"}, "LOG_FORMAT"), ({"METRICS_TOKEN": "short"}, "METRICS_TOKEN")],
)
def test_operations_settings_are_checked(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(env=env, env_file=None)
    assert named in str(refused.value)


def test_operations_settings_default_to_text_logs_and_no_metrics_token() -> None:
    settings = load_settings(env={"LOG_FORMAT": "JSON"}, env_file=None)
    assert settings.log_format == "json" and settings.metrics_token is None
    assert load_settings(env={}, env_file=None).log_format == "text"
