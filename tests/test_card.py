"""Each listed claim has a social card: a 1200 x 630 PNG with its headline, verdict and the site's name, drawn
with a packaged font (the same bytes for the same content), named by og:image with a large Twitter card."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, edit
from PIL import Image

from generator.check.validate import check_project
from generator.render.card import social_card
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]


def _render(root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    return render_site(check_project(root), make_env(REPO), site)


def test_every_claim_gets_a_1200_by_630_png_the_same_bytes_each_time(project: Make) -> None:
    root = project()
    first, second = _render(root, SiteInfo("Desk", None, None)), _render(root, SiteInfo("Desk", None, None))
    card = first["assets/cards/death-toll.png"]
    assert isinstance(card, bytes) and card == second["assets/cards/death-toll.png"]
    image = Image.open(io.BytesIO(card))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert set(image.info) <= {"dpi"}  # no text chunks, no dates
    other = _render(root, SiteInfo("Another desk", None, None))["assets/cards/death-toll.png"]
    assert other != card  # the site's name is on it


def test_the_card_changes_with_the_headline_and_the_verdict() -> None:
    base = social_card("A headline", "Disputed", "#a4500f", "Desk")
    assert social_card("Another headline", "Disputed", "#a4500f", "Desk") != base
    assert social_card("A headline", "Single source", "#6b4fa0", "Desk") != base


def test_og_image_names_the_card_absolute_with_a_site_url(project: Make) -> None:
    page = _render(project(), SiteInfo("Desk", "https://example.org/desk/", None))["claims/death-toll.md"]
    assert 'og_image: "https://example.org/desk/assets/cards/death-toll.png"' in page
    relative = _render(project(), SiteInfo("Desk", None, None))["claims/death-toll.md"]
    assert 'og_image: "../assets/cards/death-toll.png"' in relative


def test_a_withdrawn_claim_has_no_card(project: Make) -> None:
    withdrawn = edit(
        "content/claims/framing.yaml", "related: [death-toll]",
        "related: []\n        withdrawn: {date: 2026-03-05, reason: It rests on a misread passage.}",
    )  # fmt: skip
    withdrawn.update(edit("content/claims/death-toll.yaml", "related: [framing]", "related: []"))
    pages = _render(project(withdrawn), SiteInfo("Desk", None, None))
    assert "assets/cards/framing.png" not in pages and "og_image" not in str(pages["claims/framing.md"])
