"""The search sections of a generated page, read from its finished HTML without Python's html.parser.

Material's search plugin cuts each page's HTML into sections (one per heading with an id) with a parser built
on ``html.parser.HTMLParser``: at 1,000 claims that parse took more than half of MkDocs' time (issue #26). The
generated pages are HTML our templates write, in a narrow shape: tags with attributes whose values are in double
quotes (or absent), no comment or declaration, a script or style whose text holds no "<". ``sections`` reads
that shape with one regular expression and follows Material's parser step for step (``Parser`` in
``material/plugins/search/plugin.py``: which tags it keeps, skips and drops when empty, how it folds whitespace,
where a section starts and ends), so each section's title, text and id are the characters Material's parser
gives. HTML outside the shape gives None, and Material's parser reads that page as ever.
``tests/test_sections.py`` compares the two on every page the edition generates and on HTML that takes each
turn of Material's parser: a release of Material that reads a page otherwise fails there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

# One token of the known shape, matched where the last one ended: text up to the next "<", an end tag, or a
# start tag (its attributes: a name, then ="value" or nothing) closed by ">" or "/>". A "<" that starts none
# of these (a comment, a declaration, a stray "<") is outside the shape.
_TOKEN = re.compile(
    r"([^<]+)"
    r"|</([a-zA-Z][a-zA-Z0-9]*)>"
    r'|<([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n]+[a-zA-Z][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)[ \t\n]*(/?)>'
)
_ATTRIBUTE = re.compile(r'[ \t\n]+([a-zA-Z][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
# Elements whose content html.parser reads as raw text: script and style in every Python release, the others
# (textarea, title, ...) in the releases that followed the 2025 security fixes. A script (the claim pages'
# JSON-LD) or style is in the shape when its text holds no "<", so that every release ends it at the first
# "</script>" (or "</style>"); Material's parser skips that text whatever it is. The others are outside the shape.
_SKIPPED_TEXT = frozenset({"script", "style"})
_RAW_TEXT = frozenset({"textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})

# Material's Parser: the tags it skips with their content, keeps as markup, and never pushes (void).
_SKIPPED = ("object", "script", "style")
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_EXCLUDE = "data-search-exclude"
_PREFACE = "hx"  # the tag of a section that no heading opens (Material's Element("hx"))


@dataclass(frozen=True)
class Section:
    """One section of a page as Material's search parser gives it."""

    id: str | None  # the heading's id; None for the page's first section
    title: str  # the heading's text (markup kept as Material keeps it), not yet stripped; "" when it has none
    text: str  # the text up to the next heading, not yet stripped
    excluded: bool  # its heading carries data-search-exclude: Material indexes no entry for it


class _Open:
    """A section while it is read (Material's Section): its heading's tag and attributes, its depth."""

    __slots__ = ("attributes", "depth", "id", "tag", "text", "title")

    def __init__(self, tag: str, attributes: dict[str, str | None], depth: float) -> None:
        self.tag, self.attributes, self.depth = tag, attributes, depth
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []


def sections(html: str) -> list[Section] | None:
    """The sections Material's search parser reads in ``html``, or None when ``html`` is outside the shape."""
    reader, position, raw = _Reader(), 0, None
    for token in _TOKEN.finditer(html):
        if token.start() != position:  # a "<" that starts no token of the shape
            return None
        position = token.end()
        text, closed, opened, attributes, solidus = token.groups()
        if text is not None:  # up to the next "<"; in a script or style, its text (which Material skips)
            reader.data(unescape(text) if "&" in text else text)
            continue
        tag = (closed or opened).lower()
        if raw is not None and (closed is None or tag != raw):  # a "<" in a script's or style's text
            return None
        if closed is not None:
            reader.end(tag)
            raw = None
        elif tag in _RAW_TEXT:
            return None
        else:
            reader.start(tag, _attributes(attributes) if attributes else {})
            if solidus:  # html.parser reports <x/> as a start tag, then an end tag (and no raw text follows)
                reader.end(tag)
            elif tag in _SKIPPED_TEXT:
                raw = tag
    if position != len(html) or raw is not None:
        return None
    return [
        Section(section.id, "".join(section.title), "".join(section.text), _EXCLUDE in section.attributes)
        for section in reader.sections
    ]


