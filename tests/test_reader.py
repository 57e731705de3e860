"""A reader in a real Chromium, offline from file://: pages load cleanly, links and search work, nothing leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ENGINES, Engine, expected_pages, screenshot_pages
from playwright.sync_api import Browser
from sitecheck import DESKTOP, PHONE, RECORD_CSP, Sweep, Visit, fit, reader

from generator.check.refs import plain
from generator.check.validate import check_project
from generator.model import Content

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
Visits = dict[Sweep, dict[str, Visit]]


@pytest.fixture(scope="module")
def content() -> Content:
    return check_project(REPO)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_page_loads_offline_without_console_errors(visits: Visits, content: Content, engine: str) -> None:
    """On every page, in either scheme and at either width: no console error, nothing asked of the network."""
    found = []
    for sweep, pages in visits.items():
        if sweep.engine == engine:
            assert sorted(pages) == expected_pages(content)
            found += [f"{sweep} {name}: {v.errors} {v.off_disk}" for name, v in pages.items() if v.errors or v.off_disk]
            assert all(visit.requested for visit in pages.values())
    assert found == []


def test_index_to_claim_to_quote_in_context_and_back(browser: Browser, built_site: Path, content: Content) -> None:
    claim = content.claims[0]
    with reader(browser) as tab:
        page = tab.page
        page.goto((built_site / "index.html").as_uri())
        page.locator(".fc-index a", has_text=claim.headline).click()
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
        assert tab.page.locator(".fc-index li:visible").count() == expected
        assert tab.page.locator("#fc-filter-count").inner_text() == f"{expected} of {len(content.claims)} claims"


def test_search_finds_a_claim_by_a_word_from_it(
    browser: Browser, engine_site: tuple[Engine, Path], content: Content
) -> None:
    engine, built_site = engine_site
    names = {s.id: s for s in content.sources}
    claim = max(content.claims, key=lambda c: max(len(w) for w in re.findall(r"[A-Za-z]+", plain(c.claim, names))))
    word = max(re.findall(r"[A-Za-z]+", plain(claim.claim, names)), key=len)
    with reader(browser) as tab:
        page = tab.page
        page.goto((built_site / "index.html").as_uri())
        page.wait_for_timeout(1000)  # the search worker loads its index from disk
        page.locator(engine.search_box).click()
        page.keyboard.type(word, delay=40)
        result = page.locator(f'{engine.search_result}[href*="claims/{claim.id}.html"]')
        result.first.wait_for(timeout=15_000)
        assert tab.errors == [] and tab.off_disk == []


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_no_table_or_figure_is_wider_than_its_container(visits: Visits, device: str) -> None:
    """At 390 and 1280 px, on every page: no sideways scroll, and every table and figure fits its container."""
    problems, widths = [], []
    for name, visit in visits[Sweep("mkdocs", "light", device)].items():
        found = visit.fit
        widths.append(f"{name}\t{found.widest_table or '-'}\t{found.its_container or '-'}")
        if found.overflow or found.too_wide:
            problems.append(f"{name}: page scrolls {found.overflow} px sideways; too wide: {found.too_wide}")
    ARTIFACTS.mkdir(exist_ok=True)
    table = "page\twidest table (px)\tits container (px)\n" + "\n".join(widths) + "\n"
    (ARTIFACTS / f"table-widths-{device}.tsv").write_text(table, encoding="utf-8")
    assert problems == []


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page_in_either_scheme(
    visits: Visits, content: Content, engine: str, scheme: str
) -> None:
    """Every axe rule (any impact, and WCAG 2.2 target size) on every page, at both widths, built by either engine."""
    found = []
    for device in ("desktop", "phone"):
        pages = visits[Sweep(engine, scheme, device)]
        assert sorted(pages) == expected_pages(content)
        for name, visit in pages.items():
            assert visit.scheme == ("slate" if scheme == "dark" else "default"), name
            found += [f"{device} {name}: {v}" for v in visit.axe]
    assert found == []


def test_the_skip_link_lands_on_the_h1_of_every_page(visits: Visits, browser: Browser, built_site: Path) -> None:
    for sweep, pages in visits.items():  # MkDocs' pages (Zensical's 404 skips to a heading-less #__skip)
        if sweep.engine != "mkdocs":
            continue
        for name, visit in pages.items():
            count, target, h1 = visit.skip
            assert count == 1, (sweep, name)
            assert target.startswith("#") and h1 == 1, (sweep, name, target)
    with reader(browser, **DESKTOP) as tab:
        page = tab.page
        page.goto((built_site / "matrix.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector(':target').tagName") == "H1"


def test_our_controls_are_at_least_24_px_square(visits: Visits, content: Content) -> None:
    """Our own controls, wherever they show (axe checks the rest, with its exceptions), on every page."""
    pages = [
        "index.html",
        "matrix.html",
        f"claims/{content.claims[0].id}.html",
        f"sources/{content.sources[0].id}.html",
    ]
    small = []
    for sweep, visited in visits.items():
        for name, visit in visited.items():
            assert visit.controls or name not in pages, (sweep, name)
            small += [f"{sweep} {name}: {cls} {w:.0f}x{h:.0f}" for cls, w, h in visit.controls if w < 24 or h < 24]
    assert small == []


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_verdict_is_named_and_inside_the_first_screen_on_a_phone(
    visits: Visits, content: Content, engine: str
) -> None:
    late = []
    for scheme in ("light", "dark"):
        for claim in content.claims:
            visit = visits[Sweep(engine, scheme, "phone")][f"claims/{claim.id}.html"]
            assert visit.headings == 1, claim.id  # the claim is the page's one h1, and the label is CSS only
            assert visit.verdict_bottom is not None, claim.id
            if visit.verdict_bottom > PHONE["viewport"]["height"]:
                late.append(f"{claim.id}: the verdict ends at {visit.verdict_bottom:.0f} px")
            href, how_bottom = visit.how_we_rate  # the meaning of the verdict, with the way to its definition
            assert href == f"../methodology.html#verdict-{claim.verdict}", claim.id
            if how_bottom is None or how_bottom > PHONE["viewport"]["height"]:
                late.append(f"{claim.id}: How we rate is not in the first screen")
    assert late == []


def test_pages_print_on_a4_with_their_address(browser: Browser, built_site: Path, content: Content) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    a4 = {"viewport": {"width": 794, "height": 1123}}  # 210 x 297 mm at 96 px per inch
    with reader(browser, **a4) as tab:
        page = tab.page
        page.emulate_media(media="print")
        for name in [f"claims/{content.claims[0].id}.html", "matrix.html"]:
            page.goto((built_site / name).as_uri())
            assert page.locator(".fc-print-url").inner_text() == page.url
            assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
            found = fit(page)
            assert (found.overflow, found.too_wide) == (0, []), name
            page.pdf(path=str(ARTIFACTS / f"print-{Path(name).stem}.pdf"), format="A4", print_background=True)
        assert page.locator("table.fc-grid").is_visible()  # the matrix prints as its table, not as cards


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_screenshots(visits: Visits, content: Content, device: str, scheme: str) -> None:
    """Screenshots to look at (tests/artifacts/): a claim with figures, the matrix, home and contradictions."""
    for name, stem in screenshot_pages(content).items():
        assert (ARTIFACTS / f"{stem}-{device}-{scheme}.png").stat().st_size > 10_000  # the first screen
        assert (ARTIFACTS / f"{stem}-{device}-{scheme}-full.png").stat().st_size > 10_000
        visit = visits[Sweep("mkdocs", scheme, device)][name]
        assert visit.errors == [] and visit.off_disk == []


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_shows_a_2px_outline_at_3_to_1(browser: Browser, built_site: Path, content: Content, scheme: str) -> None:
    with reader(browser, color_scheme=scheme, **DESKTOP) as tab:
        page = tab.page
        page.goto((built_site / f"claims/{content.claims[0].id}.html").as_uri())
        for selector in (
            ".fc-chip",
            ".md-typeset p a",
            ".fc-about summary",
            ".md-footer a",
            ".md-nav__link",
            ".md-skip",
        ):
            page.locator(selector).first.focus()
            width, colour, background = page.evaluate(FOCUS_RING)
            assert width == "2px" and _contrast(colour, background) >= 3, (selector, width, colour, background)


# The focused element's outline, and the colour behind it: the first ancestor with an opaque background.
FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  let el = document.activeElement.parentElement, behind = "rgb(255, 255, 255)";
  for (; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0)")) { behind = bg; break; }
  }
  return [style.outlineWidth, style.outlineColor, behind];
}"""


