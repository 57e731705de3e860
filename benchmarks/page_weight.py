"""What a reader's browser downloads on a first visit to a claim page, before any search, gzipped at level 9.

Builds the real content with one engine (or measures a built site given with --site), opens the claim page
with the largest HTML in Chromium, over http (a local server on 127.0.0.1) and from disk (file://), waits
until the network is quiet, and prints every file it asked for: page | bytes gzipped | what. Each file is
counted as its bytes on disk compressed with gzip level 9 (what a server sending gzip would send); data: URLs
are inside the files that hold them. Then the total of every claim page's first visit (smallest, median,
largest). Run from the repository:

    .venv/bin/python benchmarks/page_weight.py --engine mkdocs
    .venv/bin/python benchmarks/page_weight.py --engine zensical
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
QUIET_MS = 1500  # after the load event and network idle: anything a script starts a little later
IDLE_TIMEOUT_MS = 15_000
KINDS = {".html": "HTML", ".css": "CSS", ".js": "JavaScript", ".json": "JSON", ".png": "image",
         ".svg": "image", ".woff2": "font", ".woff": "font", ".ttf": "font", ".xml": "XML"}  # fmt: skip


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """``site`` served over http on 127.0.0.1 and a free port, for the length of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def gzipped(path: Path) -> int:
    """The size of ``path`` compressed with gzip at level 9."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def first_visit(browser: Browser, site: Path, url: str, base: str) -> list[Path]:
    """The files of ``site`` the browser asks for when it opens ``url`` (under ``base``) and waits, in order."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    page = context.new_page()
    page.goto(url, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=IDLE_TIMEOUT_MS)
    except PlaywrightTimeout:  # a page that keeps a connection open: what it asked for so far is its first visit
        print(f"{url}: the network was not idle after {IDLE_TIMEOUT_MS} ms", file=sys.stderr)
    page.wait_for_timeout(QUIET_MS)
    context.close()
    files = []
    for address in asked:
        if address.startswith(base):
            relative = urllib.parse.unquote(urllib.parse.urlsplit(address[len(base) :]).path)
            if (site / relative).is_file() and site / relative not in files:
                files.append(site / relative)
    return files


def table(site: Path, files: list[Path], title: str) -> str:
    """One visit as a Markdown table: page | bytes gzipped | what, and the total."""
    rows = [f"| {title} | bytes gzipped (level 9) | what |", "|---|---:|---|"]
    for path in files:
        kind = KINDS.get(path.suffix, path.suffix)
        rows.append(f"| `{path.relative_to(site).as_posix()}` | {gzipped(path):,} | {kind} |")
    rows.append(f"| **total** | **{sum(gzipped(p) for p in files):,}** | {len(files)} files |")
    return "\n".join(rows)


def measure(site: Path) -> str:
    """The report for a built ``site``: the heaviest claim page over http and from disk, then every claim page."""
    claims = sorted((site / "claims").glob("*.html"), key=lambda p: (-p.stat().st_size, p.name))
    claims = [p for p in claims if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    heaviest = claims[0].relative_to(site).as_posix()
    out = []
    with sync_playwright() as playwright, serving(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        http = first_visit(browser, site, base + heaviest, base)
        disk = first_visit(browser, site, (site / heaviest).as_uri(), site.as_uri() + "/")
        out.append(table(site, http, f"{heaviest} over http"))
        out.append(table(site, disk, f"{heaviest} from file://"))
        totals = {}
        for path in claims:
            name = path.relative_to(site).as_posix()
            totals[name] = sum(gzipped(p) for p in first_visit(browser, site, base + name, base))
        browser.close()
    low, high = min(totals, key=totals.__getitem__), max(totals, key=totals.__getitem__)
    out.append(
        f"Every claim page's first visit over http ({len(totals)} pages), bytes gzipped: smallest "
        f"{totals[low]:,} (`{low}`), median {int(statistics.median(totals.values())):,}, largest "
        f"{totals[high]:,} (`{high}`)."
    )
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="mkdocs", choices=["mkdocs", "zensical"])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    options = parser.parse_args(argv)
    if options.site:
        print(measure(options.site.resolve()))
        return 0
    sys.path.insert(0, str(REPO))
    from generator.build import build

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(REPO, site, engine=options.engine)
        print(f"Engine: {options.engine}\n")
        print(measure(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
