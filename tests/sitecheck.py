"""Independent tools run over a built site, the way readers, validators and search engines meet it.

Each function returns findings (empty when the site is fine), so tests can assert both that the real site
is clean and that a deliberately broken page is caught. A missing tool fails loudly; nothing is skipped.
"""

from __future__ import annotations

import asyncio
import csv
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

TOOLS = Path(__file__).parent / "tools"
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
# How the shared visit's browser runs, not what it shows (the same records and screenshots of the 480 visits):
# - JavaScript on V8's first two tiers only (the interpreter and its baseline compiler): each page runs the theme's
#   scripts and axe for a fraction of a second in a new document, too short for the optimising tiers' compiles to
#   pay (325 -> 287 CPU-s for the 480 visits of the edition, measured alone in a cgroup);
# - no site isolation: with several sweeps at once, every page of a sweep was loaded into a new renderer process
#   (440 processes for 480 pages), each started from scratch (287 -> 258 CPU-s, one process per sweep).
VISIT_ARGS = [*CHROMIUM_ARGS, "--js-flags=--max-opt=1", "--disable-site-isolation-trials"]

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


def type_as_a_keyboard(page: Page, text: str) -> None:
    """Type ``text`` key by key as a keyboard laid out for its script does: keydown with the character, then keyup.
    (Playwright's keyboard.type sends only an input event for a character not on a US keyboard, no keyup.)"""
    session = page.context.new_cdp_session(page)
    for char in text:
        session.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "text": char})
        session.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
    session.detach()


# The text a reader meets on the open page: its title, what it shows, and the labels a screen reader says.
PAGE_TEXT = """() => {
  const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")].flatMap((e) =>
    ["aria-label", "title", "placeholder", "alt"].map((name) => e.getAttribute(name) || ""));
  return [document.title, document.body.innerText, ...labels].join("\\n");
}"""

# Where each word and punctuation sign of the first element matching the selector is drawn, in the order written,
# with the element's language, dir attribute and computed direction.
TEXT_ORDER = """(selector) => {
  const element = document.querySelector(selector), range = document.createRange();
  const text = element.firstChild;
  const boxes = [...text.data.matchAll(/[\\p{L}\\p{M}\\p{N}\\u200c]+|[^\\s\\p{L}\\p{M}\\p{N}\\u200c]/gu)].map((m) => {
    range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
    const box = range.getBoundingClientRect();
    return {token: m[0], left: Math.round(box.left), top: Math.round(box.top)};
  });
  return {text: element.textContent, lang: element.lang, dir: element.dir, direction: getComputedStyle(element).direction, boxes};
}"""


def reads_in_order(order: dict[str, Any], direction: str) -> bool:
    """Whether the words measured by TEXT_ORDER stand on one line, one after the other in ``direction``."""
    lefts = [box["left"] for box in order["boxes"]]
    wanted = sorted(set(lefts), reverse=direction == "rtl")
    return len({box["top"] for box in order["boxes"]}) == 1 and lefts == wanted and len(lefts) > 1


