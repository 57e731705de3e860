"""Issue #20, items 7 and 12: `check --base` after a force-push or on a branch's first push (the workflow's
`github.event.before` is gone or all zeros) falls back to the next --base and says so; outside a repository it
says that."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from test_editors import ADVICE, TOLL, committed, git, rewrite

Make = Callable[..., Path]
ZEROS = "0" * 40
SKIPPED = "(history rewritten by a force-push, or a branch's first push); comparing with HEAD~1 instead"


def _rev(root: Path, ref: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "rev-parse", ref], capture_output=True, text=True, check=True
    ).stdout.strip()


def _force_pushed(project: Make) -> tuple[Path, str]:
    """A repository whose published tip was rewritten (amended, its old commit pruned), then a new commit that
    changes a verdict without a corrections entry; returns the root and the old tip, which git no longer has."""
    root = committed(project)
    rewrite(root, TOLL, "summary: The two", "summary: Both")
    git(root, "commit", "-q", "-am", "reword")
    before = _rev(root, "HEAD")
    git(root, "commit", "-q", "--amend", "-m", "reword, amended", when="2026-03-02T12:00:00+00:00")
    git(root, "reflog", "expire", "--expire=now", "--all")
    git(root, "gc", "-q", "--prune=now")
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    git(root, "commit", "-q", "-am", "new verdict")
    return root, before


@pytest.mark.parametrize("gone", ["rewritten", "zeros"])
def test_check_base_falls_back_when_the_pushed_base_is_gone(
    project: Make, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, gone: str
) -> None:
    root, before = _force_pushed(project)
    base = before if gone == "rewritten" else ZEROS
    result = run_cli(capsys, root, "check", "--base", base, "--base", "HEAD~1")
    assert caplog.messages == [f"--base {base}: git cannot find that revision in this repository {SKIPPED}"]
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{TOLL}:8:10: verdict: changed from 'disputed' at HEAD~1 to 'corroborated', {ADVICE}",
        "    8 | verdict: corroborated",
        "      |          ^",
        "1 problem in 1 file",
    ]


def test_without_a_fallback_a_gone_base_is_still_an_error(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root, before = _force_pushed(project)
    result = run_cli(capsys, root, "check", "--base", before)
    assert (result.code, result.err) == (
        1,
        f"error: --base {before}: git cannot find that revision in this repository\n",
    )


def test_check_base_outside_a_repository_says_so(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    result = run_cli(capsys, root, "check", "--base", "main", "--base", "HEAD~1")
    assert (result.code, result.err) == (
        1,
        f"error: --base main: {root} is not in a git repository; run the check in a clone, or without --base\n",
    )


def test_the_workflow_falls_back_to_the_parent_commit() -> None:
    from test_editors import _workflow_runs

    checks = [run for run in _workflow_runs() if "generator check" in run or "build-explainers" in run]
    assert len(checks) == 2
    assert checks[0].endswith('check --format github --base "$BASE" --base HEAD~1')
    assert checks[1] == '.ci/build-explainers site/explainers "$BASE" HEAD~1'
