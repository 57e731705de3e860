"""LinkChecker 10 as the tests run it (sitecheck.all_broken_links): ``python tests/linkchecker_once.py ARGS...``.

Two changes to how it runs, neither to what it finds:

- It runs as root without switching to the user 'nobody' (older versions had --allow-root; it is gone). In a
  checkout nobody cannot read (under /root, any mode-0700 folder) its plugins then fail to load without a word,
  and the anchor check is skipped. It only reads the site we built.
- Each page is parsed and walked once. LinkChecker checks ``page.html#a`` and ``page.html#b`` as two URLs and,
  for each, parses the whole page again and walks every element, taking each one's text (its link finder does):
  786 parses of the edition's 60 pages, most of its time. The same markup gives the same tree and the same links,
  so each is computed once.
- A page's links are handed on once per page, not once per anchor of it. ``page.html#b`` found the links
  ``page.html#a`` had already queued (a link resolves the same against either), and LinkChecker built a URL object
  for each only to drop it as already queued: 60,000 objects for 1,500 links, most of what was left of its time.
  A link whose URL is wrong in itself was reported once per anchor; it is reported once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import linkcheck.command.linkchecker as cli
from linkcheck.htmlutil import htmlsoup, linkparse

_make_soup, _find_links = htmlsoup.make_soup, linkparse.find_links
_soups: dict[tuple[Any, Any], Any] = {}
_links: dict[tuple[int, int], list[tuple[Any, dict[str, Any]]]] = {}
_handed: set[tuple[int, int, str]] = set()  # (soup, tags, page address without its fragment) already handed on


def make_soup(markup: Any, from_encoding: Any = None) -> Any:
    """LinkChecker's tree of ``markup``, made once for the same markup (kept, so its id stays its own)."""
    key = (markup, from_encoding)
    if key not in _soups:
        _soups[key] = _make_soup(markup, from_encoding)
    return _soups[key]


def find_links(soup: Any, callback: Callable[..., Any], tags: Any) -> None:
    """LinkChecker's walk of ``soup`` for ``tags``, done once; its links handed to the first URL of each page
    that asks (``callback`` is that URL's ``add_url``), in the order found, and to no other URL of that page."""
    key = (id(soup), id(tags))
    if key not in _links:
        found: list[tuple[Any, dict[str, Any]]] = []
        _find_links(soup, lambda url, **where: found.append((url, where)), tags)
        _links[key] = found
    asking = getattr(getattr(callback, "__self__", None), "url", None)  # the URL being parsed, or None
    if isinstance(asking, str):
        page = (*key, asking.split("#", 1)[0])
        if page in _handed:
            return
        _handed.add(page)
    for url, where in _links[key]:
        callback(url, **where)


if __name__ == "__main__":
    cli.drop_privileges = lambda: None
    htmlsoup.make_soup, linkparse.find_links = make_soup, find_links
    sys.argv[0] = "linkchecker"
    sys.exit(cli.linkchecker())
