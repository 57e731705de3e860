"""Redirect pages: the former address of a renamed claim or source (its ``aliases``, checked in check/aliases.py).

A redirect page is a small static HTML file at the old address (claims/<alias>.html, sources/<alias>.html)
that sends the reader on with ``<meta http-equiv="refresh">`` and a plain link, both relative so they work from disk.
It runs no script, loads nothing (its Content-Security-Policy allows nothing) and asks not to be indexed.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING

from generator.translations import english

if TYPE_CHECKING:
    from generator.settings import SiteInfo
    from generator.translations import Language

POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"


def redirect_page(page: str, title: str, site: SiteInfo, language: Language | None = None, kind: str = "claim") -> str:
    """The page left at a claim's or a source's former address, in the folder of its page ``page`` (its address
    from render/pages, e.g. claims/death-toll.html), pointing to it; ``kind`` names it in the sentence, in the
    words of ``language``."""
    language = language or english()
    target = html.escape(posixpath.basename(page))  # the former address lies beside the page
    shown = html.escape(title)
    link = f'<a href="{target}"{language.dir_attr(title)}>{shown}</a>'
    moved = html.escape(language.gettext("Moved: %(title)s")) % {"title": shown}
    if kind == "source":
        sentence = html.escape(language.gettext("This source has moved: %(link)s.")) % {"link": link}
    else:
        sentence = html.escape(language.gettext("This claim has moved: %(link)s.")) % {"link": link}
    rtl = ' dir="rtl"' if language.direction == "rtl" else ""  # a page reads left to right unless told
    canonical = ""
    if site.url:
        canonical = f'<link rel="canonical" href="{html.escape(site.url.rstrip("/"))}/{html.escape(page)}">\n'
    return (
        f'<!doctype html>\n<html lang="{html.escape(site.language)}"{rtl}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={target}">\n'
        f"{canonical}<title>{moved}</title>\n</head>\n<body>\n"
        f"<p>{sentence}</p>\n</body>\n</html>\n"
    )
