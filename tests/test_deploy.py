"""The scripts and the README name the settings the tests and the product actually read."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The two variables the test set-up reads (tests/conftest.py), and nothing else.
TEST_VARIABLES = {"FRAMMOTE_TEST_DATABASES", "FRAMMOTE_TEST_POSTGRES_URL"}


def _named_in(path: Path) -> set[str]:
    return set(re.findall(r"\bFRAMMOTE_TEST_[A-Z_]+\b", path.read_text(encoding="utf-8")))


def test_the_test_set_up_reads_the_variables_named() -> None:
    assert _named_in(ROOT / "tests" / "conftest.py") == TEST_VARIABLES


def test_scripts_and_readme_name_only_variables_the_tests_read() -> None:
    files = [ROOT / "README.md", *sorted((ROOT / "deploy").rglob("*"))]
    named = {
        (str(path.relative_to(ROOT)), name)
        for path in files
        if path.is_file()
        for name in _named_in(path)
    }
    assert {(where, name) for where, name in named if name not in TEST_VARIABLES} == set()
    assert ("deploy/scripts/install-postgres.sh", "FRAMMOTE_TEST_POSTGRES_URL") in named


def test_the_readme_runs_the_command_from_the_virtual_environment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    bare = [line for block in blocks for line in block.splitlines() if line.startswith("frammote ")]
    assert bare == []
    assert re.findall(r"`frammote [a-z]", readme) == []  # in the text too
    assert ".venv/bin/frammote admin-link" in readme


def test_the_readme_says_how_to_sign_in_as_each_demo_role_and_reset_the_demo() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for person in ("Ingrid Hansen (contact person)", "Per Leder (unit leader)",
                   "Kim Koordinator (coordinator)"):  # fmt: skip
        assert person in readme
    assert "write `/login` in the chat" in readme
    assert "**Reset the demo**" in readme and "delete its database, `frammote.db`" in readme


# -- deploy/: what the files promise ---------------------------------------------------------

DEPLOY = ROOT / "deploy"


def _settings_read() -> set[str]:
    """Every setting the product reads: get("NAME") in config.py, and the CLI's language."""
    config = (ROOT / "backend" / "shared" / "config.py").read_text(encoding="utf-8")
    return set(re.findall(r'\bget\("([A-Z][A-Z0-9_]+)"\)', config)) | {"FRAMMOTE_LANGUAGE"}


def test_env_example_names_every_setting_the_product_reads() -> None:
    example = (DEPLOY / "env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M))
    assert {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "LOG_FORMAT", "METRICS_TOKEN"} <= named
    assert _settings_read() - named == set()
    # …and the README's table too.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {name for name in _settings_read() if f"`{name}`" not in readme} == set()


def test_compose_puts_caddy_in_front_of_two_app_replicas() -> None:
    import yaml

    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["app"]["deploy"]["replicas"] >= 2
    assert "ports" not in services["app"]  # reached through the proxy only
    assert "healthcheck" in services["app"] and "/healthz" in str(services["app"]["healthcheck"])
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:")
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    assert "dynamic a app 8080" in caddyfile  # every replica of the service "app"
    from bot.webhook import WEBHOOK_PATH

    assert f"handle {WEBHOOK_PATH} {{" in caddyfile
    assert "respond /metrics 404" in caddyfile
    assert "import tls_{$FRAMMOTE_TLS:acme}" in caddyfile
    assert "tls /etc/caddy/certs/fullchain.pem /etc/caddy/certs/privkey.pem" in caddyfile


def test_the_image_runs_as_a_user_and_installs_the_hashed_lock_only() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    installs = re.findall(r"pip install ([^\n\\&]+)", dockerfile)
    assert installs == [
        "--require-hashes --only-binary=:all: --no-binary=docopt -r deploy/requirements.lock",
        "--no-deps --no-build-isolation . ",
    ]


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    import tomllib

    lock = (DEPLOY / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)",
                         lock, re.M)  # fmt: skip
    requirements = [line for line in lock.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(entries) == len(requirements) > 30
    pinned = {name.lower().replace("_", "-") for name, _version, _hashes in entries}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {re.split(r"[\[<>=~!; ]", dep)[0].lower() for dep in project["dependencies"]}
    assert wanted - pinned == set()
    assert "setuptools" in pinned  # builds the project itself without fetching anything


def test_the_systemd_unit_is_hardened_and_not_root() -> None:
    unit = (DEPLOY / "frammote.service").read_text(encoding="utf-8")
    options = dict(re.findall(r"^(\w+)=(.*)$", unit, re.M))
    assert options["User"] == "frammote"
    for name, value in {
        "NoNewPrivileges": "true",
        "ProtectSystem": "strict",
        "ProtectHome": "true",
        "PrivateTmp": "true",
        "PrivateDevices": "true",
        "RestrictSUIDSGID": "true",
        "CapabilityBoundingSet": "",
        "KillSignal": "SIGTERM",
    }.items():
        assert options[name] == value, name


def test_the_operators_guide_covers_each_task() -> None:
    guide = (DEPLOY / "OPERATIONS.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", guide, re.M)
    assert headings == [
        "Install",
        "The first coordinator",
        "Upgrade (and roll back)",
        "Rotate the bot token and the webhook secret",
        "Back up and restore",
        "Monitoring",
        "Logs",
        "Stopping and failures",
        "The check-in tablet at the door",
    ]
    for command in ("frammote backup", "frammote restore", "frammote migrate",
                    "frammote admin-link", "--require-hashes", "chromium --kiosk"):  # fmt: skip
        assert command in guide
