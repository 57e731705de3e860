"""All of a check's errors in one run, as CONTRIBUTING promises: a file that fails its schema still has its
text checked (markup, references, quotations, quotes), and a source that fails its schema still has the
quotes of its seed compared; an editor never fixes one round of errors only to meet the next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, QUOTE_ADVICE, problems

CLAIM = "content/claims/death-toll.yaml"
SOURCE = "content/sources/alpha.yaml"


def changed(name: str, *pairs: tuple[str, str]) -> dict[str, str]:
    body = MINI[name]
    for old, new in pairs:
        assert body.count(old) == 1, old
        body = body.replace(old, new)
    return {name: body}


BAD_QUOTE = ('"Alpha says 12 people died on 1 March 2026."', '"Alpha says 13 people died."')
BAD_SUMMARY = (
    "summary: The two sources give different tolls.",
    'summary: The two sources, alpha and {gamma}, give <b>different</b> tolls "quoted nonsense".',
)


def test_a_claim_that_fails_its_schema_has_its_text_and_quotes_checked_in_the_same_run(
    project: Callable[..., Path],
) -> None:
    unknown_field = ("verdict: disputed", "verdict: disputed\n        verdikt: disputed")
    root = project(changed(CLAIM, unknown_field, BAD_QUOTE, BAD_SUMMARY))
    assert problems(root) == [
        f"{CLAIM}:9:1: verdikt: unknown field 'verdikt'; did you mean 'verdict'? expected one of: aliases, "
        "bottom_line, claim, claimant, contradictions, corrections, dates, headline, id, positions, published, "
        "related, summary, topics, verdict, verdict_reason, verification, withdrawn",
        f"{CLAIM}:11:27: summary: bare source id 'alpha': readers see names; write {{alpha}}",
        f"{CLAIM}:11:37: summary: {{gamma}} names no source in content/sources/",
        f"{CLAIM}:11:51: summary: raw HTML is not allowed (<b>); write plain text or Markdown",
        f"{CLAIM}:11:63: summary: raw HTML is not allowed (</b>); write plain text or Markdown",
        f'{CLAIM}:11:74: summary: "quoted nonsense" is not found verbatim in any seed text; {QUOTE_ADVICE}',
        f"{CLAIM}:17:9: positions[0].quotes[0]: not found verbatim in the text of source 'alpha'",
    ]


def test_a_source_that_fails_its_schema_still_has_its_seed_s_quotes_compared(project: Callable[..., Path]) -> None:
    source = changed(
        SOURCE,
        ("title_kind: descriptive", "title_kind: descriptiv"),
        ("framing: Alpha frames the attack as brutal.", 'framing: Alpha frames it as "nonsense words" and {gamma}.'),
    )
    root = project({**source, **changed(CLAIM, BAD_QUOTE)})
    assert problems(root) == [
        f"{CLAIM}:16:9: positions[0].quotes[0]: not found verbatim in the text of source 'alpha'",
        f"{SOURCE}:3:13: title_kind: 'descriptiv' is not one of headline, descriptive",
        f"{SOURCE}:5:29: framing: \"nonsense words\" is not found verbatim in the text of source 'alpha'; "
        f"{QUOTE_ADVICE}",
        f"{SOURCE}:5:50: framing: {{gamma}} names no source in content/sources/",
    ]


def test_the_edition_s_overview_is_checked_when_its_title_fails(project: Callable[..., Path]) -> None:
    edition = changed(
        "content/edition.yaml",
        ("title: The attack of 1 March", "title: [The attack of 1 March]"),
        ("overview: Two sources disagree about *one* attack.", 'overview: Two say "nothing at all" of {gamma}.'),
    )
    assert problems(project(edition)) == [
        "content/edition.yaml:1:8: title: expected text, got a list",
        f'content/edition.yaml:2:19: overview: "nothing at all" is not found verbatim in any seed text; {QUOTE_ADVICE}',
        "content/edition.yaml:2:39: overview: {gamma} names no source in content/sources/",
    ]


def test_a_yaml_error_in_one_file_hides_nothing_in_the_others(project: Callable[..., Path]) -> None:
    broken_yaml = {"content/topics.yaml": "topics:\n  - id: casualties\n   label: Casualties\n"}
    root = project({**broken_yaml, **changed(CLAIM, BAD_QUOTE, ("verdict: disputed", "verdict: 7"))})
    found = problems(root)
    assert [line.split(": ", 1)[0] for line in found] == [
        f"{CLAIM}:8:10",
        f"{CLAIM}:16:9",
        "content/topics.yaml:3:4",
    ]
    assert found[1] == f"{CLAIM}:16:9: positions[0].quotes[0]: not found verbatim in the text of source 'alpha'"


def test_a_value_is_reported_once_for_its_schema(project: Callable[..., Path]) -> None:
    # The address's schema refuses it; the markup check, which now reads a failed file too, would add raw HTML.
    publisher = {"content/publisher.yaml": "report_error: {address: 'https://x/a\"><script>'}\n"}
    assert problems(project(publisher)) == [
        "content/publisher.yaml:1:25: report_error.address: 'https://x/a\"><script>' must be a mailto: address or an "
        "https:// address"
    ]


def test_a_source_whose_seed_name_fails_the_schema_is_not_read(project: Callable[..., Path]) -> None:
    # A file name outside seeds/ is never opened, even to compare quotes: only the schema's error is reported.
    root = project({**changed(SOURCE, ("seed: alpha.txt", "seed: ../alpha.txt")), **changed(CLAIM, BAD_QUOTE)})
    assert problems(root) == [f"{SOURCE}:10:7: seed: '../alpha.txt' must be a plain .txt file name in seeds/"]


def test_check_base_reports_unrecorded_changes_beside_the_content_s_own_problems(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from test_editors import ADVICE, check_base, committed, rewrite

    root = committed(project)
    rewrite(root, CLAIM, "verdict: disputed", "verdict: corroborated")  # published: needs a corrections entry
    rewrite(root, "content/topics.yaml", "label: Casualties", "label: [Casualties]")  # a problem of its own
    assert check_base(root, capsys) == (
        1,
        [
            f"{CLAIM}:8:10: verdict: changed from 'disputed' at main to 'corroborated', {ADVICE}",
            "content/topics.yaml:3:12: topics[0].label: expected text, got a list",
            "2 problems in 2 files",
        ],
    )


def test_check_base_names_a_missing_revision_after_the_content_s_problems(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from test_editors import check_base, committed, rewrite

    root = committed(project)
    rewrite(root, "content/topics.yaml", "label: Casualties", "label: [Casualties]")
    assert check_base(root, capsys, "no-such-branch") == (
        1,
        [
            "content/topics.yaml:3:12: topics[0].label: expected text, got a list",
            "1 problem in 1 file",
            "error: --base no-such-branch: git cannot find that revision in this repository",
        ],
    )


def test_a_claim_that_fails_its_schema_has_its_references_checked_in_the_same_run(
    project: Callable[..., Path],
) -> None:
    root = project(
        changed(
            CLAIM,
            ("stance: supports", "stance: support"),  # the schema's error
            ("verdict: disputed", "verdict: disputd"),
            ("topics: [casualties]", "topics: [casualty]"),
            ("related: [framing]", "related: [framin]"),
            ("- source: beta", "- source: gamma"),
        )
    )
    assert problems(root) == [
        f"{CLAIM}:4:10: topics[0]: 'casualty' is not one of casualties",
        f"{CLAIM}:8:10: verdict: 'disputd' is not one of corroborated, disputed",
        f"{CLAIM}:13:13: positions[0].stance: 'support' is not one of supports, disputes, qualifies, reports-only, "
        "silent",
        f"{CLAIM}:24:13: positions[1].source: no source with id 'gamma' in content/sources/",
        f"{CLAIM}:46:11: related[0]: no claim with id 'framin' in content/claims/",
    ]


def test_a_vocabulary_file_that_fails_its_schema_still_checks_the_ids_of_the_others(
    project: Callable[..., Path],
) -> None:
    stances = changed("content/stances.yaml", ("label: Supports", "label: [Supports]"))
    root = project({**stances, **changed(CLAIM, ("stance: supports", "stance: support"))})
    assert problems(root) == [
        f"{CLAIM}:13:13: positions[0].stance: 'support' is not one of supports, disputes, qualifies, reports-only, "
        "silent",
        "content/stances.yaml:3:12: stances[0].label: expected text, got a list",
    ]
