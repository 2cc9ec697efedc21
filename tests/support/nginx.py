"""nginx in front of replicas, as the reverse proxy of deploy/compose.yaml is in production.

Debian's nginx (deploy/scripts/install-test-tools.sh), started as an ordinary process in
the foreground with a generated configuration in a temporary folder: its own pid file,
logs and temporary paths, listening on a free loopback port, one upstream holding every
replica. A replica that refuses connections is passed over for a second (`max_fails=1
fail_timeout=1s`); a request already sent to a replica that dies is answered 502, never
sent to another one (nginx retries no POST once sent), as in production.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CONFIG = """\
daemon off;
master_process on;
worker_processes 1;
{user}
pid {dir}/nginx.pid;
error_log {dir}/error.log notice;
events {{
    worker_connections 256;
}}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream frammote {{
{servers}
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://frammote;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        raise RuntimeError("nginx is missing: run deploy/scripts/install-test-tools.sh")
    return found


def free_port() -> int:
    """A loopback port free now, for a process that binds it itself (nginx, a replica)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Nginx:
    url: str
    process: subprocess.Popen[bytes]
    directory: Path

    def log(self) -> str:
        return (self.directory / "error.log").read_text(errors="replace")


def write_config(directory: Path, port: int, upstreams: Sequence[int]) -> Path:
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=1s;" for p in upstreams
    )
    # As root the workers would become "nobody", who may not enter the temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    path = directory / "nginx.conf"
    path.write_text(CONFIG.format(dir=directory, port=port, servers=servers, user=user))
    return path


@contextmanager
def running_nginx(directory: Path, upstreams: Sequence[int]) -> Iterator[Nginx]:
    """nginx on a free port in front of the replicas on `upstreams` (loopback ports)."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = write_config(directory, port, upstreams)
    command = [nginx_binary(), "-p", str(directory), "-c", str(config)]
    command += ["-e", str(directory / "error.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    nginx = Nginx(f"http://127.0.0.1:{port}", process, directory)
    try:
        _wait_listening(nginx, port)
        yield nginx
    finally:
        process.terminate()  # fast shutdown
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _wait_listening(nginx: Nginx, port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if nginx.process.poll() is not None:
            stderr = nginx.process.stderr.read().decode() if nginx.process.stderr else ""
            raise RuntimeError(f"nginx exited: {stderr or nginx.log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx never listened on {port}: {nginx.log()}")
