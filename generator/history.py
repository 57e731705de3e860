"""What git knows about the content: when each file was first and last committed, and files at another revision.

Each function runs one git process whatever the number of files. Outside a git checkout (or without git)
there is no history: pages then show no dates, and ``--base`` says why it cannot compare.
"""

from __future__ import annotations

import datetime
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import GeneratorError

log = logging.getLogger(__name__)


class HistoryUnavailable(GeneratorError):
    """Raised by files_at when git cannot read the revision the editor named (``check --base REF``)."""


@dataclass(frozen=True)
class FileDates:
    """When a content file entered the site and when it last changed, as UTC dates of commits."""

    published: str  # YYYY-MM-DD of the first commit that has the file
    updated: str  # YYYY-MM-DD of the last commit that changed it


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except OSError:
        return None


def file_dates(root: Path, folder: str = "content") -> dict[str, FileDates]:
    """Dates of every committed file under ``folder``, keyed by its path relative to ``root``.

    The dates depend only on the commits, so two builds of the same commit show the same dates.
    """
    # --relative: paths relative to root even when the project is a folder inside a larger repository.
    result = _git(root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", folder)
    if result is None or result.returncode != 0:
        return {}
    newest: dict[str, str] = {}
    oldest: dict[str, str] = {}
    day = ""
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("\0"):
            day = datetime.datetime.fromtimestamp(int(line[1:]), datetime.UTC).date().isoformat()
        elif line:
            newest.setdefault(line, day)  # git log lists the newest commit first
            oldest[line] = day
    return {path: FileDates(oldest[path], newest[path]) for path in newest}


def files_at(root: Path, ref: str, folder: str) -> dict[str, bytes]:
    """The files under ``folder`` at revision ``ref``, as {path relative to root: bytes}."""
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", f"{ref}^{{tree}}", "--", folder)
    if listing is None:
        raise HistoryUnavailable("--base needs git, which is not installed")
    if listing.returncode != 0:
        said = listing.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(f"--base {ref}: git cannot read that revision ({said[-1] if said else 'no reason'})")
    paths = [p for p in listing.stdout.decode("utf-8").split("\0") if p]
    if not paths:
        return {}
    batch = _git(root, "cat-file", "--batch", stdin="".join(f"{ref}:./{p}\n" for p in paths).encode("utf-8"))
    if batch is None or batch.returncode != 0:
        raise HistoryUnavailable(f"--base {ref}: git could not read the files under {folder}/")
    return dict(zip(paths, _split_batch(batch.stdout), strict=True))


def _split_batch(out: bytes) -> list[bytes]:
    """Split ``git cat-file --batch`` output ('<sha> blob <size>\\n<bytes>\\n' per object) into the blobs."""
    blobs, at = [], 0
    while at < len(out):
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return blobs
