"""The social cards drawn in another process while the build renders the pages and the engine builds the site.

A build knows every card once the content has checked (card.social_cards). Drawing 1,000 takes about as long as
rendering every page, and the machine has a core to spare: the build's own thread runs Python throughout. Pillow
lets go of the GIL only while it compresses a PNG (about two thirds of a card); it keeps it while it lays out and
rasterises the text with FreeType, so a thread would still take a third of every card from the build's thread.
The cards are drawn in worker processes instead, started by ``spawn`` (a clean interpreter, the same on every
system; a forked copy of a build holding the checked model would copy its pages as it touched them). Each
worker returns a card's bytes; this process hands them to publish, the only writer of output (publish.Cards).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from generator.render.pages import Drawn

log = logging.getLogger(__name__)

MOST_WORKERS = 4  # beyond that, the cards are drawn long before the pages are written


def workers() -> int:
    """One worker per core the build's own thread leaves free: at least one, at most MOST_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MOST_WORKERS, cores - 1))


class Drawing:
    """Draws ``files`` in worker processes, at once; hands each one's bytes to ``deliver`` (on the pool's thread,
    in this process) as it is done, or None when it was not drawn: an error (drawn again by the caller, which
    then says what went wrong), a worker that stopped, or a drawing cancelled by ``close``."""

    def __init__(self, files: Mapping[str, Drawn], deliver: Callable[[str, bytes | None], None]) -> None:
        self._deliver, self._broken = deliver, False
        self._pool: ProcessPoolExecutor | None = None
        waiting = dict(files)
        try:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(workers(), mp_context=context, initializer=_ignore_interrupts)
            for path, drawn in files.items():
                future = self._pool.submit(drawn.draw, *drawn.arguments)
                del waiting[path]
                future.add_done_callback(partial(self._done, path))
        except (OSError, ImportError, NotImplementedError, RuntimeError, BrokenProcessPool) as exc:
            # No process can be started here (a sandbox, no semaphores): the caller draws these cards itself.
            log.warning("the social cards are drawn one by one: no process can draw them (%s)", exc)
            self.close()
            for path in waiting:
                deliver(path, None)

    def _done(self, path: str, future: Future[bytes]) -> None:
        if future.cancelled():
            self._deliver(path, None)
            return
        error = future.exception()
        if isinstance(error, BrokenProcessPool) and not self._broken:
            self._broken = True
            log.warning("the social cards are drawn one by one: the process drawing them stopped (%s)", error)
        self._deliver(path, None if error is not None else future.result())

    def close(self) -> None:
        """Cancel the cards not drawn yet, and wait for the workers to stop (each finishes the card it draws)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group, and the build (which stops the workers) answers it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