def _attributes(written: str) -> dict[str, str | None]:
    """A start tag's attributes as html.parser gives them: names lower-cased, values unescaped, the last of
    two of one name kept, None for a name without a value."""
    found: dict[str, str | None] = {}
    for attribute in _ATTRIBUTE.finditer(written):
        name, value = attribute.groups()
        found[name.lower()] = unescape(value) if value and "&" in value else value
    return found


class _Reader:
    """Material's Parser, step for step, on counts of open tags: its Element compares by tag name only, so
    "an element of this tag is open" is all its membership tests ask."""

    def __init__(self) -> None:
        self.sections: list[_Open] = []
        self.section: _Open | None = None
        self.context: list[str] = []  # the open elements' tags, innermost last
        self.open: dict[str, int] = dict.fromkeys(_KEPT, 0)  # how many elements of each tag are open
        self.anchors: list[bool] = []  # of each open <a>, whether it is a permalink (class="headerlink")
        self.permalinks = 0  # how many of them are
        self.skip: set[str] = set(_SKIPPED)  # the tags whose open elements hide their content
        self.hidden = 0  # how many open elements have a tag in skip: while any does, nothing is kept

    def _current(self) -> _Open:
        if self.section is None:  # text or a tag before any heading: the preface
            self.section = _Open(_PREFACE, {}, 0)
            self.sections.append(self.section)
        return self.section

    def _pieces(self, section: _Open) -> list[str]:
        """Where the section's text goes: its title while an element of its heading's tag is open."""
        return section.title if self.open.get(section.tag) else section.text

    def _heading(self, tag: str, attributes: dict[str, str | None]) -> None:
        depth = len(self.context)
        if tag != "h1" and not self.sections:
            self.sections.append(_Open(_PREFACE, {}, depth))
        self.section = _Open(tag, attributes, depth)
        if self.sections:
            self.section.id = attributes["id"]
        self.sections.append(self.section)

    def start(self, tag: str, attributes: dict[str, str | None]) -> None:
        """Material's handle_starttag."""
        if tag in _VOID:
            return
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.hidden += tag in self.skip
        if tag == "a":
            self.anchors.append(attributes.get("class") == "headerlink")
            self.permalinks += self.anchors[-1]
        if tag in _HEADINGS and "id" in attributes:
            self._heading(tag, attributes)
        section = self._current()
        if _EXCLUDE in attributes or attributes.get("class") == "linenodiv":
            if tag not in self.skip:
                self.skip.add(tag)
                self.hidden += self.open[tag]
        elif tag in _KEPT and not self.hidden:
            self._pieces(section).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        """Material's handle_endtag."""
        context = self.context
        if not context or context[-1] != tag:
            return
        section = self._current()
        if section.depth > len(context):  # a heading nested in an element that closes: back to an outer section
            for outer in reversed(self.sections):
                if outer.depth <= len(context):
                    section.depth = float("inf")
                    self.section = section = outer
                    break
        context.pop()
        self.open[tag] -= 1
        if tag == "a":
            self.permalinks -= self.anchors.pop()
        if tag in self.skip:
            self.hidden -= 1
            if tag not in _SKIPPED:
                self.skip.remove(tag)
                self.hidden -= self.open[tag]
        elif tag in _KEPT and not self.hidden:
            self._close(self._pieces(section), tag)

    @staticmethod
    def _close(pieces: list[str], tag: str) -> None:
        at = pieces.index(f"<{tag}>")  # Material looks for the first one
        for index in range(at + 1, len(pieces)):
            if not pieces[index].isspace():
                pieces.append(f"</{tag}>")
                return
        del pieces[at:]  # an element holding nothing but whitespace is dropped

    def data(self, text: str) -> None:
        """Material's handle_data."""
        if self.hidden:
            return
        pre = self.open["pre"]
        if not pre:
            text = " " if text.isspace() else text.replace("\n", " ")
        section = self._current()
        if self.open.get(section.tag):
            if not self.permalinks:
                section.title.append(escape(text, quote=False))
        elif not text.isspace():
            section.text.append(escape(text, quote=False))
        elif pre or not section.text or not section.text[-1].isspace():
            section.text.append(text)
