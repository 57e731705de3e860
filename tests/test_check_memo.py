"""A preview's check (given a read cache) keeps each unchanged file's results (check/memo.py) and reports
exactly what a fresh check reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check.load import ReadCache
from generator.check.validate import check_project
from generator.errors import CheckFailed
from generator.model import Content
from tests.conftest import ALPHA_TEXT, edit, sha, write_project


def _outcome(root: Path, cache: ReadCache | None) -> Content | list[str]:
    try:
        return check_project(root, cache)
    except CheckFailed as failed:
        return [str(error) for error in failed.errors]


def test_an_unchanged_claim_is_not_built_again(project: Callable[..., Path]) -> None:
    root, cache = project(), ReadCache()
    first = _outcome(root, cache)
    write_project(root, edit("content/claims/death-toll.yaml", "verdict_reason: Alpha", "verdict_reason: So Alpha"))
    second = _outcome(root, cache)
    assert isinstance(first, Content) and isinstance(second, Content)
    assert [c.id for c in second.claims] == ["death-toll", "framing"]
    assert second.claims[1] is first.claims[1]  # kept
    assert second.claims[0] is not first.claims[0]
    assert second.claims[0].verdict_reason == "So Alpha says 12, Beta says 15."


@pytest.mark.parametrize(
    "change",
    [
        # markup, a quotation and a quote, in the file edited
        edit("content/claims/death-toll.yaml", "note: Says 12 died.", 'note: Says <b>12</b> died, "twelve".'),
        edit("content/claims/death-toll.yaml", '- "Alpha says 12 people', '- "Alpha said 12 people'),
        # a source id gone: the references in the files left as they were
        {"content/sources/beta.yaml": None, "seeds/beta.txt": None},
        # a seed whose text changed: the quotes of the claims left as they were
        {
            "seeds/alpha.txt": ALPHA_TEXT.replace("brutal", "cruel"),
            **edit(
                "content/sources/alpha.yaml",
                f"sha256: {sha(ALPHA_TEXT)}",
                f"sha256: {sha(ALPHA_TEXT.replace('brutal', 'cruel'))}",
            ),
        },
    ],
)
def test_a_preview_s_check_reports_what_a_fresh_check_reports(
    project: Callable[..., Path], change: dict[str, str | None]
) -> None:
    referring = edit("content/claims/framing.yaml", "summary: Alpha calls", "summary: Unlike {beta}, {alpha} calls")
    root, cache = project(referring), ReadCache()
    assert isinstance(_outcome(root, cache), Content)
    write_project(root, change)
    kept = _outcome(root, cache)
    assert isinstance(kept, list) and kept == _outcome(root, None)
