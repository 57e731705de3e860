"""Checks across files: ids, references between files, dates, verdicts and figures."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from generator.check import rules
from generator.document import Document
from generator.errors import ContentError
from generator.model import NAMED_STANCES, REPORTS_ONLY, SILENT, Claim, Content, DateNote, Position

_Where = tuple[str | int, ...]
# Names Windows will not create a file under, whatever the extension: a site with them cannot be checked out there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))})


def reserved_name(file_id: str) -> str | None:
    """The problem with an id Windows cannot use as a file name (also refused by ``new``), or None."""
    return f"{file_id!r} is a reserved file name on Windows; choose another id" if file_id in WINDOWS_RESERVED else None


def check(content: Content, docs: dict[str, list[Document]], known: dict[str, set[str]]) -> list[ContentError]:
    """Every cross-file problem in ``content``.

    ``docs`` are the schema-valid documents by kind; ``known`` the ids of every claim and source file on
    disk, valid or not. A reference to a broken file is not reported again; neither are verdicts or
    topics when their own file is broken (its errors are reported already).
    """
    errors: list[ContentError] = []
    for kind, key in (("verdicts", "verdicts"), ("topics", "topics"), ("stances", "stances"),
                      ("parties", "parties"), ("source-kinds", "kinds")):  # fmt: skip
        for doc in docs[kind]:
            errors.extend(_unique_in_list(doc, key, "id"))
            if kind in ("verdicts", "stances"):
                errors.extend(_unique_in_list(doc, key, "order"))
    for doc in docs["stances"]:
        listed = {item["id"] for item in doc.data["stances"]}
        errors.extend(
            doc.error(("stances",), f"lists no stance {name!r}; the check relies on it by id: add it back", at_key=True)
            for name in NAMED_STANCES if name not in listed
        )  # fmt: skip
    for doc in docs["edition"]:
        errors.extend(_edition_errors(doc, content, known))
    errors.extend(_file_ids(docs["source"]))
    errors.extend(_file_ids(docs["claim"]))
    for source in content.sources:
        errors.extend(_dates(source.doc, _dated(source.dates)))
    for claim in content.claims:
        errors.extend(_claim_errors(claim, content, known, docs))
    if docs["verdicts"]:
        errors.extend(rules.check(content))
    for doc in docs["edition"]:
        errors.extend(rules.edition_errors(content, doc))
    return errors


def _edition_errors(doc: Document, content: Content, known: dict[str, set[str]]) -> Iterator[ContentError]:
    """Ids in content/edition.yaml that name no claim or topic."""
    edition = content.edition
    if known["claim"] and not edition.most_disputed:  # a new explainer builds before its first claim
        yield doc.error(("most_disputed",), "must list at least 1 item once content/claims/ holds a claim")
    for key, ids in (("most_disputed", edition.most_disputed), ("claim_order", edition.claim_order)):
        for index, claim_id in enumerate(ids):
            if claim_id not in known["claim"]:
                yield doc.error((key, index), f"no claim with id {claim_id!r} in content/claims/")
    for index, key_question in enumerate(edition.key_questions):
        if key_question.claim not in known["claim"]:
            yield doc.error(("key_questions", index, "claim"),
                            f"no claim with id {key_question.claim!r} in content/claims/")  # fmt: skip
    topics = {topic.id for topic in content.topics}
    for index, topic_id in enumerate(edition.topic_order if topics else ()):  # else topics.yaml's own errors
        if topic_id not in topics:
            yield doc.error(("topic_order", index), f"no topic with id {topic_id!r} in content/topics.yaml")


def _unique_in_list(doc: Document, list_key: str, key: str) -> Iterator[ContentError]:
    seen: dict[object, int] = {}
    for index, item in enumerate(doc.data[list_key]):
        value = item[key]
        if value in seen:
            yield doc.error((list_key, index, key), f"{value!r} is already used by {list_key}[{seen[value]}]")
        seen.setdefault(value, index)


def _file_ids(docs: list[Document]) -> Iterator[ContentError]:
    """Ids equal their file names, and no two differ only by case."""
    seen: dict[str, str] = {}
    for doc in docs:
        stem = PurePosixPath(doc.path).stem
        if doc.data["id"] != stem:
            yield doc.error(("id",), f"{doc.data['id']!r} must equal the file name {stem!r}")
        if reserved := reserved_name(doc.data["id"]):
            yield doc.error(("id",), reserved)
        folded = doc.data["id"].casefold()
        if folded in seen:
            yield doc.error(("id",), f"{doc.data['id']!r} is already used by {seen[folded]}")
        seen.setdefault(folded, doc.path)


def _dates(doc: Document, items: Iterable[tuple[_Where, str | None]]) -> Iterator[ContentError]:
    for where, value in items:
        if value and not _real_date(value):
            yield doc.error(where, f"{value!r} is not a real date")


def _dated(dates: tuple[DateNote, ...]) -> list[tuple[_Where, str | None]]:
    return [(("dates", index, "date"), note.date) for index, note in enumerate(dates)]


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _claim_errors(claim: Claim, content: Content, known: dict[str, set[str]],
                  docs: dict[str, list[Document]]) -> Iterator[ContentError]:  # fmt: skip
    doc = claim.doc
    verdicts = {v.id for v in content.verdicts}
    if docs["verdicts"] and claim.verdict not in verdicts:
        yield doc.error(("verdict",), _not_one_of(claim.verdict, verdicts))
    topics = {t.id for t in content.topics}
    for index, topic in enumerate(claim.topics):
        if docs["topics"] and topic not in topics:
            yield doc.error(("topics", index), _not_one_of(topic, topics))
    yield from _dates(doc, _dated(claim.dates))
    yield from _dates(doc, ((("corrections", i, "date"), c.date) for i, c in enumerate(claim.corrections)))
    yield from _dates(doc, (
        (("positions", i, "figures", j, "date"), f.date)
        for i, p in enumerate(claim.positions) for j, f in enumerate(p.figures)
    ))  # fmt: skip
    yield from _positions(claim, sorted(known["source"]))
    yield from _contradictions(claim)
    yield from _corroborations(claim)
    if _words(claim.verdict_reason) == _words(claim.bottom_line):
        yield doc.error(("verdict_reason",), "repeats the bottom_line; say why the evidence gives this verdict")
    claims = known["claim"]
    for index, related in enumerate(claim.related):
        if related == claim.id:
            yield doc.error(("related", index), "a claim cannot be related to itself")
        elif related not in claims:
            yield doc.error(("related", index), f"no claim with id {related!r} in content/claims/")


def _words(text: str) -> list[str]:
    """``text``'s words, in lower case: two texts with the same words repeat each other to a reader."""
    return re.findall(r"\w+", text.casefold())


