"""Issue #11: the tool replaces only what it wrote, readers never see a missing or half-built site, and
killed builds leave nothing behind. Cases 1, 2, 3 and the disk-full message of 11."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from test_adversarial import TOLL, build_cli, snapshot

from generator import manifest
from generator.build import build
from generator.cli import main
from generator.errors import BuildFailed
from generator.manifest import MANIFEST
from generator.publish import STAGING

Make = Callable[..., Path]
REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _staging(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(STAGING))


# 1. Only folders this tool wrote are replaced.
def test_render_refuses_a_folder_it_did_not_write(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hi\n")
    (docs / "guide.md").write_text("x\n")
    assert main(["--root", str(root), "render", str(docs)]) == 1
    assert capsys.readouterr().err == (
        f"error: refusing to replace {docs}: this tool did not write it (it holds guide.md, index.md and no "
        f"{MANIFEST}); choose another folder, or move these files away\n"
    )
    assert sorted(p.name for p in docs.iterdir()) == ["guide.md", "index.md"]


def test_render_refuses_the_template_overrides(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    overrides = root / "overrides/site_templates/pages"
    overrides.mkdir(parents=True)
    (overrides / "index.md").write_text("{% extends 'base.md' %}\n")
    assert main(["--root", str(root), "render", str(overrides)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: refusing to build into {overrides}: it is or lies inside overrides/\n"
    assert (overrides / "index.md").read_text() == "{% extends 'base.md' %}\n"


def test_build_refuses_someone_elses_site(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    public = root / "public"
    public.mkdir()
    for name in ("sitemap.xml", "about.html", "blog.html", "contact.html", "style.css"):
        (public / name).write_text(name)
    before = snapshot(public)
    assert main(["--root", str(root), "build", "--site-dir", str(public)]) == 1
    assert capsys.readouterr().err == (
        f"error: refusing to replace {public}: this tool did not write it (it holds about.html, blog.html, "
        f"contact.html and 2 more and no {MANIFEST}); choose another folder, or move these files away\n"
    )
    assert snapshot(public) == before


def test_the_manifest_lists_every_file_with_its_hash(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    assert build_cli(root, capsys)[0] == 0
    manifest = json.loads((root / "site" / MANIFEST).read_text())
    files = {p.relative_to(root / "site").as_posix(): p for p in (root / "site").rglob("*") if p.is_file()}
    assert manifest["tool"] == "factcheck-generator"
    assert sorted(manifest["files"]) == sorted(name for name in files if name != MANIFEST)
    index = hashlib.sha256((root / "site/index.html").read_bytes()).hexdigest()
    assert manifest["files"]["index.html"] == index


@pytest.mark.parametrize("change", ["added", "edited"])
def test_a_built_site_changed_by_hand_is_not_replaced(
    built_project: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    root = built_project
    name = "CNAME" if change == "added" else "index.html"
    (root / "site" / name).write_text("mine")
    code, err = build_cli(root, capsys)
    assert (code, err) == (
        1,
        f"error: refusing to replace {root / 'site'}: {name} changed or appeared since this tool wrote it; "
        "move them away first\n",
    )
    assert (root / "site" / name).read_text() == "mine"


def test_render_replaces_its_own_output(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    assert main(["--root", str(root), "render", str(root / "md")]) == 0
    (root / TOLL).write_text((root / TOLL).read_text().replace("Twelve people died", "Twelve people were killed"))
    assert main(["--root", str(root), "render", str(root / "md")]) == 0
    assert "Twelve people were killed" in (root / "md/claims/death-toll.md").read_text()
    assert _staging(root) == []


# 11. Disk full names the output folder.
def test_a_full_disk_names_the_output_folder(
    built_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.mkdocs.engine

    root = built_project
    old = snapshot(root / "site")

    def full(config: Any, project: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(REPO / ".venv/lib/python3.11/x.pyc"))

    monkeypatch.setattr(generator.mkdocs.engine, "run_mkdocs", full)
    assert build_cli(root, capsys) == (
        1,
        f"error: the disk is full: could not write {root / 'site'}; it is unchanged\n",
    )
    assert snapshot(root / "site") == old
    assert _staging(root) == []


# 2. Plain `mkdocs build`: the plugin refuses project folders before MkDocs cleans, and checks before it empties.
def _mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), *args]
    return subprocess.run(command, cwd=root.parent, capture_output=True, text=True, check=False)


def _lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stderr.splitlines()  # Material may print a notice of its own first


@pytest.mark.parametrize("folder", ["content", "content/claims", "seeds", "generator", "tests"])
def test_mkdocs_build_refuses_a_project_folder_as_site_dir(site_project: Make, folder: str) -> None:
    # MkDocs itself refuses the project and site_templates/ (they hold docs_dir), but not these.
    root = site_project()
    (root / "tests").mkdir()
    (root / "tests/test_x.py").write_text("uncommitted work\n")
    before = snapshot(root)
    result = _mkdocs(root, "-d", str(root / folder))
    assert result.returncode == 1
    top = folder.split("/")[0]
    assert f"ERROR   -  refusing to build into {root / folder}: it is or lies inside {top}/" in _lines(result)
    assert snapshot(root) == before


def test_mkdocs_build_with_a_broken_claim_leaves_the_site(site_project: Make) -> None:
    root = site_project()
    assert _mkdocs(root).returncode == 0
    before = snapshot(root / "site")
    (root / TOLL).write_text("id: [broken\n")
    result = _mkdocs(root)
    assert result.returncode == 1
    message = f"ERROR   -  {TOLL}:2:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence"
    assert message in _lines(result)
    assert snapshot(root / "site") == before


def test_a_plain_mkdocs_build_that_fails_after_emptying_the_site_can_be_rebuilt(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    assert _mkdocs(root).returncode == 0
    overrides = root / "overrides/site_templates/pages"
    overrides.mkdir(parents=True)
    original = (REPO / "site_templates/pages/methodology.md").read_text(encoding="utf-8")
    broken = original.replace("{% block body %}", "{% block body %}\n[gone](missing.md)\n", 1)
    assert broken != original
    (overrides / "methodology.md").write_text(broken, encoding="utf-8")
    # Strict mode fails on the broken link, after MkDocs has emptied site/ (not under --quiet: MkDocs then
    # drops warnings before strict mode counts them).
    command = [PYTHON, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(command, cwd=root.parent, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "contains a link 'missing.md', but the target is not found" in result.stderr
    (overrides / "methodology.md").unlink()
    assert build_cli(root, capsys)[0] == 0  # the half-written site is the tool's own: replaced, not refused
    assert (root / "site/methodology.html").is_file()


def test_generator_build_replaces_what_mkdocs_build_wrote(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    assert _mkdocs(root).returncode == 0
    assert (root / "site" / MANIFEST).is_file()
    assert build_cli(root, capsys)[0] == 0


def test_mkdocs_build_refuses_a_folder_it_did_not_write(site_project: Make) -> None:
    root = site_project()
    (root / "site").mkdir()
    (root / "site/notes.txt").write_text("keep me")
    result = _mkdocs(root)
    assert result.returncode == 1
    assert (
        f"ERROR   -  refusing to replace {root / 'site'}: this tool did not write it (it holds notes.txt and no "
        f"{MANIFEST}); choose another folder, or move these files away"
    ) in _lines(result)
    assert (root / "site/notes.txt").read_text() == "keep me"


# 3. Atomic publication, and builds that are stopped.
POLLER = textwrap.dedent(
    """
    import os, sys
    page, stop = sys.argv[1], sys.argv[2]
    missing = seen = 0
    while not os.path.exists(stop):
        seen += 1
        missing += not os.path.exists(page)
    print(missing, seen)
    """
)


def test_readers_never_find_the_site_missing_during_builds(built_project: Path, tmp_path: Path) -> None:
    root = built_project
    stop = tmp_path / "stop"
    poller = subprocess.Popen(
        [PYTHON, "-c", POLLER, str(root / "site/index.html"), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        # Three swaps: the poller checks the page about a million times a second, and one build's whole swap lasts
        # microseconds, so a gap between two renames would be seen in each of them (it burns a core meanwhile).
        for _ in range(3):
            build(root, root / "site")
    finally:
        stop.touch()
        out, _ = poller.communicate(timeout=60)
    missing, seen = map(int, out.split())
    assert seen > 1000  # it really polled during the builds
    assert missing == 0


def _start_build(root: Path) -> subprocess.Popen[str]:
    command = [PYTHON, "-m", "generator", "--root", str(root), "build"]
    # Ctrl-C's default handler restored: a suite started in the background by a shell (``make test &``) inherits
    # SIGINT ignored, and Python then installs no KeyboardInterrupt for it.
    restore = partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=restore
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _staging(root) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert _staging(root), "the build never started staging"
    time.sleep(0.2)  # into MkDocs
    return process


@pytest.mark.parametrize(
    ("sent", "code", "line"),
    [
        (signal.SIGTERM, 143, "terminated (SIGTERM); unfinished output was removed"),
        (signal.SIGINT, 130, "interrupted (Ctrl-C); unfinished output was removed"),
    ],
)
def test_a_stopped_build_cleans_up_and_says_so_in_one_line(
    built_project: Path, sent: signal.Signals, code: int, line: str
) -> None:
    root = built_project
    old = snapshot(root / "site")
    process = _start_build(root)
    process.send_signal(sent)
    _out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (code, line + "\n")
    assert snapshot(root / "site") == old
    assert _staging(root) == []


def test_a_killed_builds_staging_is_removed_by_the_next_build(built_project: Path) -> None:
    root = built_project
    old = snapshot(root / "site")
    process = _start_build(root)
    process.kill()
    process.communicate(timeout=60)
    assert len(_staging(root)) == 1
    assert snapshot(root / "site") == old
    build(root, root / "site")
    assert _staging(root) == []


def test_git_ignores_staging_folders() -> None:
    name = f"{STAGING}{os.getpid()}-abc/output/index.html"
    result = subprocess.run(["git", "-C", str(REPO), "check-ignore", "--no-index", name], capture_output=True)
    assert result.returncode == 0, result


def _our_folder(tmp_path: Path) -> Path:
    """``site`` in ``tmp_path`` as the tool leaves it: two files and their manifest."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>index</p>\n")
    (folder / "about.html").write_text("<p>about</p>\n")
    manifest.record_manifest(folder)
    return folder


