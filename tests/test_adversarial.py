"""The adversarial catalogue: hostile or broken input from an editor or a pull request, one case per test.

Each case runs the command line an editor or CI runs and asserts its exact messages, exit code 1 and no
traceback. Cases kept elsewhere (same input, same message): test_check.py `case-collision`,
`seed-path-escape`, `test_symbolic_links_in_content_are_refused`; test_build.py (failed check or template
leaves the site, stale pages, refusing to build over the project); test_render.py (the renderer's backstop:
editor text with the check off cannot inject markup or break out of the JSON-LD); test_csp.py (the
Content-Security-Policy); test_properties.py (arbitrary bytes and structures).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI, QUOTE_ADVICE, edit, run_cli

from generator.check.load import MAX_BYTES, MAX_DEPTH
from generator.cli import main

TOLL = "content/claims/death-toll.yaml"
FRAMING = "content/claims/framing.yaml"
BETA = "content/sources/beta.yaml"
SUMMARY = "summary: The two sources give different tolls."
Make = Callable[..., Path]


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run `check` on ``root``; assert exit 1, no traceback and a summary; return the one-line messages."""
    result = run_cli(capsys, root, "check")
    assert result.code == 1
    err = result.err
    lines = [line for line in err.splitlines() if not line.startswith(" ")]
    count = len(lines) - 1
    assert lines[-1].startswith(f"{count} problem{'s' if count != 1 else ''} in "), err
    return lines[:-1]


def summary(text: str) -> dict[str, str]:
    return edit(TOLL, SUMMARY, f"summary: {text}")


