"""Put a finished output folder in place of the old one: the only code that writes `build` and `render` output
(and, file by file, the Zensical preview's docs folder: sync).

The output is filled in a staging folder next to the target, gets a manifest of every file it holds (a
marker naming this tool, and each file's SHA-256), and then takes the target's place in one atomic step,
so a reader never finds the folder missing or half old, half new. A non-empty folder is replaced only when
its manifest matches what it holds: the tool never deletes files it did not write.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from generator.drawing import UNSTARTED, Drawing, pool
from generator.errors import BuildFailed
from generator.manifest import (
    MANIFEST,
    UNSEEN,
    Seen,
    incomplete,
    mark_incomplete,
    read_manifest,
    record_manifest,
    refuse_foreign,
)
from generator.outputs import guard
from generator.render.frontmatter import front_matter
from generator.render.pages import Drawn, Encoded, Output

log = logging.getLogger(__name__)

STAGING = ".factcheck-staging-"  # + "<pid>-<random>"; ignored by git (.gitignore)
_STAGING_NAME = re.compile(re.escape(STAGING) + r"(\d+)-")


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    pages: int  # HTML pages written
    seconds: float  # wall-clock time of the whole build


def publish(root: Path, target: Path, fill: Callable[[Path], None], *protected: Path, seen: Seen = UNSEEN) -> None:
    """Let ``fill`` write a new output folder, record its manifest, and swap it in place of ``target``.

    ``target`` passes the guard of the project at ``root`` first (outputs.guard, with ``protected``).
    ``fill`` receives a folder path that does not exist yet. Whatever happens (an error, Ctrl-C,
    SIGTERM turned into an exception by the command line), the staging folder is removed; one left by a
    killed build is removed by the next build in the same folder.
    """
    target = guard(root, target, *protected)
    seen = refuse_foreign(target, seen)  # hashing only what changed since ``seen`` (the build's first look)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(target.parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=target.parent))
        try:
            output = staging / "output"
            fill(output)
            if incomplete(output):  # an engine that stopped half-way yet reported success: never published
                raise BuildFailed(f"the build of {target} did not complete; it is unchanged")
            record_manifest(output)
            refuse_foreign(target, seen)  # again: someone may have put files there during the build
            _swap(output, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BuildFailed(f"the disk is full: could not write {target}; it is unchanged") from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise BuildFailed(f"cannot write {target}: {exc.strerror}; it is unchanged") from None
        raise


def remove_stale_staging(parent: Path) -> None:
    """Remove staging folders left in ``parent`` by builds that were killed (their process is gone)."""
    for path in parent.glob(f"{STAGING}*"):
        found = _STAGING_NAME.match(path.name)
        if found and path.is_dir() and not path.is_symlink() and not _alive(int(found.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number we cannot check: leave its folder alone
    return True


def sync(docs: Path, files: dict[str, bytes]) -> int:
    """Make ``docs`` hold exactly ``files``, writing each changed file in place (atomically); return the count.

    Its manifest (publish.MANIFEST) lists what it wrote: only those files are ever replaced or deleted, and
    no file is written through a symbolic link that appeared in the folder meanwhile.
    """
    written = read_manifest(docs) or {}
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    changed = 0
    for name, data in files.items():
        path = docs / name
        if written.get(name) == digests[name] and path.is_file():
            continue
        if _linked(docs, path) or (path.exists() and name not in written):
            log.error("not written: %s (a symbolic link, or a file this tool did not write)", path)
            digests.pop(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        changed += 1
    for name in sorted(set(written) - set(files), reverse=True):
        path = docs / name
        if not _linked(docs, path) and path.is_file():
            path.unlink()
            changed += 1
        with suppress(OSError):  # the folders it leaves empty
            for folder in path.relative_to(docs).parents:
                if folder != Path("."):
                    (docs / folder).rmdir()
    record_manifest(docs, digests)
    return changed


def _linked(docs: Path, path: Path) -> bool:
    """True when ``path`` or a folder between ``docs`` and it is a symbolic link."""
    return any(part.is_symlink() for part in [path, *path.parents] if part.is_relative_to(docs))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target`` in one step; the old folder ends up at ``new``'s path, to be removed.

    Linux: renameat2(RENAME_EXCHANGE) swaps both names atomically. Elsewhere (or on a file system that
    cannot exchange), the old folder is renamed aside and the new one into place: two renames, between
    which ``target`` is briefly missing; a build killed right there leaves the old site in the staging
    folder, which the next build removes.
    """
    if not target.exists():
        new.rename(target)
        return
    try:
        if not _exchange(new, target):
            target.rename(new.with_name("previous"))
            new.rename(target)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        _replace_contents(new, target)


