"""Build a Claim from its schema-valid document, locating every quote in its source's text."""

from __future__ import annotations

import dataclasses
from typing import Any

from .errors import ContentError
from .load import Document
from .model import Claim, Contradiction, Correction, Corroboration, DateNote, Figure, Gap, Position, Quote, Verification
from .quotes import NormalisedText


def _dates(items: list[dict[str, str]]) -> tuple[DateNote, ...]:
    return tuple(DateNote(d["date"], d["what"]) for d in items)


def read_claim(doc: Document, texts: dict[str, NormalisedText], errors: list[ContentError]) -> Claim:
    """Build a Claim from a schema-valid document; quotes are located in ``texts`` (missing ones recorded)."""
    data = doc.data
    positions = tuple(_position(doc, index, item, texts, errors) for index, item in enumerate(data["positions"]))
    contradictions = tuple(
        Contradiction(
            tuple(c["between"]), c["kind"], c["about"], c["explained"], c.get("explanation"),
            _cited(doc, index, c.get("explanation_quotes", []), texts, errors), c.get("parties"),
        )
        for index, c in enumerate(data["contradictions"])
    )  # fmt: skip
    ver = data["verification"]
    verification = Verification(
        tuple(Corroboration(c["point"], tuple(c["sources"])) for c in ver["corroborated"]),
        tuple(Gap(g["point"], g["reason"]) for g in ver["unverified"]),
        tuple(ver["would_settle"]),
    )
    return Claim(
        data["id"], data["claim"], data["claimant"], tuple(data["topics"]), _dates(data["dates"]),
        data["verdict"], data["verdict_reason"], data["summary"], positions, contradictions,
        verification, tuple(data["related"]),
        tuple(Correction(c["date"], c["kind"], c["note"]) for c in data.get("corrections", [])), doc,
        tuple(data.get("aliases", [])),
    )  # fmt: skip


def _position(doc: Document, index: int, item: dict[str, Any], texts: dict[str, NormalisedText],
              errors: list[ContentError]) -> Position:  # fmt: skip
    quotes = []
    for number, quote in enumerate(item.get("quotes", [])):
        voiced = quote if isinstance(quote, dict) else {"text": quote}
        where: tuple[str | int, ...] = ("positions", index, "quotes", number)
        where = (*where, "text") if isinstance(quote, dict) else where
        found = _locate(doc, where, item["source"], voiced["text"], texts, errors)
        if found:
            quotes.append(dataclasses.replace(found, voice=voiced.get("voice"), of=voiced.get("of")))
    figures = tuple(
        Figure(f["value"], f.get("qualifier", "exact"), f["unit"], f["counts"], f.get("date"),
               f.get("date_role"), f["attributed_to"], f.get("period"))
        for f in item.get("figures", [])
    )  # fmt: skip
    return Position(item["source"], item["stance"], item["note"], tuple(quotes), figures, item.get("relays"))


def _cited(doc: Document, index: int, items: list[dict[str, str]], texts: dict[str, NormalisedText],
           errors: list[ContentError]) -> tuple[Quote, ...]:  # fmt: skip
    """The verbatim passages that explain a contradiction, located in their sources' texts."""
    where = ("contradictions", index, "explanation_quotes")
    found = (_locate(doc, (*where, n, "text"), c["source"], c["text"], texts, errors) for n, c in enumerate(items))
    return tuple(q for q in found if q)


def _locate(doc: Document, where: tuple[str | int, ...], source: str, quote: str, texts: dict[str, NormalisedText],
            errors: list[ContentError]) -> Quote | None:  # fmt: skip
    """The quote located in the text of ``source``; a quote not found is recorded as an error."""
    text = texts.get(source)
    if text is None and where[0] == "contradictions":  # a position's unknown source is reported by crosscheck
        errors.append(doc.error((*where[:-1], "source"), f"no usable source {source!r} in content/sources/"))
    span = text.find(quote) if text else None
    if span:
        return Quote(quote, span.start, span.end, source=source)
    if text:
        errors.append(doc.error(where, f"not found verbatim in the text of source '{source}'"))
    return None