YAML = [
    pytest.param({FRAMING: "a: 1\nb: [1, 2\n"},
                 [f"{FRAMING}:3:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence"],
                 id="yaml-syntax-error"),
    pytest.param({FRAMING: "a: b\n\tc: d\n"},
                 [f"{FRAMING}:2:1: (yaml): found a tab character that violates indentation (indent with spaces, "
                  "not tabs) while scanning a plain scalar"], id="yaml-tab-indent"),
    pytest.param({FRAMING: "a: !!python/object/apply:os.system ['touch /tmp/pwned']\n"},
                 [f"{FRAMING}:1:4: a: explicit tags (!!python/object/apply:os.system) are not allowed"],
                 id="yaml-python-object-tag"),
    pytest.param({FRAMING: "a: !!python/name:os.system ''\nb: !include other.yaml\n"},
                 [f"{FRAMING}:1:4: a: explicit tags (!!python/name:os.system) are not allowed",
                  f"{FRAMING}:2:4: b: explicit tags (!include) are not allowed"], id="yaml-other-tags"),
    pytest.param({FRAMING: "a: 1\nb: 2\na: 3\n"},
                 [f"{FRAMING}:3:1: a: duplicate key 'a' (first written on line 1)"], id="yaml-duplicate-key"),
    pytest.param({FRAMING: "a: &x 1\nb: *x\n"},
                 [f"{FRAMING}:1:4: a: anchors (&x) are not allowed; write the value out",
                  f"{FRAMING}:2:4: b: aliases (*x) are not allowed; write the value out"], id="yaml-anchor-alias"),
    pytest.param({FRAMING: "a: " + "[" * 100_000 + "]" * 100_000 + "\n"},
                 [f"{FRAMING}:1:{4 + MAX_DEPTH}: (yaml): nesting is deeper than {MAX_DEPTH} levels"],
                 id="yaml-deep-flow-nesting"),
    pytest.param({FRAMING: "".join(" " * i + f"k{i}:\n" for i in range(500)) + " " * 500 + "x\n"},
                 [f"{FRAMING}:{MAX_DEPTH + 2}:{MAX_DEPTH + 2}: " + ".".join(f"k{i}" for i in range(MAX_DEPTH + 1))
                  + f": nesting is deeper than {MAX_DEPTH} levels"], id="yaml-deep-block-nesting"),
    pytest.param({FRAMING: "- " * 5000 + "x\n"},
                 [f"{FRAMING}:1:1: (yaml): nesting is deeper than {MAX_DEPTH} levels"], id="yaml-deep-compact-list"),
    pytest.param({FRAMING: b"a: '" + b"x" * MAX_BYTES + b"'\n"},
                 [f"{FRAMING}:1:1: (file): file is {MAX_BYTES + 6} bytes; the limit is {MAX_BYTES}"],
                 id="yaml-very-large-file"),
    pytest.param({FRAMING: b"id: framing\nclaim: caf\xe9\n"},
                 [f"{FRAMING}:2:11: (file): invalid UTF-8 byte 0xe9; save the file as UTF-8"], id="yaml-latin-1"),
    pytest.param({FRAMING: "id: framing\n".encode("utf-16")},
                 [f"{FRAMING}:1:1: (file): invalid UTF-8 byte 0xff; save the file as UTF-8"], id="yaml-utf-16"),
    pytest.param({FRAMING: b"\xef\xbb\xbfid: framing\n"},
                 [f"{FRAMING}:1:1: (file): file starts with a byte-order mark; save it as UTF-8 without BOM"],
                 id="yaml-byte-order-mark"),
    pytest.param({FRAMING: ""}, [f"{FRAMING}:1:1: (file): file is empty; expected a YAML mapping"], id="yaml-empty"),
    pytest.param({FRAMING: "# only a comment\n"},
                 [f"{FRAMING}:1:1: (file): file is empty; expected a YAML mapping"], id="yaml-comment-only"),
    pytest.param({FRAMING: textwrap.dedent(MINI[FRAMING]).lstrip() + "---\nid: other\n"},
                 [f"{FRAMING}:26:1: (document): only one YAML document per file is allowed (remove the second '---')"],
                 id="yaml-two-documents"),
    pytest.param(edit(TOLL, "claimant: Alpha", "claimant: no"),
                 [f'{TOLL}:3:11: claimant: expected text, got the YAML boolean no; write "no" in quotes'],
                 id="yaml-no-where-text-expected"),
    pytest.param(edit(TOLL, "claim: Twelve people died in the attack.", "claim: on"),
                 [f'{TOLL}:2:8: claim: expected text, got the YAML boolean on; write "on" in quotes'],
                 id="yaml-on-where-text-expected"),
    pytest.param({FRAMING: "yes: 1\n"},
                 [f"{FRAMING}:1:1: (document): mapping keys must be text, not the YAML boolean yes (put it in quotes)"],
                 id="yaml-boolean-key"),
    pytest.param(edit(TOLL, "value: 15", "value: .nan"),
                 [f"{TOLL}:30:16: positions[1].figures[0].value: '.nan' is not a finite number"], id="yaml-nan-figure"),
    pytest.param(edit(TOLL, "value: 12", "value: -.inf"),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: '-.inf' is not a finite number"],
                 id="yaml-infinite-figure"),
    pytest.param(edit(TOLL, "claimant: Alpha", "claimant: 'Al\x07pha' # \x1b[2J"),
                 [f"{TOLL}:3:14: (yaml): contains U+0007 BELL, an invisible control character that can drive a terminal; delete it"],
                 id="yaml-raw-control-character"),
    pytest.param(edit(TOLL, "claimant: Alpha", 'claimant: "Al\\0pha"'),
                 [f"{TOLL}:3:11: claimant: contains U+0000 NULL, an invisible control character that can drive a terminal; "
                  "delete it"],
                 id="yaml-escaped-control-character"),
    pytest.param(edit(TOLL, "claimant: Alpha", "claimant: Al\u202eahpla"),
                 [f"{TOLL}:3:13: claimant: contains U+202E RIGHT-TO-LEFT OVERRIDE, which makes the text display in another "
                  "order than it is written; delete it"],
                 id="yaml-bidi-override"),
]  # fmt: skip

