"""What git knows about the project, through the one wrapper of git: when each content file was first and last
committed, the time of the last commit, and files at another revision.

Each function runs one git process whatever the number of files. Outside a git checkout (or without git)
there is no history: pages then show no dates, and ``--base`` says why it cannot compare.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError

log = logging.getLogger(__name__)


class HistoryUnavailable(GeneratorError):
    """Raised by files_at when git cannot read the revision the editor named (``check --base REF``)."""


class RevisionMissing(HistoryUnavailable):
    """Raised when a ``check --base`` revision is not in the repository (first_revision then tries the next)."""


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


def source_date_epoch(root: Path) -> str:
    """The time of the project's last commit (0 outside git): every date MkDocs stamps derives from it."""
    result = _git(root, "log", "-1", "--format=%ct")
    stamp = result.stdout.decode("ascii", "replace").strip() if result else ""
    return stamp if result is not None and result.returncode == 0 and stamp.isdigit() else "0"


def file_dates(root: Path, folder: str = "content") -> dict[str, FileDates]:
    """Dates of every committed file under ``folder``, keyed by its path relative to ``root``.

    A renamed file keeps its history: commits made under a former name (git's rename detection, which
    also pairs a file renamed and edited in one commit) date the file under its newest name. The dates
    depend only on the commits, so two builds of the same commit show the same dates.
    """
    # --relative: paths relative to root even when the project is a folder inside a larger repository.
    result = _git(root, "log", "--format=%x00%ct", "--name-status", "-M", "--relative", "--", folder)
    if result is None or result.returncode != 0:
        return {}
    newest: dict[str, str] = {}
    oldest: dict[str, str] = {}
    later_name: dict[str, str] = {}  # a former name -> the file's newest name
    day = ""
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("\0"):
            day = datetime.datetime.fromtimestamp(int(line[1:]), datetime.UTC).date().isoformat()
            continue
        status, *paths = line.split("\t")
        if not paths:
            continue
        name = later_name.get(paths[-1], paths[-1])
        if status.startswith("R") and len(paths) == 2:
            later_name[paths[0]] = name  # older commits name the file by its former name
        newest.setdefault(name, day)  # git log lists the newest commit first
        oldest[name] = day
    return {path: FileDates(oldest[path], newest[path]) for path in newest}


def renamed_since(root: Path, ref: str, folder: str) -> dict[str, str]:
    """Files under ``folder`` renamed since revision ``ref`` (as git detects renames): {path now: path at ref}."""
    commit = resolve_revision(root, ref)
    diff = _git(root, "diff", "-M", "--name-status", "-z", "--relative", "--end-of-options", commit, "--", folder)
    if diff is None or diff.returncode != 0:
        raise HistoryUnavailable(f"--base {ref}: git could not compare the files under {folder}/")
    fields = diff.stdout.split(b"\0")
    renamed, at = {}, 0
    while at < len(fields) and fields[at]:
        status = fields[at].decode("ascii", "replace")
        count = 2 if status[:1] in ("R", "C") else 1
        paths = [p.decode("utf-8", "replace") for p in fields[at + 1 : at + 1 + count]]
        if status.startswith("R") and len(paths) == 2:
            renamed[paths[1]] = paths[0]
        at += 1 + count
    return renamed


def files_at(root: Path, ref: str, folder: str) -> dict[str, bytes]:
    """The regular files under ``folder`` at revision ``ref``, as {path relative to root: bytes}.

    Names are read NUL-separated; submodules, symbolic links and names that are not UTF-8 are left out
    (none can be a content file); blobs are fetched by object id, so no name is ever parsed from git's output.
    """
    commit = resolve_revision(root, ref)
    listing = _git(root, "ls-tree", "-r", "-z", f"{commit}^{{tree}}", "--", folder)
    if listing is None or listing.returncode != 0:
        raise HistoryUnavailable(f"--base {ref}: git could not list the files under {folder}/")
    blobs: dict[str, str] = {}
    for entry in filter(None, listing.stdout.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, object_id = meta.decode("ascii").split()
        try:
            path = name.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if kind == "blob" and mode in ("100644", "100755"):
            blobs[path] = object_id
    if not blobs:
        return {}
    batch = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in blobs.values()).encode("ascii"))
    if batch is None or batch.returncode != 0:
        raise HistoryUnavailable(f"--base {ref}: git could not read the files under {folder}/")
    return dict(zip(blobs, _split_batch(batch.stdout), strict=True))


def resolve_revision(root: Path, ref: str) -> str:
    """The commit ``ref`` names; refuse an empty ref or one git would read as an option."""
    if not ref:
        raise HistoryUnavailable("--base needs a git revision (e.g. origin/main); it was given an empty one")
    if ref.startswith("-") or not ref.isprintable() or any(char.isspace() for char in ref):
        raise HistoryUnavailable(f"--base {ref!r} is not a git revision name")
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if found is None:
        raise HistoryUnavailable("--base needs git, which is not installed")
    if found.returncode != 0:
        inside = _git(root, "rev-parse", "--git-dir")
        if inside is not None and inside.returncode != 0:
            advice = "run the check in a clone, or without --base"
            raise HistoryUnavailable(f"--base {ref}: {root.resolve()} is not in a git repository; {advice}")
        raise RevisionMissing(f"--base {ref}: git cannot find that revision in this repository")
    return found.stdout.decode("ascii").strip()


def first_revision(root: Path, refs: list[str]) -> str:
    """The first of ``refs`` that names a commit in this repository (``check --base A --base B``): after a
    force-push or on a branch's first push, the push's former tip is gone or all zeros; each one skipped is
    said on the log. The last one is returned as it is, to fail with its own error."""
    for ref, then in itertools.pairwise(refs):
        try:
            resolve_revision(root, ref)
            return ref
        except RevisionMissing as missing:
            log.warning(
                "%s (history rewritten by a force-push, or a branch's first push); comparing with %s instead",
                missing,
                then,
            )
    return refs[-1]


def _split_batch(out: bytes) -> list[bytes]:
    """Split ``git cat-file --batch`` output ('<sha> blob <size>\\n<bytes>\\n' per object) into the blobs."""
    blobs, at = [], 0
    while at < len(out):
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return blobs


def repository_prefix(folder: Path) -> str:
    """``folder``'s path from the top of the git repository it lies in, with a final slash ("explainers/x/"; ""
    at the top, outside a repository or without git): what GitHub's annotations and workflows need. The folder
    need not exist yet (``init``): the rest of its path is added to its nearest existing parent's."""
    folder = folder.resolve()
    found = next(parent for parent in (folder, *folder.parents) if parent.is_dir())
    result = _git(found, "rev-parse", "--show-prefix")
    if result is None or result.returncode != 0:
        return ""
    rest = folder.relative_to(found).as_posix()
    prefix = result.stdout.decode("utf-8", "replace").strip() + ("" if rest == "." else f"{rest}/")
    return prefix
