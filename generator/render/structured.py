"""Machine-readable output: schema.org ClaimReview for each claim page, and a JSON export of the content."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any

from generator.check import refs
from generator.model import Claim, Content, Source, Verdict
from generator.translations import Language, english


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews (content/publisher.yaml, render/masthead; the site's name when unset)."""

    name: str  # the organisation's name
    url: str | None = None  # its home page
    logo: str | None = None  # its logo: an absolute address, or a path inside the site


def _rating(verdict: Verdict, explanation: str) -> dict[str, Any]:
    """The reviewRating in words: the verdict's label and why, never a number.

    The verdicts describe the state of the evidence, not a truth scale: a ratingValue (with bestRating and
    worstRating) would let aggregators read "Disputed" as "2 of 5 true".
    """
    return {"@type": "Rating", "alternateName": verdict.label, "ratingExplanation": explanation}


def claim_review(
    claim: Claim,
    content: Content,
    page_url: str,
    publisher: Publisher,
    published: str | None = None,
    words: Language | None = None,
) -> dict[str, Any]:
    """The schema.org ClaimReview of one claim page (serialised with Jinja's HTML-safe ``tojson``).

    ``published`` is the day the claim was published (content/edition.yaml or its own), if it is. ``page_url`` is
    absolute when the site has an address, else relative to the site's root. ``words``: the site's language.
    """
    verdict = next(v for v in content.verdicts if v.id == claim.verdict)
    sources = {s.id: s for s in content.sources}
    appears_in = {stance.id for stance in content.stances if stance.appears}  # it states or relays the claim
    words = words or english()
    appearances = [_appearance(sources[p.source], words) for p in claim.positions if p.stance in appears_in]
    # No itemReviewed.datePublished: a claim's `dates` are dates of the events it is about, and no text
    # says when it made the claim; the earliest event date would be a date no source gives.
    item: dict[str, Any] = {"@type": "Claim", "author": _claimant(claim, sources, words), "appearance": appearances}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": refs.plain(claim.claim, sources, words=words),
        "author": _organization(publisher, page_url),
        "reviewRating": _rating(verdict, refs.plain(claim.verdict_reason, sources, words=words)),
        "itemReviewed": item,
    }
    if published:
        review["datePublished"] = published
    return review


def _organization(publisher: Publisher, page_url: str) -> dict[str, Any]:
    """The review's author: the publisher, with its home page and logo when set."""
    organization: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        organization["url"] = publisher.url
    if publisher.logo:
        organization["logo"] = {"@type": "ImageObject", "url": site_address(publisher.logo, page_url)}
    return organization


def site_address(path: str, page_url: str) -> str:
    """``path`` (absolute, or inside the site) as seen from a claim page at ``page_url`` (claims/<id>.html)."""
    if "://" in path:
        return path
    base = page_url.rsplit("/", 2)[0] + "/" if "://" in page_url else "../"
    return base + path


def _claimant(claim: Claim, sources: dict[str, Source], words: Language | None) -> dict[str, Any]:
    """The claim's author: a Person when the claimant is one signed source, else an Organization, by name."""
    only = refs.REF.fullmatch(re.sub(r"^the\s+", "", claim.claimant.strip(), flags=re.IGNORECASE))
    author = sources[only.group(1)].author if only else None
    if author:
        return {"@type": "Person", "name": author}
    return {"@type": "Organization", "name": refs.plain(claim.claimant, sources, words=words)}


def _appearance(source: Source, words: Language) -> dict[str, Any]:
    """The work the claim appears in. A title this site gave a text without a headline says so, as on the pages."""
    given = words.gettext("%(title)s (title given by this site)")  # JSON-LD has no template: the pages' words
    name = given % {"title": source.title} if source.title_kind == "descriptive" else source.title
    work: dict[str, Any] = {"@type": "CreativeWork", "name": name}
    if source.publication and source.publication.url:
        work["url"] = source.publication.url
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return work


ClaimsJson = dict[tuple[Claim, tuple[str, ...]], str]  # each claim's JSON in claims.json, by claim (_key)


def export_json(content: Content, encoded: ClaimsJson | None = None) -> str:
    """All claims, sources (without their full text), verdicts and topics as stable, indented JSON.

    A withdrawn claim is not among the claims: ``withdrawn`` names it, with the date and the reason.
    ``encoded``: each claim's JSON from the last export (a preview's, incremental.PageMemo); a claim unchanged
    since is not encoded again, and ``encoded`` keeps this export's claims only. The text is the same either way:
    what ``json.dumps(data, indent=2)`` of the whole writes, put together from its parts. A build (no ``encoded``)
    encodes claim by claim too: ``json.dumps`` of the whole, indented, holds every small piece of its text at once
    (at 5,000 claims, 210 MB above the check's memory at its peak, against 105 MB claim by claim).
    """
    data = {
        "verdicts": [dataclasses.asdict(v) for v in content.verdicts],
        "topics": [dataclasses.asdict(t) for t in content.topics],
        "sources": [_plain(s, drop=("text", "doc")) for s in content.sources],
        "claims": None,
        "withdrawn": [{"id": c.id, "claim": c.claim, **_jsonable(c.withdrawn)} for c in content.claims if c.withdrawn],
    }
    encoded = {} if encoded is None else encoded
    claims = {key: encoded.get(key) or _encoded(_plain(key[0], drop=("doc",)), 2) for key in map(_key, content.listed)}
    encoded.clear()
    encoded.update(claims)
    pieces = ["{"]  # joined once: a text of 30 MB at 5,000 claims is not copied piece by piece
    for number, (name, value) in enumerate(data.items()):
        pieces += [",\n  " if number else "\n  ", _dumps(name), ": "]
        if name != "claims":
            pieces.append(_encoded(value, 1))
            continue
        for index, text in enumerate(claims.values()):
            pieces += [",\n    " if index else "[\n    ", text]
        pieces.append("\n  ]" if claims else "[]")
    pieces.append("\n}\n")
    return "".join(pieces)


def _key(claim: Claim) -> tuple[Claim, tuple[str, ...]]:
    """What a claim's JSON depends on: the claim, and the exact form of its figures' values, which equality
    does not tell apart (12 == 12.0, 0.0 == -0.0) but JSON writes as typed."""
    return claim, tuple(repr(figure.value) for _, figure in claim.figures)


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _encoded(value: Any, level: int) -> str:
    """``value`` as json.dumps(indent=2) writes it ``level`` levels deep (no string holds a raw line break)."""
    return _dumps(value, 2).replace("\n", "\n" + "  " * level)


def _plain(item: Source | Claim, drop: tuple[str, ...]) -> dict[str, Any]:
    return {f.name: _jsonable(getattr(item, f.name)) for f in dataclasses.fields(item) if f.name not in drop}


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # asdict() would deep-copy every value
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
