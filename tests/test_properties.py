"""Property tests: whatever bytes or YAML structures arrive, the loader and the check either succeed or
report our own errors, never another exception; and whatever the text, rendered prose carries no script."""

from __future__ import annotations

import copy
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINI, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.load import Document, load_document
from generator.check.markup import _problems
from generator.check.validate import check_project
from generator.errors import CheckFailed, ContentError
from generator.model import Content
from generator.render.prose import prose

TOLL = "content/claims/death-toll.yaml"
SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces of YAML syntax, so random files reach the parser's corners, not only its first line.
TOKENS = [
    "a", "id", ":", ": ", " ", "  ", "\n", "\r\n", "\t", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!python/object:os.system ",
    "!x ", "'", '"', "\\", "#", "---\n", "...\n", "? ", "|\n", ">-\n", "%YAML 1.1\n", "<<: ", "\ufeff", "\x00", "\x85",
    "\u2028", "\u202e", ".nan", "-.inf", "no", "on", "0x1F", "1e400", "~", "2026-02-30", "é", "😀", "<script>", "[x](javascript:y)",
]  # fmt: skip
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.dates().map(str)
STRUCTURES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mini project for all examples; each example rewrites only the claim file."""
    return write_project(tmp_path_factory.mktemp("props"), dict(MINI))


def _load(path: Path, raw: bytes) -> Document | list[ContentError]:
    path.write_bytes(raw)
    result = load_document(path, "x.yaml")
    assert isinstance(result, Document) or (result and all(isinstance(e, ContentError) for e in result))
    return result


def _check(root: Path, text: str) -> Content | CheckFailed:
    (root / TOLL).write_text(text, encoding="utf-8")
    try:
        return check_project(root)
    except CheckFailed as failed:
        assert failed.errors and all(e.line >= 1 and e.column >= 1 for e in failed.errors)
        return failed


@SETTINGS
@given(st.binary(max_size=600))
def test_arbitrary_bytes_load_or_fail_cleanly(root: Path, raw: bytes) -> None:
    _load(root / "bytes.yaml", raw)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_yaml_like_text_loads_or_fails_cleanly(root: Path, text: str) -> None:
    _load(root / "tokens.yaml", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(STRUCTURES)
def test_arbitrary_structures_as_a_claim_check_or_fail_cleanly(root: Path, data: Any) -> None:
    result = _check(root, yaml.safe_dump(data, allow_unicode=True))
    assert isinstance(result, CheckFailed)  # nothing random is a valid claim


def _paths(value: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [where]
    if isinstance(value, dict):
        found += [p for key, item in value.items() for p in _paths(item, (*where, key))]
    elif isinstance(value, list):
        found += [p for index, item in enumerate(value) for p in _paths(item, (*where, index))]
    return found


VALID = yaml.safe_load(textwrap.dedent(MINI[TOLL]))
PATHS = _paths(VALID)[1:]


@SETTINGS
@given(st.sampled_from(PATHS), STRUCTURES)
def test_a_valid_claim_with_one_value_replaced_checks_or_fails_cleanly(
    root: Path, where: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(VALID)
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    _check(root, yaml.safe_dump(data, allow_unicode=True))


MARKDOWN = [
    "[", "]", "(", ")", "<", ">", "a", " ", "\n", "\n\n", "1. ", "- ", "> ", "*", "_", "`", "javascript:", "JaVa\tScript:",
    "&#106;avascript:", "&#x6A;", "&colon;", "data:", "vbscript:", "script", "img", " onerror=", "=", '"', "'", "{:", "}", "!", "\\",
    "&", "#", ";", "http://x", "//", "[r]: ", "<!--", "/", "{{ config }}",
]  # fmt: skip
TARGET = [
    "javascript:", "&#106;avascript:", "java&#x73;cript:", "javascript&colon;", "JAVASCRIPT:", "data:", "vbscript:",
    "\t", " ", "\x01", "//", "\\\\", "http://x", "alert(1)", "#", "/", "&amp;",
]  # fmt: skip
LINK = st.lists(st.sampled_from(TARGET), max_size=5).map(lambda t: f"[x]({''.join(t)})")
LINK |= st.lists(st.sampled_from(TARGET), max_size=5).map(lambda t: f"[x][r]\n\n[r]: {''.join(t)}")
ELEMENTS = {"p", "ul", "ol", "li", "blockquote", "em", "strong", "code", "a", "br", "span"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@SETTINGS
@given(st.lists(st.sampled_from(MARKDOWN) | LINK, max_size=40).map("".join))
def test_prose_never_yields_script_whatever_the_check_says(text: str) -> None:
    list(_problems(text))  # the check's reading of the text: must not raise either
    parser = _Html()
    parser.feed(str(prose(text)))
    for tag, attrs in parser.found:
        assert tag in ELEMENTS, (text, tag)
        for name, value in attrs:
            assert name in ("href", "rel"), (text, tag, name)
            # attribute values arrive decoded; browsers drop tabs and newlines anywhere and trim C0 and
            # spaces at the ends, but keep inner spaces ("/   //" is a same-origin path, not "//")
            target = re.sub(r"[\t\n\r]", "", value or "").strip("".join(map(chr, range(0x21)))).lower()
            assert not target.startswith(("javascript:", "data:", "vbscript:", "//", "\\\\")), (text, value)