IDS_AND_PATHS = [
    pytest.param(edit(TOLL, "id: death-toll", "id: ../../etc/passwd"),
                 [f"{TOLL}:1:5: id: '../../etc/passwd' must be a lowercase slug: a-z, 0-9 and single hyphens"],
                 id="id-path-traversal"),
    pytest.param(edit(TOLL, "related: [framing]", "related: [/etc/passwd]"),
                 [f"{TOLL}:46:11: related[0]: '/etc/passwd' must be a lowercase slug: a-z, 0-9 and single hyphens"],
                 id="related-absolute-path"),
    pytest.param(edit(BETA, "seed: beta.txt", "seed: /etc/passwd"),
                 [f"{BETA}:11:7: seed: '/etc/passwd' must be a plain .txt file name in seeds/"], id="seed-absolute-path"),
    pytest.param(edit(BETA, "seed: beta.txt", "seed: ..\\seeds\\beta.txt"),
                 [f"{BETA}:11:7: seed: '..\\\\seeds\\\\beta.txt' must be a plain .txt file name in seeds/"],
                 id="seed-windows-path"),
    pytest.param(edit(FRAMING, "id: framing", "id: fr\u0430ming"),
                 [f"{FRAMING}:1:5: id: 'fr\u0430ming' must be a lowercase slug: a-z, 0-9 and single hyphens"],
                 id="id-lookalike-cyrillic"),
    pytest.param({FRAMING: None, "content/claims/fr\u0430ming.yaml": MINI[FRAMING]},
                 [f"{TOLL}:46:11: related[0]: no claim with id 'framing' in content/claims/",
                  "content/claims/fr\u0430ming.yaml:1:5: id: 'framing' must equal the file name 'fr\u0430ming'"],
                 id="file-name-lookalike-cyrillic"),
    pytest.param({"content/claims/DEATH-TOLL.yaml": MINI[TOLL]},
                 ["content/claims/DEATH-TOLL.yaml:1:5: id: 'death-toll' must equal the file name 'DEATH-TOLL'",
                  f"{TOLL}:1:5: id: 'death-toll' is already used by content/claims/DEATH-TOLL.yaml"],
                 id="file-name-case-collision"),
    pytest.param({FRAMING: None, "content/claims/con.yaml": MINI[FRAMING].replace("id: framing", "id: con"),
                  **edit(TOLL, "related: [framing]", "related: [con]")},
                 ["content/claims/con.yaml:1:5: id: 'con' is a reserved file name on Windows; choose another id"],
                 id="windows-reserved-claim-id"),
    pytest.param({BETA: None, "content/sources/index.yaml": MINI[BETA].replace("id: beta", "id: index"),
                  TOLL: MINI[TOLL].replace("source: beta", "source: index").replace("[alpha, beta]", "[alpha, index]"),
                  FRAMING: MINI[FRAMING].replace("source: beta", "source: index")},
                 ["content/sources/index.yaml:1:5: id: 'index' would put its page at sources/index.html, where the site already has "
                  "the page made from the template sources.md; "
                  "choose another id"], id="source-id-overwriting-a-page"),
    pytest.param({"content/claims/a\n::error::x.yaml": MINI[FRAMING].replace("id: framing", "id: x")},
                 ["content/claims/a\u240a::error::x.yaml:1:5: id: 'x' must equal the file name 'a\\n::error::x'"],
                 id="file-name-with-newline"),
    pytest.param({BETA: None, "content/sources/lpt1.yaml": MINI[BETA].replace("id: beta", "id: lpt1"),
                  TOLL: MINI[TOLL].replace("source: beta", "source: lpt1").replace("[alpha, beta]", "[alpha, lpt1]"),
                  FRAMING: MINI[FRAMING].replace("source: beta", "source: lpt1")},
                 ["content/sources/lpt1.yaml:1:5: id: 'lpt1' is a reserved file name on Windows; choose another id"],
                 id="windows-reserved-source-id"),
]  # fmt: skip

