"""A reader in a real Chromium, offline from file://: pages load cleanly, links and search work, nothing leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sitecheck import axe_serious, reader

from generator.model import Content
from generator.refs import plain
from generator.validate import check_project

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def content() -> Content:
    return check_project(REPO)


def _pages(site: Path, content: Content) -> list[Path]:
    fixed = [
        "index.html", "sources/index.html", "contradictions.html", "matrix.html", "methodology.html", "corrections.html"
    ]  # fmt: skip
    return (
        [site / name for name in fixed]
        + [site / "claims" / f"{c.id}.html" for c in content.claims]
        + [site / "sources" / f"{s.id}.html" for s in content.sources]
    )


def test_every_page_loads_offline_without_console_errors(browser: Browser, built_site: Path, content: Content) -> None:
    with reader(browser) as tab:
        for path in _pages(built_site, content):
            tab.page.goto(path.as_uri())
            tab.page.wait_for_load_state("load")
        assert tab.errors == []
        assert tab.off_disk == []
        assert len({u for u in tab.requests if u.endswith(".html")}) == len(_pages(built_site, content))


def test_index_to_claim_to_quote_in_context_and_back(browser: Browser, built_site: Path, content: Content) -> None:
    claim = content.claims[0]
    with reader(browser) as tab:
        page = tab.page
        page.goto((built_site / "index.html").as_uri())
        page.locator(".fc-index a", has_text=plain(claim.claim, {s.id: s for s in content.sources})).click()
        assert page.url == (built_site / f"claims/{claim.id}.html").as_uri()
        position = next(p for p in claim.positions if p.quotes)
        page.locator(f"#pos-{position.source} a.fc-context").first.click()
        assert page.url == (built_site / f"sources/{position.source}.html").as_uri() + f"#q-{claim.id}-0"
        marked = page.locator("mark:has(> :target)")
        assert " ".join(marked.inner_text().split())[:40] == " ".join(position.quotes[0].text.split())[:40]
        page.go_back()
        assert page.url == (built_site / f"claims/{claim.id}.html").as_uri()
        assert tab.errors == [] and tab.off_disk == []


def test_the_index_filters_by_verdict_and_topic(browser: Browser, built_site: Path, content: Content) -> None:
    verdict = content.claims[0].verdict
    expected = sum(1 for c in content.claims if c.verdict == verdict)
    with reader(browser) as tab:
        tab.page.goto((built_site / "index.html").as_uri())
        tab.page.select_option("#fc-filter-verdict", verdict)
        assert tab.page.locator(".fc-index tbody tr:visible").count() == expected
        assert tab.page.locator("#fc-filter-count").inner_text() == f"{expected} of {len(content.claims)} claims"


def test_search_finds_a_claim_by_a_word_from_it(browser: Browser, built_site: Path, content: Content) -> None:
    names = {s.id: s for s in content.sources}
    claim = max(content.claims, key=lambda c: max(len(w) for w in re.findall(r"[A-Za-z]+", plain(c.claim, names))))
    word = max(re.findall(r"[A-Za-z]+", plain(claim.claim, names)), key=len)
    with reader(browser) as tab:
        page = tab.page
        page.goto((built_site / "index.html").as_uri())
        page.wait_for_timeout(1000)  # the search worker loads its index from disk
        page.locator("input.md-search__input").click()
        page.keyboard.type(word, delay=40)
        result = page.locator(f'.md-search-result__link[href*="claims/{claim.id}.html"]')
        result.first.wait_for(timeout=15_000)
        assert tab.errors == [] and tab.off_disk == []


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("desktop", {"viewport": {"width": 1280, "height": 900}}),
        ("phone", {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}),
    ],
)
def test_screenshot_of_a_claim_page(
    browser: Browser, built_site: Path, content: Content, name: str, options: dict
) -> None:  # type: ignore[type-arg]
    ARTIFACTS.mkdir(exist_ok=True)
    claim = next(c for c in content.claims if c.figures)
    with reader(browser, **options) as tab:
        tab.page.goto((built_site / f"claims/{claim.id}.html").as_uri())
        shot = ARTIFACTS / f"claim-{name}.png"
        tab.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert tab.errors == [] and tab.off_disk == []


@pytest.mark.parametrize(
    "page", ["index.html", "methodology.html", "matrix.html", "corrections.html", "claim", "source"]
)
def test_no_serious_accessibility_violations(browser: Browser, built_site: Path, content: Content, page: str) -> None:
    path = {"claim": f"claims/{content.claims[0].id}.html", "source": f"sources/{content.sources[0].id}.html"}
    with reader(browser) as tab:
        tab.page.goto((built_site / path.get(page, page)).as_uri())
        assert axe_serious(tab.page) == []
