"""Former ids of renamed claims (``aliases``): the check keeps them unique, the build writes redirect pages.

A redirect page is a small static HTML file at the old address (claims/<alias>.html) that sends the
reader on with ``<meta http-equiv="refresh">`` and a plain link, both relative so they work from disk.
It runs no script, loads nothing (its Content-Security-Policy allows nothing) and asks not to be indexed.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.check.crosscheck import reserved_name
from generator.errors import ContentError
from generator.model import Content

if TYPE_CHECKING:
    from generator.render.render import SiteInfo

POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"


def alias_errors(content: Content, claim_files: set[str]) -> Iterator[ContentError]:
    """An alias may not be a claim's id (``claim_files``: every claim file on disk) nor another claim's alias."""
    owner: dict[str, str] = {}
    for claim in content.claims:
        for index, alias in enumerate(claim.aliases):
            where = ("aliases", index)
            if alias == claim.id:
                yield claim.doc.error(where, f"{alias!r} is this claim's own id; list only former ids")
            elif alias in claim_files:
                yield claim.doc.error(where, f"{alias!r} is the id of content/claims/{alias}.yaml; an alias "
                                             "must be a former id that no claim uses now")  # fmt: skip
            elif alias in owner and owner[alias] != claim.id:
                yield claim.doc.error(where, f"{alias!r} is already an alias of the claim {owner[alias]!r}")
            elif reserved := reserved_name(alias):
                yield claim.doc.error(where, reserved)
            owner.setdefault(alias, claim.id)


def redirect_page(claim_id: str, title: str, site: SiteInfo) -> str:
    """The page left at a claim's former address (in claims/), pointing to its page under ``claim_id``."""
    target = html.escape(f"{claim_id}.html")
    shown = html.escape(title)
    canonical = ""
    if site.url:
        canonical = f'<link rel="canonical" href="{html.escape(site.url.rstrip("/"))}/claims/{target}">\n'
    return (
        f'<!doctype html>\n<html lang="{html.escape(site.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={target}">\n'
        f"{canonical}<title>Moved: {shown}</title>\n</head>\n<body>\n"
        f'<p>This claim has moved: <a href="{target}">{shown}</a>.</p>\n</body>\n</html>\n'
    )
