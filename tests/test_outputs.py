"""Issue #20, item 1: every folder and file the tool writes passes one guard (generator/outputs.py): no symbolic
link on the way, never a project folder, never deleting what the tool did not write."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from test_adversarial import snapshot

from generator.errors import BuildFailed
from generator.manifest import MANIFEST
from generator.publish import sync
from generator.zensical.engine import CONFIG
from generator.zensical.preview import WORK, running
from generator.zensical.proxy import free_port

Make = Callable[..., Path]


def _in(root: Path, command: list[str]) -> list[str]:
    """``command`` with its output folder inside ``root`` (never the directory the tests run in)."""
    return (
        [*command[:-1], str(root / command[-1])]
        if command[0] == "render"
        else [*command, "--site-dir", str(root / "site")]
    )


def _refused_preview(root: Path) -> str:
    """The preview's refusal; its front may bind first, so on a free port (a fixed one is busy under pytest -n)."""
    with pytest.raises(BuildFailed) as refused, running(root, f"127.0.0.1:{free_port()}", None):
        pytest.fail("the preview started")
    return str(refused.value)


def test_the_zensical_preview_never_writes_through_a_linked_docs_folder(buildable: Path) -> None:
    root = buildable
    (root / "content/claims/draft.yaml").write_text("uncommitted draft\n")
    (root / WORK).mkdir(parents=True)
    (root / WORK / "docs").symlink_to("../../content")  # a link a pull request can commit
    before = snapshot(root / "content")
    docs = root / WORK / "docs"
    assert _refused_preview(root) == (
        f"refusing to write {docs}: {docs} is a symbolic link; the tool writes only real folders inside the "
        "project (remove the link)"
    )
    assert snapshot(root / "content") == before


@pytest.mark.parametrize("name", ["site", ".cache", "overrides"])
def test_the_zensical_preview_lets_nothing_write_through_a_link_in_its_folder(buildable: Path, name: str) -> None:
    root = buildable  # Zensical writes site/ and .cache/ there; the preview writes overrides/
    (root / WORK).mkdir(parents=True)
    (root / WORK / name).symlink_to("../../content")
    before = snapshot(root / "content")
    link = root / WORK / name
    assert _refused_preview(root) == (
        f"refusing to write {link}: {link} is a symbolic link; the tool writes only real folders inside the "
        "project (remove the link)"
    )
    assert snapshot(root / "content") == before


def test_the_zensical_preview_never_writes_through_a_linked_build_folder(buildable: Path, tmp_path: Path) -> None:
    root = buildable
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "zensical/docs").mkdir(parents=True)
    (elsewhere / "zensical/docs/keep.md").write_text("keep me\n")
    (root / "build").symlink_to(elsewhere)
    assert _refused_preview(root) == (
        f"refusing to write {root / WORK / 'docs'}: {root / 'build'} is a symbolic link; the tool writes only "
        "real folders inside the project (remove the link)"
    )
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["docs", "keep.md", "zensical"]


def test_the_zensical_preview_never_overwrites_a_file_through_a_linked_config(buildable: Path, tmp_path: Path) -> None:
    root = buildable
    outside = tmp_path / "outside.txt"
    outside.write_text("not the tool's\n")
    (root / WORK).mkdir(parents=True)
    (root / WORK / CONFIG).symlink_to(outside)
    config = root / WORK / CONFIG
    assert _refused_preview(root) == (
        f"refusing to write {config}: {config} is a symbolic link; the tool writes only real folders inside the "
        "project (remove the link)"
    )
    assert outside.read_text() == "not the tool's\n"


def test_the_zensical_preview_never_replaces_a_config_it_did_not_write(buildable: Path) -> None:
    root = buildable
    (root / WORK).mkdir(parents=True)
    (root / WORK / CONFIG).write_text("site_name: mine\n")
    assert (
        _refused_preview(root)
        == f"refusing to replace {root / WORK / CONFIG}: this tool did not write it; move it away"
    )
    assert (root / WORK / CONFIG).read_text() == "site_name: mine\n"


def test_the_zensical_preview_never_empties_a_docs_folder_it_did_not_write(buildable: Path) -> None:
    root = buildable
    docs = root / WORK / "docs"
    docs.mkdir(parents=True)
    (docs / "notes.md").write_text("mine\n")
    assert _refused_preview(root) == (
        f"refusing to replace {docs}: this tool did not write it (it holds notes.md and no {MANIFEST}); "
        "choose another folder, or move these files away"
    )
    assert (docs / "notes.md").read_text() == "mine\n"


