"""Build the frozen model from schema-valid documents. Every constructor is called by keyword.

One function per kind of file (the table in kinds.py names them); each reads only what its schema
guarantees, so a field in the wrong slot is a type error, not a page showing the wrong text. Claims
locate their quotes in the sources' texts and record the quotes not found in ``inputs.errors``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.check.quotes import NormalisedText
from generator.document import Document
from generator.errors import ContentError
from generator.model import (
    Claim,
    Contradiction,
    Correction,
    CorrectionsPolicy,
    Corroboration,
    DateNote,
    Edition,
    Editor,
    Figure,
    Gap,
    KeyQuestion,
    Masthead,
    Position,
    Publication,
    Quote,
    Reference,
    Rule,
    Source,
    Stance,
    Term,
    Topic,
    Verdict,
    Verification,
    Withdrawal,
)


@dataclass(frozen=True)
class Inputs:
    """What building the model needs besides the document: seed texts, and where to record problems."""

    seeds: Mapping[str, str] = field(default_factory=dict)  # seed text by source file path (read and hashed)
    texts: Mapping[str, NormalisedText] = field(default_factory=dict)  # source id -> text quotes are found in
    errors: list[ContentError] = field(default_factory=list)  # quotes not found; empty lists: nothing compared
    kind_labels: Mapping[str, str] = field(default_factory=dict)  # source kind id -> label (source-kinds.yaml)


def stances(doc: Document, inputs: Inputs) -> tuple[Stance, ...]:
    """content/stances.yaml: the stances a source can take on a claim."""
    return tuple(
        Stance(id=s["id"], label=s["label"], definition=s["definition"], order=s["order"],
               appears=s.get("appears", False), short=s.get("short"))
        for s in doc.data["stances"]
    )  # fmt: skip


def verdicts(doc: Document, inputs: Inputs) -> tuple[Verdict, ...]:
    """content/verdicts.yaml: the verdict scale with each verdict's rules."""
    return tuple(
        Verdict(id=v["id"], label=v["label"], definition=v["definition"], order=v["order"],
                rules=tuple(_rule(r) for r in v.get("rules", ())), unrated=v.get("unrated", False),
                short=v.get("short"), colour=v.get("colour"))
        for v in doc.data["verdicts"]
    )  # fmt: skip


def _rule(r: dict[str, Any]) -> Rule:
    return Rule(id=r["id"], says=r["says"], test=r["test"], min=r.get("min"), max=r.get("max"),
                stances=tuple(r.get("stances", ())))  # fmt: skip


def parties(doc: Document, inputs: Inputs) -> tuple[Term, ...]:
    """content/parties.yaml: the parties whose account a position may relay."""
    return tuple(Term(id=t["id"], label=t["label"], definition=t["definition"]) for t in doc.data["parties"])


def source_kinds(doc: Document, inputs: Inputs) -> tuple[Term, ...]:
    """content/source-kinds.yaml: the kinds of text a source may be."""
    return tuple(Term(id=t["id"], label=t["label"], definition=t["definition"]) for t in doc.data["kinds"])


def topics(doc: Document, inputs: Inputs) -> tuple[Topic, ...]:
    """content/topics.yaml."""
    return tuple(Topic(id=t["id"], label=t["label"]) for t in doc.data["topics"])


def edition(doc: Document, inputs: Inputs) -> Edition:
    """content/edition.yaml: the home page's text and the order of topics and claims."""
    data = doc.data
    return Edition(
        title=data["title"], overview=data["overview"], most_disputed=tuple(data["most_disputed"]),
        topic_order=tuple(data.get("topic_order", ())), claim_order=tuple(data.get("claim_order", ())),
        published=data.get("published"), doc=doc,
        selection_sources=data["selection"]["sources"], selection_claims=data["selection"]["claims"],
        key_questions=tuple(KeyQuestion(question=q["question"], answer=q["answer"], claim=q["claim"])
                            for q in data.get("key_questions", ())),
    )  # fmt: skip


def publisher(doc: Document, inputs: Inputs) -> Masthead:
    """content/publisher.yaml: who publishes, owns, funds and answers for the site."""
    data = doc.data
    who, report, policy = data.get("publisher", {}), data.get("report_error", {}), data.get("corrections_policy")
    return Masthead(
        name=who.get("name"), address=who.get("address"), postal_address=who.get("postal_address"),
        logo=who.get("logo"), repository=who.get("repository", False), ownership=data.get("ownership"),
        funding=data.get("funding"), editors=tuple(Editor(e["name"], e["role"]) for e in data.get("editors", ())),
        responsible=data.get("responsible"), report_address=report.get("address"), issue_form=report.get("issue_form"),
        corrections_policy=CorrectionsPolicy(**policy) if policy else None,
    )  # fmt: skip


def source(doc: Document, inputs: Inputs) -> Source | None:
    """content/sources/<id>.yaml with its seed text; None when the seed could not be used (reported already)."""
    data, text = doc.data, inputs.seeds.get(doc.path)
    if text is None:
        return None
    references = tuple(Reference(text=r["text"], url=r.get("url")) for r in data["references"])
    return Source(
        id=data["id"], name=data["name"], title=data["title"], title_kind=data["title_kind"],
        author=data.get("author"), kind=data["kind"], outlook=data["outlook"], framing=data["framing"],
        dates=_dates(data["dates"]), references=references,
        seed=data["seed"], sha256=data["sha256"], text=text, doc=doc, language=data.get("language"),
        publication=_publication(data["publication"]), kind_label=inputs.kind_labels.get(data["kind"]),
        aliases=tuple(data.get("aliases", [])),
    )  # fmt: skip


