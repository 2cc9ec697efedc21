"""A throwaway PostgreSQL server for the test session, installed by the project's script if missing."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = ROOT / "deploy" / "scripts" / "install-postgres.sh"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or (
        [p] if (p := shutil.which(name)) else []
    )
    if not found:
        subprocess.run(["bash", str(INSTALL_SCRIPT)], check=True)
        return _pg_bin(name)
    return found[-1]


# The server listens on a Unix socket in its own folder only (no TCP port to race others
# for): the port number merely names the socket file there.
SOCKET_PORT = 5432


class PostgresServer:
    """initdb + pg_ctl in a temporary folder; as root, runs as the `postgres` user."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="frammote-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *args] if self.as_postgres else list(args)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> str:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        options = (
            f"-p {SOCKET_PORT} -k {self.dir} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start"
        )
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgres://postgres@/{database}?host={self.dir}&port={SOCKET_PORT}"

    def stop(self) -> None:
        try:
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
