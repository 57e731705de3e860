"""The loader refuses unsafe or ambiguous YAML with a located message, and never crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import problems

from generator.load import MAX_BYTES, MAX_DEPTH, load_document

CLAIM = "content/claims/framing.yaml"
Make = Callable[..., Path]


def test_the_mini_project_is_clean(project: Make) -> None:
    assert problems(project()) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "a: 1\nb: [1, 2\n",
            "3:1: (yaml): did not find expected ',' or ']' while parsing a flow sequence",
            id="syntax-error",
        ),
        pytest.param(
            "a: b\n\tc: d\n",
            "2:1: (yaml): found a tab character that violates indentation (indent with spaces, not tabs)"
            " while scanning a plain scalar",
            id="tab-indent",
        ),
        pytest.param(
            "a: 1\na: 2\n",
            "2:1: a: duplicate key 'a' (first written on line 1)",
            id="duplicate-key",
        ),
        pytest.param("a: &x 1\n", "1:4: a: anchors (&x) are not allowed; write the value out", id="anchor"),
        pytest.param(
            "a: !!python/object/apply:os.system ['true']\n",
            "1:4: a: explicit tags (!!python/object/apply:os.system) are not allowed",
            id="python-tag",
        ),
        pytest.param(
            "a: 1\n---\nb: 2\n",
            "2:1: (document): only one YAML document per file is allowed (remove the second '---')",
            id="two-documents",
        ),
        pytest.param("", "1:1: (file): file is empty; expected a YAML mapping", id="empty"),
        pytest.param(
            "# only a comment\n",
            "1:1: (file): file is empty; expected a YAML mapping",
            id="comment-only",
        ),
        pytest.param("a: .inf\n", "1:4: a: '.inf' is not a finite number", id="infinity"),
        pytest.param(
            "yes: 1\n",
            "1:1: (document): mapping keys must be text, not the YAML boolean yes (put it in quotes)",
            id="boolean-key",
        ),
        pytest.param(
            'a: "x\u202ey"\n',
            "1:4: a: contains the invisible control character U+202E",
            id="bidi-override",
        ),
        pytest.param(
            "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
            f"1:{4 + MAX_DEPTH}: (yaml): nesting is deeper than {MAX_DEPTH} levels",
            id="deep-flow-nesting",
        ),
        pytest.param(
            "a: 1\nb:\n" + "- " * (MAX_DEPTH + 1) + "x\n",
            f"3:1: (yaml): nesting is deeper than {MAX_DEPTH} levels",
            id="deep-compact-nesting",
        ),
    ],
)
def test_yaml_hazards_get_a_located_error(project: Make, body: str, expected: str) -> None:
    root = project({CLAIM: body})
    assert problems(root) == [f"{CLAIM}:{expected}"]


def test_aliases_are_refused_without_expanding_them(project: Make) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    found = problems(project({CLAIM: laughs}))
    assert found[0] == f"{CLAIM}:1:4: a: anchors (&a) are not allowed; write the value out"
    assert f"{CLAIM}:2:8: b[0]: aliases (*a) are not allowed; write the value out" in found
    assert len(found) == 1 + 8 * 4  # one anchor and three aliases per line, nothing expanded


def test_invalid_utf8_names_line_and_column(project: Make) -> None:
    root = project({CLAIM: b"id: framing\nclaim: caf\xe9\n"})
    assert problems(root) == [f"{CLAIM}:2:11: (file): invalid UTF-8 byte 0xe9; save the file as UTF-8"]


def test_byte_order_mark_is_refused(project: Make) -> None:
    root = project({CLAIM: b"\xef\xbb\xbfid: framing\n"})
    assert problems(root) == [f"{CLAIM}:1:1: (file): file starts with a byte-order mark; save it as UTF-8 without BOM"]


def test_oversized_file_is_refused_before_parsing(project: Make) -> None:
    root = project({CLAIM: b"a: '" + b"x" * MAX_BYTES + b"'\n"})
    assert problems(root) == [f"{CLAIM}:1:1: (file): file is {MAX_BYTES + 6} bytes; the limit is {MAX_BYTES}"]


def test_huge_flow_nesting_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000)  # libyaml alone takes tens of seconds on this
    result = load_document(path, "deep.yaml")
    assert isinstance(result, list)
    assert str(result[0]) == f"deep.yaml:1:{MAX_DEPTH + 1}: (yaml): nesting is deeper than {MAX_DEPTH} levels"


def test_block_nesting_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 2)) + " " * (MAX_DEPTH + 2) + "x\n")
    result = load_document(path, "deep.yaml")
    assert isinstance(result, list)
    assert [str(e) for e in result] == [
        f"deep.yaml:{MAX_DEPTH + 2}:{MAX_DEPTH + 2}: "
        + ".".join(f"k{i}" for i in range(MAX_DEPTH + 1))
        + f": nesting is deeper than {MAX_DEPTH} levels"
    ]


def test_dates_stay_text_and_locations_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("when: 2026-01-31\nlist:\n  - x: 1\n")
    doc = load_document(path, "a.yaml")
    assert not isinstance(doc, list)
    assert doc.data == {"when": "2026-01-31", "list": [{"x": 1}]}
    assert (doc.locs[("list", 0, "x")].line, doc.locs[("list", 0, "x")].column) == (3, 8)
    assert (doc.key_locs[("list", 0, "x")].line, doc.key_locs[("list", 0, "x")].column) == (3, 5)
