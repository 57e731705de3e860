"""The manifest of an output folder: what the tool wrote there, so that it never deletes what it did not.

``.factcheck-manifest.json`` names this tool and lists the SHA-256 of every file (a checksum list, not a
signature). A folder is replaced only when it is empty, holds exactly what its manifest lists, or is marked
as a build that started and did not complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildFailed

MANIFEST = ".factcheck-manifest.json"
# In a docs folder ``generator build`` wrote for MkDocs: its pages are checked and rendered already, and the build
# adds the policies and the manifest itself (mkdocs/plugin.py reads it from the docs_dir it is given).
RENDERED = ".factcheck-rendered"
TOOL = "factcheck-generator"  # the marker: a manifest without it was not written by this tool
_SHOWN = 3  # files named when refusing


Stamp = tuple[int, int, int, int]  # a file's inode, size, and times of change (ns): rewritten, it has another
RACY_NS = 2_000_000_000  # a stamp this close to a look may not change when the file does (below)


@dataclass(frozen=True)
class Seen:
    """The files of a folder as ``refuse_foreign`` found them ({path: (stamp, SHA-256)}), and when it began to look
    (``since``, ns): looking again, it hashes only a file whose stamp changed. A program cannot set a change time
    (ctime) back on Linux's own file systems, so a file written since has another stamp, even with its size and
    modification time put back; but a clock that ticks coarsely (a kernel before 6.13, FAT's 2 s, a network file
    system's cache) may leave a file written in the same tick with the same stamp. So, as git does for its index, a
    stamp within RACY_NS of the look is not trusted: the file is hashed again (a file written after the look began
    has a stamp within one tick of it)."""

    files: Mapping[str, tuple[Stamp, str]] = field(default_factory=dict)
    since: int = 0

    def digest(self, name: str, stamp: Stamp) -> str | None:
        """The SHA-256 of the file ``name`` seen with ``stamp``, changed well before the look; else None."""
        known = self.files.get(name)
        if known is None or known[0] != stamp or max(stamp[2], stamp[3]) >= self.since - RACY_NS:
            return None
        return known[1]


UNSEEN = Seen()  # a first look


def refuse_foreign(target: Path, seen: Seen = UNSEEN) -> Seen:
    """Raise BuildFailed unless ``target`` is absent, empty, or holds exactly what its manifest lists; what it
    holds, for the next look (``seen``: the last one's)."""
    since = time.time_ns()
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise BuildFailed(f"refusing to replace {target}: it is a file, not a folder")
    if not target.is_dir() or not any(target.iterdir()) or incomplete(target):
        return UNSEEN  # an incomplete build's folder is the tool's own, whatever is left in it
    listed = read_manifest(target)
    if listed is None:
        names = sorted(p.name for p in target.iterdir())
        raise BuildFailed(
            f"refusing to replace {target}: this tool did not write it (it holds {_names(names)} and no "
            f"{MANIFEST}); choose another folder, or move these files away"
        )
    files = {name: (stamp, digest) for name, stamp, digest in _stamped(target, seen)}
    if foreign := [name for name, (_, digest) in files.items() if listed.get(name) != digest]:
        raise BuildFailed(
            f"refusing to replace {target}: {_names(foreign)} changed or appeared since this tool wrote it; "
            "move them away first"
        )
    return Seen(files, since)


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


def mark_rendered(docs: Path, pages: Iterable[str]) -> None:
    """Record that the docs folder ``docs`` holds the generated ``pages`` (docs paths, in the site's order),
    checked and rendered by this tool."""
    (docs / RENDERED).write_text(json.dumps({"tool": TOOL, "pages": list(pages)}) + "\n", encoding="utf-8")


def rendered(docs: Path) -> list[str] | None:
    """The generated pages, in order, of a docs folder that ``generator build`` wrote (mark_rendered); else None."""
    try:
        data = json.loads((docs / RENDERED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = data.get("pages") if isinstance(data, dict) and data.get("tool") == TOOL else None
    return pages if isinstance(pages, list) else None


def incomplete(folder: Path) -> bool:
    """True when ``folder`` holds a build that started and has not completed (mark_incomplete)."""
    data = _manifest_data(folder)
    return isinstance(data, dict) and data.get("tool") == TOOL and data.get("incomplete") is True


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
    for name, _, digest in _stamped(folder, UNSEEN):
        yield name, digest


def _stamped(folder: Path, seen: Seen) -> Iterator[tuple[str, Stamp, str]]:
    """_files with each file's stamp; a file ``seen`` with the same stamp is not read again."""
    for path in sorted(folder.rglob("*")):
        try:
            status = path.lstat()
        except FileNotFoundError:  # removed since it was listed: not there, as before it was read
            continue
        name = path.relative_to(folder).as_posix()
        stamp = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        if stat.S_ISLNK(status.st_mode):
            yield name, stamp, "symbolic link"
        elif stat.S_ISREG(status.st_mode) and name != MANIFEST:
            if (known := seen.digest(name, stamp)) is not None:
                yield name, stamp, known
                continue
            with path.open("rb") as handle:
                yield name, stamp, hashlib.file_digest(handle, "sha256").hexdigest()


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")
