"""The site checks can fail: a page broken on purpose is caught by the matching tool."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sitecheck import Sweep, axe_serious, broken_links, claim_review_problems, reader, visit_sites, vnu_errors

BROKEN = {
    "missing-alt": '<p><img src="../assets/images/favicon.png" width="10" height="10"></p>',
    "broken-link": '<p><a href="../claims/no-such-claim.html">gone</a> <a href="../sources/alpha.html#no-such-anchor">x</a></p>',
    "external-script": '<script src="https://cdn.example.org/tracker.js"></script>',
    "second-review": '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "ClaimReview"}</script>',
}


@pytest.fixture
def broken_site(built_project: Path) -> Callable[[str], Path]:
    """The built mini project with its claim page broken in one way; returns that page."""

    def make(kind: str) -> Path:
        page = built_project / "site/claims/death-toll.html"
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace('<details class="fc-about"', BROKEN[kind] + '\n<details class="fc-about"', 1))
        return page

    return make


def test_a_clean_mini_site_passes_every_check(built_project: Path, browser: Browser) -> None:
    root = built_project
    page = root / "site/claims/death-toll.html"
    assert vnu_errors([page]) == []
    assert broken_links(root / "site/index.html") == []
    assert claim_review_problems(page.read_text(), page.as_uri(), "Disputed") == []
    with reader(browser) as tab:
        tab.page.goto(page.as_uri())
        assert tab.off_disk == [] and tab.errors == []
        assert axe_serious(tab.page) == []
        tab.page.evaluate("1")  # a round trip: what axe made the browser log has arrived
        assert tab.errors == []  # axe fetched nothing file:// refuses, so nothing lands on the next page's record


def test_missing_alt_text_is_caught_by_axe_and_the_html_checker(
    broken_site: Callable[[str], Path], browser: Browser
) -> None:
    page = broken_site("missing-alt")
    assert [e for e in vnu_errors([page]) if "alt" in e] == [
        "death-toll.html:"
        + str(
            page.read_text().split("\n").index('<p><img src="../assets/images/favicon.png" width="10" height="10"></p>')
            + 1
        )
        + ": An “img” element must have an “alt” attribute, except under certain conditions. For details, consult"
        " guidance on providing text alternatives for images."
    ]
    with reader(browser) as tab:
        tab.page.goto(page.as_uri())
        assert [v.split(" ")[0] for v in axe_serious(tab.page)] == ["image-alt"]


def test_broken_links_and_anchors_are_caught(broken_site: Callable[[str], Path]) -> None:
    page = broken_site("broken-link")
    found = broken_links(page.parent.parent / "index.html")
    assert any("no-such-claim.html" in line for line in found), found
    assert any("no-such-anchor" in line for line in found), found


def test_an_external_script_is_caught_as_a_request_leaving_the_machine(
    broken_site: Callable[[str], Path], browser: Browser
) -> None:
    page = broken_site("external-script")
    with reader(browser) as tab:
        tab.page.goto(page.as_uri())
        assert tab.off_disk == []  # the page's Content-Security-Policy refuses it before any request
        assert [e.split(": ")[0] for e in tab.errors] == [
            "Loading the script 'https://cdn.example.org/tracker.js' violates the following Content Security Policy"
            " directive"
        ]
    # Without the policy, the reader's request log is the next line of defence.
    page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text()))
    with reader(browser) as tab:
        tab.page.goto(page.as_uri())
        assert tab.off_disk == ["https://cdn.example.org/tracker.js"]


def test_a_second_claim_review_is_caught(broken_site: Callable[[str], Path]) -> None:
    page = broken_site("second-review")
    assert claim_review_problems(page.read_text(), page.as_uri(), "Disputed") == [
        "expected exactly one ClaimReview, found 2"
    ]


# A page that breaks every check the shared visit feeds: a console error, a request off disk, a CSP violation,
# no skip link, a table wider than the phone, an image without a text alternative and a 10 px control.
BROKEN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="img-src 'self'">
<title>Broken</title><link rel="stylesheet" href="https://example.org/style.css"></head><body><main><h1 id="top">Broken</h1>
<script>console.error("boom")</script><img src="https://example.org/pixel.png">
<table><tr><td style="min-width: 2000px">wide</td></tr></table><a class="fc-back" href="#top" style="font-size: 6px">x</a>
</main></body></html>"""


