"""Publication dates and withdrawals: what the check requires of them across files.

A claim's own ``published`` date only makes sense once the edition is published, and not before it; a
claim is withdrawn only after it was published, and a withdrawn claim is named by no list an editor keeps.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.document import Document
from generator.errors import ContentError
from generator.model import Claim, Content

_EDITION = "content/edition.yaml"


def publication_errors(content: Content, edition_docs: list[Document]) -> Iterator[ContentError]:
    """Dates of publication and withdrawal that contradict the edition's, and lists naming withdrawn claims."""
    edition = content.edition.published
    withdrawn = {claim.id for claim in content.claims if claim.withdrawn}
    for claim in content.claims:
        yield from _claim_dates(claim, edition)
        for index, related in enumerate(claim.related):
            if related in withdrawn:
                yield claim.doc.error(("related", index), f"{related!r} is withdrawn; remove it from related")
    for doc in edition_docs:
        for index, claim_id in enumerate(content.edition.most_disputed):
            if claim_id in withdrawn:
                yield doc.error(("most_disputed", index), f"{claim_id!r} is withdrawn; remove it from most_disputed")


def _claim_dates(claim: Claim, edition: str | None) -> Iterator[ContentError]:
    if claim.published and edition is None:
        message = f"the edition is not published yet ({_EDITION} has no published date); remove this date"
        yield claim.doc.error(("published",), message)
    elif claim.published and edition and claim.published < edition:
        message = f"is before the edition's publication date ({edition}); a claim published with it takes its date"
        yield claim.doc.error(("published",), f"{message}: remove this one")
    published = claim.published or edition
    if claim.withdrawn and published is None:
        message = "only a published claim is withdrawn; before publication, delete its file instead"
        yield claim.doc.error(("withdrawn",), message, at_key=True)
    elif claim.withdrawn and published and claim.withdrawn.date < published:
        message = f"is before the claim's publication date ({published})"
        yield claim.doc.error(("withdrawn", "date"), message)