def _not_one_of(value: str, allowed: set[str]) -> str:
    return f"{value!r} is not one of {', '.join(sorted(allowed))}"


def _positions(claim: Claim, sources: list[str]) -> Iterator[ContentError]:
    seen: dict[str, int] = {}
    for index, position in enumerate(claim.positions):
        where = ("positions", index, "source")
        if position.source not in sources:
            yield claim.doc.error(where, f"no source with id {position.source!r} in content/sources/")
        elif position.source in seen:
            yield claim.doc.error(
                where,
                f"{position.source!r} already has a position at positions[{seen[position.source]}]",
            )
        seen.setdefault(position.source, index)
    missing = [s for s in sources if s not in seen]
    if missing:
        names = ", ".join(missing)
        yield claim.doc.error(
            ("positions",),
            f"no position for {names}; add each with 'stance: silent' if it does not address the claim",
        )


def _contradictions(claim: Claim) -> Iterator[ContentError]:
    stances = {p.source: p for p in claim.positions}
    for index, item in enumerate(claim.contradictions):
        if (len(item.between) == 1) != (item.kind == "internal"):
            wanted = "one source for kind internal" if item.kind == "internal" else "two or more sources"
            yield claim.doc.error(("contradictions", index, "between"), f"expected {wanted}")
        for number, source in enumerate(item.between):
            relayed = source in stances and stances[source].stance == REPORTS_ONLY
            if relayed and not item.parties and item.kind != "numeric":  # figures name their holder
                yield claim.doc.error(
                    ("contradictions", index, "between", number),
                    f"{source!r} only reports this point; name the parties in conflict with 'parties:'",
                )
            position = stances.get(source)
            if position is None or position.stance == SILENT:
                state = "has no position" if position is None else "is silent"
                yield claim.doc.error(
                    ("contradictions", index, "between", number),
                    f"{source!r} {state} on this claim",
                )
        if item.kind == "numeric" and all(s in stances for s in item.between):
            yield from _numeric(claim, index, [stances[s] for s in item.between])


def _numeric(claim: Claim, index: int, positions: list[Position]) -> Iterator[ContentError]:
    where = ("contradictions", index, "kind")
    without = [p.source for p in positions if not p.figures]
    if without:
        yield claim.doc.error(where, f"numeric, but {', '.join(without)} gives no figures in this claim")
        return
    values = {(f.value, f.qualifier) for p in positions for f in p.figures}
    if len(values) < 2:
        shown = ", ".join(f"{v:g}" for v, _ in values)
        yield claim.doc.error(where, f"numeric, but the sources give the same figure ({shown})")


def _corroborations(claim: Claim) -> Iterator[ContentError]:
    stances = {p.source: p.stance for p in claim.positions}
    for index, item in enumerate(claim.verification.corroborated):
        for number, source in enumerate(item.sources):
            if stances.get(source, SILENT) == SILENT:
                state = "is silent" if source in stances else "has no position"
                where = ("verification", "corroborated", index, "sources", number)
                yield claim.doc.error(where, f"{source!r} {state} on this claim")


def loose_claim_errors(doc: Document, content: Content, known: dict[str, set[str]],
                       docs: dict[str, list[Document]]) -> Iterator[ContentError]:  # fmt: skip
    """The references to other files in a claim file that failed its schema, as ``_claim_errors`` reports them
    in a valid one: its verdict, topics, related claims and its positions' sources, wherever they are readable."""
    data = doc.data
    verdicts = {v.id for v in content.verdicts}
    if docs["verdicts"] and isinstance(data.get("verdict"), str) and data["verdict"] not in verdicts:
        yield doc.error(("verdict",), _not_one_of(data["verdict"], verdicts))
    topics = {t.id for t in content.topics}
    for index, topic in _strings(data.get("topics")):
        if docs["topics"] and topic not in topics:
            yield doc.error(("topics", index), _not_one_of(topic, topics))
    for index, related in _strings(data.get("related")):
        if related == data.get("id"):
            yield doc.error(("related", index), "a claim cannot be related to itself")
        elif related not in known["claim"]:
            yield doc.error(("related", index), f"no claim with id {related!r} in content/claims/")
    positions = data.get("positions")
    for index, position in enumerate(positions if isinstance(positions, list) else []):
        source = position.get("source") if isinstance(position, dict) else None
        if isinstance(source, str) and source not in known["source"]:
            yield doc.error(("positions", index, "source"), f"no source with id {source!r} in content/sources/")


def _strings(value: object) -> Iterator[tuple[int, str]]:
    """(index, item) of each string in ``value``, when it is a list."""
    return (
        (index, item) for index, item in enumerate(value if isinstance(value, list) else []) if isinstance(item, str)
    )
