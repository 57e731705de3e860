"""Independent validators over the built site: Nu HTML Checker, LinkChecker and extruct's JSON-LD."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENGINES, Engine, built, expected_pages
from sitecheck import all_broken_links, claim_review_problems, vnu_errors

from generator.check.validate import check_project

REPO = Path(__file__).resolve().parent.parent


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    content = check_project(REPO)
    # every page of render/pages.site_pages, and the theme's 404
    assert sorted(page.relative_to(built_site).as_posix() for page in pages) == expected_pages(content)
    assert vnu_errors(pages) == []


@pytest.fixture(scope="module")
def links(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """LinkChecker's findings on the site each engine builds, both checked at once."""
    sites = {engine: built(engine, tmp_path_factory) for engine in sorted(ENGINES)}  # built_site: MkDocs'
    found = all_broken_links([site / "index.html" for site in sites.values()])
    return {engine: found[site / "index.html"] for engine, site in sites.items()}


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_no_broken_internal_links_or_anchors(links: dict[str, list[str]], engine: str) -> None:
    assert links[engine] == []


def test_every_claim_page_has_one_consistent_claim_review(engine_site: tuple[Engine, Path]) -> None:
    _, built_site = engine_site
    content = check_project(REPO)
    labels = {v.id: v.label for v in content.verdicts}
    for claim in content.claims:
        page = built_site / "claims" / f"{claim.id}.html"
        html = page.read_text(encoding="utf-8")
        shown = labels[claim.verdict]
        assert (
            f'<p class="fc-verdict-name" id="verdict"><span class="fc-verdict-word">Verdict:</span> {shown}</p>' in html
        )
        assert claim_review_problems(html, page.as_uri(), shown) == [], claim.id
