"""Independent validators over the built site: Nu HTML Checker, LinkChecker and extruct's JSON-LD."""

from __future__ import annotations

from pathlib import Path

from conftest import Engine
from sitecheck import broken_links, claim_review_problems, vnu_errors

from generator.check.validate import check_project

REPO = Path(__file__).resolve().parent.parent


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    content = check_project(REPO)
    # 404, home, claims, methodology, contradictions, matrix, sources index, corrections, about; then one per claim
    # and source, and a redirect page at each former id (aliases) of either.
    former = [a for c in content.claims for a in c.aliases] + [a for s in content.sources for a in s.aliases]
    assert len(pages) == 9 + len(content.claims) + len(content.sources) + len(former)
    assert vnu_errors(pages) == []


def test_no_broken_internal_links_or_anchors(engine_site: tuple[Engine, Path]) -> None:
    _, built_site = engine_site
    assert broken_links(built_site / "index.html") == []


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