def _publication(data: dict[str, str]) -> Publication:
    """A source's publication details; each ``unknown`` becomes None."""
    known = {key: None if value == "unknown" else value for key, value in data.items() if key != "unknown_reason"}
    return Publication(**known, unknown_reason=data.get("unknown_reason"))


def _dates(items: list[dict[str, str]]) -> tuple[DateNote, ...]:
    return tuple(DateNote(date=d["date"], what=d["what"]) for d in items)


def claim(doc: Document, inputs: Inputs) -> Claim:
    """content/claims/<id>.yaml; quotes are located in ``inputs.texts`` (those not found are recorded)."""
    data, texts, errors = doc.data, inputs.texts, inputs.errors
    positions = tuple(_position(doc, index, item, texts, errors) for index, item in enumerate(data["positions"]))
    contradictions = tuple(
        Contradiction(
            between=tuple(c["between"]), kind=c["kind"], about=c["about"], explained=c["explained"],
            explanation=c.get("explanation"), parties=c.get("parties"),
            explanation_quotes=_cited(doc, index, c.get("explanation_quotes", []), texts, errors),
        )
        for index, c in enumerate(data["contradictions"])
    )  # fmt: skip
    ver = data["verification"]
    verification = Verification(
        corroborated=tuple(Corroboration(point=c["point"], sources=tuple(c["sources"])) for c in ver["corroborated"]),
        unverified=tuple(Gap(point=g["point"], reason=g["reason"]) for g in ver["unverified"]),
        would_settle=tuple(ver["would_settle"]),
    )
    corrections = tuple(
        Correction(date=c["date"], kind=c["kind"], note=c["note"], former_claim=c.get("former_claim"))
        for c in data.get("corrections", [])
    )
    withdrawn = data.get("withdrawn")
    return Claim(
        id=data["id"], headline=data["headline"], claim=data["claim"], claimant=data["claimant"],
        topics=tuple(data["topics"]), dates=_dates(data["dates"]), verdict=data["verdict"],
        verdict_reason=data["verdict_reason"], bottom_line=data["bottom_line"], summary=data["summary"],
        positions=positions, contradictions=contradictions, verification=verification,
        related=tuple(data["related"]), corrections=corrections, doc=doc, aliases=tuple(data.get("aliases", [])),
        published=data.get("published"),
        withdrawn=Withdrawal(date=withdrawn["date"], reason=withdrawn["reason"]) if withdrawn else None,
    )  # fmt: skip


def _position(doc: Document, index: int, item: dict[str, Any], texts: Mapping[str, NormalisedText],
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
        Figure(value=f["value"], qualifier=f.get("qualifier", "exact"), unit=f["unit"], counts=f["counts"],
               date=f.get("date"), date_role=f.get("date_role"), attributed_to=f["attributed_to"],
               period=f.get("period"))
        for f in item.get("figures", [])
    )  # fmt: skip
    return Position(source=item["source"], stance=item["stance"], note=item["note"], quotes=tuple(quotes),
                    figures=figures, relays=item.get("relays"), answer=item.get("answer"))  # fmt: skip


def _cited(doc: Document, index: int, items: list[dict[str, str]], texts: Mapping[str, NormalisedText],
           errors: list[ContentError]) -> tuple[Quote, ...]:  # fmt: skip
    """The verbatim passages that explain a contradiction, located in their sources' texts."""
    where = ("contradictions", index, "explanation_quotes")
    found = (_locate(doc, (*where, n, "text"), c["source"], c["text"], texts, errors) for n, c in enumerate(items))
    return tuple(q for q in found if q)


def _locate(doc: Document, where: tuple[str | int, ...], source: str, quote: str, texts: Mapping[str, NormalisedText],
            errors: list[ContentError]) -> Quote | None:  # fmt: skip
    """The quote located in the text of ``source``; a quote not found is recorded as an error."""
    text = texts.get(source)
    if text is None and where[0] == "contradictions":  # a position's unknown source is reported by crosscheck
        errors.append(doc.error((*where[:-1], "source"), f"no usable source {source!r} in content/sources/"))
    span = text.find(quote) if text else None
    if span:
        return Quote(text=quote, start=span.start, end=span.end, source=source)
    if text:
        errors.append(doc.error(where, f"not found verbatim in the text of source '{source}'"))
    return None


def loose_quote_errors(doc: Document, texts: Mapping[str, NormalisedText]) -> list[ContentError]:
    """The quotes not found verbatim in a claim file that failed its schema: every position's quotes whose
    record is well formed enough to tell its source and text are compared, as in a valid file."""
    errors: list[ContentError] = []
    positions = doc.data.get("positions")
    for index, item in enumerate(positions if isinstance(positions, list) else []):
        quotes = item.get("quotes") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("source"), str) or not isinstance(quotes, list):
            continue
        for number, quote in enumerate(quotes):
            text = quote.get("text") if isinstance(quote, dict) else quote
            where: tuple[str | int, ...] = ("positions", index, "quotes", number)
            where = (*where, "text") if isinstance(quote, dict) else where
            if isinstance(text, str) and text.strip():
                _locate(doc, where, item["source"], text, texts, errors)
    return errors
