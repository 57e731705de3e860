"""Markup editors may not write: raw HTML, unsafe link targets, attribute lists. Part of the check.

Rendering is safe regardless (prose.py drops all of it): this makes an editor's mistake, or a hostile
pull request, a located check error instead of something silently changed on the page. Quotes are exempt:
they are verbatim seed text and are always shown escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .errors import ContentError
from .load import Document, Path_
from .prose import _ProseExtension, safe_href

_TAG = re.compile(r"<(?:/?[A-Za-z][\w-]*(?:[\s/][^<>]*)?>|!--|![A-Za-z])")  # not <https://...> autolinks
# {: .class }, {#id}, { onclick="..." }: the attr_list syntax (never enabled, but not text either).
_ATTR_LIST = re.compile(r"(?<!\{)\{:?[ \t]*(?:[.#][\w-]|[\w-]+[ \t]*=)[^{}\n]*\}(?!\})")
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
    """Every piece of disallowed markup in the text fields of ``doc`` (quotes excepted)."""
    return [doc.error(where, message) for where, text in _texts(doc.data, ()) for message in _problems(text)]


def _texts(value: Any, where: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "quotes":
                yield from _texts(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*where, index))


def _problems(text: str) -> Iterator[str]:
    for tag in _TAG.finditer(text):
        yield f"raw HTML is not allowed ({_shorten(tag.group())}); write plain text or Markdown"
    for attrs in _ATTR_LIST.finditer(text):
        yield f"Markdown attribute lists are not allowed ({_shorten(attrs.group())})"
    for href in _links(text):
        if not safe_href(href):
            yield f"link target {_shorten(href)!r} is not allowed; use an http:// or https:// address"


def _links(text: str) -> list[str]:
    if "[" not in text and "<" not in text:
        return []  # no link syntax: skip the Markdown parse
    _RECORDER.found = []
    _MD.reset().convert(text)
    found: list[str] = _RECORDER.found
    return found


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
