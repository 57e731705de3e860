"""Search in Chromium, as a reader meets it, from disk (file://) and over http, built by either engine: a page
loads without the search index or the search worker (site_templates/static/assets/search-on-demand.js holds them
back); opening search loads them and finds a claim by a word of its headline; a claim whose headline has the
words ranks above pages that have them only in their body or in a section's heading."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ENGINES, Engine
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sitecheck import RECORD_CSP, serving

from generator.check.validate import check_project
from generator.model import Claim

REPO = Path(__file__).resolve().parent.parent
WORKERS = "assets/javascripts/workers/"  # where both themes keep their search worker
# lunr's English stop words of four letters or more: search drops them, so they find nothing.
_COMMON = {
    "able", "across", "after", "almost", "also", "among", "because", "been", "cannot", "could", "dear", "does",
    "either", "else", "ever", "every", "from", "have", "hers", "however", "into", "just", "least", "like", "likely",
    "might", "most", "must", "neither", "often", "only", "other", "rather", "said", "says", "should", "since",
    "some", "than", "that", "their", "them", "then", "there", "these", "they", "this", "twas", "wants", "were",
    "what", "when", "where", "which", "while", "whom", "will", "with", "would", "your"
}  # fmt: skip


@pytest.fixture(scope="module")
def http_sites(engine_site: tuple[Engine, Path]) -> Iterator[tuple[Engine, Path, str]]:
    """Each engine's site, also served over http: the engine, the folder and its address."""
    engine, site = engine_site
    with serving(site) as address:
        yield engine, site, address


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _COMMON]


def _headline_word(claim: Claim, claims: tuple[Claim, ...] = ()) -> str:
    """The word of ``claim``'s headline that the fewest of ``claims``' headlines have, the longest of those."""
    return min(_words(claim.headline), key=lambda w: (sum(w in _words(c.headline) for c in claims), -len(w)))


def _index_requests(requested: list[str], engine: Engine) -> list[str]:
    """The requests for the search index: the JSON file (http) or the script holding it (file://)."""
    names = (engine.search_index, engine.search_index.removesuffix(".json") + ".js")
    return [url for url in requested if url.split("?")[0].endswith(tuple(f"/{name}" for name in names))]


def _search_requests(requested: list[str], engine: Engine) -> list[str]:
    return [*_index_requests(requested, engine), *(url for url in requested if WORKERS in url)]


@pytest.mark.parametrize("protocol", ["file", "http"])
def test_a_page_loads_without_the_search_index_and_opening_search_finds_a_claim(
    browser: Browser, http_sites: tuple[Engine, Path, str], protocol: str
) -> None:
    engine, site, http = http_sites
    claim = check_project(REPO).claims[0]
    base = site.as_uri() + "/" if protocol == "file" else http
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_CSP)
    requested: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + f"claims/{claim.id}.html", wait_until="networkidle")
        page.wait_for_timeout(1000)  # what a script might start a little after the load
        assert any(url.endswith(f"claims/{claim.id}.html") for url in requested)
        assert _search_requests(requested, engine) == []
        page.locator(engine.search_box).click()
        page.keyboard.type(_headline_word(claim), delay=40)
        page.locator(f'{engine.search_result}[href*="claims/{claim.id}.html"]').first.wait_for(timeout=15_000)
        assert len(_index_requests(requested, engine)) == 1  # the index, once search opened
        assert page.evaluate("window.__csp") == [] and errors == []
    finally:
        context.close()


def test_the_search_key_opens_search_and_loads_the_index(
    browser: Browser, http_sites: tuple[Engine, Path, str]
) -> None:
    """Material's "/" and Zensical's Ctrl+K open search before anything of it has loaded."""
    engine, _, http = http_sites
    claim = check_project(REPO).claims[0]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(http + f"claims/{claim.id}.html", wait_until="networkidle")
        page.keyboard.press("/" if engine.name == "mkdocs" else "Control+k")
        page.wait_for_timeout(300)
        page.keyboard.type(_headline_word(claim), delay=40)
        page.locator(f'{engine.search_result}[href*="claims/{claim.id}.html"]').first.wait_for(timeout=15_000)
    finally:
        page.close()


