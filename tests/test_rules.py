"""The verdict rules of the real content/verdicts.yaml, each tested both ways on a mini project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems

REPO = Path(__file__).resolve().parent.parent
POINT = "content/claims/point.yaml"
Make = Callable[..., Path]
QUOTES = {"alpha": "Alpha says 12 people died on 1 March 2026.", "beta": "Beta reports that 15 people died."}
NOT_EXPLAINED = "\n  - between: [alpha, beta]\n    kind: factual\n    about: They differ.\n    explained: false"


def _position(source: str, stance: str, relays: str | None) -> str:
    text = f"  - source: {source}\n    stance: {stance}\n    note: Said by {{{source}}}.\n"
    if relays:
        text += f"    relays: {relays}\n"
    if stance != "silent":
        text += f'    quotes:\n      - "{QUOTES[source]}"\n'
    return text


def _point(verdict: str, alpha: str, beta: str, contradictions: str = " []", relays: str | None = None) -> str:
    """A claim whose verdict is on line 6, column 10."""
    return (
        "id: point\nclaim: A point.\nclaimant: Alpha\ntopics: [casualties]\ndates: []\n"
        f"verdict: {verdict}\nverdict_reason: Why.\nsummary: What they say.\npositions:\n"
        f"{_position('alpha', alpha, relays)}{_position('beta', beta, relays)}"
        f"contradictions:{contradictions}\n"
        "verification:\n  corroborated: []\n  unverified: []\n  would_settle: []\nrelated: []\n"
        "headline: A point\nbottom_line: What the texts say of it.\n"
    )


@pytest.fixture
def rules_project(project: Make) -> Callable[..., Path]:
    """The mini project with the real verdict scale and rules, and one extra claim, content/claims/point.yaml."""
    verdicts = (REPO / "content/verdicts.yaml").read_text(encoding="utf-8")
    framing = edit("content/claims/framing.yaml", "verdict: corroborated", "verdict: single-source")

    def make(point: str, **changes: str) -> Path:
        return project({"content/verdicts.yaml": verdicts, POINT: point, **framing, **changes})

    return make


def _rule(verdict: str, rule: str, says: str, problem: str) -> str:
    return f"{POINT}:6:10: verdict: '{verdict}' breaks the rule '{rule}' ({says}): {problem}"


PASSES = [
    pytest.param(_point("corroborated", "supports", "supports"), id="corroborated"),
    pytest.param(_point("consistent-unverified", "supports", "qualifies", relays="bla"), id="consistent-unverified"),
    pytest.param(_point("single-source", "supports", "silent"), id="single-source"),
    pytest.param(_point("disputed", "supports", "disputes"), id="disputed-by-a-stance"),
    pytest.param(_point("disputed", "supports", "qualifies", NOT_EXPLAINED), id="disputed-by-a-contradiction"),
    pytest.param(_point("interpretation", "supports", "disputes"), id="interpretation"),
    pytest.param(_point("interpretation", "supports", "qualifies", NOT_EXPLAINED), id="interpretation-by-parties"),
]


@pytest.mark.parametrize("point", PASSES)
def test_a_claim_that_meets_its_verdicts_rules_passes(rules_project: Callable[..., Path], point: str) -> None:
    assert problems(rules_project(point)) == []


TWO = ("two-outlooks-support", "At least two sources whose outlooks differ support the point.")
NO_DISPUTES = ("no-disputes", "No source disputes the point.")
EXPLAINED = (
    "no-unexplained-contradiction",
    "Every contradiction listed is explained by a quoted passage of the texts.",
)
ONE_PARTY = ("not-one-party", "The supporting sources do not all rest on the account of one party to the conflict.")
FAILS = [
    pytest.param(
        _point("corroborated", "supports", "disputes"),
        [
            _rule(
                "corroborated",
                *TWO,
                "the supporting sources have 1 distinct outlook(s), fewer than 2: positions[0] (alpha, supports)",
            ),
            _rule(
                "corroborated",
                *NO_DISPUTES,
                "these positions take a stance the rule excludes: positions[1] (beta, disputes)",
            ),
        ],
        id="corroborated-but-disputed",
    ),
    pytest.param(
        _point("corroborated", "supports", "supports", relays="pakistani-authorities"),
        [
            _rule(
                "corroborated",
                *ONE_PARTY,
                "every supporting position relays the account of one party "
                "(pakistani-authorities): positions[0] (alpha, supports), positions[1] (beta, supports)",
            ),
        ],
        id="corroborated-on-one-partys-figures",
    ),
    pytest.param(
        _point("corroborated", "supports", "supports", NOT_EXPLAINED),
        [_rule("corroborated", *EXPLAINED, "contradictions[0] not explained by a quoted passage")],
        id="corroborated-with-an-unexplained-contradiction",
    ),
    pytest.param(
        _point("consistent-unverified", "supports", "silent"),
        [
            _rule(
                "consistent-unverified",
                "two-address",
                "At least two sources address the point.",
                "1 source(s) address the point: positions[0] (alpha, supports)",
            ),
        ],
        id="consistent-unverified-with-one-source",
    ),
    pytest.param(
        _point("consistent-unverified", "supports", "disputes"),
        [
            _rule(
                "consistent-unverified",
                *NO_DISPUTES,
                "these positions take a stance the rule excludes: positions[1] (beta, disputes)",
            ),
        ],
        id="consistent-unverified-but-disputed",
    ),
    pytest.param(
        _point("single-source", "supports", "qualifies"),
        [
            _rule(
                "single-source",
                "exactly-one-source",
                "Exactly one source addresses the point; every other source is silent.",
                "2 source(s) address the point: positions[0] (alpha, supports), positions[1] (beta, qualifies)",
            ),
        ],
        id="single-source-with-a-second-source",
    ),
    pytest.param(
        _point("disputed", "supports", "qualifies"),
        [
            _rule(
                "disputed",
                "a-conflict",
                "At least one contradiction is listed, or a source disputes the point.",
                "no contradiction is listed and no position disputes the point",
            ),
        ],
        id="disputed-without-a-conflict",
    ),
    pytest.param(
        _point("interpretation", "supports", "silent"),
        [
            _rule(
                "interpretation",
                "held-and-rejected",
                "At least one source holds the judgement, and a source rejects it or a listed contradiction "
                "names who does.",
                "no position disputes it and no contradiction names who rejects it",
            ),
        ],
        id="interpretation-nobody-rejects",
    ),
    pytest.param(
        _point("contradicted", "supports", "disputes"),
        [
            _rule(
                "contradicted",
                "disputed-within-outlook",
                "A source that shares the outlook of a source supporting the claim disputes it.",
                "no source disputing it shares the outlook of a source supporting it: positions[1] (beta, disputes)",
            ),
        ],
        id="contradicted-only-across-outlooks",
    ),
]


@pytest.mark.parametrize(("point", "expected"), FAILS)
def test_a_claim_that_breaks_its_verdicts_rule_is_named(
    rules_project: Callable[..., Path], point: str, expected: list[str]
) -> None:
    assert problems(rules_project(point)) == expected


def test_contradicted_passes_when_a_source_of_the_same_outlook_disputes(rules_project: Callable[..., Path]) -> None:
    same = edit("content/sources/beta.yaml", "outlook: takes neither side", "outlook: critical of the attackers")
    assert problems(rules_project(_point("contradicted", "supports", "disputes"), **same)) == []


def test_the_real_scale_has_rules_for_every_verdict() -> None:
    """Every verdict of the real scale is enforced, and interpretation is off the numeric rating scale."""
    from generator.check.validate import check_project

    content = check_project(REPO)
    assert all(v.rules for v in content.verdicts)
    assert [v.id for v in content.verdicts if v.unrated] == ["interpretation"]


def test_the_most_disputed_list_follows_the_verdicts(rules_project: Callable[..., Path]) -> None:
    listed = edit("content/edition.yaml", "most_disputed: [death-toll]", "most_disputed: [death-toll, framing]")
    assert problems(rules_project(_point("single-source", "supports", "silent"), **listed)) == [
        "content/edition.yaml:3:29: most_disputed[1]: 'framing' has the verdict 'single-source', not 'disputed'"
    ]
