"""``mkdocs serve`` as an editor uses it: a broken file shows its errors and the server keeps running."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import MINI
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError
from sitecheck import RECORD_CSP

from generator.csp import script_hash as csp_hash
from generator.mkdocs import preview

FRAMING = "content/claims/framing.yaml"
FIXED = textwrap.dedent(MINI[FRAMING]).lstrip("\n")
MINI_TOLL = textwrap.dedent(MINI["content/claims/death-toll.yaml"]).lstrip("\n")
BANNER = "The content check failed"
# The console script, as editors run it.
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


@dataclass
class Served:
    """A mini project under ``mkdocs serve`` on loopback."""

    root: Path
    base: str
    server: subprocess.Popen[str]

    def wait_for(self, path: str, test: Callable[[str], bool], seconds: float = 60) -> str:
        """Poll the page at ``path`` until ``test`` accepts it; a bounded loop that fails rather than hangs."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.server.poll() is None:
            html = _page(self.base + path)
            if html and test(html):
                return html
            time.sleep(0.2)
        last = _page(self.base + path)[:1500]
        pytest.fail(f"{path} did not show what was expected in {seconds} s; last seen:\n{last}\nserver:\n{self.stop()}")

    def stop(self) -> str:
        """Stop the server; return everything it printed."""
        self.server.terminate()
        return self.server.communicate(timeout=30)[0]


