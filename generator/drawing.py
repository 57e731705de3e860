"""The social cards drawn in another process while the build renders the pages and the engine builds the site.

A build knows every card once the content has checked (card.social_cards). Drawing 1,000 takes about as long as
rendering every page, and the machine has a core to spare: the build's own thread runs Python throughout. Pillow
lets go of the GIL only while it compresses a PNG (about two thirds of a card); it keeps it while it lays out and
rasterises the text with FreeType, so a thread would still take a third of every card from the build's thread.
The cards are drawn in worker processes instead, started by ``spawn`` (a clean interpreter, the same on every
system; a forked copy of a build holding the checked model would copy its pages as it touched them). Each job
is publish's (publish.draw_into: it writes the card into the build's spool and answers with a bool), so only a
few bytes travel back: a worker killed while it sent a whole card left the pool's reader waiting for the rest of
the message forever, and the build hung. A worker also ends when the build's process does (``as_worker``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from typing import Any

log = logging.getLogger(__name__)

MOST_WORKERS = 4  # beyond that, the cards are drawn long before the pages are written


def workers() -> int:
    """One worker per core the build's own thread leaves free: at least one, at most MOST_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MOST_WORKERS, cores - 1))


Job = tuple[Callable[..., bool], tuple[Any, ...]]  # a picklable function and its arguments; True when done


class Drawing:
    """Runs ``jobs`` ({path: job}) in worker processes, at once; tells ``deliver`` (on the pool's thread, in this
    process) of each one as it ends: True when done, False when not (an error, which the caller's own drawing then
    names; a worker that stopped; a job cancelled by ``close``). Once every job has ended, the workers stop: a
    build holds the site's largest pages after its cards are drawn, and need not hold the workers' memory too."""

    def __init__(
        self, jobs: Mapping[str, Job], deliver: Callable[[str, bool], None], started: ProcessPoolExecutor | None = None
    ) -> None:
        """``started``: the workers (``pool``), if they were started before the jobs were known; the Drawing
        stops them."""
        self._deliver, self._broken = deliver, False
        self._pool: ProcessPoolExecutor | None = None
        self._left, self._counting = len(jobs), threading.Lock()  # jobs not ended yet
        self._waiting: dict[str, Future[bool]] = {}  # the jobs not ended yet, which ``cancel`` may take back
        self._taking, self._stopping = threading.Lock(), threading.Thread()  # who stops the pool (``_stop``)
        waiting = dict(jobs)
        try:
            self._pool = started or pool()
            with ctrl_c_held():  # the first submit starts the workers; a Ctrl-C arrives once all are handed over
                for path, (function, arguments) in jobs.items():
                    self._waiting[path] = future = self._pool.submit(function, *arguments)
                    del waiting[path]
                    future.add_done_callback(partial(self._done, path))
        except UNSTARTED as exc:
            # No process can be started here (a sandbox, no semaphores): the caller draws these cards itself.
            log.warning("the social cards are drawn one by one: no process can draw them (%s)", exc)
            self.close()
            for path in waiting:
                deliver(path, False)
        except BaseException:  # Ctrl-C, held while the jobs were handed over, arrives here: none is left to draw
            self.close()
            raise

    def cancel(self, path: str) -> None:
        """Take back the job of ``path`` unless a worker has begun it (or it has ended): then it is delivered as not
        done at once, on this thread, and the caller does it itself."""
        future = self._waiting.get(path)
        if future is not None:
            future.cancel()

    def _done(self, path: str, future: Future[bool]) -> None:
        self._waiting.pop(path, None)
        if future.cancelled():
            self._deliver(path, False)
            self._ended()
            return
        error = future.exception()
        if isinstance(error, BrokenProcessPool) and not self._broken:
            self._broken = True
            log.warning("the social cards are drawn one by one: the process drawing them stopped (%s)", error)
        self._deliver(path, error is None and future.result() is True)
        self._ended()

    def _ended(self) -> None:
        with self._counting:
            self._left -= 1
            ended = self._left == 0
        if ended:  # not on this thread, the pool's own, which the shutdown waits for
            self._stopping = threading.Thread(target=self._stop, args=(False,), name="cards drawn")
            self._stopping.start()

    def close(self) -> None:
        """Cancel the cards not drawn yet, and wait for the workers to stop (each finishes the card it draws)."""
        self._stop(cancel=True)
        if self._stopping.ident is not None:  # started: the workers stopped once every card was drawn
            self._stopping.join()

    def _stop(self, cancel: bool) -> None:
        """Shut the pool down and wait for its workers to stop, once: the first caller takes the pool."""
        with self._taking:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=cancel)


def pool(ready: Job | None = None) -> ProcessPoolExecutor:
    """Worker processes, started by ``spawn``: at the first job, or now with ``ready``, a job that loads what the
    others need (its answer is not read). One of UNSTARTED when no process can start here."""
    context = multiprocessing.get_context("spawn")
    started = ProcessPoolExecutor(workers(), mp_context=context, initializer=as_worker)
    if ready is not None:
        function, arguments = ready
        try:
            with ctrl_c_held():  # as for the first job of a Drawing
                started.submit(function, *arguments)
        except BaseException:  # a Ctrl-C held meanwhile: the caller never gets the pool, so it is stopped here
            started.shutdown(wait=True, cancel_futures=True)
            raise
    return started


# Why no process can start here: a sandbox without semaphores or processes; a daemonic process (a worker of a
# multiprocessing pool), which may have no children (AssertionError); a main module that starts a build on import.
UNSTARTED = (OSError, ImportError, NotImplementedError, RuntimeError, AssertionError, BrokenProcessPool)


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back while a worker process starts: it inherits the mask, and ignores Ctrl-C before it takes it
    back (``as_worker``), so it never dies of one while Python starts, printing a traceback. A Ctrl-C meanwhile
    reaches the build as soon as the process has started."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def as_worker() -> None:
    """In a worker: Ctrl-C reaches the whole process group, and the build (which stops the workers) answers it;
    and the worker ends when the build's process does, however it ended (killed, it would wait for jobs forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while it started (ctrl_c_held)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: Any) -> None:
    parent.join()
    os._exit(1)
