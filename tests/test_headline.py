"""Every claim has a short headline (at most 90 characters, plain) and a bottom line, both checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import edit, problems

TOLL = "content/claims/death-toll.yaml"
HEADLINE = "headline: Twelve dead in the attack, says Alpha"
BOTTOM = "bottom_line: Alpha says 12 and Beta 15, and neither text reconciles them."
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(edit(TOLL, HEADLINE, "headline: " + "x" * 91),
                     [f"{TOLL}:47:11: headline: is 91 characters long; the limit is 90"], id="too-long"),
        pytest.param(edit(TOLL, HEADLINE, "headline: " + "x" * 90), [], id="ninety-is-enough"),
        pytest.param(edit(TOLL, HEADLINE, ""),
                     [f"{TOLL}:1:1: headline: required field is missing (add 'headline:')"], id="headline-missing"),
        pytest.param(edit(TOLL, BOTTOM, ""),
                     [f"{TOLL}:1:1: bottom_line: required field is missing (add 'bottom_line:')"], id="bottom-line-missing"),
        pytest.param(edit(TOLL, HEADLINE, "headline: |\n          Twelve dead\n          in the attack"),
                     [f"{TOLL}:47:11: headline: 'Twelve dead\\nin the attack\\n' must be a single, non-blank line"],
                     id="headline-on-two-lines"),
        pytest.param(edit(TOLL, BOTTOM, "bottom_line: '  '"),
                     [f"{TOLL}:48:14: bottom_line: '  ' must be a single, non-blank line"], id="bottom-line-blank"),
        pytest.param(edit(TOLL, HEADLINE, "headline: The {beta} says fifteen died"),
                     [f"{TOLL}:47:15: headline: {{beta}}: references are not rendered in headline; name the source in words"],
                     id="headline-is-plain"),
    ],
)  # fmt: skip
def test_headline_and_bottom_line_are_checked(
    project: Callable[..., Path], changes: dict[str, str], expected: list[str]
) -> None:
    assert problems(project(changes)) == expected


def test_every_claim_of_the_edition_has_a_short_headline_unlike_its_claim() -> None:
    """The edition's headlines are written, not copied: none is the claim sentence, each fits in 90 characters."""
    for path in sorted((REPO / "content/claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(data["headline"]) <= 90, path.name
        assert data["headline"] != data["claim"], path.name
        assert "{" not in data["headline"] and data["bottom_line"].strip(), path.name
