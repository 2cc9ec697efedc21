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
