"""The Atom 1.0 feed (feed.xml) of new, updated, corrected and withdrawn claims, dated by the content. No I/O.

One entry per published claim (published: the edition's publication date, or the claim's own; updated: its
latest corrections entry, if any), one per corrections entry made after publication (dated by the entry),
and for a withdrawn claim, instead of its own entry, one saying so (dated by the withdrawal, with the
reason). Before publication the feed has no entries. With ``site_url`` the ids are the pages' absolute
addresses; without it they are ``urn:uuid`` names derived from the site's name and the page, stable from
build to build, and the links are relative to feed.xml.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.check import refs
from generator.history import FileDates
from generator.model import Claim, Content, Correction, Source
from generator.render import masthead
from generator.render.pages import FEED, HOME, claim_page, html_path
from generator.render.prose import text_only
from generator.translations import english

if TYPE_CHECKING:
    from generator.settings import SiteInfo
    from generator.translations import Language

ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = "1970-01-01"  # the feed's own date when no entry has one: Atom requires it


@dataclass(frozen=True)
class Entry:
    """One item of the feed."""

    id: str  # stable IRI
    title: str
    link: str  # the page it points to
    published: str  # YYYY-MM-DD
    updated: str  # YYYY-MM-DD
    summary: str  # plain text


def render_feed(
    content: Content, site: SiteInfo, history: Mapping[str, FileDates], language: Language | None = None
) -> str:
    """The feed as XML text, entries newest first (ties in page order): the same content gives the same bytes.

    ``history`` (git's dates) is not read: the entries are dated by the content. Its words are ``language``'s.
    """
    language = language or english()
    entries = sorted(_entries(content, site, language), key=lambda e: (e.link, e.id))
    entries.sort(key=lambda e: e.updated, reverse=True)
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", _iri(site, FEED))
    _text(feed, "title", site.name)
    _text(feed, "subtitle", language.gettext("New, updated, corrected and withdrawn claims"))
    _text(feed, "updated", _stamp(max((e.updated for e in entries), default=_EPOCH)))
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=_href(site, FEED))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=_href(site, html_path(HOME)))
    author = ET.SubElement(feed, "author")
    publisher = masthead.publisher(content.masthead, site.repository)
    _text(author, "name", publisher.name if publisher else site.name)
    if publisher and publisher.url:
        _text(author, "uri", publisher.url)
    for entry in entries:
        _entry(feed, entry)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entries(content: Content, site: SiteInfo, language: Language) -> list[Entry]:
    sources = {s.id: s for s in content.sources}
    labels = {v.id: v.label for v in content.verdicts}
    entries = []
    for claim in content.claims:
        page, published = claim_page(claim.id), content.published_on(claim)
        if published is None:
            continue  # not published yet: nothing to announce
        title = plain_text(claim.headline, sources, language)
        log = content.corrections_of(claim)
        if claim.withdrawn:
            withdrawn, reason = claim.withdrawn.date, plain_text(claim.withdrawn.reason, sources, language)
            link = _href(site, f"{page}#withdrawn")
            said = language.gettext("Withdrawn: %(title)s") % {"title": title}
            entries.append(Entry(_iri(site, f"{page}#withdrawn"), said, link, withdrawn, withdrawn, reason))
        else:
            updated = max([published, *(c.date for c in log)])
            verdict = language.gettext("Verdict: %(verdict)s.") % {"verdict": labels[claim.verdict]}
            summary = f"{verdict} {plain_text(claim.bottom_line, sources, language)}"
            entries.append(Entry(_iri(site, page), title, _href(site, page), published, updated, summary))
        entries.extend(_corrections(claim, log, title, site, sources, language))
    return entries


def _corrections(claim: Claim, log: tuple[Correction, ...], title: str, site: SiteInfo,
                 sources: Mapping[str, Source], language: Language) -> list[Entry]:  # fmt: skip
    """An entry per correction made after publication, numbered in the whole log's order: the ids never change."""
    page = claim_page(claim.id)
    return [
        Entry(
            _iri(site, f"{page}#correction-{number}"),
            (
                language.gettext("Update: %(title)s")
                if item.kind == "update"
                else language.gettext("Correction: %(title)s")
            )
            % {"title": title},
            _href(site, f"{page}#corrections"),
            item.date,
            item.date,
            plain_text(item.note, sources, language),
        )
        for number, item in enumerate(claim.corrections, start=1)
        if item in log
    ]


def plain_text(text: str, sources: Mapping[str, Source], words: Language | None = None) -> str:
    """Editor text as the feed shows it: sources by name, no Markdown."""
    return text_only(refs.plain(text, sources, markdown=True, words=words))


def _entry(feed: ET.Element, entry: Entry) -> None:
    element = ET.SubElement(feed, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=entry.link)
    _text(element, "published", _stamp(entry.published))
    _text(element, "updated", _stamp(entry.updated))
    _text(element, "summary", entry.summary)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _stamp(day: str) -> str:
    """An RFC 3339 time for a UTC date: midnight, as git dates and corrections give days only."""
    return f"{day}T00:00:00Z"


def _href(site: SiteInfo, path: str) -> str:
    """The address of a page of the site: absolute with site_url, else relative to feed.xml (the site's root)."""
    return f"{site.url.rstrip('/')}/{path}" if site.url else path


def _iri(site: SiteInfo, path: str) -> str:
    """A permanent id: the absolute address with site_url, else a name-based UUID of the site's name and page."""
    if site.url:
        return _href(site, path)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'factcheck:{site.name}/{path}')}"
