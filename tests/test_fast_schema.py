"""The compiled validator only clears documents that jsonschema also finds valid; jsonschema words every error."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.check import schema
from generator.check.load import Document, load_document

REPO = Path(__file__).resolve().parent.parent
CLAIM = "content/claims/death-toll.yaml"
VOCABULARIES = (("stances", ("supports", "disputes", "qualifies", "reports-only", "silent")),)  # as the check has them


def _set(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


_DELETE = object()
MUTATIONS = {
    "type": _set("claim", value=12),
    "enum": _set("positions", 0, "stance", value="agrees"),
    "pattern": _set("id", value="Death Toll"),
    "blank": _set("summary", value="   "),
    "one-line": _set("verdict_reason", value="two\nlines"),
    "min-items": _set("topics", value=[]),
    "silent-with-quotes": _set("positions", 0, "stance", value="silent"),
    "unique-items": _set("topics", value=["casualties", "casualties"]),
    "empty": _set("claim", value=""),
    "too-long": _set("claim", value="x" * 5001),
    "required": _set("verdict", value=_DELETE),
    "dependent-required": _set("positions", 1, "figures", 0, "date", value="2026-03-02"),
    "unknown-key": _set("positions", 0, "stanse", value="supports"),
    "explained-without-explanation": _set("contradictions", 0, "explained", value=True),
    "negative-figure": _set("positions", 0, "figures", 0, "value", value=-1),
    "boolean-for-text": _set("claimant", value=True),
    "date-pattern": _set("dates", 0, "date", value="1 March"),
}


def _document(project: Callable[..., Path]) -> Document:
    loaded = load_document(project() / CLAIM, CLAIM)
    assert isinstance(loaded, Document)
    return loaded


def _with(doc: Document, data: Any) -> Document:
    return dataclasses.replace(doc, data=data)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_invalid_documents_are_never_cleared_by_the_fast_path(project: Callable[..., Path], name: str) -> None:
    doc = _document(project)
    data = copy.deepcopy(doc.data)
    MUTATIONS[name](data)
    broken = _with(doc, data)
    assert list(schema._validator("claim", VOCABULARIES).iter_errors(data)), "the mutation must break the schema"
    assert not schema._passes_fast(broken, "claim", VOCABULARIES)
    assert schema.schema_errors(broken, "claim", VOCABULARIES)


def test_the_real_content_is_cleared_by_both_validators() -> None:
    for path in sorted((REPO / "content").rglob("*.yaml")):
        kind = {"claims": "claim", "sources": "source"}.get(path.parent.name, path.stem)
        doc = load_document(path, str(path))
        assert isinstance(doc, Document)
        assert schema._passes_fast(doc, kind), path
        assert list(schema._validator(kind).iter_errors(doc.data)) == [], path
