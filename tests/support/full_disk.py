"""A real full disk: a small tmpfs mounted for the test, then filled to the last byte.

Mounting needs root, as the tests and CI run (a read-only directory would not do: root
writes there anyway, and /dev/full is a device, not a place for a database file).
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SIZE = "4m"


@dataclass(frozen=True)
class SmallDisk:
    path: Path

    def fill(self) -> None:
        """Write zeros until the file system refuses with ENOSPC."""
        block = b"\0" * 4096
        with (self.path / "filler").open("wb", buffering=0) as out:
            try:
                while True:
                    out.write(block)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
        # Another byte-sized write must fail too: no block is left.
        with (self.path / "filler2").open("wb", buffering=0) as out:
            try:
                while True:
                    out.write(b"\0")
            except OSError as error:
                assert error.errno == errno.ENOSPC, error

    def free(self) -> None:
        for name in ("filler", "filler2"):
            (self.path / name).unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"mounting a tmpfs needs root: {done.stderr.strip()}"
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
