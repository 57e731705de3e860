"""The address ``generator preview --engine zensical`` serves on: a small front for ``zensical serve``.

``zensical serve`` answers a request for ``//evil.example/x`` (or ``/\\evil.example/x``, ``/%2F%2Fevil.example``)
with a redirect to ``//evil.example/x/``: a link to the preview could send a reader's browser to any site.
This front listens on the editor's address, refuses such requests (and any whose path holds a backslash)
with 404, and passes everything else to Zensical, on a private loopback port, byte for byte: pages, the
live-reload WebSocket, errors. It also tells in one line what keeps the preview from listening (a busy port).
"""

from __future__ import annotations

import re
import socket
import socketserver
import threading
from collections.abc import Callable
from contextlib import suppress
from urllib.parse import unquote_to_bytes

from generator.errors import GeneratorError

_HEAD_END = b"\r\n\r\n"
_HTML = "Content-Type: text/html; charset=utf-8"
_MAX_HEAD = 64 * 1024
_OFF_SITE = re.compile(rb"^/[/\\]|\\")  # a path Zensical would redirect to another host
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)
_NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nNot found\n"
)


class Front(socketserver.ThreadingTCPServer):
    """Listens on the editor's address; each connection is passed to ``upstream`` (Zensical) by _Pass."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.unavailable: Callable[[], bytes] = lambda: b"Zensical is not answering: see the terminal.\n"
        try:
            super().__init__(addr, _Pass)
        except OSError as exc:
            shown = f"{addr[0]}:{addr[1]}"
            raise GeneratorError(
                f"cannot serve the preview on {shown}: {exc.strerror or exc}; stop what uses it, or choose another "
                "address with --addr HOST:PORT"
            ) from None

    def start(self) -> threading.Thread:
        """Serve in a background thread (stopped by ``shutdown``)."""
        thread = threading.Thread(target=self.serve_forever, name="preview-front", daemon=True)
        thread.start()
        return thread


def off_site(target: bytes) -> bool:
    """True for a request target whose path Zensical would answer with a redirect to another host."""
    path = target.split(b"?", 1)[0]
    return bool(_OFF_SITE.search(path) or _OFF_SITE.search(unquote_to_bytes(path)))


class _Pass(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        client: socket.socket = self.request
        try:
            upstream = socket.create_connection(self.server.upstream, timeout=10)  # type: ignore[attr-defined]
        except OSError:  # Zensical is starting, or stopped on an error: say which, on every page
            page = self.server.unavailable()  # type: ignore[attr-defined]
            head = f"HTTP/1.1 503 Service Unavailable\r\n{_HTML}\r\nContent-Length: {len(page)}\r\nConnection: close"
            client.sendall(head.encode("ascii") + _HEAD_END + page)
            return
        upstream.settimeout(None)
        answers = threading.Thread(target=_copy, args=(upstream, client), daemon=True)
        answers.start()
        try:
            _requests(client, upstream)
        except OSError:
            pass
        finally:
            _close(upstream)
            answers.join(timeout=5)
            upstream.close()


def _requests(client: socket.socket, upstream: socket.socket) -> None:
    """Pass each request from ``client`` to ``upstream``, refusing off-site targets; a WebSocket, or a body that
    is not sized, is then passed on as it comes."""
    buffer = b""
    while True:
        while _HEAD_END not in buffer:
            chunk = client.recv(65536)
            if not chunk or len(buffer) > _MAX_HEAD:
                return
            buffer += chunk
        head, buffer = buffer.split(_HEAD_END, 1)
        parts = head.split(b" ", 2)
        if len(parts) < 3 or off_site(parts[1]):
            client.sendall(_NOT_FOUND)
            return
        upstream.sendall(head + _HEAD_END)
        lowered = head.lower()
        if b"\r\nupgrade:" in lowered or b"\r\ntransfer-encoding:" in lowered:
            upstream.sendall(buffer)
            _copy(client, upstream)
            return
        length = int(found.group(1)) if (found := _CONTENT_LENGTH.search(head)) else 0
        while len(buffer) < length:
            chunk = client.recv(65536)
            if not chunk:
                return
            buffer += chunk
        upstream.sendall(buffer[:length])
        buffer = buffer[length:]


def _copy(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        _close(target)


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def parse_address(addr: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as a (host, port) pair; GeneratorError when it is not one."""
    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise GeneratorError(f"--addr {addr!r} is not HOST:PORT (e.g. 127.0.0.1:8000)")
    return host.strip("[]"), int(port)


def require_free(addr: str) -> None:
    """GeneratorError (one line) unless a server can listen on ``addr`` (checked before starting one)."""
    Front(parse_address(addr), ("127.0.0.1", 0)).server_close()


def free_port() -> int:
    """A loopback port nobody listens on, for Zensical behind the front."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(addr: tuple[str, int]) -> bool:
    """True when something accepts connections on ``addr``."""
    try:
        socket.create_connection(addr, timeout=1).close()
    except OSError:
        return False
    return True
