"""Withdrawal: a withdrawn claim's page stays at its address with a notice, the date and the reason; the claim
leaves every list, the ClaimReview data and claims.json's claims; the feed says it was withdrawn."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems
from test_editors import check_base, committed, rewrite

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

FRAMING = "content/claims/framing.yaml"
TOLL = "content/claims/death-toll.yaml"
EDITION = "content/edition.yaml"
REPO = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
Make = Callable[..., Path]
WITHDRAWN = "related: [death-toll]\n        withdrawn:\n          date: 2026-03-05\n          reason: The claim rests on a *misread* passage."
UNRELATED = edit(TOLL, "related: [framing]", "related: []")


def _withdraw(date: str = "2026-03-05") -> dict[str, str]:
    return {**edit(FRAMING, "related: [death-toll]", WITHDRAWN.replace("2026-03-05", date)), **UNRELATED}


@pytest.fixture
def pages(project: Make) -> dict[str, str]:
    root = project(_withdraw())
    return render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))


def test_the_page_stays_with_a_notice_the_date_and_the_reason(pages: dict[str, str]) -> None:
    page = pages["claims/framing.md"]
    assert (
        '<div class="fc-withdrawn admonition warning" id="withdrawn" role="note">\n'
        '<p class="admonition-title">Withdrawn on <time datetime="2026-03-05">5 March 2026</time></p>\n'
        "<p>The claim rests on a <em>misread</em> passage.</p>\n"
    ) in page
    assert '<h1 id="claim" class="fc-claim-title">The attack was brutal.</h1>' in page


def test_its_quotes_link_to_the_source_text_which_no_longer_marks_them(pages: dict[str, str]) -> None:
    assert 'href="../sources/alpha.html">In context</a>' in pages["claims/framing.md"]
    assert 'id="q-framing-0"' not in pages["sources/alpha.md"]
    assert 'id="q-death-toll-0"' in pages["sources/alpha.md"]


def test_it_leaves_the_claim_review_data(pages: dict[str, str]) -> None:
    assert "application/ld+json" not in pages["claims/framing.md"]
    assert "application/ld+json" in pages["claims/death-toll.md"]


@pytest.mark.parametrize(
    "listing", ["index.md", "claims.md", "matrix.md", "contradictions.md", "sources/alpha.md", "sources/beta.md"]
)
def test_it_leaves_every_list(pages: dict[str, str], listing: str) -> None:
    assert "framing.html" not in pages[listing]
    assert "The attack was brutal." not in pages[listing]


def test_it_leaves_the_claims_of_claims_json_and_is_named_as_withdrawn(pages: dict[str, str]) -> None:
    data = json.loads(pages["claims.json"])
    assert [claim["id"] for claim in data["claims"]] == ["death-toll"]
    assert data["withdrawn"] == [
        {
            "id": "framing",
            "claim": "The attack was brutal.",
            "date": "2026-03-05",
            "reason": "The claim rests on a *misread* passage.",
        }
    ]


def test_the_feed_says_it_was_withdrawn(pages: dict[str, str]) -> None:
    entries = ET.fromstring(pages["feed.xml"]).findall(f"{A}entry")
    framing = [e for e in entries if "framing" in (e.find(f"{A}link").get("href") or "")]  # type: ignore[union-attr]
    assert [(e.findtext(f"{A}title"), e.findtext(f"{A}updated"), e.findtext(f"{A}summary")) for e in framing] == [
        ("Withdrawn: The attack was brutal.", "2026-03-05T00:00:00Z", "The claim rests on a misread passage.")
    ]
    assert framing[0].find(f"{A}link").get("href") == "claims/framing.html#withdrawn"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            edit(FRAMING, "related: [death-toll]", WITHDRAWN),
            [f"{TOLL}:46:11: related[0]: 'framing' is withdrawn; remove it from related"],
            id="named-as-related",
        ),
        pytest.param(
            {**edit(TOLL, "related: [framing]", WITHDRAWN.replace("related: [death-toll]", "related: []")),
             **edit(FRAMING, "related: [death-toll]", "related: []")},
            [f"{EDITION}:3:17: most_disputed[0]: 'death-toll' is withdrawn; remove it from most_disputed"],
            id="named-as-most-disputed",
        ),
        pytest.param(
            {**_withdraw(), **edit(EDITION, "        published: 2026-03-01\n", "")},
            [f"{FRAMING}:26:1: withdrawn: only a published claim is withdrawn; before publication, delete its file "
             "instead"],
            id="before-publication",
        ),
        pytest.param(
            _withdraw("2026-02-27"),
            [f"{FRAMING}:27:9: withdrawn.date: is before the claim's publication date (2026-03-01)"],
            id="dated-before-publication",
        ),
        pytest.param(
            edit(FRAMING, "related: [death-toll]", "related: []\n        withdrawn: {date: 2026-03-05}"),
            [f"{FRAMING}:26:12: withdrawn.reason: required field is missing (add 'reason:')"],
            id="no-reason",
        ),
    ],
)  # fmt: skip
def test_a_withdrawal_is_checked(project: Make, changes: dict[str, str], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


def test_a_published_withdrawal_is_not_rewritten(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project, _withdraw())
    rewrite(root, FRAMING, "reason: The claim rests on", "reason: It rests on")
    assert check_base(root, capsys) == (
        1,
        [
            f"{FRAMING}:26:1: withdrawn: the withdrawal published at main was changed; restore its date and reason "
            "as they were",
            "1 problem in 1 file",
        ],
    )


def test_restoring_a_withdrawn_claim_needs_an_entry(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project, _withdraw())
    text = (root / FRAMING).read_text()
    (root / FRAMING).write_text(text.split("withdrawn:")[0])
    assert check_base(root, capsys) == (
        1,
        [
            f"{FRAMING}:1:5: id: was withdrawn at main (2026-03-05); restoring it needs a corrections entry that "
            "says why",
            "1 problem in 1 file",
        ],
    )
    (root / FRAMING).write_text(
        text.split("withdrawn:")[0] + "corrections:\n  - {date: 2026-03-09, kind: correction, note: Restored.}\n"
    )
    assert check_base(root, capsys) == (0, [])
