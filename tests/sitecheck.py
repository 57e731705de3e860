"""Independent tools run over a built site, the way readers, validators and search engines meet it.

Each function returns findings (empty when the site is fine), so tests can assert both that the real site
is clean and that a deliberately broken page is caught. A missing tool fails loudly; nothing is skipped.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import extruct
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

TOOLS = Path(__file__).parent / "tools"
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip

# Errors the Nu HTML Checker reports in markup that comes from the Material theme itself, not from us.
THEME_HTML_ERRORS = [
    # Material's drawer/search/TOC toggles are checkboxes with autocomplete="off" (a Firefox workaround).
    re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
    # The table-of-contents title is a <label for="__toc"> whose checkbox Material only emits on some layouts.
    re.compile(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.$"
    ),
]


def reading_pages(site: Path) -> list[Path]:
    """Every page a reader reads: the built HTML but the redirect pages left at a renamed claim's or source's
    former address (they move on at once; tests/test_renames.py opens one)."""
    return sorted(p for p in site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def require(path: Path, what: str) -> Path:
    """Fail (never skip) when a tool the suite needs is missing."""
    if not path.exists():
        pytest.fail(f"{what} not found at {path}; run `make test` (it installs it) or .ci/system-deps")
    return path


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no background traffic of its own."""
    require(CHROMIUM, "Chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class Reader:
    """A browser tab that records every request and every console error, refusing all but file://."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def off_disk(self) -> list[str]:
        """Requests for anything but a local file."""
        return [url for url in self.requests if not url.startswith("file://")]


@contextmanager
def reader(browser: Browser, **context_options: Any) -> Iterator[Reader]:
    """Open a tab that records requests and console errors; every non-file request is aborted."""
    context: BrowserContext = browser.new_context(**context_options)
    page = context.new_page()
    tab = Reader(page)

    def route(route: Any) -> None:
        tab.requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


# axe's rules plus the WCAG 2.2 target size (2.5.8), which axe leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_violations(page: Page) -> list[str]:
    """Every axe-core violation on the open page, whatever its impact, as 'rule (impact): targets' lines."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): " + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


# Measures, in the open page, the page's sideways overflow and every displayed table, figure and chart that is
# wider than its container or runs off the viewport.
_FIT = """() => {
  const doc = document.documentElement;
  const found = {overflow: doc.scrollWidth - doc.clientWidth, wide: [], widest: 0, container: 0};
  for (const el of document.querySelectorAll("table, figure, .fc-chart, pre")) {
    if (!el.getClientRects().length) continue;
    const box = el.getBoundingClientRect();
    const room = el.parentElement.getBoundingClientRect().width;
    const width = Math.max(box.width, el.scrollWidth);
    const name = el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "").split(" ").join(".");
    if (el.tagName === "TABLE" && width > found.widest) { found.widest = Math.round(width); found.container = Math.round(room); }
    if (width > room + 1 || box.right > doc.clientWidth + 1) found.wide.push(name + " " + Math.round(width) + " px in " + Math.round(room));
  }
  return found;
}"""


@dataclass(frozen=True)
class Fit:
    """How the open page fits its viewport: sideways overflow in px, what is too wide, and the widest table."""

    overflow: int
    too_wide: list[str]
    widest_table: int  # px, 0 without a displayed table
    its_container: int


def fit(page: Page) -> Fit:
    """Measure the open page (see _FIT): a page fits when overflow is 0 and too_wide is empty."""
    found = page.evaluate(_FIT)
    return Fit(found["overflow"], found["wide"], found["widest"], found["container"])


def axe_serious(page: Page) -> list[str]:
    """axe-core violations of serious or critical impact on the open page, as 'rule (impact): targets' lines.

    axe re-fetches stylesheets by XHR, which file:// refuses with console errors: read a tab's errors first.
    """
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def vnu_errors(pages: list[Path]) -> list[str]:
    """Errors the W3C Nu HTML Checker finds in ``pages``, minus the theme's own (listed above)."""
    require(VNU_JAR, "the Nu HTML Checker (vnu.jar)")
    java = shutil.which("java") or pytest.fail("java not found; run .ci/system-deps")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(pattern.search(m["message"]) for pattern in THEME_HTML_ERRORS)
    ]


# LinkChecker 10 run as root switches to the user 'nobody' (older versions had --allow-root; it is gone).
# In a checkout nobody cannot read (under /root, any mode-0700 folder) its plugins then fail to load without
# a word, and the anchor check is skipped. Run it without that switch: it only reads the site we built.
_LINKCHECKER = (
    "import sys; import linkcheck.command.linkchecker as cli; cli.drop_privileges = lambda: None; "
    "sys.argv[0] = 'linkchecker'; sys.exit(cli.linkchecker())"
)


def broken_links(start: Path) -> list[str]:
    """Broken internal links and anchors reachable from ``start``, according to LinkChecker."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text("[filtering]\ncheckextern=0\n[AnchorCheck]\n[output]\nstatus=0\n", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-c", _LINKCHECKER, "-f", str(config), "-o", "csv", start.as_uri()],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if "dropping privileges" in result.stderr:  # its plugins might not load: the anchor check would pass unseen
        pytest.fail("linkchecker switched to the user 'nobody'; see _LINKCHECKER")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    if result.returncode not in (0, 1) or not lines:
        pytest.fail(f"linkchecker did not run: {result.returncode} {result.stderr[-500:]}")
    rows = list(csv.DictReader(lines, delimiter=";"))
    # Errors (valid=False) and warnings both count: a missing anchor is reported as a warning.
    return [
        f"{row['urlname']} (in {Path(row['parentname']).name}): {row['result'] or row['warningstring']}"
        for row in rows
        if row["valid"] == "False" or row["warningstring"]
    ]


def json_ld(html: str, url: str) -> list[dict[str, Any]]:
    """The JSON-LD items a search engine extracts from a page, via extruct."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    items: list[dict[str, Any]] = data["json-ld"]
    return items


def claim_review_problems(html: str, url: str, verdict_shown: str) -> list[str]:
    """What is wrong with a claim page's ClaimReview, as a search engine extracts it."""
    reviews = [item for item in json_ld(html, url) if item.get("@type") == "ClaimReview"]
    if len(reviews) != 1:
        return [f"expected exactly one ClaimReview, found {len(reviews)}"]
    review = reviews[0]
    problems = [f"missing {key}" for key in ("claimReviewed", "reviewRating", "itemReviewed", "author", "url")
                if not review.get(key)]  # fmt: skip
    rating = review.get("reviewRating", {})
    if rating.get("alternateName") != verdict_shown:
        problems.append(
            f"alternateName {rating.get('alternateName')!r} differs from the verdict shown, {verdict_shown!r}"
        )
    numbers = {k: rating[k] for k in ("worstRating", "ratingValue", "bestRating") if k in rating}
    if numbers:  # the verdicts are states of the evidence, not a truth scale: the rating is in words only
        problems.append(f"a numeric rating: {numbers}")
    item = review.get("itemReviewed", {})
    if item.get("@type") != "Claim" or not item.get("author"):
        problems.append("itemReviewed must be a Claim with an author")
    return problems
