"""``zensical serve`` behind the preview's front (proxy.py): started, watched, and started again.

Zensical stops for good on some errors (a theme partial with a Jinja error: a Python traceback). The preview
then keeps answering, with Zensical's error on every page (the front shows it), and starts Zensical again,
with the theme overrides copied afresh, when the editor next changes a watched file.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from generator.zensical.engine import CONFIG, DISK_FULL, ZENSICAL, dies_with_parent, messages
from generator.zensical.proxy import listening

_TRACEBACK = "Traceback (most recent call last):"
_PANIC = ("thread '", "stack backtrace:", "note: Some details are omitted")  # the lines of a Rust panic


class Zensical:
    """One ``zensical serve`` at a time on the private ``upstream`` address; Popen's ``poll`` and ``wait``."""

    def __init__(
        self, work: Path, upstream: tuple[str, int], output: IO[str] | None, prepare: Callable[[], None]
    ) -> None:
        self.work, self.upstream, self.output, self.prepare = work, upstream, output, prepare
        self.error: str | None = None  # why Zensical stopped, in its own words
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        self.echo: threading.Thread | None = None

    def start(self) -> None:
        """(Re)start Zensical, its overrides prepared afresh; return once it listens, or has stopped."""
        with self.lock:
            if self.process is not None:
                stop(self.process)
            self.prepare()
            self.error = None
            address = f"{self.upstream[0]}:{self.upstream[1]}"
            self.process = subprocess.Popen(
                [*ZENSICAL, "serve", "-f", str(self.work / CONFIG), "-a", address],
                cwd=self.work,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                preexec_fn=dies_with_parent(),  # a killed preview leaves no server behind
            )
            assert self.process.stdout is not None
            self.echo = threading.Thread(target=self._echo, args=(self.process.stdout,), name="zensical", daemon=True)
            self.echo.start()
            while not listening(self.upstream) and self.process.poll() is None:
                time.sleep(0.1)

    def stopped(self) -> bool:
        """True when Zensical is not running (it stopped on an error)."""
        return self.process is None or self.process.poll() is not None

    def poll(self) -> int | None:
        """None while the preview runs (Zensical may be waiting for a fix)."""
        return None

    def wait(self) -> int:
        """Block until the preview is interrupted (Ctrl-C)."""
        while True:
            time.sleep(0.5)

    def close(self) -> None:
        """Stop Zensical, and wait for its last messages."""
        with self.lock:
            if self.process is not None:
                stop(self.process)
            if self.echo is not None:
                self.echo.join(timeout=10)

    def _echo(self, stream: IO[bytes]) -> None:
        """Zensical's messages, but the private address it serves on and its tracebacks (their last line, the
        error, is kept: the front shows it on every page)."""
        traceback: list[str] | None = None
        with stream:
            self._lines(stream, traceback)

    def _lines(self, stream: IO[bytes], traceback: list[str] | None) -> None:
        full, panic = False, list[str]()  # a panic's lines, held until its message says what it is
        for line in stream:
            text = line.decode("utf-8", "replace")
            if text.startswith(_PANIC):
                panic += [] if full else [text]
                continue
            if DISK_FULL.search(text):  # one panic per thread: say it once, as a build does
                if not full:
                    self.error = f"the disk is full: could not write {self.work}"
                    self._write(f"Zensical: {self.error}\n")
                full, panic = True, []
                continue
            self._write("".join(panic))
            panic = []
            if text.startswith(_TRACEBACK):
                traceback = [text]
            elif traceback is not None:
                traceback.append(text)
                if text[:1].strip():  # the exception's line, after the indented frames
                    self.error = messages("".join(traceback))
                    self._write(f"Zensical stopped: {self.error}\n")
                    traceback = None
            elif not text.startswith("Serving "):
                self._write(text)
        self._write("".join(panic))

    def _write(self, text: str) -> None:
        target = self.output or sys.stdout
        target.write(text)
        target.flush()


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server process: politely, then, after 20 s, for good."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
