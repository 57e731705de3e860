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
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildFailed
from generator.manifest import MANIFEST, incomplete, mark_incomplete, read_manifest, record_manifest, refuse_foreign
from generator.outputs import guard
from generator.render.frontmatter import front_matter
from generator.render.pages import Drawn, Output

log = logging.getLogger(__name__)

STAGING = ".factcheck-staging-"  # + "<pid>-<random>"; ignored by git (.gitignore)
_STAGING_NAME = re.compile(re.escape(STAGING) + r"(\d+)-")


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    pages: int  # HTML pages written
    seconds: float  # wall-clock time of the whole build


def publish(root: Path, target: Path, fill: Callable[[Path], None], *protected: Path) -> None:
    """Let ``fill`` write a new output folder, record its manifest, and swap it in place of ``target``.

    ``target`` passes the guard of the project at ``root`` first (outputs.guard, with ``protected``).
    ``fill`` receives a folder path that does not exist yet. Whatever happens (an error, Ctrl-C,
    SIGTERM turned into an exception by the command line), the staging folder is removed; one left by a
    killed build is removed by the next build in the same folder.
    """
    target = guard(root, target, *protected)
    refuse_foreign(target)
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
            refuse_foreign(target)  # again: someone may have put files there during the build
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
    it is ``Drawn``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(output, Drawn):
        path.write_bytes(output.data())
    elif isinstance(output, bytes):
        path.write_bytes(output)
    else:
        path.write_text(output, encoding="utf-8")


def write_pages(folder: Path, assets: list[Path], pages: dict[str, Output]) -> None:
    """A docs folder: the static files (the package's, then the project's over them) and every generated page.

    The one writer of generated pages into a folder: the Markdown export's output and the engines' docs folders.
    Each text in ``pages`` keeps only its front matter once written (all that the post-steps read of it,
    postbuild.require_metadata), and each card is drawn as it is written: the build does not hold every page's
    text, nor any card, while the engine builds the site."""
    for static in assets:
        shutil.copytree(static, folder, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    for name, output in pages.items():
        write_output(folder / name, output)
        if isinstance(output, str):
            pages[name] = front_matter(output)
