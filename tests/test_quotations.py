"""Quotations in the site's own words (check/quotations.py): every double-quoted fragment of editor prose is
verbatim seed text, from the source its sentence names; a term in quotation marks is written {"term"}."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import QUOTE_ADVICE, edit, problems, run_cli

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

TOLL = "content/claims/death-toll.yaml"
ALPHA = "content/sources/alpha.yaml"
EDITION = "content/edition.yaml"
REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
SUMMARY = "summary: The two sources give different tolls."


def _summary(text: str) -> dict[str, str]:
    return edit(TOLL, SUMMARY, f"summary: {text}")


CASES = [
    pytest.param(
        _summary('The {alpha} says "13 people died".'),
        [
            f"{TOLL}:10:27: summary: \"13 people died\" is not found verbatim in the text of source 'alpha' "
            f"(named in its sentence); {QUOTE_ADVICE}"
        ],
        id="made-up-quotation-in-a-summary",
    ),
    pytest.param(
        _summary('The {beta} calls the attack "brutal".'),
        [
            f"{TOLL}:10:38: summary: \"brutal\" is not found verbatim in the text of source 'beta' "
            f"(named in its sentence); {QUOTE_ADVICE}"
        ],
        id="words-of-another-source-than-the-sentence-names",
    ),
    pytest.param(
        _summary('\'The {alpha} and the {beta} differ: "Officials said the toll may rise." Alpha says "12".\''),
        [],
        id="one-of-the-named-sources-and-any-seed-in-a-sentence-naming-none",
    ),
    pytest.param(
        _summary('\'The {beta} says "Officials said the toll may rise." Another text calls it "brutal".\''),
        [],
        id="a-quotation-ending-a-sentence-ends-it",
    ),
    pytest.param(
        _summary('The {beta} says "officials said the toll may rise".'),
        [
            f'{TOLL}:10:26: summary: "officials said the toll may rise" is not found verbatim in the text of '
            f"source 'beta' (named in its sentence); {QUOTE_ADVICE}"
        ],
        id="case-is-compared-as-for-quotes",
    ),
    pytest.param(
        _summary("'The {alpha} writes “It calls the attack \"brutal\" -- and”.'"),
        [
            f'{TOLL}:10:30: summary: "It calls the attack "brutal" -- and" is not found verbatim in the text of '
            f"source 'alpha' (named in its sentence); {QUOTE_ADVICE}"
        ],
        id="typographic-pair-holding-straight-quotes",
    ),
    pytest.param(
        _summary("'The {alpha} writes “It calls the attack \"brutal\" — and”.'"),
        [],
        id="typographic-quotes-and-dashes-are-normalised",
    ),
    pytest.param(
        edit(TOLL, "note: Reports 15 deaths.", 'note: Reports "12 people died".'),
        [
            f"{TOLL}:26:19: positions[1].note: \"12 people died\" is not found verbatim in the text of source 'beta'; "
            f"{QUOTE_ADVICE}"
        ],
        id="a-position-note-quotes-its-own-source",
    ),
    pytest.param(
        edit(ALPHA, "framing: Alpha frames the attack as brutal.", 'framing: It says "15 people died".'),
        [
            f"{ALPHA}:5:18: framing: \"15 people died\" is not found verbatim in the text of source 'alpha'; "
            f"{QUOTE_ADVICE}"
        ],
        id="a-source-file-quotes-its-own-text",
    ),
    pytest.param(
        edit(
            EDITION,
            "overview: Two sources disagree about *one* attack.",
            'overview: Two sources disagree about "the toll of the attack".',
        ),
        [f'{EDITION}:2:38: overview: "the toll of the attack" is not found verbatim in any seed text; {QUOTE_ADVICE}'],
        id="prose-naming-no-source-quotes-any-seed",
    ),
    pytest.param(
        edit(TOLL, "verdict_reason: Alpha says 12, Beta says 15.", 'verdict_reason: Alpha says "12, Beta says 15.'),
        [
            f'{TOLL}:9:28: verdict_reason: unmatched quotation mark "; close the quotation, or '
            'write {"…"} around a term that quotes no one'
        ],
        id="an-unmatched-quotation-mark",
    ),
    pytest.param(
        _summary('The {alpha} uses the {"so-called"} toll.'),
        [],
        id="a-term-is-not-a-quotation",
    ),
    pytest.param(
        edit(ALPHA, "outlook: critical of the attackers", 'outlook: critical of the {"attackers"}'),
        [f'{ALPHA}:13:26: outlook: {{"…"}}: terms are not rendered in outlook; write the quotation marks alone'],
        id="a-term-where-the-page-prints-the-text-as-written",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_quotations_in_prose_are_checked(project: Make, changes: dict[str, str], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


def test_check_counts_the_terms(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(_summary('The {"so-called"} toll and the {“official”} one.'))
    result = run_cli(capsys, root, "check")
    assert (result.code, result.out.splitlines()[1]) == (
        0,
        '2 terms in quotation marks marked {"…"} as not quoting a source',
    )


def test_a_term_is_shown_without_its_braces(project: Make) -> None:
    root = project(_summary('The {alpha} uses the {"so-called"} toll.'))
    page = render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))["claims/death-toll.md"]
    assert '<p>The <a href="../sources/alpha.html">essay on the attack</a> uses the "so-called" toll.</p>' in page
    assert '{"so-called"}' not in page
