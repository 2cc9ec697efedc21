"""Configuration from the environment or a `.env` file (names as in the README)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from backend.shared.parse import number
from backend.shared.retention import LEAST_ATTENDANCE, Periods, Span, parse_period

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{10,}$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
TELEGRAM_API = "https://api.telegram.org"


class ConfigError(Exception):
    """A missing or malformed setting; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    telegram_bot_token: str | None
    telegram_api_url: str
    database_url: str
    webhook_url: str | None
    http_host: str
    http_port: int
    tz_name: str
    bot_username: str | None
    webhook_secret: str | None
    # E-mail over SMTP: off while smtp_host is None.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str | None = None
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)  # never in logs
    smtp_starttls: bool = True
    # Scheme and host the staff open the web pages at (the bot's /login links); no "/" at
    # the end. Empty means http://{http_host}:{http_port}.
    public_url: str = ""
    # How long each kind of personal data is kept (RETENTION_*).
    retention: Periods = field(default_factory=Periods)
    # Operations: log lines as JSON or text; the bearer token /metrics asks for (unset:
    # /metrics answers only on loopback, not through the reverse proxy).
    log_format: str = "text"
    metrics_token: str | None = field(default=None, repr=False)
    # The new VTA places (seed 001): up to `vta_places_target` by `vta_plan_end`, on a
    # straight line from `vta_plan_start`.
    vta_places_target: int = 48
    vta_plan_start: date = date(2025, 1, 1)
    vta_plan_end: date = date(2027, 12, 31)
    # Read aloud (backend.voice): where voice notes are kept, and a Piper voice model
    # (`.onnx`, its `.onnx.json` beside it) that speaks its language instead of espeak-ng.
    voice_cache_dir: Path = Path("data/cache/voice")
    piper_model: Path | None = None

    @property
    def web_url(self) -> str:
        return self.public_url or f"http://{self.http_host}:{self.http_port}"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def email_enabled(self) -> bool:
        return self.smtp_host is not None


