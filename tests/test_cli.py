"""The command line as editors and CI meet it: output, formats and exit codes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import edit, run_cli

TOLL = "content/claims/death-toll.yaml"
Make = Callable[..., Path]


def test_clean_check_prints_a_summary_and_exits_0(project: Make, capsys) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(capsys, project(), "check")
    assert result.code == 0
    out = result.out
    assert out.startswith("checked 2 claims, 2 sources, 2 verdicts, 1 topics: no problems (")
    assert out.endswith(' s)\n0 terms in quotation marks marked {"…"} as not quoting a source\n')


def test_problems_are_printed_with_the_source_line_and_exit_1(project: Make, capsys) -> None:  # type: ignore[no-untyped-def]
    root = project(edit(TOLL, "stance: disputes", "stance: agrees"))
    result = run_cli(capsys, root, "check")
    assert result.code == 1
    assert result.err == (
        f"{TOLL}:25:13: positions[1].stance: 'agrees' is not one of supports, disputes, qualifies, reports-only, silent\n"
        "   25 |     stance: agrees\n"
        "      |             ^\n"
        "1 problem in 1 file\n"
    )


def test_github_format_prints_annotations(project: Make, capsys) -> None:  # type: ignore[no-untyped-def]
    root = project(edit(TOLL, "stance: disputes", "stance: agrees"))
    captured = run_cli(capsys, root, "check", "--format", "github")
    assert captured.code == 1
    assert captured.out == (
        f"::error file={TOLL},line=25,col=13,title=positions[1].stance::"
        "'agrees' is not one of supports, disputes, qualifies, reports-only, silent\n"
    )
    assert captured.err == "1 problem in 1 file\n"


def test_github_annotations_escape_newlines_commas_and_colons() -> None:
    from generator.errors import ContentError

    error = ContentError("a,b:c.yaml", 1, 2, "x:y", "100% wrong\nreally")
    assert error.format_github() == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=x%3Ay::100%25 wrong%0Areally"


def test_no_traceback_reaches_the_editor_for_garbage(project: Make) -> None:
    root = project({TOLL: b"\x00\xff\xfe garbage: [\n", "content/claims/framing.yaml": "- just\n- a list\n"})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{TOLL}:1:2: (file): invalid UTF-8 byte 0xff; save the file as UTF-8",
        "content/claims/framing.yaml:1:1: (document): expected a mapping, got a list",
        "    1 | - just",
        "      | ^",
        "2 problems in 2 files",
    ]


def test_every_error_is_said_one_way_by_the_command_the_plugin_and_the_preview() -> None:
    """errors.messages is the one owner of turning an exception into what an editor reads."""
    import errno

    from generator.errors import BuildFailed, CheckFailed, ContentError, messages

    located = ContentError("content/claims/a.yaml", 3, 5, "verdict", "is not a verdict", "verdict: x")
    assert messages(CheckFailed([located])) == [
        "content/claims/a.yaml:3:5: verdict: is not a verdict\n    3 | verdict: x\n      |     ^"
    ]
    assert messages(BuildFailed("mkdocs.yml: no")) == ["mkdocs.yml: no"]
    assert messages(PermissionError(errno.EACCES, "Permission denied", "content/a.yaml")) == [
        "Permission denied: content/a.yaml"
    ]
    assert messages(KeyError("x")) == ["KeyError: 'x'"]