@pytest.fixture(params=[[], ["--dirty"]], ids=["serve", "serve-dirty"])
def served(site_project: Callable[..., Path], request: pytest.FixtureRequest) -> Iterator[Served]:
    root = site_project()
    port = _free_port()
    server = subprocess.Popen(
        [MKDOCS, "serve", *request.param, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    handle = Served(root, f"http://127.0.0.1:{port}/", server)
    yield handle
    if server.poll() is None:
        handle.stop()


def test_a_broken_file_shows_its_errors_and_the_page_comes_back(served: Served) -> None:
    page = "claims/death-toll.html"
    served.wait_for(page, lambda html: "Twelve people died in the attack." in html)
    (served.root / FRAMING).write_text("id: [broken\n", encoding="utf-8")
    html = served.wait_for(page, lambda html: BANNER in html)
    assert (
        "content/claims/framing.yaml:2:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence"
        in (unescape(html))
    )
    assert "Twelve people died in the attack." in html  # the last good version stays readable underneath
    (served.root / FRAMING).write_text(FIXED, encoding="utf-8")
    served.wait_for(page, lambda html: BANNER not in html and "Twelve people died in the attack." in html)
    (served.root / FRAMING).write_text("id: [broken\n", encoding="utf-8")  # and again: the server is not stuck
    served.wait_for("claims/framing.html", lambda html: BANNER in html)
    output = served.stop()
    assert (
        "content/claims/framing.yaml:2:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence"
        in output
    )
    assert "The content check failed (1 problem)." in output
    assert "Traceback" not in output and "server will appear stuck" not in output


def test_a_page_that_never_built_shows_only_the_errors(tmp_path: Path) -> None:
    (tmp_path / "content/claims").mkdir(parents=True)
    (tmp_path / "content/claims/new-claim.yaml").write_text("id: new-claim\n")
    pages = preview.Preview(serving=True).pages_with_errors(
        ["content/claims/new-claim.yaml:1:1: claim: required field is missing"], tmp_path
    )
    assert sorted(pages) == ["claims/new-claim.md", "index.md"]
    assert pages["index.md"] == (
        '---\ntitle: "The content check failed"\n---\n'
        '<div class="fc-check-failed admonition failure" role="alert">'
        '<p class="admonition-title">The content check failed</p>'
        "<p>This preview shows the last version that checked clean. Fix these problems:</p>"
        "<pre>content/claims/new-claim.yaml:1:1: claim: required field is missing</pre></div>\n\n"
    )


def test_errors_are_escaped_on_the_page(tmp_path: Path) -> None:
    shown = preview.Preview(serving=True)
    shown.remember({"index.md": '---\ntitle: "Home"\n---\n<h1>Home</h1>\n', "claims.json": "{}"})
    pages = shown.pages_with_errors(["x.yaml:1:1: claim: '<script>alert(1)</script>'"], tmp_path)
    assert pages["claims.json"] == "{}"
    assert "<script>" not in pages["index.md"]
    assert "&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;" in pages["index.md"]
    assert pages["index.md"].endswith("</div>\n\n<h1>Home</h1>\n")


def test_mkdocs_build_still_fails_on_broken_content(site_project: Callable[..., Path]) -> None:
    root = site_project({FRAMING: "id: [broken\n"})
    result = subprocess.run(
        [MKDOCS, "build", "--site-dir", str(root / "out")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert (
        "content/claims/framing.yaml:2:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence"
        in result.stderr
    )
    assert not (root / "out").exists()


# Issue #11, case 8: any failure shows on the page and in the terminal; the server never hangs.
ODD_NAME = "content/claims/" + os.fsdecode(b"caf\xe9.yaml")


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        pytest.param("site_templates/pages/claim.md", "{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero",
                     id="not-a-content-error"),
        pytest.param(ODD_NAME, "id: cafe\n", "content/claims/caf\ufffd.yaml:1:1: (file): the file name is not valid UTF-8; "
                     "rename it", id="non-utf8-file-name"),
        pytest.param("content/claims/death-toll.yaml", MINI_TOLL.replace("value: 12", "value: " + "9" * 400),
                     "content/claims/death-toll.yaml:18:16: positions[0].figures[0].value: '999999999999999999999999999...' "
                     "is 400 characters long; a number may have at most 15 digits", id="400-digit-figure"),
    ],
)  # fmt: skip
def test_any_failure_shows_on_the_page_and_the_server_answers(
    served: Served, path: str, body: str, message: str
) -> None:
    page = "claims/framing.html"
    served.wait_for(page, lambda html: "The attack was brutal." in html)
    original = (served.root / path).read_bytes() if (served.root / path).exists() else None
    (served.root / path).write_text(body, encoding="utf-8")
    html = served.wait_for(page, lambda html: BANNER in html)
    assert message in unescape(html)
    if original is None:
        (served.root / path).unlink()
    else:
        (served.root / path).write_bytes(original)
    served.wait_for(page, lambda html: BANNER not in html and "The attack was brutal." in html)
    output = served.stop()
    assert message in output
    assert "Traceback" not in output


def test_an_unreadable_file_shows_on_the_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.mkdocs import plugin

    def unreadable(config: object, cache: object, memo: object, html: bool) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "content/topics.yaml"))

    monkeypatch.setattr(plugin, "generate", unreadable)
    (tmp_path / "content/claims").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    serving = plugin.FactcheckPlugin()
    serving.on_startup(command="serve", dirty=False)
    pages = serving._generate(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
    assert f"<pre>Permission denied: {tmp_path / 'content/topics.yaml'}</pre>" in pages["index.md"]


# Issue #20, item 10: a broken mkdocs.yml, an unknown plugin or a theme partial with a Jinja error used to make
# MkDocs hold every request ("the server will appear stuck"); the preview answers with the error instead.
@pytest.mark.parametrize(
    ("path", "change", "message"),
    [
        ("mkdocs.yml", lambda text: text + "site_name: [\n",
         "ConfigurationError: MkDocs encountered an error parsing the configuration file: while parsing a flow node"),
        ("mkdocs.yml", lambda text: text.replace("  - factcheck-explainer", "  - factcheck-explainer\n  - no-such-plugin"),
         'Config value \'plugins\': The "no-such-plugin" plugin is not installed'),
        ("site_templates/theme/partials/copyright.html", lambda text: text + "{% if %}\n",
         "TemplateSyntaxError: Expected an expression, got 'end of statement block' ({root}/site_templates/theme/"
         "partials/copyright.html:{line})"),
    ],
    ids=["broken-yaml", "unknown-plugin", "jinja-error"],
)  # fmt: skip
def test_a_broken_config_or_theme_shows_on_the_page_and_the_server_answers(
    served: Served, path: str, change: Callable[[str], str], message: str
) -> None:
    page = "claims/framing.html"
    served.wait_for(page, lambda html: "The attack was brutal." in html)
    original = (served.root / path).read_text(encoding="utf-8")
    (served.root / path).write_text(change(original), encoding="utf-8")
    html = served.wait_for(page, lambda html: "The preview could not build" in html, seconds=30)
    line = len(original.splitlines()) + 1  # the line the change appends
    assert message.format(root=served.root, line=line) in unescape(html)
    (served.root / path).write_text(original, encoding="utf-8")
    served.wait_for(page, lambda html: "The attack was brutal." in html, seconds=30)
    output = served.stop()
    assert "server will appear stuck" not in output and "Traceback" not in output


def test_an_open_tab_follows_an_edit_under_the_content_security_policy(served: Served, browser: Browser) -> None:
    """The page's policy allows the reload script `mkdocs serve` adds, on that served page only: a tab open on
    a claim shows the edited claim by itself (polled with a timeout, not timed)."""
    page = "claims/death-toll.html"
    html = served.wait_for(page, lambda html: "Twelve people died in the attack." in html)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    injected = re.findall(r"<script>(.*?)</script>", html, re.S)[-1]  # what MkDocs added before </body>
    assert policy is not None and "livereload(" in injected
    assert csp_hash(injected) in policy.group(1)
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.add_init_script(RECORD_CSP)
        violations: list[str] = []
        tab.on(
            "console", lambda message: violations.append(message.text) if "Content Security" in message.text else None
        )
        tab.goto(served.base + page)
        assert "Twelve people died in the attack." in tab.inner_text("article")
        claim = served.root / "content/claims/death-toll.yaml"
        claim.write_text(
            claim.read_text(encoding="utf-8").replace(
                "claim: Twelve people died in the attack.", "claim: Twelve people died in the attack, says Alpha."
            ),
            encoding="utf-8",
        )
        edited = "Twelve people died in the attack, says Alpha."
        deadline = time.monotonic() + 60  # a bounded wait for the reload, not a timing
        while edited not in _shown(tab) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert edited in _shown(tab)  # the tab reloaded by itself: nobody called goto or reload
        assert tab.evaluate("window.__csp") == [] and violations == []
    finally:
        context.close()


def _shown(tab: Any) -> str:
    """The article's text in the tab, or nothing while the page is reloading."""
    try:
        return str(tab.locator("article").inner_text(timeout=1_000))
    except PlaywrightError:
        return ""


@pytest.mark.slow  # serves a site with `mkdocs serve`, as the tests with the served fixture do
def test_a_new_explainer_previews_before_its_first_claim(tmp_path: Path) -> None:
    from generator.cli import main

    root = tmp_path / "new"
    assert main(["init", str(root)]) == 0
    port = _free_port()
    server = subprocess.Popen(
        [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    served = Served(root, f"http://127.0.0.1:{port}/", server)
    try:
        served.wait_for("index.html", lambda html: '<p class="fc-empty">There are no claims here yet.</p>' in html)
    finally:
        served.stop()
