"""Issue #20, items 9 and 12: a build that fails half-way is marked incomplete, never taken for a whole site and
replaced by the next build; an output folder that is a mount point is replaced in place, with one line said."""

from __future__ import annotations

import errno
import json
import logging
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from generator import publish
from generator.errors import BuildFailed
from generator.manifest import MANIFEST, incomplete, mark_incomplete, read_manifest, refuse_foreign

Make = Callable[..., Path]

# `mkdocs build` whose disk fills up after three pages: MkDocs has emptied site/ by then.
FULL_AFTER_THREE = textwrap.dedent(
    """
    import errno, sys
    import mkdocs.commands.build as build
    from mkdocs.__main__ import cli

    real, written = build._build_page, []

    def page(*args, **kwargs):
        written.append(1)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    build._build_page = page
    sys.argv = ["mkdocs", "build", "--quiet", "-f", sys.argv[1]]
    cli()
    """
)


def test_a_plain_mkdocs_build_that_fails_half_way_is_marked_incomplete_and_replaced(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    site = root / "site"
    plain = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml")]
    assert subprocess.run(plain, cwd=root, capture_output=True, check=False).returncode == 0
    assert read_manifest(site) is not None and not incomplete(site)
    failed = subprocess.run(
        [sys.executable, "-c", FULL_AFTER_THREE, str(root / "mkdocs.yml")], cwd=root, capture_output=True, check=False
    )
    assert failed.returncode == 1
    assert not (site / "claims/death-toll.html").exists()  # MkDocs emptied it, then stopped
    assert incomplete(site) and read_manifest(site) is None  # nothing takes what is left for a whole site
    refuse_foreign(site)  # the next build may replace it
    assert subprocess.run(plain, cwd=root, capture_output=True, check=False).returncode == 0
    assert not incomplete(site) and read_manifest(site)
    assert (site / "claims/death-toll.html").is_file()
    subprocess.run([sys.executable, "-c", FULL_AFTER_THREE, str(root / "mkdocs.yml")], cwd=root, check=False)
    assert run_cli(capsys, root, "build").code == 0  # generator build replaces an incomplete site too
    assert not incomplete(site) and (site / "claims/death-toll.html").is_file()


def test_publish_never_publishes_an_incomplete_build(tmp_path: Path) -> None:
    target = tmp_path / "site"

    def fill(output: Path) -> None:
        output.mkdir()
        (output / "index.html").write_text("half\n")
        mark_incomplete(output)

    with pytest.raises(BuildFailed, match=f"^the build of {target} did not complete; it is unchanged$"):
        publish.publish(tmp_path, target, fill)
    assert not target.exists()


def test_an_output_folder_that_is_a_mount_point_is_replaced_in_place(
    project: Make, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    out = root / "out"
    assert run_cli(capsys, root, "render", str(out)).code == 0
    claim = root / "content/claims/framing.yaml"
    claim.write_text(claim.read_text().replace("was brutal", "was very brutal"))

    def busy(one: Path, other: Path) -> bool:  # what renameat2 and rename say of a mount point
        raise OSError(errno.EBUSY, "Device or resource busy", str(other))

    monkeypatch.setattr(publish, "_exchange", busy)
    with caplog.at_level(logging.WARNING):
        result = run_cli(capsys, root, "render", str(out))
    assert (result.code, result.err) == (0, "")
    assert caplog.messages == [f"{out} is a mount point: its files are replaced one by one, not in one step"]
    assert "The attack was very brutal." in (out / "claims/framing.md").read_text()
    refuse_foreign(out)  # its manifest matches what it holds
    assert json.loads((out / MANIFEST).read_text())["files"]["claims/framing.md"]
    assert [p.name for p in root.iterdir() if p.name.startswith(".factcheck")] == []
