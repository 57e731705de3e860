"""Publication and corrections: the edition's publication date, what ``check --base`` requires from it on, and
what the pages say before and after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, edit, problems
from test_editors import ADVICE, check_base, committed, rewrite

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

TOLL = "content/claims/death-toll.yaml"
EDITION = "content/edition.yaml"
VERDICTS = "content/verdicts.yaml"
REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
HEADLINE = "claim: Twelve people died in the attack."
BETA_QUOTE = '- "Beta reports that 15 people died."'
OTHER_QUOTE = '- "Officials said the toll may rise."'
UNPUBLISHED = edit(EDITION, "        published: 2026-03-01\n", "")


def _entry(kind: str = "update", extra: str = "") -> str:
    return f"  - date: 2026-03-06\n    kind: {kind}\n    note: Reworded after review.\n{extra}"


def _append(root: Path, text: str) -> None:
    (root / TOLL).write_text((root / TOLL).read_text() + text)


def _render(root: Path) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))


# --- check --base: what needs an entry after publication ---------------------------------------------------------


def test_a_headline_changed_after_publication_with_no_entry_fails(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project)
    rewrite(root, TOLL, HEADLINE, "claim: Twelve people were killed in the attack.")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:2:8: claim: changed from 'Twelve people died in the attack.' at main to "
            f"'Twelve people were killed in the attack.', {ADVICE}",
            "1 problem in 1 file",
        ],
    )


def test_a_new_headline_s_entry_gives_the_former_one(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, HEADLINE, "claim: Twelve people were killed in the attack.")
    _append(root, _entry("correction"))
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:56:5: corrections[2]: the claim changed since main; the new corrections entry must give "
            "former_claim: Twelve people died in the attack.",
            "1 problem in 1 file",
        ],
    )
    rewrite(
        root,
        TOLL,
        "note: Reworded after review.\n",
        "note: Reworded after review.\n    former_claim: Twelve people died in the attack.\n",
    )
    assert check_base(root, capsys) == (0, [])
    page = _render(root)["claims/death-toll.md"]
    assert (
        '<li><time datetime="2026-03-06">6 March 2026</time>, <strong>Correction</strong>: Reworded after review.'
        '<br><span class="fc-former">Until then the claim read: “Twelve people died in the attack.”</span></li>'
    ) in page


def test_a_changed_stance_needs_an_entry(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, "stance: disputes", "stance: qualifies")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:25:13: positions[1].stance: changed from 'disputes' at main to 'qualifies', {ADVICE}",
            "1 problem in 1 file",
        ],
    )


def test_a_changed_short_headline_or_bottom_line_needs_an_entry(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project)
    rewrite(root, TOLL, "headline: Twelve dead in the attack, says Alpha", "headline: Twelve dead, says Alpha")
    rewrite(root, TOLL, "neither text reconciles them.", "no text reconciles them.")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:47:11: headline: changed from 'Twelve dead in the attack, says Alpha' at main to "
            f"'Twelve dead, says Alpha', {ADVICE}",
            f"{TOLL}:48:14: bottom_line: changed from 'Alpha says 12 and Beta 15, and neither text reconciles them.' "
            f"at main to 'Alpha says 12 and Beta 15, and no text reconciles them.', {ADVICE}",
            "2 problems in 1 file",
        ],
    )


def test_a_changed_quote_needs_an_entry(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, BETA_QUOTE, OTHER_QUOTE)
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:28:7: positions[1].quotes: 1 quote added and 1 quote removed since main, {ADVICE}",
            "1 problem in 1 file",
        ],
    )


def test_quotes_put_in_another_order_need_no_entry(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project, edit(TOLL, BETA_QUOTE, f"{BETA_QUOTE}\n              {OTHER_QUOTE}"))
    rewrite(root, TOLL, f"{BETA_QUOTE}\n      {OTHER_QUOTE}", f"{OTHER_QUOTE}\n      {BETA_QUOTE}")
    assert check_base(root, capsys) == (0, [])


def test_a_verdict_that_broke_a_rule_is_corrected_not_updated(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project, edit(TOLL, "verdict: disputed", "verdict: corroborated"))  # beta disputes it
    rule = "definition: Sources agree.\n    rules:\n      - {id: no-disputes, says: No source disputes it., test: no-stance, stances: [disputes]}"
    rewrite(root, VERDICTS, "definition: Sources agree.", rule)
    rewrite(root, TOLL, "verdict: corroborated", "verdict: disputed")
    _append(root, _entry("update"))
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:57:11: corrections[2].kind: the verdict 'corroborated' at main broke the rule 'no-disputes': "
            "changing it fixes an error, so the new entry's kind is correction, not update",
            "1 problem in 1 file",
        ],
    )
    rewrite(root, TOLL, "kind: update\n    note: Reworded", "kind: correction\n    note: Reworded")
    assert check_base(root, capsys) == (0, [])


def test_before_publication_edits_need_no_entry(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project, UNPUBLISHED)
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    rewrite(root, TOLL, HEADLINE, "claim: Twelve people were killed.")
    rewrite(root, TOLL, "note: Added Beta's figure", "note: Added the figure")  # the log is not published yet
    assert check_base(root, capsys) == (0, [])
    rewrite(root, EDITION, "most_disputed: [death-toll]", "most_disputed: [death-toll]\npublished: 2026-03-05")
    assert check_base(root, capsys) == (0, [])  # published by this very change: the base was not


def test_a_new_entry_cannot_be_dated_into_the_editing_history(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project)
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    _append(root, _entry("correction").replace("2026-03-06", "2026-02-20"))  # before publication: not shown as one
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:56:11: corrections[2].date: is before the claim's publication date (2026-03-01); "
            "date the entry the day the change is published",
            "1 problem in 1 file",
        ],
    )


def test_the_publication_date_never_changes_once_published(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, EDITION, "published: 2026-03-01\n", "")  # would turn every correction into editing history
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:8:10: verdict: changed from 'disputed' at main to 'corroborated', {ADVICE}",
            f"{EDITION}:1:1: published: was 2026-03-01 at main; the edition's publication date never changes "
            "once published: restore it",
            "2 problems in 2 files",
        ],
    )


# --- publication dates in the check ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {**UNPUBLISHED, **edit(TOLL, "related: [framing]", "related: [framing]\n        published: 2026-03-02")},
            [f"{TOLL}:47:12: published: the edition is not published yet ({EDITION} has no published date); "
             "remove this date"],
            id="claim-published-before-the-edition-is",
        ),
        pytest.param(
            edit(TOLL, "related: [framing]", "related: [framing]\n        published: 2026-02-20"),
            [f"{TOLL}:47:12: published: is before the edition's publication date (2026-03-01); a claim published "
             "with it takes its date: remove this one"],
            id="claim-published-before-the-edition",
        ),
        pytest.param(
            edit(EDITION, "published: 2026-03-01", "published: 2026-03"),
            [f'{EDITION}:4:12: published: \'2026-03\' must be a full date written "YYYY-MM-DD"'],
            id="edition-date-not-a-day",
        ),
    ],
)  # fmt: skip
def test_publication_dates_are_checked(project: Make, changes: dict[str, str], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


# --- what the pages say ------------------------------------------------------------------------------------------


def test_before_publication_nothing_says_published_and_the_log_is_editing_history(project: Make) -> None:
    pages = _render(project(UNPUBLISHED))
    toll = pages["claims/death-toll.md"]
    assert "Published" not in toll and "Corrections and updates" not in toll and "datePublished" not in toll
    assert '<p class="fc-page-dates">Topics: Casualties.</p>' in toll
    assert "<summary>Editing history before publication</summary>" in toll
    assert (
        "<p>Changes made while this page was prepared. It has not been published yet: they are not corrections.</p>"
        in toll
    )
    assert (
        '<li><time datetime="2026-03-02">2 March 2026</time>: Added Beta\'s figure of <em>15</em> deaths.</li>' in toll
    )
    corrections = pages["corrections.md"]
    assert "<p>This edition has not been published yet: nothing on it has been corrected or updated" in corrections
    assert "<table" not in corrections
    assert "<entry>" not in pages["feed.xml"]


def test_entries_dated_before_publication_are_history_and_later_ones_corrections(project: Make) -> None:
    pages = _render(project(edit(EDITION, "published: 2026-03-01", "published: 2026-03-03")))
    toll = pages["claims/death-toll.md"]
    assert (
        'Published <time datetime="2026-03-03">3 March 2026</time>; last updated <time datetime="2026-03-04">' in toll
    )
    assert '<a href="#corrections">Corrections and updates: 1</a>' in toll
    log, history = toll.split('<h2 id="corrections">')[1].split("<summary>Editing history before publication</summary>")
    assert "2026-03-04" in log and "2026-03-02" not in log
    assert "2026-03-02" in history and 'before it was published on <time datetime="2026-03-03">' in history
    assert pages["corrections.md"].count("<tr><td") == 1
    assert pages["feed.xml"].count("<title>Update:") == 0 and pages["feed.xml"].count("<title>Correction:") == 1


def test_a_claim_added_later_is_dated_by_its_own_publication(project: Make) -> None:
    changes = edit(
        "content/claims/framing.yaml", "related: [death-toll]", "related: [death-toll]\n        published: 2026-03-08"
    )
    page = _render(project(changes))["claims/framing.md"]
    assert (
        '<p class="fc-page-dates">Topics: Casualties. Published <time datetime="2026-03-08">8 March 2026</time>.</p>'
        in page
    )
    assert '"datePublished": "2026-03-08"' in page
    assert MINI  # the mini project is published on 2026-03-01 (tests/conftest.py)
