"""A real SMTP server on loopback (aiosmtpd), on a port the system picks when it binds."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.controller import Controller


class LoopbackSmtp(Controller):
    """Binds port 0 and reads the port back: no other process can take it in between."""

    def __init__(self, handler: Any) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=0)

    def _create_server(self) -> Any:  # aiosmtpd's hook; it runs this on its own loop
        return self._bind()

    async def _bind(self) -> asyncio.AbstractServer:
        server = await self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=0, ssl=self.ssl_context
        )
        self.port = int(server.sockets[0].getsockname()[1])
        return server


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port held bound but not listening: a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])
