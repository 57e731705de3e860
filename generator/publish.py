"""Put a finished output folder in place of the old one: the only code that writes `build` and `render` output.

The output is filled in a staging folder next to the target, gets a manifest of every file it holds (a
marker naming this tool, and each file's SHA-256), and then takes the target's place in one atomic step,
so a reader never finds the folder missing or half old, half new. A non-empty folder is replaced only when
its manifest matches what it holds: the tool never deletes files it did not write.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import BuildFailed
from generator.outputs import guard

log = logging.getLogger(__name__)

MANIFEST = ".factcheck-manifest.json"
TOOL = "factcheck-generator"  # the marker: a manifest without it was not written by this tool
STAGING = ".factcheck-staging-"  # + "<pid>-<random>"; ignored by git (.gitignore)
_STAGING_NAME = re.compile(re.escape(STAGING) + r"(\d+)-")
_SHOWN = 3  # files named when refusing


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


def refuse_foreign(target: Path) -> None:
    """Raise BuildFailed unless ``target`` is absent, empty, or holds exactly what its manifest lists."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise BuildFailed(f"refusing to replace {target}: it is a file, not a folder")
    if not target.is_dir() or not any(target.iterdir()) or incomplete(target):
        return  # an incomplete build's folder is the tool's own, whatever is left in it
    listed = read_manifest(target)
    if listed is None:
        names = sorted(p.name for p in target.iterdir())
        raise BuildFailed(
            f"refusing to replace {target}: this tool did not write it (it holds {_names(names)} and no "
            f"{MANIFEST}); choose another folder, or move these files away"
        )
    if foreign := [name for name, digest in _files(target) if listed.get(name) != digest]:
        raise BuildFailed(
            f"refusing to replace {target}: {_names(foreign)} changed or appeared since this tool wrote it; "
            "move them away first"
        )


def record_manifest(folder: Path, files: dict[str, str] | None = None) -> None:
    """Write the manifest of ``files`` ({path: SHA-256}; by default everything in ``folder``), through a rename
    (a link in its place is replaced, never followed). Also used by the MkDocs plugin and the Zensical preview."""
    manifest = {"tool": TOOL, "files": dict(_files(folder)) if files is None else files}
    temporary = folder / f"{MANIFEST}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.write_text(json.dumps(manifest, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


def mark_incomplete(folder: Path) -> None:
    """Record that a build is writing ``folder`` (before it writes): until record_manifest, nothing can take
    what it holds for a finished site, and the next build may replace it (refuse_foreign)."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{MANIFEST}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.write_text(json.dumps({"tool": TOOL, "incomplete": True}) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


def incomplete(folder: Path) -> bool:
    """True when ``folder`` holds a build that started and has not completed (mark_incomplete)."""
    data = _manifest_data(folder)
    return isinstance(data, dict) and data.get("tool") == TOOL and data.get("incomplete") is True


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


def read_manifest(folder: Path) -> dict[str, str] | None:
    """{path: SHA-256} of the files the manifest in ``folder`` lists; None without a manifest of this tool."""
    data = _manifest_data(folder)
    files = data.get("files") if isinstance(data, dict) and data.get("tool") == TOOL else None
    return files if isinstance(files, dict) else None


def _manifest_data(folder: Path) -> object:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _files(folder: Path) -> Iterator[tuple[str, str]]:
    """(path relative to ``folder``, SHA-256) of every file but the manifest; a symbolic link never matches."""
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            yield name, "symbolic link"
        elif path.is_file() and name != MANIFEST:
            with path.open("rb") as handle:
                yield name, hashlib.file_digest(handle, "sha256").hexdigest()


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


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