def _search_word() -> str:
    """A word readers could search for: the longest word of the first claim, whatever the edition."""
    first = check_project(REPO).claims[0].claim
    return max(re.findall(r"[A-Za-z]{4,}", first), key=len)


def test_reading_searching_and_filtering_raise_no_violation(
    visits: dict[Sweep, dict[str, Visit]], browser: Browser, engine_site: tuple[Engine, Path]
) -> None:
    engine, built_site = engine_site
    violations = [
        f"{sweep} {name}: {visit.csp}"
        for sweep, pages in visits.items()
        if sweep.engine == engine.name
        for name, visit in pages.items()
        if visit.csp
    ]
    assert violations == []  # on every page, in either scheme and at either width
    with reader(browser) as tab:
        page = tab.page
        page.context.add_init_script(RECORD_CSP)
        page.goto((built_site / "index.html").as_uri())
        rows = page.locator(".fc-index li:visible").count()
        page.select_option("#fc-filter-verdict", index=1)
        assert 0 < page.locator(".fc-index li:visible").count() < rows
        page.locator(engine.search_box).click()
        page.keyboard.type(_search_word(), delay=40)
        page.locator(engine.search_result).first.wait_for(timeout=15_000)  # the worker ran in the shim's iframe
        assert page.evaluate("window.__csp") == []
        assert [e for e in tab.errors if "Content Security Policy" in e] == []
