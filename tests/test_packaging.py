"""The package metadata: the licence as an SPDX expression, which needs setuptools 77."""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_licence_is_an_spdx_expression_and_the_build_can_read_it() -> None:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert config["project"]["license"] == "MIT"  # the table form is deprecated (PEP 639)
    assert config["build-system"]["requires"] == ["setuptools>=77"]
    # An SPDX licence and a "License ::" classifier must not both be given.
    assert not [c for c in config["project"].get("classifiers", []) if c.startswith("License")]
