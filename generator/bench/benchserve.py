"""Time how long an edit to one claim takes to show in ``mkdocs serve`` (or Zensical's), on a synthetic project.

Starts ``mkdocs serve`` on 127.0.0.1 and a free port, waits for the first build, then edits one claim's YAML
several times and polls the served page until each edit shows: the time from the edit's write (one atomic
replacement of the file, as editors save) to the first answer holding the edited text. Every wait is bounded; the
server is always stopped, and the temporary project removed.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Protocol

from generator.bench import synthetic
from generator.errors import GeneratorError
from generator.settings import config_file

FIRST_BUILD_TIMEOUT = 600.0  # seconds for the initial build of a large project on a slow machine
EDIT_TIMEOUT = 120.0  # seconds for one edit to show
SETTLE = 2.0  # seconds of rest before each edit, so the last rebuild's tail (other pages) does not delay it
POLL = 0.01  # seconds between two requests for the page


def measure_serve(repo: Path, claims: int, dirty: bool, edits: int = 3) -> list[float]:
    """Seconds from writing each edit to the served page showing it, for ``edits`` edits of one claim.

    With ``dirty``, the server runs as ``mkdocs serve --dirty``: only the pages that changed are rebuilt.
    """
    return _measure(repo, claims, edits, lambda project, addr, log: _mkdocs_serving(project, addr, log, dirty))


def measure_zensical_serve(repo: Path, claims: int, edits: int = 3) -> list[float]:
    """The same for ``generator preview --engine zensical``: the render watcher feeding ``zensical serve``."""
    from generator.zensical.preview import running

    # A line per re-render would fill the table.
    logging.getLogger("generator.zensical.preview").setLevel(logging.WARNING)
    return _measure(repo, claims, edits, running)


class Server(Protocol):
    """What the timing needs of a server: whether it stopped (a Popen, or the Zensical preview's supervisor)."""

    def poll(self) -> int | None: ...


Serving = Callable[[Path, str, IO[str]], AbstractContextManager[Server]]


def _measure(repo: Path, claims: int, edits: int, serving: Serving) -> list[float]:
    """Write a synthetic project, serve it with ``serving`` (project, address, log) and time each edit."""
    with tempfile.TemporaryDirectory(prefix="factcheck-serve-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        synthetic.write_project(project, repo, claims)
        port = _free_port()
        log = (Path(tmp) / "serve.log").open("w", encoding="utf-8")
        with log, serving(project, f"127.0.0.1:{port}", log) as server:
            url = f"http://127.0.0.1:{port}/claims/{synthetic.claim_id(0)}.html"
            _wait_until(url, "", FIRST_BUILD_TIMEOUT, server)
            return [_edit_and_wait(project, url, number, server) for number in range(edits)]


@contextmanager
def _mkdocs_serving(project: Path, addr: str, log: IO[str], dirty: bool) -> Iterator[subprocess.Popen[bytes]]:
    """``mkdocs serve`` (``--dirty``) on the project, stopped on leaving."""
    from generator.zensical.server import stop

    config = str(config_file(project))
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", config, "--dev-addr", addr]
    command += ["--dirty"] if dirty else []
    # Not from inside the project: a folder there named like a module could shadow the package.
    server = subprocess.Popen(command, cwd=project.parent, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield server
    finally:
        stop(server)


def _edit_and_wait(project: Path, url: str, number: int, server: Server) -> float:
    path = project / "content" / "claims" / f"{synthetic.claim_id(0)}.yaml"
    marker = f"Edited claim, version {number} of {time.time_ns()}."
    text = re.sub(r"^claim: .*$", f"claim: {marker}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    edited = project.parent / "edited.yaml"  # written beside the project, out of the watched folders
    edited.write_text(text, encoding="utf-8")
    time.sleep(SETTLE)
    started = time.perf_counter()
    os.replace(edited, path)  # the edit's write: the server never sees a half-written file
    _wait_until(url, marker, EDIT_TIMEOUT, server)
    return time.perf_counter() - started


def _wait_until(url: str, marker: str, timeout: float, server: Server) -> None:
    """Poll ``url`` until its body contains ``marker``; the server answers once its rebuild is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (code := server.poll()) is not None:
            raise GeneratorError(f"the preview server stopped with exit code {code}")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # our own server on 127.0.0.1
                if marker in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(POLL)
    raise GeneratorError(f"{url} did not show the edit within {timeout:.0f} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
