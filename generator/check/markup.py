"""Markup editors may not write: raw HTML, unsafe link targets, attribute lists. Part of the check.

Rendering is safe regardless (prose.py drops all of it): this makes an editor's mistake, or a hostile
pull request, a located check error instead of something silently changed on the page. Quotes are exempt:
they are verbatim seed text and are always shown escaped.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from generator.document import Document, Path_
from generator.errors import ContentError
from generator.render.prose import _ProseExtension, link_target, safe_href

_TAG = re.compile(r"<(?:/?[A-Za-z][\w-]*(?:[\s/][^<>]*)?>|!--|![A-Za-z])")  # not <https://...> autolinks
# {: .class }, {#id}, { onclick="..." }: the attr_list syntax (never enabled, but not text either).
_ATTR_LIST = re.compile(r"(?<!\{)\{:?[ \t]*(?:[.#][\w-]|[\w-]+[ \t]*=)[^{}\n]*\}(?!\})")
# Python-Markdown nests one list per marker on a line ("1. 1. 1. ...") and recurses once per level: a few
# hundred exhaust Python's stack; and it reads many '[' in one text in super-linear time.
_LIST_CHAIN = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+){8}", re.M)
MAX_BRACKETS = 200
_SHOWN = 40


class _Links(Treeprocessor):
    """Records every link target Markdown finds, before prose.py's sanitiser sees it."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.found.extend(e.get("href", "") for e in root.iter("a"))


class _LinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Links(md), "fc_links", 1)  # above the sanitiser (0): runs first


_MD = markdown.Markdown(extensions=[_ProseExtension(), _LinksExtension()], output_format="html")
_RECORDER: Any = _MD.treeprocessors["fc_links"]


def markup_errors(doc: Document) -> list[ContentError]:
    """Every piece of disallowed markup in the text fields of ``doc`` (the verbatim passages of quotes excepted)."""
    return [
        point_at(doc.error(where, message), needle)
        for where, text in texts(doc.data, lambda _key, _item: False)
        if not verbatim(where)
        for message, needle in _problems(text)
    ]


def verbatim(where: Path_) -> bool:
    """Whether the text at ``where`` is a passage of a seed (a quote as a string, or a quote record's ``text``);
    the editor's words around it (whose words: ``of``) are not."""
    if len(where) >= 2 and isinstance(where[-1], int):
        return where[-2] == "quotes"
    return len(where) >= 3 and where[-1] == "text" and where[-3] in ("quotes", "explanation_quotes")


def point_at(error: ContentError, needle: str, after: tuple[str, ...] = ("(", "]: ", "")) -> ContentError:
    """Point the column at ``needle`` when it is written as is on the value's line (it is, unless escaped).

    It is looked for after each of ``after`` in turn: a link target after its "(" or "]: " first, so that
    "//x" is not found inside "http://x".
    """
    line, start = error.source_line, error.column - 1
    for before in after:
        found = line.find(before + needle, start) if needle else -1
        if found >= 0:
            return dataclasses.replace(error, column=found + len(before) + 1)
    return error


def texts(value: Any, skip: Callable[[str, Any], bool], where: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(path, text) of every string in ``value``, leaving out each ``key: item`` for which ``skip`` is true."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not skip(key, item):
                yield from texts(item, skip, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, skip, (*where, index))


def _problems(text: str) -> Iterator[tuple[str, str]]:
    """(message, the offending text) for each problem in ``text``."""
    if chain := _LIST_CHAIN.search(text):
        yield "starts 8 or more lists on one line; Markdown would nest them inside each other", chain.group()
        return
    if text.count("[") > MAX_BRACKETS:
        count = text.count("[")
        yield f"has {count} '[' characters; the limit is {MAX_BRACKETS} (Markdown reads many slowly)", ""
        return
    for tag in _TAG.finditer(text):
        yield f"raw HTML is not allowed ({_shorten(tag.group())}); write plain text or Markdown", tag.group()
    for attrs in _ATTR_LIST.finditer(text):
        yield f"Markdown attribute lists are not allowed ({_shorten(attrs.group())})", attrs.group()
    for href in _links(text):
        if not safe_href(href):
            target = _shorten(link_target(href) if AMP_SUBSTITUTE in href else href)  # Markdown's, not written
            yield f"link target {target!r} is not allowed; use an http:// or https:// address", href


def _links(text: str) -> list[str]:
    if "[" not in text and "<" not in text:
        return []  # no link syntax: skip the Markdown parse
    _RECORDER.found = []
    _MD.reset().convert(text)
    found: list[str] = _RECORDER.found
    return found


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