# axe's rules plus the WCAG 2.2 target size (2.5.8), which axe leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_options(page: Any, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` for a page opened from disk without axe's preload: axe fetches every stylesheet again by
    XMLHttpRequest, which file:// refuses (its CSSOM rules then run without it all the same), and the browser
    logs each refusal as a console error that may arrive after the next page has started loading."""
    return {**options, "preload": False} if page.url.startswith("file:") else options


def axe_violations(page: Page) -> list[str]:
    """Every axe-core violation on the open page, whatever its impact, as 'rule (impact): targets' lines."""
    from axe_playwright_python.sync_playwright import Axe

    return violation_lines(Axe().run(page, options=axe_options(page, AXE_OPTIONS)).response)


def violation_lines(response: dict[str, Any]) -> list[str]:
    """axe's violations as 'rule (impact): targets' lines, the first three targets of each."""
    return [
        f"{v['id']} ({v['impact']}): " + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in response["violations"]
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

    From disk, axe runs without its preload (``axe_options``): it logs no error of its own.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=axe_options(page, {}))
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
    # The JIT's first tier only: the checker runs seconds, too short for the second tier to pay (4.5 -> 2.3 CPU-s
    # on the edition, the same messages); a larger stack, which its HTML schema needs without the second tier.
    quick = ["-Xss16m", "-XX:TieredStopAtLevel=1"]
    result = subprocess.run(
        [java, *quick, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(pattern.search(m["message"]) for pattern in THEME_HTML_ERRORS)
    ]


# LinkChecker, run as root without its switch to 'nobody', and parsing each page once: see its docstring.
_LINKCHECKER = Path(__file__).with_name("linkchecker_once.py")


def broken_links(start: Path) -> list[str]:
    """Broken internal links and anchors reachable from ``start``, according to LinkChecker."""
    return all_broken_links([start])[start]


def all_broken_links(starts: list[Path]) -> dict[Path, list[str]]:
    """``broken_links`` of every start page, one LinkChecker each, all running at once."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text("[filtering]\ncheckextern=0\n[AnchorCheck]\n[output]\nstatus=0\n", encoding="utf-8")
        running = {
            start: subprocess.Popen(
                # Without threads (-t 0): its ten threads, all in one interpreter, cost a third more CPU for the
                # same links, and the starts already run side by side; linkchecker_once.py counts on one thread.
                [sys.executable, str(_LINKCHECKER), "-f", str(config), "-o", "csv", "-t", "0", start.as_uri()],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for start in starts
        }
        said = {start: process.communicate() for start, process in running.items()}
    return {start: _link_report(running[start].returncode, *said[start]) for start in starts}


def _link_report(code: int, stdout: str, stderr: str) -> list[str]:
    """The broken links in one LinkChecker run's CSV, or a failed test when it did not run as it should."""
    if "dropping privileges" in stderr:  # its plugins might not load: the anchor check would pass unseen
        pytest.fail("linkchecker switched to the user 'nobody'; see _LINKCHECKER")
    lines = [line for line in stdout.splitlines() if line and not line.startswith("#")]
    if code not in (0, 1) or not lines:
        pytest.fail(f"linkchecker did not run: {code} {stderr[-500:]}")
    rows = list(csv.DictReader(lines, delimiter=";"))
    # Errors (valid=False) and warnings both count: a missing anchor is reported as a warning.
    return [
        f"{row['urlname']} (in {Path(row['parentname']).name}): {row['result'] or row['warningstring']}"
        for row in rows
        if row["valid"] == "False" or row["warningstring"]
    ]


def json_ld(html: str, url: str) -> list[dict[str, Any]]:
    """The JSON-LD items a search engine extracts from a page, via extruct."""
    import extruct  # here, not at the top: it loads rdflib, lxml and more, which collecting every test would pay for

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


# Every CSP violation in any frame, kept where a test can read it (console messages can be reworded).
RECORD_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push("
RECORD_CSP += "e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True
}  # fmt: skip
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = ("light", "dark")
# Our own controls, which must be at least 24 x 24 px wherever they show (axe checks the rest, with its exceptions).
TARGETS = ".fc-chip, .fc-back, .fc-cell a, .fc-context, .fc-pager a, .fc-about summary, .fc-filter select, a.md-skip"
_SIZES = (
    "els => els.filter(e => e.getClientRects().length).map(e => [e.className || e.tagName,"
    " e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
)
_SKIP = """() => {
  const skips = document.querySelectorAll("a.md-skip");
  const target = skips.length ? skips[0].getAttribute("href") || "" : "";
  const h1 = target.startsWith("#") ? document.querySelectorAll("h1[id='" + CSS.escape(target.slice(1)) + "']") : [];
  return [skips.length, target, h1.length];
}"""


# What a request may ask for without leaving the machine: a file, or what the page holds (a blob: URL, which
# the event log of a sweep shows and routing never sees; data: URLs appear in neither).
IN_THE_BROWSER = ("file://", "blob:")


@dataclass(frozen=True)
class Visit:
    """Everything one visit of one page records, for every check of that page (see ``visit_site``)."""

    requested: bool  # the tab asked for the page itself
    errors: list[str]  # console errors and uncaught exceptions, from loading until axe starts
    off_disk: list[str]  # requests for anything but a local file (IN_THE_BROWSER), the CSP's refusals included,
    # during the whole visit
    csp: list[str]  # Content-Security-Policy violations, from loading until axe starts
    scheme: str  # the colour scheme the page shows: "default" or "slate"
    fit: Fit
    skip: tuple[int, str, int]  # skip links on the page, the first one's target, h1 elements with that id
    axe: list[str]  # every axe violation (axe_violations)
    controls: list[tuple[str, float, float]]  # our controls shown after one Tab: class, width, height
    headings: int  # h1 elements named ``titles[page]`` exactly (0 for a page not in titles)
    verdict_bottom: float | None  # where the claim's verdict name ends, in px from the top, on a claim page
    how_we_rate: tuple[str | None, float | None] = (None, None)  # the verdict box's "How we rate" link: href, bottom


@dataclass(frozen=True)
class Sweep:
    """The pages of one built site, the way a reader on one device in one colour scheme meets them."""

    engine: str
    scheme: str
    device: str


@dataclass(frozen=True)
class _Tab:
    """The one tab of a sweep, and what it records: the context's router writes every URL asked for into
    ``requests``, the tab its console errors and uncaught exceptions into ``errors``; each visit empties both."""

    page: Any
    requests: list[str]
    errors: list[str]


# What the open page shows, in one round trip: its colour scheme, how it fits (_FIT) and its skip link (_SKIP).
_LOOK = f"() => [document.body.dataset.mdColorScheme, ({_FIT})(), ({_SKIP})()]"
# Where the one element the locator finds (a claim's h1) leads: how many there are, and where the verdict's
# name ends (the bottom of .fc-verdict-name, as Locator.bounding_box measures it: null when it is not drawn).
_VERDICT = """(headings) => {
  const names = document.querySelectorAll(".fc-verdict-name");
  if (names.length > 1) throw new Error("strict mode violation: .fc-verdict-name resolved to " + names.length + " elements");
  const box = headings.length && names.length && names[0].getClientRects().length ? names[0].getBoundingClientRect() : null;
  return [headings.length, box && box.bottom];
}"""
# axe's run on the open page (its source brought in before), answering only its violations.
_AXE_RUN = "(options) => axe.run(options).then((results) => ({violations: results.violations}))"
# Each link the locator finds: its href and its bottom (null when it is not drawn).
_LINKS = """(links) => links.map((e) => [e.getAttribute("href"),
  e.getClientRects().length ? e.getBoundingClientRect().bottom : null])"""


async def _visit(tab: _Tab, site: Path, name: str, titles: dict[str, str], shots: dict[str, list[Path]]) -> Visit:
    """Open ``name`` in the sweep's tab; record, then run axe, then press Tab and measure our controls.

    Every visit loads a new document (its own scripts, CSP recorder and focus); the tab is reused because a
    new one per page cost about a third of each visit. Everything the previous page reported (axe's last
    console errors included) has arrived by then: Playwright delivers a page's events in order. Each step asks
    the browser once (every round trip costs CPU in Python, Playwright's driver, the browser and the page)."""
    page, requests, errors = tab.page, tab.requests, tab.errors
    requests.clear()
    errors.clear()
    url = (site / name).as_uri()
    await page.goto(url)
    scheme, found, skip = await page.evaluate(_LOOK)
    headings, bottom = 0, None
    how_we_rate: tuple[str | None, float | None] = (None, None)
    if name in titles:
        heading = page.get_by_role("heading", level=1, name=titles[name], exact=True)
        headings, bottom = await heading.evaluate_all(_VERDICT)
        how = page.locator(".fc-verdict-box").get_by_role("link", name="How we rate", exact=True)
        if len(links := await how.evaluate_all(_LINKS)) == 1:
            how_we_rate = tuple(links[0])  # type: ignore[assignment]
    for path in shots.get(name, ()):
        await page.screenshot(path=str(path), full_page=path.stem.endswith("-full"))
    seen = list(errors)
    # axe's source, then the CSP violations so far, in one round trip; then axe's run, of which only the
    # violations come back (its passes and the rules that did not apply were 60 KB a page). From disk axe
    # fetches nothing (axe_options); the page's own errors are read above all the same.
    csp = await page.evaluate(f"{AXE_SCRIPT}\n;window.__csp")
    violations = violation_lines(await page.evaluate(_AXE_RUN, axe_options(page, AXE_OPTIONS)))
    await page.keyboard.press("Tab")  # shows the skip link
    sizes = await page.eval_on_selector_all(TARGETS, _SIZES)
    return Visit(
        url in requests, seen, [u for u in requests if not u.startswith(IN_THE_BROWSER)], csp, scheme,
        Fit(found["overflow"], found["wide"], found["widest"], found["container"]), tuple(skip),  # type: ignore[arg-type]
        violations, [tuple(s) for s in sizes], headings, bottom, how_we_rate,
    )  # fmt: skip


async def _sweep(
    browser: Any, sweep: Sweep, site: Path, names: list[str], titles: dict[str, str], shots: dict[str, list[Path]]
) -> dict[str, Visit]:
    # Offline: every request for anything but a file fails in the browser, none reaches the network. The
    # requests are read from the context's events, not by routing each one through Python (as reader() does):
    # that cost 6 % of the visit's CPU. The events also show what the page's CSP refused before asking.
    context = await browser.new_context(color_scheme=sweep.scheme, offline=True, **DEVICES[sweep.device])
    await context.add_init_script(RECORD_CSP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = _Tab(await context.new_page(), requests, [])
    tab.page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    visits = {}
    for name in names:
        visits[name] = await _visit(tab, site, name, titles, shots)
    await context.close()
    return visits


async def _visit_sites(
    sites: dict[str, Path], titles: dict[str, str], shots: Any, tabs: int
) -> dict[Sweep, dict[str, Visit]]:
    from playwright.async_api import async_playwright

    require(CHROMIUM, "Chromium")
    sweeps = [Sweep(e, s, d) for e in sorted(sites) for s in SCHEMES for d in DEVICES]
    lanes = asyncio.Semaphore(tabs)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=VISIT_ARGS)

        async def one(sweep: Sweep) -> dict[str, Visit]:
            names = [p.relative_to(sites[sweep.engine]).as_posix() for p in reading_pages(sites[sweep.engine])]
            async with lanes:
                return await _sweep(browser, sweep, sites[sweep.engine], names, titles, shots(sweep))

        found = await asyncio.gather(*(one(sweep) for sweep in sweeps))
        await browser.close()
    return dict(zip(sweeps, found, strict=True))


def visit_sites(
    sites: dict[str, Path], titles: dict[str, str], shots: Any, tabs: int = 3
) -> dict[Sweep, dict[str, Visit]]:
    """Visit every page of every site once per colour scheme and device, ``tabs`` tabs at a time, recording what
    every page check needs (``Visit``). ``titles``: claim pages and their h1, measured for the verdict;
    ``shots(sweep)``: {page: screenshot paths} to take on the way."""
    with ThreadPoolExecutor(1) as thread:  # its own event loop, away from any sync Playwright of the tests
        return thread.submit(asyncio.run, _visit_sites(sites, titles, shots, tabs)).result()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """``site`` served over http on 127.0.0.1 while the block runs: its address, ending in "/"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
