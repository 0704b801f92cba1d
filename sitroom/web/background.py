"""Serve the page from a background thread on a free loopback port (browser tests and benches)."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on at the moment of asking."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any, host: str = "127.0.0.1", timeout: float = 30.0) -> Iterator[str]:
    """Run ``app`` with uvicorn in a daemon thread; yield its base URL, stop it on exit.

    Raises RuntimeError when the server has not started within ``timeout`` seconds.
    """
    import uvicorn

    port = free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if time.monotonic() >= deadline or not thread.is_alive():
                raise RuntimeError(f"server on {host}:{port} did not start")
            time.sleep(0.05)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