def load_settings(
    env: dict[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings; the process environment wins over `.env`."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if env is None else env)

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    return Settings(
        **_telegram_settings(get),
        **_server_settings(get),
        **_smtp_settings(get),
        retention=_retention_settings(get),
        **_ops_settings(get),
        **_vta_settings(get),
        **_voice_settings(get),
    )


def _telegram_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """The bot's token, the Bot API's address, the webhook and the bot's username."""
    token = get("TELEGRAM_BOT_TOKEN")
    if token is not None and not TOKEN_PATTERN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN is malformed: expected '<digits>:<secret>'")

    api_url = (get("TELEGRAM_API_URL") or TELEGRAM_API).rstrip("/")
    if not re.match(r"^https?://[^\s/]+", api_url):
        raise ConfigError(f"TELEGRAM_API_URL is not an http(s) URL: {api_url!r}")

    webhook_url = get("WEBHOOK_URL")
    # Telegram itself takes https only; a local Bot API server (telegram-bot-api --local,
    # or the stand-in) takes plain http too.
    schemes = ("https://",) if api_url == TELEGRAM_API else ("https://", "http://")
    if webhook_url is not None and not webhook_url.startswith(schemes):
        raise ConfigError("WEBHOOK_URL must be an https:// URL (Telegram requires it)")

    username = get("BOT_USERNAME")
    if username is not None:
        username = username.removeprefix("@")
        if not USERNAME_PATTERN.match(username):
            raise ConfigError(f"BOT_USERNAME is not a Telegram username: {username!r}")
    return {
        "telegram_bot_token": token,
        "telegram_api_url": api_url,
        "webhook_url": webhook_url,
        "bot_username": username,
        "webhook_secret": get("WEBHOOK_SECRET"),
    }


def _server_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """The database, the address to listen on, the time zone and the public address."""
    database_url = get("DATABASE_URL") or "sqlite://./frammote.db"
    if not re.match(r"^(sqlite|postgres|postgresql|asyncpg)://", database_url):
        raise ConfigError("DATABASE_URL must start with sqlite:// or postgres://")

    http = get("FRAMMOTE_HTTP") or "127.0.0.1:8080"
    host, sep, port_text = http.rpartition(":")
    port = number(port_text, max_digits=5)
    if not sep or not host or port is None or not 0 <= port < 65536:
        raise ConfigError(f"FRAMMOTE_HTTP must be host:port, got {http!r}")

    tz_name = get("TZ_NAME") or "Europe/Oslo"
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TZ_NAME is not a known time zone: {tz_name!r}") from None

    # Unset: derived from the port actually bound (FRAMMOTE_HTTP may name port 0).
    public_url = (get("FRAMMOTE_PUBLIC_URL") or "").rstrip("/")
    if public_url and not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", public_url):
        raise ConfigError(f"FRAMMOTE_PUBLIC_URL is not an http(s) URL: {public_url!r}")
    return {
        "database_url": database_url,
        "http_host": host,
        "http_port": int(port_text),
        "tz_name": tz_name,
        "public_url": public_url,
    }


EMAIL_PATTERN = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
BOOLEANS = {"1": True, "true": True, "yes": True, "on": True}
BOOLEANS |= {"0": False, "false": False, "no": False, "off": False}


def _smtp_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """SMTP_*: all optional until SMTP_HOST is set; then SMTP_FROM is required.

    SMTP_FROM may carry a name ("Frammøte <noreply@kommune.no>"); port 465 means
    implicit TLS, any other port plain SMTP upgraded by STARTTLS unless turned off.
    """
    host = get("SMTP_HOST")
    port_text = get("SMTP_PORT") or "587"
    port = number(port_text, max_digits=5)
    if port is None or not 0 < port < 65536:
        raise ConfigError(f"SMTP_PORT must be a port number, got {port_text!r}")
    sender = get("SMTP_FROM")
    if sender is not None and not EMAIL_PATTERN.match(parseaddr(sender)[1]):
        raise ConfigError(f"SMTP_FROM is not an e-mail address: {sender!r}")
    if host is not None and sender is None:
        raise ConfigError(
            "SMTP_FROM is missing: e-mail needs a sender address when SMTP_HOST is set"
        )
    user, password = get("SMTP_USER"), get("SMTP_PASSWORD")
    if (user is None) != (password is None):
        raise ConfigError("SMTP_USER and SMTP_PASSWORD must be set together")
    starttls_text = (get("SMTP_STARTTLS") or "true").lower()
    if starttls_text not in BOOLEANS:
        raise ConfigError(f"SMTP_STARTTLS must be true or false, got {starttls_text!r}")
    return {
        "smtp_host": host,
        "smtp_port": int(port_text),
        "smtp_from": sender,
        "smtp_user": user,
        "smtp_password": password,
        "smtp_starttls": BOOLEANS[starttls_text],
    }


RETENTION_NAMES = {
    "absence_notes": "RETENTION_ABSENCE_NOTES",
    "absence_categories": "RETENTION_ABSENCE_CATEGORIES",
    "attendance": "RETENTION_ATTENDANCE",
    "audit_log": "RETENTION_AUDIT_LOG",
    "chat_state": "RETENTION_CHAT_STATE",
    "pupils": "RETENTION_PUPILS",
    "candidates": "RETENTION_CANDIDATES",
}


def _retention_settings(get: Callable[[str], str | None]) -> Periods:
    """RETENTION_*: a number and d, m or y (`90d`, `3m`, `5y`); unset keeps the default.

    Attendance is counted in whole years and never below bokføringsloven's five.
    """
    given: dict[str, Any] = {}
    for attribute, name in RETENTION_NAMES.items():
        text = get(name)
        if text is None:
            continue
        try:
            given[attribute] = parse_period(text)
        except ValueError:
            raise ConfigError(
                f"{name} must be a number and d, m or y (90d, 3m, 5y), got {text!r}"
            ) from None
    attendance = given.get("attendance")
    if attendance is not None and (
        attendance.span is not Span.YEARS or attendance.amount < LEAST_ATTENDANCE.amount
    ):
        raise ConfigError(
            f"RETENTION_ATTENDANCE must be whole years, at least {LEAST_ATTENDANCE} "
            f"(bokføringsloven § 13), got {attendance}"
        )
    return Periods(**given)


LOG_FORMATS = ("text", "json")


def _ops_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """LOG_FORMAT (text or json) and METRICS_TOKEN."""
    log_format = (get("LOG_FORMAT") or "text").lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError(f"LOG_FORMAT must be text or json, got {log_format!r}")
    token = get("METRICS_TOKEN")
    if token is not None and len(token) < 16:
        raise ConfigError("METRICS_TOKEN is too short: use at least 16 characters")
    return {"log_format": log_format, "metrics_token": token}


def _vta_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """VTA_PLACES_TARGET (whole places), VTA_PLAN_START and VTA_PLAN_END (YYYY-MM-DD)."""
    target_text = get("VTA_PLACES_TARGET") or "48"
    target = number(target_text, max_digits=5)
    if target is None or target < 1:
        raise ConfigError(
            f"VTA_PLACES_TARGET must be a whole number of places, got {target_text!r}"
        )
    start = _day("VTA_PLAN_START", get("VTA_PLAN_START") or "2025-01-01")
    end = _day("VTA_PLAN_END", get("VTA_PLAN_END") or "2027-12-31")
    if end <= start:
        raise ConfigError("VTA_PLAN_END must come after VTA_PLAN_START")
    return {
        "vta_places_target": target,
        "vta_plan_start": start,
        "vta_plan_end": end,
    }


def _day(name: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None


def _voice_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """FRAMMOTE_VOICE_CACHE (a directory, made when first needed) and FRAMMOTE_PIPER_MODEL
    (an existing `.onnx` file with its `.onnx.json`)."""
    cache = Path(get("FRAMMOTE_VOICE_CACHE") or "data/cache/voice")
    if cache.exists() and not cache.is_dir():
        raise ConfigError(f"FRAMMOTE_VOICE_CACHE is not a directory: {str(cache)!r}")
    model_text = get("FRAMMOTE_PIPER_MODEL")
    model = Path(model_text) if model_text else None
    if model is not None:
        if not model.is_file():
            raise ConfigError(f"FRAMMOTE_PIPER_MODEL is not a file: {model_text!r}")
        if not Path(f"{model}.json").is_file():
            raise ConfigError(f"FRAMMOTE_PIPER_MODEL has no {model.name}.json beside it")
    return {"voice_cache_dir": cache, "piper_model": model}