def _replace_contents(new: Path, target: Path) -> None:
    """Replace what ``target`` holds by what ``new`` holds, entry by entry: for a folder that cannot be renamed
    (a mount point, "Device or resource busy"). Not atomic: marked incomplete until its manifest is in place."""
    log.warning("%s is a mount point: its files are replaced one by one, not in one step", target)
    mark_incomplete(target)
    for entry in target.iterdir():
        if entry.name != MANIFEST:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in sorted(new.iterdir(), key=lambda path: path.name == MANIFEST):  # the manifest last
        shutil.move(entry, target / entry.name)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths atomically with renameat2; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False  # a C library without renameat2 (glibc < 2.28)
    result = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def write_output(path: Path, output: Output) -> None:
    """Write one generated file: text as UTF-8, an image's bytes (a social card) as they are, drawn now if
    it is ``Drawn`` (BuildFailed, naming the file, when it cannot be drawn)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(output, Drawn):
        path.write_bytes(drawn_now(path.name, output))
    elif isinstance(output, bytes):
        path.write_bytes(output)
    elif isinstance(output, Encoded):
        path.write_bytes(output.utf8)
    else:
        path.write_text(output, encoding="utf-8")


def drawn_now(name: str, drawn: Drawn) -> bytes:
    """The bytes of ``drawn``, drawn now; BuildFailed naming the file ``name`` when it cannot be drawn."""
    try:
        return drawn.data()
    except Exception as exc:  # a bug, or a font Pillow cannot read: say which file, without a traceback
        raise BuildFailed(f"could not draw {name}: {type(exc).__name__}: {exc}") from exc


def write_pages(folder: Path, assets: list[Path], pages: dict[str, Output]) -> None:
    """A docs folder: the static files (the package's, then the project's over them) and every generated page
    but the images drawn as they are written (``Drawn``: the social cards), which ``Cards.place`` puts into the
    site once the engine has written it.

    The one writer of generated pages into a folder: the Markdown export's output and the engines' docs folders.
    Each text in ``pages`` keeps only its front matter once written (all that the post-steps read of it,
    postbuild.require_metadata): the build does not hold every page's text while the engine builds the site."""
    for static in assets:
        shutil.copytree(static, folder, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    for name, output in pages.items():
        if isinstance(output, Drawn):
            continue
        write_output(folder / name, output)
        if isinstance(output, str | Encoded):
            pages[name] = front_matter(output if isinstance(output, str) else output.text())


DRAWN_AHEAD_FROM = 64  # cards: fewer are drawn as they are placed, sooner than a worker process starts


def ready() -> bool:
    """In a worker started before the cards are known (``Cards.expect``): draw one, which loads Pillow and the
    fonts, while the build checks the content."""
    from generator.render.card import social_card

    return bool(social_card("Ready", "Ready", None, "Ready"))


def draw_into(target: str, drawn: Drawn) -> bool:
    """In a worker process (drawing.py): draw ``drawn`` and write it to ``target``, in the build's spool; whether
    it was written. Any failure is False: the card is then drawn as it is placed, which names the error.

    Only this bool travels back, a few bytes the worker writes to its pipe in one piece: a worker killed while it
    sent a whole card's bytes (an out-of-memory kill, a signal to the process group) left the pool's reader
    waiting for the rest of the message, and the build hung."""
    try:
        write_output(Path(target), drawn.data())
    except Exception:  # said by the build's own drawing of the card as it is placed (drawn_now)
        return False
    return True


class Cards:
    """The social cards of a build: drawn in worker processes (drawing.py) from the end of the check on, while
    the pages render and the engine builds the site; each one written by its worker into a spool folder beside
    ``target`` (``draw_into``: the build holds no card), and moved into the site once the engine has written it
    (``place``).

    Every engine copies a docs folder's image to the same path in its site, so a card is placed where the engine
    would have put it. A card that was not drawn ahead (fewer than DRAWN_AHEAD_FROM, an error, a worker that
    stopped, other arguments than the render's) is drawn as it is placed, which says what went wrong. The spool
    is removed on leaving the ``with`` block, whatever happened; one left by a killed build, by the next build
    (its name is a staging folder's: remove_stale_staging)."""

    def __init__(self, target: Path) -> None:
        self._target = target
        self._spool: Path | None = None  # made by ``start``
        self._drawing: Drawing | None = None
        self._ready: ProcessPoolExecutor | None = None  # workers started before the cards were known (``expect``)
        self._started: dict[str, Drawn] = {}
        self._kept: dict[str, bool] = {}  # each card's path, once delivered: whether its bytes are in the spool
        self._delivered = threading.Condition()
        self.ahead = 0  # how many cards ``place`` took from the spool

    def __enter__(self) -> Cards:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._drawing is not None:
            self._drawing.close()
        self._let_ready_go()  # started, and no card given to them (the check failed)
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)

    def expect(self, claims: int) -> None:
        """Start the workers now if ``claims`` (the claim files, before the check) are enough cards to draw ahead:
        they start Python and load Pillow and the fonts on the core the check leaves idle."""
        if claims < DRAWN_AHEAD_FROM or self._ready is not None:
            return
        try:
            self._ready = pool((ready, ()))
        except UNSTARTED:
            return  # said when the cards are given (start), if no process can start then either

    def start(self, files: Mapping[str, Drawn]) -> None:
        """Begin drawing ``files`` ({docs path: card}), unless they are too few to be worth a worker process."""
        if len(files) < DRAWN_AHEAD_FROM:
            self._let_ready_go()  # started for the claim files, of which too few are listed: not held idle
            return
        self._target.parent.mkdir(parents=True, exist_ok=True)
        self._spool = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=self._target.parent))
        self._started = dict(files)
        jobs = {path: (draw_into, (str(self._spool / path), drawn)) for path, drawn in files.items()}
        started, self._ready = self._ready, None
        self._drawing = Drawing(jobs, self._keep, started)

    def _let_ready_go(self) -> None:
        """Stop the workers ``expect`` started, if no card was given to them."""
        if self._ready is not None:
            self._ready.shutdown(wait=True, cancel_futures=True)
            self._ready = None

    def _keep(self, path: str, kept: bool) -> None:
        """On the pool's thread: whether the card at ``path`` is in the spool; let ``place`` know."""
        with self._delivered:
            self._kept[path] = kept
            self._delivered.notify_all()

    def place(self, pages: Mapping[str, Output], folder: Path) -> None:
        """Put every card of ``pages`` into ``folder``, the site the engine wrote: from the spool when it was
        drawn ahead with the same arguments, else drawn now.

        The last card first: the workers draw from the first on, and a card none has begun yet is taken back and
        drawn here, while they draw the others, rather than waited for (the build has nothing else to do by now).
        The two ends meet: the build waits at most for the few cards the workers have begun or hold in their queue."""
        for path, output in reversed(list(pages.items())):
            if not isinstance(output, Drawn):
                continue
            if self._started.get(path) == output and self._in_spool(path):
                assert self._spool is not None  # started
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(self._spool / path, folder / path)
                self.ahead += 1
            else:
                write_output(folder / path, drawn_now(path, output))

    def _in_spool(self, path: str) -> bool:
        """Whether the card at ``path`` is in the spool, once delivered; one no worker has begun is taken back first
        (it is not: the caller draws it)."""
        if self._drawing is not None:
            self._drawing.cancel(path)
        return self._wait(path)

    def _wait(self, path: str) -> bool:
        """Whether the card at ``path`` is in the spool, once the pool has delivered it."""
        if path not in self._started:
            return False
        with self._delivered:
            self._delivered.wait_for(lambda: path in self._kept)
            return self._kept[path]
