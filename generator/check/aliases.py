"""Former ids of renamed claims and sources (``aliases``): the check keeps them unique within their kind;
render/redirects.py writes a redirect page at each former address."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.check.crosscheck import reserved_name
from generator.errors import ContentError
from generator.model import Claim, Content, Source
from generator.render.pages import SOURCES, alias_path, html_path

TAKEN = (html_path(SOURCES),)  # pages of the site inside the claims and sources folders, besides each item's own


def alias_errors(content: Content, claim_files: set[str], source_files: set[str]) -> Iterator[ContentError]:
    """An alias may not be an id of its kind (``claim_files``, ``source_files``: every file of that kind on disk)
    nor another alias of its kind. Claims and sources have addresses in different folders, so a claim's alias
    may be a source's id."""
    yield from _errors(content.claims, claim_files, "claim", "claims")
    yield from _errors(content.sources, source_files, "source", "sources")


def _errors(items: Iterable[Claim | Source], files: set[str], kind: str, folder: str) -> Iterator[ContentError]:
    owner: dict[str, str] = {}
    for item in items:
        for index, alias in enumerate(item.aliases):
            where = ("aliases", index)
            if alias == item.id:
                yield item.doc.error(where, f"{alias!r} is this {kind}'s own id; list only former ids")
            elif alias in files:
                yield item.doc.error(where, f"{alias!r} is the id of content/{folder}/{alias}.yaml; an alias "
                                            f"must be a former id that no {kind} uses now")  # fmt: skip
            elif alias in owner and owner[alias] != item.id:
                yield item.doc.error(where, f"{alias!r} is already an alias of the {kind} {owner[alias]!r}")
            elif reserved := reserved_name(alias):
                yield item.doc.error(where, reserved)
            elif alias_path(folder, alias) in TAKEN:
                yield item.doc.error(where, f"{alias!r} is the address of the site's {folder} page; choose another")
            owner.setdefault(alias, item.id)
