"""The claim card says each thing once: the bottom line without the verdict reason (which the Verification
section gives, once), and "Claimed by" only when the claim's own sentence does not already name the claimant."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import MINI

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

REPO = Path(__file__).resolve().parent.parent
TOLL = "content/claims/death-toll.yaml"
Make = Callable[..., Path]


def _claim_page(root: Path) -> str:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Test desk", None, None))["claims/death-toll.md"]


def _claim(claim: str, claimant: str) -> dict[str, str]:
    body = MINI[TOLL]
    for old, new in (
        ("claim: Twelve people died in the attack.", f"claim: {claim}"),
        ("claimant: Alpha", f"claimant: {claimant}"),
    ):
        assert body.count(old) == 1
        body = body.replace(old, new)
    return {TOLL: body}


def _card(page: str) -> str:
    return page.split('<div class="fc-card">', 1)[1].split("\n</div>\n", 1)[0]


def test_the_card_gives_the_bottom_line_and_the_verification_section_the_reason_once(project: Make) -> None:
    page = _claim_page(project())
    card = _card(page)
    assert "Alpha says 12 and Beta 15, and neither text reconciles them." in card  # the bottom line
    assert "Alpha says 12, Beta says 15." not in card  # the verdict reason
    shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)  # data, not shown
    assert shown.count("Alpha says 12, Beta says 15.") == 1
    verification = page.split("## Verification", 1)[1]
    assert "Why this verdict:</span> Alpha says 12, Beta says 15." in verification


def test_claimed_by_is_left_out_when_the_claim_names_the_claimant(project: Make) -> None:
    card = _card(_claim_page(project(_claim("Twelve people died in the attack, as the {alpha} says.", "The {alpha}"))))
    assert "What was claimed:</span> Twelve people died in the attack, as the " in card
    assert "Claimed by" not in card


def test_claimed_by_stays_when_the_claimant_names_more_than_the_claim(project: Make) -> None:
    claimant = "The {alpha}; officials, as reported by the {beta}"
    card = _card(_claim_page(project(_claim("Twelve people died in the attack, as the {alpha} says.", claimant))))
    assert '<span class="fc-claimant-word">Claimed by:</span> The ' in card
    assert "officials, as reported by the " in card


def test_claimed_by_stays_when_the_claimant_names_no_source(project: Make) -> None:
    card = _card(_claim_page(project()))  # claimant: Alpha, as plain text
    assert '<span class="fc-claimant-word">Claimed by:</span> Alpha</p>' in card