def test_sync_deletes_and_replaces_only_what_it_wrote(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    target = tmp_path / "target"
    target.mkdir()
    assert sync(docs, {"a.md": b"one", "claims/b.md": b"two"}) == 2
    (docs / "foreign.md").write_text("added by hand\n")
    shutil.rmtree(docs / "claims")
    (docs / "claims").symlink_to(target)  # a link that appears while the preview runs
    assert sync(docs, {"claims/b.md": b"TWO", "foreign.md": b"ours now?"}) == 1  # a.md deleted, nothing else
    assert (docs / "foreign.md").read_text() == "added by hand\n"
    assert list(target.iterdir()) == []
    assert not (docs / "a.md").exists()


@pytest.mark.parametrize("command", [["build"], ["build", "--engine", "zensical"], ["render"]])
def test_build_and_render_never_write_through_a_linked_output_folder(
    buildable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    root = buildable
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "site").symlink_to(elsewhere)
    args = [command[0], str(root / "site")] if command[0] == "render" else [*command, "--site-dir", str(root / "site")]
    result = run_cli(capsys, root, *args)
    assert (result.code, result.err) == (
        1,
        f"error: refusing to write {root / 'site'}: {root / 'site'} is a symbolic link; the tool writes only real "
        "folders inside the project (remove the link)\n",
    )
    assert list(elsewhere.iterdir()) == []


def test_build_refuses_the_docs_folder_mkdocs_yml_names(buildable: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = buildable
    text = (root / "mkdocs.yml").read_text().replace("[site_templates/static]", "[docs]")
    (root / "mkdocs.yml").write_text(text)
    (root / "docs").mkdir()
    result = run_cli(capsys, root, "build", "--engine", "zensical", "--site-dir", str(root / "docs/site"))
    assert (result.code, result.err) == (
        1,
        f"error: refusing to build into {root / 'docs/site'}: it is or lies inside docs/\n",
    )
    assert list((root / "docs").iterdir()) == []


def test_a_plain_mkdocs_build_never_writes_through_a_linked_site_dir(buildable: Path, tmp_path: Path) -> None:
    root = buildable
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep me\n")
    (root / "site").symlink_to(elsewhere)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert (
        f"ERROR   -  refusing to write {root / 'site'}: {root / 'site'} is a symbolic link; the tool writes only "
        "real folders inside the project (remove the link)"
    ) in result.stderr.splitlines()
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("folder", ["content", "content/claims", "seeds"])
@pytest.mark.parametrize("command", [["build"], ["build", "--engine", "zensical"], ["render", "out"]])
def test_a_docs_dir_in_content_or_seeds_is_never_published(
    buildable: Path, capsys: pytest.CaptureFixture[str], folder: str, command: list[str]
) -> None:
    # Every engine copies docs_dir's files into the site as they are: drafts and seeds would be published.
    root = buildable
    text = (root / "mkdocs.yml").read_text().replace("[site_templates/static]", f"[{folder}]")
    (root / "mkdocs.yml").write_text(text)
    result = run_cli(capsys, root, *_in(root, command))
    top = folder.split("/")[0]
    assert (result.code, result.err) == (
        1,
        f"error: mkdocs.yml: docs_dir {root / folder} would publish {top}/ as it is; name a folder of static "
        "files instead (site_templates/static)\n",
    )
    assert not (root / "site").exists() and not (root / "out").exists()


def test_a_read_only_output_folder_is_named_in_one_line(
    buildable: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import generator.publish

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system", str(buildable / ".factcheck-staging-1-x"))

    monkeypatch.setattr(generator.publish.tempfile, "mkdtemp", read_only)
    result = run_cli(capsys, buildable, "render", str(buildable / "out"))
    assert (result.code, result.err) == (
        1,
        f"error: cannot write {buildable / 'out'}: Read-only file system; it is unchanged\n",
    )


def test_a_linked_site_is_refused_however_the_project_is_reached(
    buildable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (buildable / "site").symlink_to(elsewhere)
    alias = tmp_path / "alias"  # the project reached through a link of its own (allowed: it is not in the project)
    alias.symlink_to(buildable)
    result = run_cli(capsys, alias, "build", "--engine", "zensical", "--site-dir", str(alias / "site"))
    assert (result.code, result.err) == (
        1,
        f"error: refusing to write {alias / 'site'}: {alias / 'site'} is a symbolic link; the tool writes only "
        "real folders inside the project (remove the link)\n",
    )
    assert list(elsewhere.iterdir()) == []
    (buildable / "site").unlink()
    assert run_cli(capsys, alias, "render", str(alias / "out")).code == 0


def test_the_zensical_preview_keeps_watching_after_a_write_fails(
    buildable: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import errno
    import time

    from generator.zensical import preview

    calls: list[int] = []

    def refresh(renderer: object, work: Path) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device", str(work / "docs/index.md"))
        return 0

    monkeypatch.setattr(preview, "refresh", refresh)
    claim = buildable / "content/claims/framing.yaml"
    with preview._watching(preview.Renderer(buildable), buildable / WORK, lambda paths: None):
        for _ in range(2):
            count = len(calls)
            claim.write_text(claim.read_text() + "\n")
            deadline = time.monotonic() + 10
            while len(calls) == count and time.monotonic() < deadline:
                time.sleep(0.05)
    assert len(calls) == 2  # the watcher survived the first failure
    assert f"the preview could not update its pages: No space left on device: {buildable / WORK / 'docs/index.md'}" in (
        caplog.messages
    )


@pytest.mark.parametrize("where", ["site_templates/static/leak.txt", "site_templates/theme/partials/leak.html"])
@pytest.mark.parametrize("command", [["build"], ["build", "--engine", "zensical"], ["render", "out"]])
def test_a_link_among_the_files_a_site_is_built_from_is_refused(
    buildable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, command: list[str]
) -> None:
    secret = tmp_path / "secret.txt"  # say ~/.ssh/id_rsa, or /proc/self/environ on a CI runner
    secret.write_text("TOKEN=do-not-publish\n")
    (buildable / where).symlink_to(secret)
    result = run_cli(capsys, buildable, *_in(buildable, command))
    assert (result.code, result.err) == (
        1,
        f"error: {buildable / where} is a symbolic link; the files a site is built from must be plain files in "
        "the project\n",
    )
    assert not (buildable / "site").exists() and not (buildable / "out").exists()
