"""The loader refuses unsafe or ambiguous YAML with a located message, and never crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import problems

from generator.check.load import load_document

CLAIM = "content/claims/framing.yaml"
Make = Callable[..., Path]


def test_the_mini_project_is_clean(project: Make) -> None:
    assert problems(project()) == []


# The loader's hazards (syntax, tabs, tags, anchors and aliases, duplicate keys, nesting, size, encoding, BOM,
# empty files, several documents, booleans, non-finite numbers, control characters) are cases of the
# adversarial catalogue in test_adversarial.py, run through the command line.


def test_dates_stay_text_and_locations_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("when: 2026-01-31\nlist:\n  - x: 1\n")
    doc = load_document(path, "a.yaml")
    assert not isinstance(doc, list)
    assert doc.data == {"when": "2026-01-31", "list": [{"x": 1}]}
    assert (doc.locs[("list", 0, "x")].line, doc.locs[("list", 0, "x")].column) == (3, 8)
    assert (doc.key_locs[("list", 0, "x")].line, doc.key_locs[("list", 0, "x")].column) == (3, 5)


def test_a_checked_document_keeps_its_text_not_the_position_of_every_value(project: Make) -> None:
    """Issue #26: the positions are found again when an error needs them; a build keeps none (at 5,000 claims
    they were 220 MB of its peak memory)."""
    from generator.check.validate import check_project

    content = check_project(project())
    docs = [content.edition.doc, *(s.doc for s in content.sources), *(c.doc for c in content.claims)]
    assert docs and all(doc is not None and set(vars(doc)) == {"path", "data", "text", "locate"} for doc in docs)
    doc = content.claims[0].doc
    error = doc.error(("positions", 0, "stance"), "m")
    stance = doc.data["positions"][0]["stance"]
    assert error.source_line == doc.text.splitlines()[error.line - 1]  # the line the value is written on
    assert error.source_line[error.column - 1 :] == stance and error.source_line.lstrip(" -").startswith("stance:")
    assert "positions" in vars(doc)  # found once, then kept for the next error in the file


def test_the_loader_refuses_exactly_the_characters_error_output_makes_visible() -> None:
    """One list of invisible characters: what the loader refuses in text is what printed errors replace.

    The one difference is the line feed, which text may hold and an error line may not.
    """
    from generator.check.load import parse_document
    from generator.errors import ContentError

    refused, shown = set(), set()
    for code in [*range(0x3000), 0xFEFF, 0xFFF9, 0xFFFC, 0xE0001, 0xE0041, 0xE0100, 0x1F600]:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if isinstance(parse_document(f'text: "a\\U{code:08x}b"\n'.encode(), "a.yaml"), list):
            refused.add(char)
        if ContentError("a.yaml", 1, 1, f"a{char}b", "m").format_text() != "a.yaml:1:1: a" + char + "b: m":
            shown.add(char)
    assert shown - refused == {"\n"}
    assert refused == shown - {"\n"}
    assert {
        "\x00",
        "\x1b",
        "\r",
        "\x85",
        "\u200b",
        "\u202e",
        "\u2066",
        "\u2028",
        "\ufeff",
        "\ufff9",
        "\U000e0041",
    } <= refused
    # Accepted: the joiners and direction marks that Persian, Urdu, Indic scripts and emoji sequences need.
    accepted = {"\t", " ", "a", "\u00e9", "\u2014", "\u201c", "\u061c", "\u200c", "\u200d", "\u200e", "\u200f"}
    assert not (accepted | {"\ufffc", "\U000e0100", "\U0001f600"}) & refused