def test_a_file_rewritten_during_a_build_is_found_with_its_size_and_time_put_back(tmp_path: Path) -> None:
    # The build looks at the output folder three times and hashes only what changed since its first look: a file
    # whose size and modification time were put back has another change time (ctime), or is hashed again anyway
    # when it was written within two seconds of the look (manifest.RACY_NS), as here.
    site = _our_folder(tmp_path)
    seen = manifest.refuse_foreign(site)
    before = (site / "index.html").stat()
    (site / "index.html").write_text("<p>INDEX</p>\n")  # as long as before
    os.utime(site / "index.html", ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(BuildFailed) as raised:
        manifest.refuse_foreign(site, seen)
    assert str(raised.value) == (
        f"refusing to replace {site}: index.html changed or appeared since this tool wrote it; move them away first"
    )


def test_a_later_look_at_the_output_folder_hashes_only_the_files_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _our_folder(tmp_path)
    later = time.time_ns() + 2 * manifest.RACY_NS
    monkeypatch.setattr(manifest.time, "time_ns", lambda: later)  # the files were written well before the look
    seen = manifest.refuse_foreign(site)
    (site / "new.html").write_text("<p>about</p>\n")
    os.replace(site / "new.html", site / "about.html")  # the same bytes, written again
    hashed: list[str] = []
    real = hashlib.file_digest

    def counted(handle: Any, digest: str) -> Any:
        hashed.append(Path(handle.name).name)
        return real(handle, digest)

    monkeypatch.setattr(manifest.hashlib, "file_digest", counted)
    again = manifest.refuse_foreign(site, seen)
    assert hashed == ["about.html"]
    assert again.files.keys() == {"about.html", "index.html"}
    assert manifest.refuse_foreign(site, manifest.Seen()) == again  # the same as a first look
    assert sorted(hashed) == ["about.html", "about.html", "index.html"]


def test_a_file_removed_while_the_output_folder_is_looked_at_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _our_folder(tmp_path)

    def removed(path: Path, found: os.stat_result) -> os.stat_result:
        if path.name == "about.html":  # listed, then removed by someone before it was read
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return found

    _looked_at_as(monkeypatch, removed)
    assert sorted(manifest.refuse_foreign(site).files) == ["index.html"]


def test_a_file_rewritten_in_the_tick_of_a_coarse_clock_is_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # FAT keeps times to 2 s, kernels before 6.13 to a clock tick: a file rewritten in the same tick, with its size
    # and modification time put back, keeps its stamp. Written that close to the look, it is hashed again.
    site = _our_folder(tmp_path)

    def coarse(path: Path, found: os.stat_result) -> os.stat_result:
        rounded = {f"st_{kind}_ns": getattr(found, f"st_{kind}_ns") // 2_000_000_000 * 2_000_000_000
                   for kind in ("atime", "mtime", "ctime")}  # fmt: skip
        return os.stat_result(tuple(found)[:10], rounded)

    _looked_at_as(monkeypatch, coarse)
    seen = manifest.refuse_foreign(site)
    before = (site / "index.html").stat()
    (site / "index.html").write_text("<p>INDEX</p>\n")
    os.utime(site / "index.html", ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(BuildFailed) as raised:  # its stamp is the one seen (unless a 2 s step fell in between)
        manifest.refuse_foreign(site, seen)
    assert "index.html changed or appeared since this tool wrote it" in str(raised.value)


def _looked_at_as(monkeypatch: pytest.MonkeyPatch, seen_as: Callable[[Path, os.stat_result], os.stat_result]) -> None:
    """``Path.lstat`` answers ``seen_as(path, what it would answer)``."""
    looking = Path.lstat
    monkeypatch.setattr(Path, "lstat", lambda path: seen_as(path, looking(path)))