# Clean, and reading what the page itself holds (a blob: URL, which leaves nothing).
CLEAN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clean</title></head>
<body><main><h1>Clean</h1><script>fetch(URL.createObjectURL(new Blob(["held"])))</script></main></body></html>"""


@pytest.mark.browser
def test_the_shared_visit_records_what_each_page_check_fails_on(tmp_path: Path) -> None:
    # A sweep visits its pages one after another in one tab (a.html, index.html, z.html): the broken page's
    # findings are its own, none carried over to the clean page after it.
    (tmp_path / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    for clean in ("a.html", "z.html"):
        (tmp_path / clean).write_text(CLEAN_PAGE, encoding="utf-8")
    found = visit_sites({"mkdocs": tmp_path}, {}, lambda sweep: {})
    assert set(found) == {Sweep("mkdocs", s, d) for s in ("dark", "light") for d in ("desktop", "phone")}
    for sweep in found.values():
        assert list(sweep) == ["a.html", "index.html", "z.html"]
        for clean in ("a.html", "z.html"):
            visit = sweep[clean]
            assert visit.requested and (visit.errors, visit.off_disk, visit.csp) == ([], [], []), (clean, visit)
            assert visit.fit.overflow == 0 and not visit.fit.too_wide
    visit = found[Sweep("mkdocs", "light", "phone")]["index.html"]
    assert visit.requested and "boom" in visit.errors
    # axe asks for the stylesheet once more; the visit's log also shows the image the page's CSP refused
    assert set(visit.off_disk) == {"https://example.org/style.css", "https://example.org/pixel.png"}
    assert visit.csp == ["img-src https://example.org/pixel.png"]
    assert visit.skip == (0, "", 0)
    assert visit.fit.overflow > 0 and visit.fit.too_wide
    assert [v.split(" ")[0] for v in visit.axe] == ["image-alt"]
    assert [cls for cls, w, h in visit.controls if w < 24 or h < 24] == ["fc-back"]


CLAIM_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{h1}</title></head><body><main>
<h1>{h1}</h1><div class="fc-verdict-box" style="position: absolute; top: 1000px">
<span class="fc-verdict-name" style="display: block; height: 40px">Disputed</span>{links}</div></main></body></html>"""
HOW = '<a href="../methodology.html#verdict-disputed" style="display: block; height: 30px">How we rate</a>'


@pytest.mark.browser
def test_the_shared_visit_measures_where_a_claims_verdict_ends(tmp_path: Path) -> None:
    # late.html: the verdict's name ends 1040 px down, its link 1070 px, below a phone's first screen;
    # other.html: an h1 that is not the claim's headline, and two "How we rate" links (neither counts).
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims/late.html").write_text(CLAIM_PAGE.format(h1="A claim", links=HOW), encoding="utf-8")
    other = CLAIM_PAGE.format(h1="Not the headline", links=HOW + HOW)
    (tmp_path / "claims/other.html").write_text(other, encoding="utf-8")
    titles = {"claims/late.html": "A claim", "claims/other.html": "Another claim"}
    found = visit_sites({"mkdocs": tmp_path}, titles, lambda sweep: {})
    for sweep in found.values():
        late, other = sweep["claims/late.html"], sweep["claims/other.html"]
        assert (late.headings, late.verdict_bottom) == (1, 1040), sweep
        assert late.how_we_rate == ("../methodology.html#verdict-disputed", 1070), sweep
        assert (other.headings, other.verdict_bottom, other.how_we_rate) == (0, None, (None, None)), sweep


def _renderers(below: int) -> set[int]:
    """The renderer processes of a Chromium started under the process ``below`` (at any depth)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"--type=renderer" in (entry / "cmdline").read_bytes():
                pid = int(entry.name)
                while pid > 1 and pid != below:  # up the chain of parents
                    pid = int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if pid == below:
                    found.add(int(entry.name))
        except (OSError, ValueError):  # a process that ended while being read
            continue
    return found


@pytest.mark.browser
def test_the_shared_visit_loads_a_sweeps_pages_into_one_renderer_process(tmp_path: Path) -> None:
    # Site isolation started a new renderer process for each page of a sweep (one sweep after another, one process
    # did them all; three at once, a new one for every page), each from scratch: VISIT_ARGS turns it off. The
    # processes are counted as the visit runs, every few milliseconds (each lives at least one page's visit).
    pages = [f"p{n}.html" for n in range(10)]
    for name in pages:
        (tmp_path / name).write_text(CLEAN_PAGE, encoding="utf-8")
    before, seen, done = _renderers(os.getpid()), set(), threading.Event()

    def count() -> None:
        while not done.is_set():
            seen.update(_renderers(os.getpid()))
            time.sleep(0.005)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        found = visit_sites({"mkdocs": tmp_path}, {}, lambda sweep: {})
    finally:
        done.set()
        counter.join()
    assert all(list(sweep) == pages for sweep in found.values())
    assert 0 < len(seen - before) <= 2 * len(found), len(seen - before)  # a tab's first blank page may have its own
