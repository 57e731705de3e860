"""`generator preview --engine zensical`: pages re-rendered in place into the folder `zensical serve` watches."""

from __future__ import annotations

import html
import http.client
import shutil
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from generator.publish import sync
from generator.zensical.preview import running
from generator.zensical.proxy import off_site

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


OFF_SITE = ["//evil.example/x", "/\\evil.example/x", "/%2F%2Fevil.example/x", "/%5Cevil.example/x", "/%2f/evil.example"]


def _wait_for(url: str, marker: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body: str = response.read().decode("utf-8")
                if marker in body:
                    return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {marker!r} within {timeout} s")


def test_the_zensical_preview_shows_successive_edits_and_content_errors(site_project: Make, tmp_path: Path) -> None:
    root = site_project()
    claim = root / "content/claims/death-toll.yaml"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/death-toll.html"
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log, running(root, f"127.0.0.1:{port}", log):
        first = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        first.request("GET", "/")  # it listens once `running` yields (the pages may still be building)
        assert first.getresponse().status in (200, 302, 404)
        first.close()
        _wait_for(url, "Twelve people died in the attack.")
        for path in OFF_SITE:  # Zensical would redirect these to http://evil.example/x/
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            assert (response.status, response.getheader("Location")) == (404, None), path
            connection.close()
        for number in range(2):  # a folder swapped for a new one would show the first edit only
            text = claim.read_text(encoding="utf-8").replace("claim: ", f"claim: Edit {number}. ", 1)
            claim.write_text(text, encoding="utf-8")
            _wait_for(url, f"Edit {number}.")
        claim.write_text(claim.read_text(encoding="utf-8").replace("verdict: disputed", "verdict: nonsense"))
        body = _wait_for(url, "The content check failed")
        assert "Edit 1. Edit 0." in body  # the last good page, under the errors
    assert not (root / "content/claims/death-toll.html").exists() and (root / "build/zensical/docs").is_dir()


def test_off_site_request_targets_are_recognised() -> None:
    for path in OFF_SITE:
        assert off_site(path.encode()), path
    for path in ["/", "/claims/", "/claims/death-toll.html?q=//x", "/assets/a%20b.css"]:
        assert not off_site(path.encode()), path


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_busy_address_is_one_line(project: Make, capsys: pytest.CaptureFixture[str], engine: str) -> None:
    root = project()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        addr = f"127.0.0.1:{busy.getsockname()[1]}"
        result = run_cli(capsys, root, "preview", "--engine", engine, "--addr", addr)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"error: cannot serve the preview on {addr}: Address already in use; stop what uses it, or choose another "
        "address with --addr HOST:PORT\n",
    )
    assert not (root / "build").exists()


def _body(url: str) -> str:
    """The page at ``url`` whatever its status (the preview answers 503 with Zensical's error)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _shows(url: str, marker: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker in (body := _body(url)):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {marker!r} within {timeout} s; last seen: {_body(url)[:500]}")


# Issue #20, item 10: a theme partial with a Jinja error stops Zensical; the preview answers with its error and
# starts Zensical again once the partial is fixed.
def test_a_broken_theme_partial_shows_on_the_zensical_preview(site_project: Make, tmp_path: Path) -> None:
    root = site_project()
    partial = root / "site_templates/theme/partials/copyright.html"
    good = partial.read_text(encoding="utf-8")
    partial.write_text(good + "{% if %}\n", encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/death-toll.html"
    stopped = (
        'Zensical stopped: could not render include: error in "partials/footer.html" (in base.html:222): syntax '
        f"error: unexpected end of block (in partials/copyright.html:{len(good.splitlines()) + 1})"
    )  # the line added below the partial's last
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log, running(root, f"127.0.0.1:{port}", log):
        assert stopped in html.unescape(_shows(url, "Zensical stopped"))
        partial.write_text(good, encoding="utf-8")
        _shows(url, "Twelve people died in the attack.")
        partial.write_text(good + "{% if %}\n", encoding="utf-8")  # and again, while it runs
        assert stopped in html.unescape(_shows(url, "Zensical stopped"))
        partial.write_text(good, encoding="utf-8")
        _shows(url, "Twelve people died in the attack.")
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert stopped in output and "Traceback" not in output


# Issue #20, item 16: without a loopback interface, the server tests stop at once with one line.
def test_a_missing_loopback_interface_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import loopback_problem

    assert loopback_problem() is None  # this machine has one

    def unreachable(*args: object, **kwargs: object) -> socket.socket:
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", unreachable)
    assert loopback_problem() == (
        "no loopback interface (127.0.0.1: Network is unreachable): the tests that start a server need one; "
        "bring it up (ip link set lo up) or deselect them (-m 'not loopback')"
    )