INJECTION = [
    pytest.param(summary("'<script>alert(1)</script>'"),
                 [f"{TOLL}:10:11: summary: raw HTML is not allowed (<script>); write plain text or Markdown",
                  f"{TOLL}:10:27: summary: raw HTML is not allowed (</script>); write plain text or Markdown"],
                 id="script-tag"),
    pytest.param(edit(TOLL, "note: Says 12 died.", "note: Says 12 <img src=x onerror=alert(1)> died."),
                 [f"{TOLL}:14:19: positions[0].note: raw HTML is not allowed (<img src=x onerror=alert(1)>); "
                  "write plain text or Markdown"], id="img-onerror"),
    pytest.param(summary("'see [the list](javascript:alert(1))'"),
                 [f"{TOLL}:10:26: summary: link target 'javascript:alert(1)' is not allowed; "
                  "use an http:// or https:// address"], id="javascript-link"),
    pytest.param(summary("'see [it](data:text/html;base64,PHNjcmlwdD4=)'"),
                 [f"{TOLL}:10:20: summary: link target 'data:text/html;base64,PHNjcmlwdD4=' is not allowed; "
                  "use an http:// or https:// address"], id="data-link"),
    pytest.param(summary("'see [it](VBScript:msgbox(1))'"),
                 [f"{TOLL}:10:20: summary: link target 'VBScript:msgbox(1)' is not allowed; "
                  "use an http:// or https:// address"], id="vbscript-link"),
    pytest.param(summary("'see [it](&#106;avascript:alert(1))'"),
                 [f"{TOLL}:10:20: summary: link target '&#106;avascript:alert(1)' is not allowed; "
                  "use an http:// or https:// address"], id="entity-encoded-javascript-link"),
    pytest.param(summary("\"see [it][x]\\n\\n[x]: javascript:alert(1)\""),
                 [f"{TOLL}:10:31: summary: link target 'javascript:alert(1)' is not allowed; "
                  "use an http:// or https:// address"], id="reference-style-javascript-link"),
    pytest.param(summary("'see [x](http://[) and [y](//[)'"),  # urlsplit raised ValueError on both
                 [f"{TOLL}:10:37: summary: link target '//[' is not allowed; use an http:// or https:// address"],
                 id="malformed-url"),
    pytest.param(summary("'Text {: onclick=\"alert(1)\" }'"),
                 [f'{TOLL}:10:16: summary: Markdown attribute lists are not allowed ({{: onclick="alert(1)" }})',
                  f'{TOLL}:10:27: summary: "alert(1)" is not found verbatim in any seed text; {QUOTE_ADVICE}'],
                 id="attribute-list-event-handler"),
    pytest.param(edit(TOLL, "claim: Twelve people died in the attack.", "claim: 'Twelve died.</script><script>alert(1)'"),
                 [f"{TOLL}:2:21: claim: raw HTML is not allowed (</script>); write plain text or Markdown",
                  f"{TOLL}:2:30: claim: raw HTML is not allowed (<script>); write plain text or Markdown"],
                 id="script-end-in-json-ld-text"),
    pytest.param(edit("content/edition.yaml", "overview: Two sources disagree about *one* attack.",
                      "overview: 'Two <!-- hidden --> sources'"),
                 ["content/edition.yaml:2:16: overview: raw HTML is not allowed (<!--); write plain text or Markdown"],
                 id="html-comment-in-edition"),
    pytest.param(edit(BETA, "framing: Beta reports official figures.", "framing: '<iframe src=x></iframe>'"),
                 [f"{BETA}:6:11: framing: raw HTML is not allowed (<iframe src=x>); write plain text or Markdown",
                  f"{BETA}:6:25: framing: raw HTML is not allowed (</iframe>); write plain text or Markdown"],
                 id="iframe-in-source-framing"),
]  # fmt: skip


# Text that would make Python-Markdown exhaust the stack (one nested list per marker) or take seconds.
MARKDOWN_BOMBS = [
    pytest.param(summary("1. " * 1000),
                 [f"{TOLL}:10:10: summary: starts 8 or more lists on one line; Markdown would nest them inside each other"],
                 id="markdown-nested-list-bomb"),
    pytest.param(summary("'" + "[" * 4000 + "'"),
                 [f"{TOLL}:10:10: summary: has 4000 '[' characters; the limit is 200 (Markdown reads many slowly)"],
                 id="markdown-bracket-bomb"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), YAML + IDS_AND_PATHS + INJECTION + MARKDOWN_BOMBS)
def test_check_refuses(project: Make, capsys: pytest.CaptureFixture[str], changes: dict[str, str | bytes | None],
                       expected: list[str]) -> None:  # fmt: skip
    assert check(project(changes), capsys) == expected


