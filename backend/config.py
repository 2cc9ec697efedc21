"""Configuration from the environment or a `.env` file (names as in the README)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{10,}$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


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

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)


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

    token = get("TELEGRAM_BOT_TOKEN")
    if token is not None and not TOKEN_PATTERN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN is malformed: expected '<digits>:<secret>'")

    api_url = (get("TELEGRAM_API_URL") or "https://api.telegram.org").rstrip("/")
    if not re.match(r"^https?://[^\s/]+", api_url):
        raise ConfigError(f"TELEGRAM_API_URL is not an http(s) URL: {api_url!r}")

    database_url = get("DATABASE_URL") or "sqlite://./frammote.db"
    if not re.match(r"^(sqlite|postgres|postgresql|asyncpg)://", database_url):
        raise ConfigError("DATABASE_URL must start with sqlite:// or postgres://")

    webhook_url = get("WEBHOOK_URL")
    if webhook_url is not None and not webhook_url.startswith("https://"):
        raise ConfigError("WEBHOOK_URL must be an https:// URL (Telegram requires it)")

    http = get("FRAMMOTE_HTTP") or "127.0.0.1:8080"
    host, sep, port_text = http.rpartition(":")
    if not sep or not host or not port_text.isdigit() or not 0 <= int(port_text) < 65536:
        raise ConfigError(f"FRAMMOTE_HTTP must be host:port, got {http!r}")

    tz_name = get("TZ_NAME") or "Europe/Oslo"
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TZ_NAME is not a known time zone: {tz_name!r}") from None

    username = get("BOT_USERNAME")
    if username is not None:
        username = username.removeprefix("@")
        if not USERNAME_PATTERN.match(username):
            raise ConfigError(f"BOT_USERNAME is not a Telegram username: {username!r}")

    return Settings(
        telegram_bot_token=token,
        telegram_api_url=api_url,
        database_url=database_url,
        webhook_url=webhook_url,
        http_host=host,
        http_port=int(port_text),
        tz_name=tz_name,
        bot_username=username,
        webhook_secret=get("WEBHOOK_SECRET"),
    )
