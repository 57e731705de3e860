"""Adjustments to MkDocs + Material's output for readers, independent of our content.

- Every page's h1 heads its table of contents: Material's skip link then lands on the h1, and its sidebar
  shows the page's h2s (it drops the first entry when the page has an h1, assuming it is that h1).
- The 404 page gets the skip link Material gives only to pages with a table of contents (the plugin's
  ``on_template_context`` makes its asset links relative).
- The built site drops what readers never load: source maps, and lunr's language packs on an English site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.structure.toc import AnchorLink, TableOfContents

_H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_EMPTY_SKIP = re.compile(r'(<div data-md-component="skip">)\s*(</div>)')
_SOURCE_MAP = re.compile(rb"\n?/[/*]# sourceMappingURL=\S+?(?: \*/)?\s*$")
FALLBACK_ID = "page-title"


def heading_first(html: str, toc: TableOfContents) -> tuple[str, TableOfContents]:
    """``html`` with an id on its first h1, and ``toc`` as that h1's children (unchanged without an h1)."""
    found = _H1.search(html)
    if found is None or any(item.level == 1 for item in toc):
        return html, toc
    ids = _ID.search(found.group(1))
    anchor = ids.group(1) if ids else FALLBACK_ID
    if not ids:
        html = f'{html[: found.start()]}<h1 id="{FALLBACK_ID}"{found.group(1)}>{html[found.start(2) :]}'
    title = " ".join(_TAG.sub("", found.group(2)).split())
    top = AnchorLink(title, anchor, 1)
    top.children = list(toc)
    return html, TableOfContents([top])


def add_skip_link(html: str, label: str = "Skip to content") -> str:
    """A theme page (404.html) with a skip link to its h1, as Material gives every other page."""
    found = _H1.search(html)
    ids = _ID.search(found.group(1)) if found else None
    if ids is None:
        return html
    link = f'<a href="#{ids.group(1)}" class="md-skip">{label}</a>'
    return _EMPTY_SKIP.sub(lambda m: m.group(1) + link + m.group(2), html, count=1)


def trim(site: Path, languages: list[str]) -> int:
    """Delete the source maps and (on an English-only site) lunr's language packs; return the bytes saved."""
    saved = 0
    assets = site / "assets"
    for path in sorted(assets.rglob("*.map")):
        saved += path.stat().st_size
        path.unlink()
    for path in sorted([*assets.rglob("*.js"), *assets.rglob("*.css")]):
        data = path.read_bytes()
        stripped = _SOURCE_MAP.sub(b"", data)
        if stripped != data:
            saved += len(data) - len(stripped)
            path.write_bytes(stripped)
    lunr = assets / "javascripts" / "lunr"
    if languages == ["en"] and lunr.is_dir():  # the search worker loads these only for other languages
        saved += sum(path.stat().st_size for path in lunr.rglob("*") if path.is_file())
        shutil.rmtree(lunr)
    return saved
