"""Long claim pages on a phone: what cannot be checked in the card, the page's sections after it, and a
source's further quotes folded under its first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import REPO, edit

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]
TOLL = "content/claims/death-toll.yaml"


def _page(root: Path) -> str:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))["claims/death-toll.md"]


def test_a_source_s_further_quotes_are_folded_under_its_first(project: Make) -> None:
    two = edit(TOLL, '              - "Alpha says 12 people died on 1 March 2026."\n',
               '              - "Alpha says 12 people died on 1 March 2026."\n              - "It calls the attack"\n')  # fmt: skip
    page = _page(project(two))
    section = page.split('id="pos-alpha"')[1].split("</section>")[0]
    first, folded = section.split('<details class="fc-more-quotes"><summary>1 more quote from this source</summary>')
    assert "Alpha says 12 people died on 1 March 2026." in first
    assert "It calls the attack</p>" in folded and folded.rstrip().endswith("</details>")
    beta = page.split('id="pos-beta"')[1].split("</section>")[0]
    assert "fc-more-quotes" not in beta  # one quote: nothing to fold


def test_the_card_says_what_cannot_be_checked_and_the_sections_follow_it(project: Make) -> None:
    page = _page(project())
    card, rest = page.split('<nav class="fc-onpage fc-narrow" aria-label="On this page" data-search-exclude>')
    assert "Cannot be checked from these texts:</span> The exact toll.</p>" in card.split("fc-verdict-box")[1]
    assert rest.index('href="#verification"') < rest.index("fc-summary")