def test_errors_cannot_drive_the_terminal(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(edit(TOLL, "claimant: Alpha", "claimant: 'Al\x07pha' # \x1b]0;owned\x07\x1b[2J"))
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().err == (
        f"{TOLL}:3:14: (yaml): contains U+0007 BELL, an invisible control character that can drive a terminal; delete it\n"
        "    3 | claimant: 'Al\u2407pha' # \u241b]0;owned\u2407\u241b[2J\n"
        "      |              ^\n"
        "1 problem in 1 file\n"
    )


def test_yaml_billion_laughs_is_refused_without_expanding(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )  # nine levels of nine: 387 million strings if expanded
    found = check(project({FRAMING: laughs}), capsys)
    assert found[:2] == [
        f"{FRAMING}:1:4: a: anchors (&a) are not allowed; write the value out",
        f"{FRAMING}:2:4: b: anchors (&b) are not allowed; write the value out",
    ]
    assert f"{FRAMING}:2:8: b[0]: aliases (*a) are not allowed; write the value out" in found
    assert len(found) == 1 + 8 * 10  # one anchor and nine aliases per line, nothing expanded


def test_yaml_huge_file_is_refused_without_reading_it(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    with (root / FRAMING).open("r+b") as handle:
        handle.truncate(10**10)  # sparse: 10 GB that must never be read into memory
    assert check(root, capsys) == [f"{FRAMING}:1:1: (file): file is {10**10} bytes; the limit is {MAX_BYTES}"]


def _link(root: Path, name: str, target: Path) -> None:
    path = root / name
    moved = path.with_name(path.name + ".moved")
    path.rename(moved)
    path.symlink_to(moved if target == path else target, target_is_directory=moved.is_dir())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("seeds/beta.txt", [f"{BETA}:11:7: seed: seeds/beta.txt is a symbolic link; seeds must be plain files"],
                     id="symlinked-seed-file"),
        pytest.param("seeds", ["seeds:1:1: (file): is a symbolic link; content must be plain files"],
                     id="symlinked-seeds-folder"),
        pytest.param("content", ["content:1:1: (file): is a symbolic link; content must be plain files"],
                     id="symlinked-content-folder"),
        pytest.param("content/claims", ["content/claims:1:1: (file): is a symbolic link; content must be plain files"],
                     id="symlinked-claims-folder"),
    ],
)  # fmt: skip
def test_symbolic_links_are_refused(project: Make, capsys: pytest.CaptureFixture[str], name: str,
                                    expected: list[str]) -> None:  # fmt: skip
    root = project()
    _link(root, name, root / name)  # the link points at the real thing: still refused, never followed
    assert check(root, capsys) == expected


def test_a_pipe_named_like_a_claim_is_refused_without_reading_it(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    os.mkfifo(root / "content/claims/pipe.yaml")  # reading it would block forever
    (root / "content/claims/folder.yaml").mkdir()
    assert check(root, capsys) == [
        "content/claims/folder.yaml:1:1: (file): is a folder; expected a file",
        "content/claims/pipe.yaml:1:1: (file): is not a regular file; content must be plain files",
    ]


def test_new_refuses_to_write_through_a_symlinked_folder(
    project: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = project()
    elsewhere = tmp_path / "elsewhere"
    (root / "content/claims").rename(elsewhere)
    (root / "content/claims").symlink_to(elsewhere, target_is_directory=True)
    assert main(["--root", str(root), "new", "fresh"]) == 1
    folder = root / "content/claims"
    expected = f"error: {folder} or its parent is a symbolic link; content must be plain folders\n"
    assert capsys.readouterr().err == expected
    assert not (elsewhere / "fresh.yaml").exists()


def test_new_refuses_a_windows_reserved_id(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    assert main(["--root", str(root), "new", "nul"]) == 1
    assert capsys.readouterr().err == "error: 'nul' is a reserved file name on Windows; choose another id\n"
    assert not (root / "content/claims/nul.yaml").exists()


# Build safety: the build reads content/ and seeds/, writes only the output folder, and only by swapping it.

JINJA = "'{{ config }} {% for x in range(3) %}x{% endfor %} {{ 7 * 7 }}'"


def build_cli(root: Path, capsys: pytest.CaptureFixture[str], site: str = "site") -> tuple[int, str]:
    result = run_cli(capsys, root, "build", "--site-dir", str(root / site))
    return result.code, result.err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file and folder under ``folder``: its bytes (files), modification time and mode."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else b"",
            p.stat().st_mtime_ns,
            p.stat().st_mode,
        )
        for p in [folder, *folder.rglob("*")]
    }


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.is_file())


