"""Material's bundle on demand, in Chromium, from disk (file://) and over http (MkDocs; theme-on-demand.js): a
claim page loads without the theme's bundle; a first click on the colour-scheme button changes the scheme once
and the next page remembers it; on a phone the menu opens and the first Tab lands on something visible; a page
opened from a search result (?h=) loads the bundle at once. No console error, no CSP violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from sitecheck import DESKTOP, PHONE, RECORD_CSP, serving

from generator.check.validate import check_project

REPO = Path(__file__).resolve().parent.parent
BUNDLE = "assets/javascripts/bundle."


@pytest.fixture(scope="module")
def bases(built_site: Path) -> Iterator[dict[str, str]]:
    """The built site's address from disk and over http (127.0.0.1)."""
    with serving(built_site) as http:
        yield {"file": built_site.as_uri() + "/", "http": http}


class _Visit:
    """A browser context recording its requests, console errors and CSP violations."""

    def __init__(self, browser: Browser, device: dict[str, Any]) -> None:
        self.context: BrowserContext = browser.new_context(**device)
        self.context.add_init_script(RECORD_CSP)
        self.requested: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requested.append(request.url))
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def __enter__(self) -> _Visit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()

    def open(self, address: str) -> None:
        self.page.goto(address, wait_until="networkidle")
        self.page.wait_for_timeout(1000)  # what a script might start a little after the load

    def bundles(self) -> list[str]:
        return [url for url in self.requested if BUNDLE in url]

    def clean(self) -> bool:
        return self.page.evaluate("window.__csp") == [] and self.errors == []


def _claim_page(bases: dict[str, str], protocol: str) -> str:
    return bases[protocol] + f"claims/{check_project(REPO).claims[0].id}.html"


SCHEME = "document.body.getAttribute('data-md-color-scheme')"
CHANGED = "before => document.body.getAttribute('data-md-color-scheme') !== before"
TOGGLE = "[data-md-component=palette] label:not([hidden])"


@pytest.mark.parametrize("protocol", ["file", "http"])
def test_a_first_click_on_the_scheme_button_switches_the_scheme_once_and_it_is_remembered(
    browser: Browser, bases: dict[str, str], protocol: str
) -> None:
    with _Visit(browser, DESKTOP) as visit:
        visit.open(_claim_page(bases, protocol))
        assert visit.bundles() == []
        assert visit.page.locator(TOGGLE).count() == 1  # the button shows before the bundle
        before = visit.page.evaluate(SCHEME)
        visit.page.locator(TOGGLE).click()
        visit.page.wait_for_function(CHANGED, arg=before, timeout=10_000)
        after = visit.page.evaluate(SCHEME)
        visit.page.wait_for_timeout(1000)
        assert visit.page.evaluate(SCHEME) == after  # changed once, not back
        assert len(visit.bundles()) == 1
        visit.open(bases[protocol] + "index.html")
        assert visit.page.evaluate(SCHEME) == after  # remembered
        visit.page.locator(TOGGLE).click()  # and switches back
        visit.page.wait_for_function(CHANGED, arg=after, timeout=10_000)
        assert visit.page.evaluate(SCHEME) == before
        assert visit.clean()


def test_a_first_visit_takes_the_scheme_of_the_systems_preference_before_the_bundle(
    browser: Browser, bases: dict[str, str]
) -> None:
    """Material's inline script applies a saved scheme only; the one the system prefers was the bundle's to apply."""
    with _Visit(browser, {**DESKTOP, "color_scheme": "dark"}) as visit:
        visit.open(_claim_page(bases, "file"))
        assert visit.bundles() == []
        assert visit.page.evaluate(SCHEME) == "slate"
        assert visit.page.locator(TOGGLE).get_attribute("for") == "__palette_0"  # the button to the light scheme
        assert visit.clean()


@pytest.mark.parametrize("protocol", ["file", "http"])
def test_on_a_phone_the_menu_opens_and_the_first_tab_lands_on_something_visible(
    browser: Browser, bases: dict[str, str], protocol: str
) -> None:
    with _Visit(browser, PHONE) as visit:
        visit.open(_claim_page(bases, protocol))
        assert visit.bundles() == []
        visit.page.locator('button.fc-opener[data-for="__drawer"]').click()
        visit.page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=5000)
        visit.page.wait_for_timeout(500)  # the drawer slides in
        visit.page.keyboard.press("Tab")
        box = visit.page.evaluate(
            "(() => { const el = document.activeElement;"  # a scheme's radio shows as its button (test_keys_share)
            " const shown = el.matches('input.md-option') && el.nextElementSibling ? el.nextElementSibling : el;"
            " const r = shown.getBoundingClientRect();"
            " return [el !== document.body, r.width, r.height, r.left, r.top,"
            " r.right <= innerWidth && r.bottom <= innerHeight]; })()"
        )
        assert box[0] and box[1] > 0 and box[2] > 0 and box[3] >= 0 and box[4] >= 0 and box[5], box
        assert visit.clean()


def test_a_page_opened_from_a_search_result_loads_the_bundle_at_once(browser: Browser, bases: dict[str, str]) -> None:
    """Material highlights the searched words (search.highlight) on a page opened from a result."""
    with _Visit(browser, DESKTOP) as visit:
        visit.open(_claim_page(bases, "http") + "?h=claim")
        assert len(visit.bundles()) == 1
        assert visit.page.locator("mark[data-md-highlight]").count() > 0
        assert visit.clean()
