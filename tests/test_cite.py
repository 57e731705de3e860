"""Each claim page has a share control (shown by assets/reader.js) and a "Cite this page" line: headline,
publisher, date (only once published), address."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from conftest import DESK, REPO

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]
CITE = re.compile(r'<p class="fc-cite" data-search-exclude>(.*?)</p>')


def _cite(page: str) -> str:
    match = CITE.search(page)
    assert match
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_citation_names_the_publisher_the_date_and_the_public_address(project: Make) -> None:
    site = SiteInfo("Test desk", "https://example.org/desk/", None)
    page = render_site(check_project(project({"content/publisher.yaml": DESK})), make_env(REPO), site)[
        "claims/death-toll.md"
    ]
    assert _cite(page) == (
        "Cite this page: “Twelve dead in the attack, says Alpha”. Example Desk, 1 March 2026. "
        "https://example.org/desk/claims/death-toll.html"
    )
    assert (
        '<div class="fc-share" hidden data-search-exclude data-url="https://example.org/desk/claims/death-toll.html">'
        in page
    )


def test_before_publication_the_citation_gives_no_date_and_nothing_says_published(
    real_pages: Mapping[str, Any],
) -> None:
    content = check_project(REPO)
    assert content.edition.published is None  # this edition has not been published
    page = real_pages["claims/foreign-backing.md"]
    assert _cite(page) == (
        "Cite this page: “Foreign actors backed the militants, Pakistani authorities said”. Desk, not published yet. "
    )  # the address is the reader's own, filled in by assets/reader.js
    assert "Published" not in page.split('<div class="fc-prose fc-summary">')[0]