def test_build_never_writes_into_content_or_seeds(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    before = [snapshot(root / "content"), snapshot(root / "seeds")]
    assert build_cli(root, capsys)[0] == 0
    assert main(["--root", str(root), "render", str(root / "md")]) == 0
    assert [snapshot(root / "content"), snapshot(root / "seeds")] == before
    (root / TOLL).write_text("id: [broken\n")
    before = [snapshot(root / "content"), snapshot(root / "seeds")]
    assert build_cli(root, capsys)[0] == 1
    assert [snapshot(root / "content"), snapshot(root / "seeds")] == before


def test_output_is_swapped_in_only_when_complete(
    built_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.mkdocs.engine

    root = built_project
    old = snapshot(root / "site")
    real = generator.mkdocs.engine.run_mkdocs
    seen: list[bool] = []

    def run_and_look(config: Any, project: Path) -> None:
        real(config, project)
        seen.append(snapshot(root / "site") == old)  # the new site is complete, the old one still untouched

    monkeypatch.setattr(generator.mkdocs.engine, "run_mkdocs", run_and_look)
    (root / TOLL).write_text((root / TOLL).read_text().replace("Twelve people died", "Twelve people were killed"))
    assert build_cli(root, capsys)[0] == 0
    assert seen == [True]
    assert "Twelve people were killed" in (root / "site/claims/death-toll.html").read_text()


def test_a_build_failing_midway_leaves_the_previous_site(
    built_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.mkdocs.engine
    from generator.errors import BuildFailed

    root = built_project
    old = snapshot(root / "site")

    def half_written(config: Any, project: Path) -> None:
        staging = Path(config.site_dir)
        (staging / "claims").mkdir(parents=True)
        (staging / "claims/death-toll.html").write_text("half a page")
        raise BuildFailed("MkDocs failed: disk full")

    monkeypatch.setattr(generator.mkdocs.engine, "run_mkdocs", half_written)
    assert build_cli(root, capsys) == (1, "error: MkDocs failed: disk full\n")
    assert snapshot(root / "site") == old
    assert [p.name for p in root.iterdir() if p.name.startswith(".factcheck-staging-")] == []


def test_a_site_folder_linked_into_content_is_refused(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    (root / "out").symlink_to(root / "content", target_is_directory=True)
    before = snapshot(root / "content")
    code, err = build_cli(root, capsys, site="out")
    assert (code, err) == (
        1,
        f"error: refusing to write {root / 'out'}: {root / 'out'} is a symbolic link; the tool writes only real "
        "folders inside the project (remove the link)\n",
    )
    assert snapshot(root / "content") == before


@pytest.mark.parametrize("command", ["build", "render"])
def test_an_output_path_naming_a_file_is_refused(
    site_project: Make, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    root = site_project()
    (root / "notes.txt").write_text("keep me")
    args = ["--site-dir", str(root / "notes.txt")] if command == "build" else [str(root / "notes.txt")]
    assert main(["--root", str(root), command, *args]) == 1
    assert capsys.readouterr().err == f"error: refusing to replace {root / 'notes.txt'}: it is a file, not a folder\n"
    assert (root / "notes.txt").read_text() == "keep me"  # it was moved aside and deleted before this fix


def test_a_symlinked_claim_never_reaches_the_site_or_search(
    built_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = built_project
    old = snapshot(root / "site")
    outside = tmp_path / "outside.yaml"
    outside.write_text(textwrap.dedent(MINI[FRAMING]).replace("The attack was brutal.", "Secret from outside."))
    (root / FRAMING).unlink()
    (root / FRAMING).symlink_to(outside)
    code, err = build_cli(root, capsys)
    assert (code, err.splitlines()[0]) == (1, f"{FRAMING}:1:1: (file): is a symbolic link; content must be plain files")
    assert snapshot(root / "site") == old
    assert "Secret from outside" not in site_text(root / "site")


def test_pages_of_a_deleted_claim_leave_the_search_index_too(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = built_project
    assert "The attack was brutal." in (root / "site/search/search_index.json").read_text()
    (root / FRAMING).unlink()
    (root / TOLL).write_text(textwrap.dedent(MINI[TOLL]).lstrip().replace("related: [framing]", "related: []"))
    assert build_cli(root, capsys)[0] == 0
    assert not (root / "site/claims/framing.html").exists()
    for name in ("search/search_index.json", "claims.json", "sitemap.xml", "index.html"):
        text = (root / "site" / name).read_text()
        assert "The attack was brutal." not in text and "claims/framing.html" not in text, name


def test_jinja_syntax_in_editor_text_is_shown_literally(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project(summary(JINJA))
    assert main(["--root", str(root), "check"]) == 0  # not markup: it is text, and it is never evaluated
    assert build_cli(root, capsys)[0] == 0
    page = (root / "site/claims/death-toll.html").read_text()
    assert "{{ config }} {% for x in range(3) %}x{% endfor %} {{ 7 * 7 }}" in page
    assert "xxx" not in page and " 49" not in page
    assert "{{ config }}" in (root / "site/search/search_index.json").read_text()
