"""Faults found by the probe of issue #11, one test (or one parametrised case) per reproduced fault.

Each asserts the exact message or outcome an editor or reader now gets. Building, publishing and the
MkDocs plugin are in test_publish.py; the preview in test_preview.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from conftest import BETA_TEXT, MINI, edit, sha
from test_adversarial import TOLL, check, summary
from test_editors import ADVICE, check_base, committed, git, rewrite

from generator.check.load import MAX_BYTES
from generator.check.schema import KINDS, EcmaValidator, schema_for
from generator.check.validate import check_project
from generator.cli import main
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]
VERDICTS = "content/verdicts.yaml"
REPO = Path(__file__).resolve().parent.parent


def _value(written: str) -> dict[str, str]:
    return edit(TOLL, "value: 12", f"value: {written}")


def _not_decimal(written: str, reading: str, meant: str) -> str:
    return (
        f"{TOLL}:18:16: positions[0].figures[0].value: '{written}' is not a plain decimal number (YAML 1.1 reads it "
        f'as {reading}); write {meant} for the number, or "{written}" in quotes for text'
    )


# 5. Numbers are published exactly as written: YAML 1.1's other notations are refused, saying what to write.
NUMBERS = [
    pytest.param(_value("0225"), [_not_decimal("0225", "the octal number 149", "225")], id="octal"),
    pytest.param(_value("1:30"), [_not_decimal("1:30", "the base-60 number 90", "90")], id="base-60"),
    pytest.param(_value("0x1F"), [_not_decimal("0x1F", "the hexadecimal number 31", "31")], id="hexadecimal"),
    pytest.param(_value("0b101"), [_not_decimal("0b101", "the binary number 5", "5")], id="binary"),
    pytest.param(_value("1_000"), [_not_decimal("1_000", "the number 1000", "1000")], id="underscores"),
    pytest.param(_value("+12"), [_not_decimal("+12", "the number 12", "12")], id="plus-sign"),
    pytest.param(_value(".5"), [_not_decimal(".5", "the number 0.5", "0.5")], id="no-leading-digit"),
    pytest.param(_value("12."), [_not_decimal("12.", "the number 12", "12")], id="trailing-point"),
    pytest.param(_value("1.5e+3"), [_not_decimal("1.5e+3", "the number 1500", "1500")], id="exponent"),
    pytest.param(_value("1.0e+308"), [_not_decimal("1.0e+308", "the number 1e+308", "it out in plain decimal digits")],
                 id="exponent-huge"),
    pytest.param(_value("9" * 400),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: '{'9' * 27}...' is 400 characters long; a number "
                  "may have at most 15 digits"], id="400-digits"),
    pytest.param(_value("1234567890123456"),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: '1234567890123456' has 16 significant digits; "
                  "a number may have at most 15"], id="16-digits"),
    pytest.param(_value("1000000001"),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: 1000000001 must be at most 1000000000"],
                 id="above-the-schema-bound"),
    pytest.param(_value("-0.0"), [f"{TOLL}:18:16: positions[0].figures[0].value: '-0.0' is negative zero; write 0"],
                 id="negative-zero"),
    pytest.param(edit(VERDICTS, "order: 2", "order: 1001"),
                 [f"{VERDICTS}:9:12: verdicts[1].order: 1001 must be at most 1000"], id="verdict-order-bound"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), NUMBERS)
def test_numbers_must_be_plain_decimals(project: Make, capsys: pytest.CaptureFixture[str],
                                        changes: dict[str, str], expected: list[str]) -> None:  # fmt: skip
    assert check(project(changes), capsys) == expected


@pytest.mark.parametrize(("written", "shown"), [("1234567", "1234567"), ("0.5", "0.5"), ("0.00001", "0.00001"),
                                                ("12.0", "12"), ("999999999.25", "999999999.25")])  # fmt: skip
def test_numbers_are_shown_as_written(project: Make, written: str, shown: str) -> None:
    page = render_site(check_project(project(_value(written))), make_env(REPO), SiteInfo("T", None, None))
    assert f'<td data-label="Figure">{shown} deaths</td>' in page["claims/death-toll.md"]


# 6. Patterns are matched as JSON Schema (ECMA-262) reads them: no final newline slips through "$".
EXAMPLES = {  # a valid value for every pattern in the schemas; the test fails if a new pattern has none
    "^[a-z0-9]+(-[a-z0-9]+)*$": "death-toll",
    "\\S": "text",
    "^[^\\n]*\\S[^\\n]*$": "one line",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "2026-01-31",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "2026-01-31",
    "^[0-9a-f]{64}$": "0" * 64,
    "^[A-Za-z0-9][A-Za-z0-9._-]*\\.txt$": "alpha.txt",
    '^https?://[^\\s<>"]+$': "https://example.org/a",
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$": "fr-CA",
    '^(https?://[^\\s<>"]+|[A-Za-z0-9][A-Za-z0-9._/-]*)$': "assets/logo.png",
    '^(mailto:[^\\s@]+@[^\\s@]+|https://[^\\s<>"]+)$': "mailto:desk@example.org",
    "^[A-Za-z0-9][A-Za-z0-9._-]*\\.ya?ml$": "error-report.yml",
    '^(https?://[^\\s<>"]+|unknown)$': "unknown",
    "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|unknown)$": "2026-01",
    "^([0-9]{4}-[0-9]{2}-[0-9]{2}|unknown)$": "unknown",
    "^#[0-9a-f]{6}$": "#1b6e3a",
}


def _patterns(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield where, node["pattern"]
        for key, value in node.items():
            yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, f"{where}/{index}")


SCHEMAS = (*KINDS, "common")  # the shared definitions hold most patterns
PATTERNS = [(f"{kind}{where}", pattern) for kind in SCHEMAS for where, pattern in _patterns(schema_for(kind), "")]


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[where for where, _ in PATTERNS])
def test_every_pattern_refuses_a_trailing_newline_in_both_validators(where: str, pattern: str) -> None:
    alone = {"type": "string", "pattern": pattern}
    python, rust = EcmaValidator(alone), jsonschema_rs.validator_for(alone)
    example = EXAMPLES[pattern]
    assert python.is_valid(example) and rust.is_valid(example)
    anchored = pattern.endswith("$")  # "\S" fields are multi-line text: a final newline is part of them
    assert python.is_valid(example + "\n") is not anchored
    assert rust.is_valid(example + "\n") is not anchored


def test_an_id_and_file_name_ending_in_a_newline_is_refused(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(
        {
            "content/claims/framing.yaml": None,
            "content/claims/extra\n.yaml": MINI["content/claims/framing.yaml"].replace("id: framing", 'id: "extra\\n"'),
        }
    )
    assert check(root, capsys) == [
        "content/claims/death-toll.yaml:46:11: related[0]: no claim with id 'framing' in content/claims/",
        "content/claims/extra\u240a.yaml:1:5: id: 'extra\\n' must be a lowercase slug: a-z, 0-9 and single hyphens",
    ]


@pytest.mark.parametrize(("changes", "expected"), [
    pytest.param(edit(TOLL, "  - date: 2026-03-02", '  - date: "2026-03-02\\n"'),
                 [f"{TOLL}:50:11: corrections[0].date: '2026-03-02\\n' must be a full date written \"YYYY-MM-DD\""], id="date"),
    pytest.param(edit("content/sources/beta.yaml", "seed: beta.txt", 'seed: "beta.txt\\n"'),
                 ["content/sources/beta.yaml:11:7: seed: 'beta.txt\\n' must be a plain .txt file name in seeds/"], id="seed"),
    pytest.param(edit(TOLL, "verdict_reason: Alpha says 12, Beta says 15.", "verdict_reason: |\n          Alpha says 12, Beta says 15."),
                 [f"{TOLL}:9:17: verdict_reason: 'Alpha says 12, Beta says 15.\\n' must be a single, non-blank line"], id="line"),
])  # fmt: skip
def test_fields_refuse_a_trailing_newline(project: Make, capsys: pytest.CaptureFixture[str],
                                          changes: dict[str, str], expected: list[str]) -> None:  # fmt: skip
    assert check(project(changes), capsys) == expected


def test_new_refuses_an_id_ending_in_a_newline(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    assert main(["--root", str(root), "new", "extra\n"]) == 1
    message = "error: 'extra\\n' is not a valid id: use a lowercase slug (a-z, 0-9, single hyphens)\n"
    assert capsys.readouterr().err == message
    assert sorted(p.name for p in (root / "content/claims").iterdir()) == ["death-toll.yaml", "framing.yaml"]


# 4. Seeds are bounded like content: size limit, plain files, names Windows accepts; never read whole when wrong.
BETA_SEED = "content/sources/beta.yaml:11:7: seed: seeds/beta.txt"


def test_a_huge_sparse_seed_is_refused_without_reading_it(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    with (root / "seeds/beta.txt").open("r+b") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB of holes: reading it whole would take minutes and gigabytes
    assert check(root, capsys) == [f"{BETA_SEED} is {3 * 1024**3} bytes; the limit is {MAX_BYTES}"]


def test_a_seed_over_the_limit_is_refused(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project({"seeds/beta.txt": BETA_TEXT + "x" * MAX_BYTES})
    size = len(BETA_TEXT) + MAX_BYTES
    assert check(root, capsys) == [f"{BETA_SEED} is {size} bytes; the limit is {MAX_BYTES}"]


def test_a_seed_that_is_a_pipe_is_refused_without_reading_it(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project({"seeds/beta.txt": None})
    os.mkfifo(root / "seeds/beta.txt")
    assert check(root, capsys) == [f"{BETA_SEED} is not a plain file"]


def test_a_seed_with_a_windows_reserved_name_is_refused(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project({"seeds/con.txt": BETA_TEXT, **edit("content/sources/beta.yaml", "seed: beta.txt", "seed: con.txt")})
    assert check(root, capsys) == [
        "content/sources/beta.yaml:11:7: seed: 'con.txt' is a reserved file name on Windows; rename the seed"
    ]


def test_a_seed_with_the_wrong_hash_is_not_used_for_quotes(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project({"seeds/beta.txt": "Something else entirely.\n"})
    assert check(root, capsys) == [  # one error: its quotes are not compared with a text that is not the seed
        f"content/sources/beta.yaml:12:9: sha256: does not match seeds/beta.txt, whose SHA-256 is {sha('Something else entirely.' + chr(10))}"
    ]


# 11. Messages that name the real problem.
SEEDS_NEEDED = "it must hold the verbatim text of every source (the files named by 'seed:' in content/sources/)"


@pytest.mark.parametrize(("state", "message"), [("missing", f"is missing; {SEEDS_NEEDED}"),
                                                ("empty", f"holds no .txt file; {SEEDS_NEEDED}")])  # fmt: skip
def test_a_missing_or_empty_seeds_folder_is_one_error(
    project: Make, capsys: pytest.CaptureFixture[str], state: str, message: str
) -> None:
    root = project()
    shutil.rmtree(root / "seeds")
    if state == "empty":
        (root / "seeds").mkdir()
    assert check(root, capsys) == [f"seeds/:1:1: (folder): {message}"]


def test_a_merge_conflict_is_named(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    conflicted = "verdict: disputed\n<<<<<<< HEAD\nverdict_reason: A.\n=======\nverdict_reason: B.\n>>>>>>> main\n"
    root = project({"content/claims/framing.yaml": "id: framing\n" + conflicted})
    assert check(root, capsys) == [
        "content/claims/framing.yaml:3:1: (file): unresolved Git merge conflict (the line starts with <<<<<<<); "
        "keep the right version and delete the lines <<<<<<<, ======= and >>>>>>>"
    ]


def test_a_file_name_that_is_not_utf8_is_named(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    (root / "content/claims" / os.fsdecode(b"caf\xe9.yaml")).write_text("id: cafe\n")
    assert check(root, capsys) == [
        "content/claims/caf\ufffd.yaml:1:1: (file): the file name is not valid UTF-8; rename it"
    ]


# 7. `check --base` takes any history and never hands git an option.
VERDICT_CHANGED = f"{TOLL}:8:10: verdict: changed from 'disputed' at main to 'corroborated', {ADVICE}"


def _odd_entry(root: Path, kind: str) -> None:
    claims = root / "content/claims"
    if kind == "newline-in-name":
        (claims / "a\nb.yaml").write_text("id: x\n")
        git(root, "add", "-A")
    elif kind == "non-utf8-name":
        (claims / os.fsdecode(b"caf\xe9.yaml")).write_text("id: x\n")
        git(root, "add", "-A")
    else:  # a submodule: a commit object in the tree
        git(root, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},content/claims/vendored")


@pytest.mark.parametrize("kind", ["newline-in-name", "non-utf8-name", "submodule"])
def test_check_base_reads_a_base_with_odd_entries(project: Make, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    root = project()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    _odd_entry(root, kind)
    git(root, "commit", "-q", "-m", "first edition")
    git(root, "rm", "-q", "-r", "--cached", "content/claims")
    for path in (root / "content/claims").iterdir():
        if path.name not in ("death-toll.yaml", "framing.yaml"):
            path.unlink()
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    assert check_base(root, capsys) == (1, [VERDICT_CHANGED, "1 problem in 1 file"])


@pytest.mark.parametrize(("ref", "message"), [
    ("", "--base needs a git revision (e.g. origin/main); it was given an empty one"),
    ("-h", "--base '-h' is not a git revision name"),
    ("--output=FILE", "--base '--output=FILE' is not a git revision name"),
    ("main --all", "--base 'main --all' is not a git revision name"),
])  # fmt: skip
def test_check_base_refuses_refs_git_would_read_as_options(
    project: Make, capsys: pytest.CaptureFixture[str], ref: str, message: str
) -> None:
    root = committed(project)
    assert main(["--root", str(root), "check", f"--base={ref}"]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert not (root / "FILE").exists() and not Path("FILE").exists()


# 9. An automatic e-mail link is a mailto: link like any other.
def test_an_automatic_email_link_is_refused(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(summary("Write to <a@b.example> for details."))
    assert check(root, capsys) == [
        f"{TOLL}:10:10: summary: link target 'mailto:a@b.example' is not allowed; use an http:// or https:// address"
    ]


@pytest.mark.usefixtures("without_markup_check")
def test_an_automatic_email_link_never_reaches_the_page(project: Make) -> None:
    root = project(summary("Write to <a@b.example> for details."))
    page = render_site(check_project(root), make_env(REPO), SiteInfo("T", None, None))["claims/death-toll.md"]
    assert "Write to <span>&#97;&#64;&#98;" in page  # the address stays, as text
    assert "&#109;&#97;&#105;&#108;&#116;&#111;&#58;" not in page  # "mailto:", as Markdown obfuscates it
    assert "mailto:" not in page
