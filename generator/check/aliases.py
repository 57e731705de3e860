"""Former ids of renamed claims (``aliases``): the check keeps them unique; render/redirects.py writes a
redirect page at each former address."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.crosscheck import reserved_name
from generator.errors import ContentError
from generator.model import Content


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
