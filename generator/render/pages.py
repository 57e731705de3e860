"""Every output page: where it goes, which template renders it, and which content files it reads.

The one owner of page paths. ``site_pages`` lists them; ``href`` makes a link relative from a page's depth
(the templates' ``url_for``); ``path_errors`` refuses two pages, or a page and a static file of the docs
folder, that would be written to the same place. Adding a page type is one entry in ``site_pages`` and one
template.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.check.kinds import KINDS
from generator.document import Document
from generator.errors import ContentError
from generator.model import Claim, Content, Source
from generator.render.navigation import neighbours, topic_groups

FEED = "feed.xml"  # the Atom feed (feed.py)
HOME, ABOUT, CLAIMS = "index.md", "about.md", "claims.md"  # the home page; who publishes; every claim, listed
SOURCES = "sources/index.md"  # every source, listed
DATA_FILE = "claims.json"  # every claim as data (structured.py)
EVERYTHING = "*"  # in Page.inputs: the page reads every content file (a list, a table of every claim)
SINGLES = tuple(kind.location for kind in KINDS if not kind.folder)  # edition, stances, verdicts, topics
# The fixed pages, each rendered by the template of the same name, that list or count every claim.
LISTS = (HOME, CLAIMS, "contradictions.md", "matrix.md", "methodology.md", "corrections.md")
# Under mkdocs.yml's ``extra`` (set by the plugin, and in the config written for Zensical): theme_links().
THEME_LINKS = "factcheck_links"


@dataclass(frozen=True)
class Page:
    """One generated file of the docs folder."""

    path: str  # where it goes in the docs folder, e.g. "claims/death-toll.md"; the site serves it as .html
    template: str  # the template that renders it (site_templates/pages/), or DATA for a data file
    context: Mapping[str, Any] = field(default_factory=dict)  # its own template variables, e.g. {"claim": ...}
    inputs: tuple[str, ...] = (EVERYTHING,)  # the content and seed files it reads (project-relative)
    origin: Document | None = field(default=None, compare=False, repr=False)  # the file whose id names the page


DATA = "(data)"  # Page.template of claims.json: written by structured.export_json, not by a template
FEED_PAGE = "(feed)"  # Page.template of feed.xml: written by feed.render_feed
THEME_ON_DEMAND = "theme_on_demand"  # its key in THEME_LINKS, with MkDocs only (mkdocs/plugin.py)
THEME_ON_DEMAND_SCRIPT = "assets/theme-on-demand.js"  # loads Material's bundle at a first interaction
VERDICT_COLOURS = "assets/verdicts.css"  # the verdicts' colours as CSS, from content/verdicts.yaml
CARD = "(card)"  # Page.template of a claim's social card (PNG bytes): drawn by card.social_card


@dataclass(frozen=True)
class Drawn:
    """A generated file made only when it is written (a social card): a build draws one card at a time, never
    holding them all. Two are equal when they would draw the same bytes (the same function and arguments)."""

    draw: Callable[..., bytes]  # a pure function: the same arguments give the same bytes
    arguments: tuple[Any, ...]

    def data(self) -> bytes:
        """The file's bytes, drawn now."""
        return self.draw(*self.arguments)


@dataclass(frozen=True)
class Encoded:
    """A generated text held as UTF-8 until it is written: a build holds every page from the render until its
    engine starts. Python keeps a text with a single character beyond Latin-1 (a typographic quote, an Urdu
    letter) at two bytes a character, or four; at 5,000 claims the pages' text was most of a build's memory."""

    utf8: bytes

    def text(self) -> str:
        return self.utf8.decode("utf-8")


# A generated file: text (held as UTF-8 by a build), the bytes of an image, or an image drawn as it is written.
Output = str | bytes | Drawn | Encoded


def held(output: Output) -> Output:
    """``output`` as a build holds it until it is written: a text as UTF-8 (``Encoded``)."""
    return Encoded(output.encode("utf-8")) if isinstance(output, str) else output


def materialise(pages: Mapping[str, Output]) -> dict[str, str | bytes]:
    """``pages`` with every ``Drawn`` file drawn, every text a str: for the callers that hold every file anyway
    (the previews)."""
    return {path: _material(output) for path, output in pages.items()}


def _material(output: Output) -> str | bytes:
    if isinstance(output, Drawn):
        return output.data()
    return output.text() if isinstance(output, Encoded) else output


REDIRECT = "(redirect)"  # Page.template of a renamed claim's or source's former address: redirects.redirect_page


def claim_path(claim_id: str) -> str:
    """The docs path of a claim's page."""
    return f"claims/{claim_id}.md"


def source_path(source_id: str) -> str:
    """The docs path of a source's page."""
    return f"sources/{source_id}.md"


def card_path(claim_id: str) -> str:
    """Where a claim's social card (card.py) goes in the site."""
    return f"assets/cards/{claim_id}.png"


def alias_path(folder: str, alias: str) -> str:
    """The former address of a renamed claim or source (``folder``: claims or sources), a redirect page."""
    return f"{folder}/{alias}.html"


def theme_links() -> dict[str, str]:
    """The addresses, from the site's root, of the pages the theme's own templates link to on every page."""
    return {
        "about": html_path(ABOUT),
        "claims": html_path(CLAIMS),
        "data": DATA_FILE,
        "feed": FEED,
        "verdict_colours": VERDICT_COLOURS,
    }


PLUGIN = "factcheck-explainer"  # our MkDocs plugin's name under mkdocs.yml's ``plugins``