def _results(page: Page, engine: Engine, word: str) -> list[str]:
    """The pages search lists for ``word``, best first (each once)."""
    box = page.locator("input.md-search__input")
    box.fill(word)  # one input event, one search (typed key by key, Material searched once a key)
    # Material's result links carry the query (?h=word, search.highlight; empty where the page has only a stem of
    # it): the list is this word's once a link carries it and none carries another.
    try:
        page.wait_for_function(
            "([selector, query]) => { const marks = [...document.querySelectorAll(selector)]"
            "  .map(a => new URL(a.href).searchParams.get('h'));"
            " return marks.includes(query) && marks.every(h => h === '' || h === query); }",
            arg=[f".md-search-result__item > {engine.search_result}", word.lower()],
            timeout=15_000,
        )
    except PlaywrightTimeoutError:
        return []  # nothing found for the word: the test says which claim was not listed
    found = []
    for href in page.locator(f".md-search-result__item > {engine.search_result}").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        address = href.split("?")[0].split("#")[0]
        if address not in found:
            found.append(address)
    return found


def _contested_word(claim: Claim, claims: tuple[Claim, ...], entries: list[dict[str, str]]) -> str:
    """The word of ``claim``'s headline that most other entries have (in a section's heading first, then in
    the text), among those few other headlines have (so the claim is in the first results listed)."""
    page = f"claims/{claim.id}.html"

    def contest(word: str) -> tuple[int, int]:
        stem = word.lower()[: max(4, len(word) - 2)]
        others = [e for e in entries if e["location"] != page]
        return (sum(stem in e["title"].lower() for e in others), sum(stem in e["text"].lower() for e in others))

    rare = [w for w in _words(claim.headline) if sum(w in _words(c.headline) for c in claims) <= 5]
    return max(rare, key=contest)


def test_a_claim_whose_headline_has_the_word_ranks_above_pages_that_only_mention_it(
    browser: Browser, built_site: Path
) -> None:
    """For each claim, a word of its headline that other pages have in a heading or text: every page listed above
    the claim has the word in its own title.

    MkDocs only: the claim's headline entry is boosted in Material's index (mkdocs/plugin); Zensical's search
    has no boost to set."""
    engine, site = ENGINES["mkdocs"], built_site
    entries = json.loads((site / engine.search_index).read_text(encoding="utf-8"))["docs"]
    titles = {entry["location"]: entry["title"].lower() for entry in entries if "#" not in entry["location"]}
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    wrong = []
    try:
        page.goto(site.as_uri() + "/index.html", wait_until="networkidle")
        page.locator(engine.search_box).click()
        claims = check_project(REPO).claims
        for claim in claims:
            word = _contested_word(claim, claims, entries)
            stem = word.lower()[: max(4, len(word) - 2)]  # lunr stems: "positions" finds "position"
            found = [address.removeprefix(site.as_uri() + "/") for address in _results(page, engine, word)]
            mine = f"claims/{claim.id}.html"
            above = found[: found.index(mine)] if mine in found else found
            wrong += [f"{word}: {other} above {mine}" for other in above if stem not in titles[other]]
            if mine not in found:
                wrong.append(f"{word}: {mine} not listed")
    finally:
        page.close()
    assert wrong == []


def test_a_single_urdu_word_finds_its_page(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    """Chromium types Urdu without key events (as text arrives from a paste, dictation or some input methods):
    Material read its field on keyup only, so one word was searched only once a space followed (issue #25).
    The index of a copy of the site gets one entry in Urdu; the word alone finds it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    index["docs"].append({"location": "about.html#urdu", "title": "بلوچستان میں حملے", "text": "<p>پاکستان کی فوج</p>"})
    written = json.dumps(index, ensure_ascii=False)
    (site / "search/search_index.json").write_text(written, encoding="utf-8")
    (site / "search/search_index.js").write_text(f"var __index = {written}", encoding="utf-8")
    engine = ENGINES["mkdocs"]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto((site / "index.html").as_uri(), wait_until="networkidle")
        page.locator(engine.search_box).click()
        page.keyboard.type("پاکستان", delay=40)
        page.locator(
            f'{engine.search_result}[href$="about.html?h=%D9%BE%D8%A7%DA%A9%D8%B3%D8%AA%D8%A7%D9%86#urdu"]'
        ).wait_for(timeout=15_000)
    finally:
        page.close()
