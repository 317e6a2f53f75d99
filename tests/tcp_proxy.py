"""A loopback TCP proxy for fault tests: the app under test talks to it instead of the real node.

``TcpProxy(target_port)`` listens on 127.0.0.1:<free port> and, depending on its mode, forwards every
connection to 127.0.0.1:<target_port> (``forward``), refuses connections (``refuse``: the port is closed,
as when the node is down), or accepts them and never answers (``blackhole``: a stuck node). Switching mode
drops every open connection, so pooled keep-alive connections see the change at once. Use it as a context
manager: its threads stop (and are joined) when the block ends.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from types import TracebackType
from typing import Literal

Mode = Literal["forward", "refuse", "blackhole"]

_POLL_SECONDS = 0.05
_CHUNK = 65536
_JOIN_SECONDS = 5.0


class TcpProxy:
    """Forwards, refuses or black-holes TCP connections from 127.0.0.1:``port`` to 127.0.0.1:``target_port``."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.mode: Mode = "forward"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accept_thread: threading.Thread | None = None
        self._applied = threading.Condition(self._lock)
        self._applied_mode: Mode | None = None
        self._listener = self._listen(0)
        self.port: int = self._listener.getsockname()[1]

    @property
    def url(self) -> str:
        """The proxy's HTTP URL (what the app under test is told the node is)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TcpProxy:
        """Start accepting connections (in ``forward`` mode unless :meth:`set_mode` said otherwise)."""
        self._accept_thread = threading.Thread(target=self._accept_loop, name="tcp-proxy-accept", daemon=True)
        self._accept_thread.start()
        return self

    def set_mode(self, mode: Mode) -> None:
        """Switch to ``mode``; every open connection is dropped, and on return the listening port is
        closed (``refuse``) or open again (``forward``, ``blackhole``)."""
        if self._accept_thread is None:
            raise RuntimeError("start the proxy first")
        with self._applied:
            self.mode = mode
            if not self._applied.wait_for(lambda: self._applied_mode == mode, _JOIN_SECONDS):
                raise RuntimeError(f"the proxy did not switch to {mode} within {_JOIN_SECONDS} s")
        self._drop_connections()

    def stop(self) -> None:
        """Stop accepting, drop every connection and join the proxy's threads."""
        self._stop.set()
        if self._accept_thread is not None:
            self._accept_thread.join(_JOIN_SECONDS)
        self._drop_connections()
        for thread in list(self._threads):
            thread.join(_JOIN_SECONDS)
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        return listener

    def _accept_loop(self) -> None:
        # Only this thread opens and closes the listener, so a mode switch never races an accept().
        while not self._stop.is_set():
            with self._lock:
                mode = self.mode
            if mode == "refuse" and self._listener is not None:
                self._listener.close()
                self._listener = None
            elif mode != "refuse" and self._listener is None:
                self._listener = self._listen(self.port)
            with self._applied:
                self._applied_mode = mode
                self._applied.notify_all()
            if self._listener is None:
                self._stop.wait(_POLL_SECONDS)
                continue
            readable, _, _ = select.select([self._listener], [], [], _POLL_SECONDS)
            if readable:
                conn, _ = self._listener.accept()
                self._handle(conn, mode)

    def _handle(self, conn: socket.socket, mode: Mode) -> None:
        if mode == "blackhole":
            self._track(conn)  # kept open, never read, never answered
            return
        try:
            upstream = socket.create_connection(self.target, timeout=_JOIN_SECONDS)
        except OSError:
            conn.close()
            return
        self._track(conn)
        self._track(upstream)
        thread = threading.Thread(target=self._pump, args=(conn, upstream), name="tcp-proxy-pump", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.append(sock)

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        peers = {client: upstream, upstream: client}
        try:
            while not self._stop.is_set():
                readable, _, _ = select.select(list(peers), [], [], _POLL_SECONDS)
                for sock in readable:
                    data = sock.recv(_CHUNK)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):  # a socket dropped by set_mode() or stop()
            return
        finally:
            for sock in peers:
                sock.close()

    def _drop_connections(self) -> None:
        with self._lock:
            dropped, self._open = self._open, []
        for sock in dropped:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._threads = [t for t in self._threads if t.is_alive()]
