"""Every kind of content error, with its exact message: an editor's experience must not regress silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, edit, problems, sha

from generator.check import refs, schema

TOLL = "content/claims/death-toll.yaml"
FRAMING = "content/claims/framing.yaml"
Make = Callable[..., Path]
EDITED_BETA = "Beta reports that 15 people died.\nEdited.\n"

CASES = [
    pytest.param(
        edit(TOLL, "stance: disputes", "stance: agrees"),
        [
            f"{TOLL}:25:13: positions[1].stance: 'agrees' is not one of supports, disputes, qualifies, reports-only, silent"
        ],
        id="stance-not-in-vocabulary",
    ),
    pytest.param(
        edit(TOLL, "stance: disputes", "stanse: disputes"),
        [
            f"{TOLL}:24:5: positions[1].stance: required field is missing (add 'stance:')",
            f"{TOLL}:25:5: positions[1].stanse: unknown field 'stanse'; did you mean 'stance'? "
            "expected one of: answer, figures, note, quotes, relays, source, stance",
        ],
        id="unknown-key-typo",
    ),
    pytest.param(
        edit(TOLL, "claimant: Alpha", "claimant: no"),
        [f'{TOLL}:3:11: claimant: expected text, got the YAML boolean no; write "no" in quotes'],
        id="bare-no-is-not-text",
    ),
    pytest.param(
        edit(TOLL, "claimant: Alpha", "claimant: 12"),
        [f'{TOLL}:3:11: claimant: expected text, got a whole number 12; write "12" in quotes'],
        id="number-where-text-expected",
    ),
    pytest.param(
        edit(TOLL, "claimant: Alpha", "claimant:"),
        [f"{TOLL}:3:10: claimant: expected text, got nothing (the value is empty)"],
        id="empty-value",
    ),
    pytest.param(
        edit(TOLL, "claimant: Alpha\n        ", ""),
        [f"{TOLL}:1:1: claimant: required field is missing (add 'claimant:')"],
        id="missing-field",
    ),
    pytest.param(
        edit(TOLL, "        explained: false", "        explained: true"),
        [
            f"{TOLL}:35:5: contradictions[0].explanation: required field is missing (add 'explanation:')",
            f"{TOLL}:35:5: contradictions[0].explanation_quotes: required field is missing (add 'explanation_quotes:')",
        ],
        id="explained-needs-explanation",
    ),
    pytest.param(
        edit(TOLL, "                date_role: refers-to\n", ""),
        [f"{TOLL}:18:9: positions[0].figures[0].date_role: is required when date is given"],
        id="figure-date-needs-role",
    ),
    pytest.param(
        edit(
            FRAMING,
            "note: Does not characterise the attack.",
            'note: x\n            quotes: ["Beta reports"]',
        ),
        [f"{FRAMING}:18:13: positions[1].quotes: must be left out when the stance is silent"],
        id="silent-position-with-quotes",
    ),
    pytest.param(
        edit(
            TOLL,
            "  - source: alpha\n            stance: supports",
            "  - source: alpha\n            stance: silent",
        ),
        [
            f"{TOLL}:16:7: positions[0].quotes: must be left out when the stance is silent",
            f"{TOLL}:18:7: positions[0].figures: must be left out when the stance is silent",
        ],
        id="silent-position-with-figures",
    ),
    pytest.param(
        edit(
            FRAMING,
            "            quotes:\n              - 'It calls",
            "            said:\n              - 'It calls",
        ),
        [
            f"{FRAMING}:10:5: positions[0].quotes: required field is missing (add 'quotes:')",
            f"{FRAMING}:13:5: positions[0].said: unknown field 'said'; expected one of: answer, figures, note, quotes, relays, source, stance",
        ],
        id="position-without-quotes",
    ),
    pytest.param(
        edit(FRAMING, "id: framing", "id: Framing Claim"),
        [f"{FRAMING}:1:5: id: 'Framing Claim' must be a lowercase slug: a-z, 0-9 and single hyphens"],
        id="id-not-a-slug",
    ),
    pytest.param(
        {"content/claims/other.yaml": MINI[FRAMING]},
        [
            "content/claims/other.yaml:1:5: id: 'framing' must equal the file name 'other'",
            "content/claims/other.yaml:1:5: id: 'framing' is already used by content/claims/framing.yaml",
        ],
        id="id-differs-from-file-name",
    ),
    pytest.param(
        {"content/claims/Framing.yaml": MINI[FRAMING]},
        [
            "content/claims/Framing.yaml:1:5: id: 'framing' must equal the file name 'Framing'",
            "content/claims/framing.yaml:1:5: id: 'framing' is already used by content/claims/Framing.yaml",
        ],
        id="case-collision",
    ),
    pytest.param(
        edit(TOLL, "- date: 2026-03-01", "- date: 2026-02-30"),
        [f"{TOLL}:6:11: dates[0].date: '2026-02-30' is not a real date"],
        id="impossible-date",
    ),
    pytest.param(
        edit(
            TOLL,
            "date: 2026-03-01\n                date_role",
            "date: 1 March\n                date_role",
        ),
        [
            f'{TOLL}:21:15: positions[0].figures[0].date: \'1 March\' must be a date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"'
        ],
        id="date-format",
    ),
    pytest.param(
        edit(TOLL, "value: 15", "value: -15"),
        [f"{TOLL}:30:16: positions[1].figures[0].value: -15 must be at least 0"],
        id="negative-figure",
    ),
    pytest.param(
        edit(TOLL, "verdict: disputed", "verdict: false"),
        [f'{TOLL}:8:10: verdict: expected text, got the YAML boolean false; write "false" in quotes'],
        id="verdict-boolean",
    ),
    pytest.param(
        edit(TOLL, "verdict: disputed", "verdict: misleading"),
        [f"{TOLL}:8:10: verdict: 'misleading' is not one of corroborated, disputed"],
        id="verdict-not-on-scale",
    ),
    pytest.param(
        edit(TOLL, "topics: [casualties]", "topics: [casualty]"),
        [f"{TOLL}:4:10: topics[0]: 'casualty' is not one of casualties"],
        id="unknown-topic",
    ),
    pytest.param(
        edit(TOLL, "- source: beta", "- source: gamma"),
        [
            f"{TOLL}:12:3: positions: no position for beta; add each with 'stance: silent' if it does not address the claim",
            f"{TOLL}:24:13: positions[1].source: no source with id 'gamma' in content/sources/",
            f"{TOLL}:35:22: contradictions[0].between[1]: 'beta' has no position on this claim",
        ],
        id="unknown-source",
    ),
    pytest.param(
        edit(TOLL, "- source: beta", "- source: alpha"),
        [
            f"{TOLL}:12:3: positions: no position for beta; add each with 'stance: silent' if it does not address the claim",
            f"{TOLL}:24:13: positions[1].source: 'alpha' already has a position at positions[0]",
            f"{TOLL}:28:9: positions[1].quotes[0]: not found verbatim in the text of source 'alpha'",
            f"{TOLL}:35:22: contradictions[0].between[1]: 'beta' has no position on this claim",
        ],
        id="source-listed-twice",
    ),
    pytest.param(
        edit(TOLL, "related: [framing]", "related: [framings, death-toll]"),
        [
            f"{TOLL}:46:11: related[0]: no claim with id 'framings' in content/claims/",
            f"{TOLL}:46:21: related[1]: a claim cannot be related to itself",
        ],
        id="related-claims",
    ),
    pytest.param(
        edit(TOLL, "Beta reports that 15 people died.", "Beta reports that fifteen people died."),
        [f"{TOLL}:28:9: positions[1].quotes[0]: not found verbatim in the text of source 'beta'"],
        id="quote-not-verbatim",
    ),
    pytest.param(
        edit(TOLL, "Alpha says 12 people died", "Alpha says 12 People died"),
        [f"{TOLL}:16:9: positions[0].quotes[0]: not found verbatim in the text of source 'alpha'"],
        id="quote-case-matters",
    ),
    pytest.param(
        edit(TOLL, "value: 15", "value: 12"),
        [f"{TOLL}:36:11: contradictions[0].kind: numeric, but the sources give the same figure (12)"],
        id="numeric-contradiction-same-figures",
    ),
    pytest.param(
        edit(TOLL, "between: [alpha, beta]", "between: [alpha, beta, alpha]"),
        [f"{TOLL}:35:14: contradictions[0].between: lists the same item twice"],
        id="duplicate-in-list",
    ),
    pytest.param(
        edit(
            FRAMING,
            "corroborated: []",
            "corroborated:\n            - point: Brutal.\n              sources: [alpha, beta]",
        ),
        [f"{FRAMING}:22:24: verification.corroborated[0].sources[1]: 'beta' is silent on this claim"],
        id="corroboration-by-silent-source",
    ),
    pytest.param(
        {"seeds/beta.txt": EDITED_BETA},
        ["content/sources/beta.yaml:12:9: sha256: does not match seeds/beta.txt, whose SHA-256 is " + sha(EDITED_BETA)],
        id="seed-hash-mismatch",
    ),
    pytest.param(
        edit("content/sources/beta.yaml", "seed: beta.txt", "seed: gamma.txt"),
        ["content/sources/beta.yaml:11:7: seed: no file seeds/gamma.txt"],
        id="seed-missing",
    ),
    pytest.param(
        edit("content/sources/beta.yaml", "seed: beta.txt", "seed: ../content/verdicts.yaml"),
        ["content/sources/beta.yaml:11:7: seed: '../content/verdicts.yaml' must be a plain .txt file name in seeds/"],
        id="seed-path-escape",
    ),
    pytest.param(
        edit("content/verdicts.yaml", "order: 2", "order: 1"),
        ["content/verdicts.yaml:9:12: verdicts[1].order: 1 is already used by verdicts[0]"],
        id="verdict-order-twice",
    ),
    pytest.param(
        {"content/claims/notes.yml": "id: notes\n"},
        ["content/claims/notes.yml:1:1: (file): is not a .yaml file; name claim files <id>.yaml"],
        id="wrong-extension",
    ),
    pytest.param(
        {"content/verdicts.yaml": None},
        ["content/verdicts.yaml:1:1: (file): is missing"],
        id="missing-verdicts-file",
    ),
    pytest.param(  # the page would show the same sentence twice (issue #24)
        edit(
            TOLL,
            "verdict_reason: Alpha says 12, Beta says 15.",
            "verdict_reason: Alpha says 12 and Beta 15 - and NEITHER text reconciles them",
        ),
        [f"{TOLL}:9:17: verdict_reason: repeats the bottom_line; say why the evidence gives this verdict"],
        id="reason-repeats-bottom-line",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_error_message(project: Make, changes: dict[str, str | None], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


def test_typographic_quotes_dashes_and_spacing_are_normalised(project: Make) -> None:
    # The seed reads: It calls the attack “brutal” — and says little else.
    changed = edit(FRAMING, "'It calls the attack \"brutal\" - and says little else.'",
                   "\"It  calls the\\nattack \u201cbrutal\u201d \u2013 and says little else.\"")  # fmt: skip
    assert problems(project(changed)) == []


def test_one_broken_file_does_not_cascade_into_others(project: Make) -> None:
    # framing.yaml is broken; death-toll.yaml relates to it and must not get an error of its own.
    found = problems(project(edit(FRAMING, "verdict: corroborated", "verdict: [x]")))
    assert found == [f"{FRAMING}:6:10: verdict: expected text, got a list"]


def test_all_problems_in_all_files_are_reported_in_one_run(project: Make) -> None:
    changes = {
        **edit(TOLL, "stance: disputes", "stance: agrees"),
        **edit(FRAMING, "verdict: corroborated", "verdict: settled"),
        "content/sources/alpha.yaml": MINI["content/sources/alpha.yaml"].replace("kind: opinion", "kind: blog"),
    }
    found = problems(project(changes))
    assert [line.split(":")[0] for line in found] == [
        "content/claims/death-toll.yaml",
        "content/claims/framing.yaml",
        "content/sources/alpha.yaml",
    ]


def test_symbolic_links_in_content_are_refused(project: Make, tmp_path: Path) -> None:
    root = project()
    outside = tmp_path / "outside.yaml"
    outside.write_text(MINI[FRAMING])
    (root / FRAMING).unlink()
    (root / FRAMING).symlink_to(outside)
    assert problems(root) == [f"{FRAMING}:1:1: (file): is a symbolic link; content must be plain files"]


def test_the_fields_that_hold_no_prose_are_declared_in_the_schemas() -> None:
    # refs.py and quotations.py skip ids, vocabulary and verbatim text: the schemas say which (x-prose: false).
    assert {"id", "source", "stance", "verdict", "text", "url", "seed", "colour"} <= schema.not_prose()
    assert not {"note", "claim", "summary", "bottom_line", "headline", "explanation"} & schema.not_prose()
    assert refs.not_prose("related", ["a"]) and not refs.not_prose("note", "x")
