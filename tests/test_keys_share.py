"""Keyboard and sharing in Chromium: Tab never lands off-screen (the closed menu and the hidden search field are
inert) and reaches the menu button; each claim's share control copies its address from disk and over http."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sitecheck import reader, serving

PAGES = ("index.html", "claims/terrorism-or-resistance.html", "matrix.html")
# A phone; a desktop at 200 % zoom (1280 px wide shows 640 CSS px); a desktop.
SIZES = {"390": (390, 844), "1280-at-200%": (640, 400), "1280": (1280, 800)}
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Material's colour-scheme switch is a 0 x 0 radio button drawn, and outlined, by the label after it.
  const shown = el.matches("input.md-option") && el.nextElementSibling ? el.nextElementSibling : el;
  const box = shown.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return {top: el.closest(".md-header, .md-skip") ? 0 : header,
          what: el.tagName + (el.className ? "." + String(el.className).split(" ").join(".") : "")
                + (el.dataset.for ? "[for=" + el.dataset.for + "]" : ""),
          x: box.x, y: box.y, w: box.width, h: box.height, vw: innerWidth, vh: innerHeight};
}"""


def _tab_through(page: Page, stops: int) -> list[dict[str, float | str]]:
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused:
            seen.append(focused)
    return seen


@pytest.mark.parametrize("size", list(SIZES))
def test_tab_never_focuses_anything_off_screen_and_reaches_the_menu(browser: Browser, built_site: Path,
                                                                    size: str) -> None:  # fmt: skip
    width, height = SIZES[size]
    off, menus = [], []
    with reader(browser, viewport={"width": width, "height": height}) as tab:
        for name in PAGES:
            tab.page.goto((built_site / name).as_uri())
            for stop, f in enumerate(_tab_through(tab.page, 25)):
                # Wholly inside the width; in height, at least partly between the sticky header and the bottom.
                if (
                    f["w"] == 0
                    or f["x"] < 0
                    or f["x"] + f["w"] > f["vw"]
                    or f["y"] + f["h"] <= f["top"]
                    or f["y"] >= f["vh"]
                ):
                    off.append(f"{name} stop {stop + 1}: {f['what']} at x={f['x']:.0f}, y={f['y']:.0f}")
                if "[for=__drawer]" in str(f["what"]):
                    menus.append(name)
    assert off == []
    if width < 1220:  # the menu button shows below Material's drawer breakpoint
        assert menus == list(PAGES)


def test_the_menu_opens_from_the_keyboard_and_its_links_then_take_focus(browser: Browser, built_site: Path) -> None:
    with reader(browser, viewport={"width": 390, "height": 844}) as tab:
        page = tab.page
        page.goto((built_site / "claims/terrorism-or-resistance.html").as_uri())
        menu = page.get_by_role("button", name="Menu", exact=True)
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.locator(".md-sidebar--primary").get_attribute("inert") == ""
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.locator(".md-sidebar--primary").get_attribute("inert") is None
        page.keyboard.press("Escape")
        assert page.locator(".md-sidebar--primary").get_attribute("inert") == ""


def _share(page: Page) -> tuple[str, str]:
    page.locator(".fc-share-button").click()
    status = page.locator(".fc-share-status")
    status.filter(has_text="Link copied.").wait_for()
    return status.inner_text(), page.evaluate("navigator.clipboard.readText()")


def test_share_copies_the_address_from_disk(browser: Browser, built_site: Path) -> None:
    with reader(browser, viewport={"width": 390, "height": 844}) as tab:
        tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        claim = built_site / "claims/foreign-backing.html"
        tab.page.goto(claim.as_uri() + "#at-a-glance")
        assert tab.page.locator(".fc-share-button").is_visible()
        assert _share(tab.page) == ("Link copied.", claim.as_uri())  # without the fragment
        assert tab.errors == []
        assert tab.page.locator(".fc-cite-url").inner_text() == claim.as_uri()


@pytest.fixture(scope="module")
def http_site(built_site: Path) -> Iterator[str]:
    with serving(built_site) as address:
        yield address.rstrip("/")  # an origin: no path


def test_share_copies_the_address_over_http(browser: Browser, http_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=http_site)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{http_site}/claims/foreign-backing.html")
        assert _share(page) == ("Link copied.", f"{http_site}/claims/foreign-backing.html")
        assert errors == []  # the script ran under the page's Content-Security-Policy
    finally:
        context.close()


def test_the_home_page_shows_three_claims_with_their_verdicts_in_the_first_desktop_screen(
    browser: Browser, built_site: Path
) -> None:
    with reader(browser, viewport={"width": 1280, "height": 800}) as tab:
        tab.page.goto((built_site / "index.html").as_uri())
        seen = tab.page.eval_on_selector_all(
            "ul.fc-questions li",
            """items => items.filter(li => {
                const link = li.querySelector('a[href^="claims/"]'), badge = li.querySelector(".fc-badge");
                return link && badge && badge.getBoundingClientRect().bottom <= innerHeight
                    && link.getBoundingClientRect().bottom <= innerHeight;
            }).map(li => li.querySelector(".fc-badge").textContent)""",
        )
    assert len(seen) >= 3, seen


def test_the_matrix_filters_by_verdict_and_topic_and_its_header_stays(browser: Browser, built_site: Path) -> None:
    with reader(browser, viewport={"width": 1280, "height": 800}) as tab:
        page = tab.page
        page.goto((built_site / "matrix.html").as_uri())
        rows = page.locator(".fc-matrix tbody tr")
        total = rows.count()
        page.select_option("#fc-filter-verdict", "disputed")
        shown = page.locator(".fc-matrix tbody tr:not([hidden])")
        badges = shown.locator(".fc-badge").all_inner_texts()
        assert badges and set(badges) == {"Disputed"} and len(badges) < total
        assert page.locator("#fc-filter-count").inner_text() == f"{len(badges)} of {total} claims"
        page.select_option("#fc-filter-verdict", "")
        page.evaluate("window.scrollTo(0, 1500)")
        header = page.locator(".fc-matrix thead th").first.bounding_box()
        assert header is not None and 0 <= header["y"] <= 60  # under the site's 48 px header, not scrolled away
        assert tab.errors == []


def test_og_image_is_a_1200_by_630_png_that_exists(browser: Browser, built_site: Path) -> None:
    with reader(browser, viewport={"width": 1280, "height": 800}) as tab:
        page = tab.page
        page.goto((built_site / "claims/foreign-backing.html").as_uri())
        image = page.locator('meta[property="og:image"]').get_attribute("content")
        assert page.locator('meta[name="twitter:card"]').get_attribute("content") == "summary_large_image"
        assert image == "../assets/cards/foreign-backing.png"
        page.goto((built_site / "claims" / image).resolve().as_uri())
        size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
        assert size == [1200, 630]
