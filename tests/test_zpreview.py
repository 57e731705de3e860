"""`generator preview --engine zensical`: pages re-rendered in place into the folder `zensical serve` watches."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.zensical.preview import running, sync

Make = Callable[..., Path]


def test_sync_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert sync(docs, {"a.md": b"one", "b/c.md": b"two", "old/x.md": b"gone soon"}) == 3
    a_inode = (docs / "a.md").stat().st_ino
    assert sync(docs, {"a.md": b"one", "b/c.md": b"TWO"}) == 2  # c.md changed, old/x.md removed
    assert (docs / "a.md").stat().st_ino == a_inode  # untouched
    listed = ["a.md", "b", "b/c.md"]
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == [".factcheck-manifest.json", *listed]
    assert (docs / "b/c.md").read_bytes() == b"TWO"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, marker: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body: str = response.read().decode("utf-8")
                if marker in body:
                    return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {marker!r} within {timeout} s")


def test_the_zensical_preview_shows_successive_edits_and_content_errors(site_project: Make, tmp_path: Path) -> None:
    root = site_project()
    claim = root / "content/claims/death-toll.yaml"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/death-toll.html"
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log, running(root, f"127.0.0.1:{port}", log):
        _wait_for(url, "Twelve people died in the attack.")
        for number in range(2):  # a folder swapped for a new one would show the first edit only
            text = claim.read_text(encoding="utf-8").replace("claim: ", f"claim: Edit {number}. ", 1)
            claim.write_text(text, encoding="utf-8")
            _wait_for(url, f"Edit {number}.")
        claim.write_text(claim.read_text(encoding="utf-8").replace("verdict: disputed", "verdict: nonsense"))
        body = _wait_for(url, "The content check failed")
        assert "Edit 1. Edit 0." in body  # the last good page, under the errors
    assert not (root / "content/claims/death-toll.html").exists() and (root / "build/zensical/docs").is_dir()
