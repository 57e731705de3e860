"""Source references in editor prose: ``{alvi-analysis}`` renders as the source's name, linked.

Readers never see a source id. The check refuses a reference to an unknown source and a bare source id
written in any reader-facing text; the render helpers replace each reference with the source's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from generator.check import schema
from generator.check.markup import point_at, texts
from generator.document import Document
from generator.errors import ContentError
from generator.model import Source
from generator.translations import Language, english

REF = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\}")
TERM = re.compile(r'\{(“[^“”{}\n]*”|"[^"“”{}\n]*")\}')  # {"so-called"}: a term in quotation marks (quotations.py)
_AFTER_THE = re.compile(r"(?:^|\W)the\s+$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")
_IN_SENTENCE = re.compile(r"(?:[\w,;:)]\s+|\()$")
# What Markdown reads as inline syntax inside a link's text: emphasis, code, links, images, autolinks (<...>),
# entities (&), escapes (\), braces; block syntax (#, -, 1.) cannot start inside a link's text.
_PUNCTUATION = re.compile(r"[\\`*_\[\]()<>&!{}]")
# Reader-facing fields that the pages print as written: a reference there would show as "{id}".
UNRENDERED = frozenset({"title", "headline", "short", "name", "author", "outlook", "label", "definition", "says", "of",
                         "outlet", "reproduction", "unknown_reason", "postal_address", "role"})  # fmt: skip


def after_the(name: str) -> str:
    """A display name as it reads after "the": names are written to stand alone ("Essay by ..."), so the
    first letter is lower-cased ("the essay by ..."); a name that starts with a quotation mark is unchanged."""
    return name[:1].lower() + name[1:]


def _name(match: re.Match[str], source: Source, words: Language | None) -> str:
    """The name as the reference reads in its sentence: a name takes "the" ("the essay by ..."); the site
    supplies the article where the text has none (older entries were written for names that needed none).
    The article is the site's language's (``words``, English without): a language without one gives the name."""
    text, at = match.string, match.start()
    words = words or english()
    if _AFTER_THE.search(text, 0, at):
        return after_the(source.name) if words.has_article else source.name
    if _SENTENCE_START.search(text, 0, at):
        return _article(words.gettext("The %(name)s"), source.name)
    if _IN_SENTENCE.search(text, 0, at):
        return _article(words.gettext("the %(name)s"), source.name)
    return source.name


def _article(form: str, name: str) -> str:
    """``name`` in ``form`` ("the %(name)s"), lower-cased after the article; as written when there is none."""
    return name if form == "%(name)s" else form % {"name": after_the(name)}


def plain(text: str, sources: Mapping[str, Source], markdown: bool = False, words: Language | None = None) -> str:
    """``text`` with every reference replaced by the source's name (for titles, JSON-LD, labels).

    With ``markdown``, for text that is then read as Markdown, the names are escaped: a name is text.
    """
    name = as_text if markdown else str
    text = unmark_terms(text)
    return REF.sub(lambda m: name(_name(m, sources[m.group(1)], words)) if m.group(1) in sources else m.group(), text)


def as_text(name: str) -> str:
    """``name`` written so that Markdown shows it as text: its syntax characters as character references, so
    that no emphasis, code, link, autolink (``<https://...>``) or entity in a source's name takes effect."""
    return _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", name)


def linked(
    text: str, sources: Mapping[str, Source], page_of: Callable[[Source], str], words: Language | None = None
) -> str:
    """``text`` with every reference replaced by a Markdown link to the source's page, whose address
    ``page_of`` gives (render/pages.href, the one owner of addresses)."""

    def link(match: re.Match[str]) -> str:
        source = sources.get(match.group(1))
        if source is None:
            return match.group()
        return f"[{as_text(_name(match, source, words))}]({page_of(source)})"

    return REF.sub(link, unmark_terms(text))


def unmark_terms(text: str) -> str:
    """``text`` with each ``{"term"}`` (a term in quotation marks, not a quotation) shown as ``"term"``."""
    return TERM.sub(lambda m: m.group(1), text)


def ref_errors(docs: Iterable[Document], source_ids: set[str]) -> Iterator[ContentError]:
    """References to unknown sources, and bare source ids, in the reader-facing text of ``docs``."""
    names = "|".join(map(re.escape, sorted(source_ids, key=len, reverse=True)))
    bare = re.compile(rf"(?<![\w-])({names})(?![\w-])")
    for doc in docs:
        for where, text in texts(doc.data, not_prose):
            field = next((key for key in reversed(where) if isinstance(key, str)), "")
            unrendered = field in UNRENDERED
            for match in REF.finditer(text):
                if unrendered:
                    message = f"{match.group()}: references are not rendered in {field}; name the source in words"
                    yield point_at(doc.error(where, message), match.group(), ("",))
                elif match.group(1) not in source_ids:
                    message = f"{{{match.group(1)}}} names no source in content/sources/"
                    yield point_at(doc.error(where, message), match.group(), ("",))
            if not source_ids:
                continue
            for match in bare.finditer(REF.sub(lambda m: " " * len(m.group()), text)):
                advice = "name the source in words" if unrendered else f"write {{{match.group()}}}"
                message = f"bare source id {match.group()!r}: readers see names; {advice}"
                yield point_at(doc.error(where, message), match.group(), ("",))


def not_prose(key: str, item: Any) -> bool:
    """Whether ``key: item`` holds ids, vocabulary or verbatim seed text rather than editor prose: its schema
    says ``"x-prose": false`` (generator/schemas/)."""
    # A list of records under such a key (quotes with their voice, topics with their labels) still holds
    # prose of ours beside the ids and verbatim text its records' own keys mark.
    return key in schema.not_prose() and not (isinstance(item, list) and any(isinstance(i, dict) for i in item))
