"""The loader refuses unsafe or ambiguous YAML with a located message, and never crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import problems

from generator.load import load_document

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
