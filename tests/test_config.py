from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from backend.shared.config import ConfigError, load_settings


def test_defaults() -> None:
    settings = load_settings(env={}, env_file=None)
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite://./frammote.db"
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 8080)
    assert settings.tz_name == "Europe/Oslo"
    assert settings.webhook_url is None


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL"),
        ("WEBHOOK_URL", "http://insecure.example", "WEBHOOK_URL"),
        ("FRAMMOTE_HTTP", "8080", "FRAMMOTE_HTTP"),
        ("FRAMMOTE_HTTP", "host:99999", "FRAMMOTE_HTTP"),
        ("TZ_NAME", "Europe/Nowhere", "TZ_NAME"),
        ("BOT_USERNAME", "a b", "BOT_USERNAME"),
    ],
)
def test_malformed_value_names_itself_in_one_line(name: str, value: str, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env={name: value}, env_file=None)
    message = str(caught.value)
    assert named in message and "\n" not in message


@pytest.mark.parametrize(
    ("api", "webhook"),
    [
        ("https://api.telegram.org", "https://bot.kommune.no"),
        ("http://127.0.0.1:8081", "https://bot.kommune.no"),
        # A local Bot API server (or the stand-in) posts to plain http too.
        ("http://127.0.0.1:8081", "http://127.0.0.1:8080"),
        ("http://botapi.internal:8081", "http://lb.internal"),
    ],
)
def test_webhook_url_http_only_with_a_local_bot_api_server(api: str, webhook: str) -> None:
    settings = load_settings(env={"TELEGRAM_API_URL": api, "WEBHOOK_URL": webhook}, env_file=None)
    assert settings.webhook_url == webhook


def test_dotenv_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("FRAMMOTE_HTTP=0.0.0.0:9000\nTZ_NAME=UTC\nBOT_USERNAME=@my_bot\n")
    settings = load_settings(env={"TZ_NAME": "Europe/Oslo"}, env_file=env_file)
    assert (settings.http_host, settings.http_port) == ("0.0.0.0", 9000)
    assert settings.tz_name == "Europe/Oslo"
    assert settings.bot_username == "my_bot"


def test_postgres_url_accepted() -> None:
    settings = load_settings(env={"DATABASE_URL": "postgres://u:p@db/frammote"}, env_file=None)
    assert settings.database_url.startswith("postgres://")


def test_port_zero_lets_the_system_pick_and_links_follow_the_port_bound() -> None:
    settings = load_settings(env={"FRAMMOTE_HTTP": "127.0.0.1:0"}, env_file=None)
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 0)
    # Sign-in links are made from the port actually bound, never from ":0".
    assert replace(settings, http_port=41234).web_url == "http://127.0.0.1:41234"
    given = load_settings(
        env={"FRAMMOTE_HTTP": "127.0.0.1:0", "FRAMMOTE_PUBLIC_URL": "https://frammote.example/"},
        env_file=None,
    )
    assert replace(given, http_port=41234).web_url == "https://frammote.example"


def test_the_vta_plan_defaults_to_48_places_from_2025_to_the_end_of_2027() -> None:
    settings = load_settings(env={}, env_file=None)
    assert (settings.vta_places_target, settings.vta_plan_start, settings.vta_plan_end) == (
        48, date(2025, 1, 1), date(2027, 12, 31)
    )  # fmt: skip
    given = load_settings(
        env={
            "VTA_PLACES_TARGET": "60",
            "VTA_PLAN_START": "2026-01-01",
            "VTA_PLAN_END": "2028-06-30",
        },
        env_file=None,
    )
    assert (given.vta_places_target, given.vta_plan_start, given.vta_plan_end) == (
        60, date(2026, 1, 1), date(2028, 6, 30)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VTA_PLACES_TARGET": "0"}, "VTA_PLACES_TARGET must be a whole number of places, got '0'"),
        ({"VTA_PLACES_TARGET": "mange"}, "VTA_PLACES_TARGET must be a whole number"),
        ({"VTA_PLAN_START": "2025-13-01"}, "VTA_PLAN_START must be a date as YYYY-MM-DD"),
        ({"VTA_PLAN_END": "31.12.2027"}, "VTA_PLAN_END must be a date as YYYY-MM-DD"),
        ({"VTA_PLAN_END": "2024-12-31"}, "VTA_PLAN_END must come after VTA_PLAN_START"),
    ],
)
def test_a_malformed_vta_plan_stops_start_up_naming_it(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env=env, env_file=None)
    assert message in str(caught.value)
