"""Selection in the open: the methodology page's counts of which claims the edition lists, from the positions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, edit

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site
from generator.render.selection import Row, selection

Make = Callable[..., Path]
TOLL = "content/claims/death-toll.yaml"


def test_the_counts_come_from_the_positions(project: Make) -> None:
    content = check_project(project())  # alpha supports both claims; beta disputes the toll, is silent on framing
    chosen = selection(content)
    assert chosen.by_claimant == (Row("Essay on the attack", (2,)), Row("Report by B. Writer", (0,)))
    assert chosen.by_outlook == (Row("critical of the attackers", (2, 2, 1)), Row("takes neither side", (0, 0, 0)))
    assert [(name, [c.id for c in claims]) for name, claims in chosen.single_source] == [
        ("Essay on the attack", ["framing"])
    ]
    assert chosen.verdicts == ("Corroborated", "Disputed")
    assert chosen.verdicts_by_outlook == (
        Row("critical of the attackers", (1, 1)),
        Row("takes neither side", (0, 0)),
        Row("", (0, 0)),  # stated by no source in its own voice
    )


def test_a_relayed_account_counts_under_its_party_not_the_source(project: Make) -> None:
    relayed = "stance: supports\n            relays: bla\n            note: Reports 15 deaths."
    content = check_project(project(edit(TOLL, "stance: disputes\n            note: Reports 15 deaths.", relayed)))
    chosen = selection(content)
    assert chosen.by_claimant == (
        Row("Essay on the attack", (2,)),
        Row("Report by B. Writer", (0,)),  # it supports the toll, but in the armed group's words
        Row("The armed group", (1,)),  # the party's label from content/parties.yaml, never its id
    )


def test_the_methodology_page_shows_the_tables_and_the_criteria(project: Make) -> None:
    page = render_site(check_project(project()), make_env(REPO), SiteInfo("Desk", None, None))["methodology.md"]
    assert '<div class="fc-prose"><p>The two texts were supplied together.</p></div>' in page
    assert '<div class="fc-prose"><p>Every point both texts address.</p></div>' in page
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page)
    assert [(label, re.findall(r"<td[^>]*>(\d+)</td>", cells)) for label, cells in rows] == [
        ("Essay on the attack", ["2"]),
        ("Report by B. Writer", ["0"]),
        ("Critical of the attackers", ["2", "2", "1"]),
        ("Takes neither side", ["0", "0", "0"]),
        ("Critical of the attackers", ["1", "1"]),
        ("Takes neither side", ["0", "0"]),
        ("Stated by no source in its own voice", ["0", "0"]),
    ]
    assert 'Essay on the attack (1): <a href="claims/framing.html">The attack was brutal.</a>' in page


def test_the_selection_criteria_are_required(project: Make) -> None:
    from conftest import problems

    root = project(edit("content/edition.yaml", "  claims: Every point both texts address.\n", ""))
    assert problems(root) == ["content/edition.yaml:6:3: selection.claims: required field is missing (add 'claims:')"]