def without_plugin(mkdocs: Mapping[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's settings (``settings.read_mkdocs_yml``) for a build that runs without our plugin (Zensical, the
    benchmark's baseline), with what the plugin adds to MkDocs' configuration: the ids the pages give their
    headings (``attr_list``; mkdocs/assets.use_heading_ids) and the addresses the theme links to."""
    from generator.translations import HEADING_IDS

    config = dict(mkdocs)
    config["plugins"] = [item for item in config.get("plugins") or [] if _name(item) != PLUGIN]
    extensions = list(config.get("markdown_extensions") or [])
    config["markdown_extensions"] = extensions + [HEADING_IDS] * all(_name(item) != HEADING_IDS for item in extensions)
    config["extra"] = {**(config.get("extra") or {}), THEME_LINKS: theme_links()}
    return config


def _name(item: str | Mapping[str, Any]) -> str:
    """The name of an entry of mkdocs.yml's ``plugins`` or ``markdown_extensions``: a name, or a one-key mapping
    from the name to its options."""
    return item if isinstance(item, str) else next(iter(item))


def site_pages(content: Content) -> list[Page]:
    """Every page of the site, in a stable order: the lists, the sources' index, claims, sources, the data."""
    sources = tuple(source.doc.path for source in content.sources)
    pages = [Page(name, name) for name in LISTS]
    pages.append(Page(SOURCES, "sources.md"))
    pages.append(Page(ABOUT, "about.md", {}, ("content/publisher.yaml",)))
    pages += _claim_pages(content)
    pages += [
        Page(source_path(source.id), "source.md", {"source": source}, (EVERYTHING,), source.doc)  # every claim
        for source in content.sources  # has a position for every source: its page reads them all
    ]
    pages.append(Page(DATA_FILE, DATA))
    pages.append(Page(VERDICT_COLOURS, "verdicts.css", {}, ("content/verdicts.yaml",)))  # linked by main.html
    pages += [  # the card shows the headline, the verdict's label and colour, and the site's name
        Page(card_path(claim.id), CARD, {"claim": claim}, (claim.doc.path, "content/verdicts.yaml"), claim.doc)
        for claim in content.listed
    ]
    pages.append(Page(FEED, FEED_PAGE))  # every published claim, dated by the content
    pages += [  # the redirect names the claim: it reads the claim's file and the sources it may name
        Page(alias_path("claims", alias), REDIRECT, {"claim": claim}, (claim.doc.path, *sources), claim.doc)
        for claim in content.claims
        for alias in claim.aliases
    ]
    pages += [  # a renamed source's former address: the redirect names the source, from its own file
        Page(alias_path("sources", alias), REDIRECT, {"source": source}, (source.doc.path,), source.doc)
        for source in content.sources
        for alias in source.aliases
    ]
    return pages


def _claim_pages(content: Content) -> list[Page]:
    """A page per claim; it reads its own file, its related and neighbouring claims', and every source's name."""
    by_id = {claim.id: claim for claim in content.claims}
    around = neighbours(topic_groups(content))
    shared = (*SINGLES, *(source.doc.path for source in content.sources))
    pages = []
    for claim in content.claims:
        _, previous, following = around.get(claim.id, (None, None, None))
        near = [by_id[i] for i in claim.related if i in by_id] + [c for c in (previous, following) if c]
        files = tuple(dict.fromkeys([claim.doc.path, *(c.doc.path for c in near), *shared]))
        pages.append(Page(claim_path(claim.id), "claim.md", {"claim": claim}, files, claim.doc))
    return pages


def claim_page(claim_id: str) -> str:
    """The address the site serves a claim's page at, e.g. claims/death-toll.html (the feed, the redirects)."""
    return html_path(claim_path(claim_id))


def html_path(path: str) -> str:
    """The address the site serves a docs file at (Markdown becomes .html)."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def href(page: str, target: Claim | Source | str, anchor: str = "") -> str:
    """A link from the docs file ``page`` to ``target`` (a claim, a source, or a docs path), from the page's depth."""
    if isinstance(target, Claim):
        target = claim_path(target.id)
    elif isinstance(target, Source):
        target = source_path(target.id)
    return "../" * page.count("/") + html_path(target) + (f"#{anchor}" if anchor else "")


def depth_prefix(page: str) -> str:
    """What leads from ``page`` back to the root of the site: "" or "../" per folder."""
    return "../" * page.count("/")


def path_errors(pages: Iterable[Page], static: Iterable[str] = (), docs_dir: str = "docs") -> list[ContentError]:
    """An error for every page whose output path another page, or a static file of the docs folder, has already.

    ``static`` names the files of ``docs_dir`` relative to it; MkDocs would serve them at the same address.
    """
    errors: list[ContentError] = []
    taken: dict[str, Page] = {}
    for page in pages:
        target = html_path(page.path)
        if (holder := taken.get(target)) is None:
            taken[target] = page
        elif holder.template != page.template and REDIRECT not in (holder.template, page.template):
            # two of one kind share an id, or an alias another claim's id: the check names those already
            errors.append(_clash(page, target, _described(holder)))
    for name in sorted(static):
        if (holder := taken.get(html_path(name))) is not None:
            message = f"is served at {html_path(name)}, where the site already has {_described(holder)}; rename it"
            errors.append(ContentError(posixpath.join(docs_dir, name), 1, 1, "(file)", message))
    return errors


def _described(page: Page) -> str:
    if page.origin is None:
        return f"the page made from the template {page.template}"
    return f"the page of {page.origin.path}"


def _clash(page: Page, target: str, holder: str) -> ContentError:
    if page.origin is not None:
        message = f"{page.origin.data['id']!r} would put its page at {target}, where the site already has {holder}"
        return page.origin.error(("id",), f"{message}; choose another id")
    message = f"the page would be written to {target}, where the site already has {holder}"
    return ContentError(posixpath.join("site_templates/pages", page.template), 1, 1, "(page)", message)
