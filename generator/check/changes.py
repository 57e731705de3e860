"""``check --base REF``: changes since REF to a published claim are recorded in its corrections log.

A claim published at REF (content/edition.yaml's ``published``, or the claim's own, set at REF) whose
headline, verdict, stances, figures or quotes changed needs a new entry; a new headline's entry gives the
former one (``former_claim``); a verdict that broke a rule of the scale at REF is a ``correction``. The log
only grows: entries published at REF stay as they were. Before publication, editing is free."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from generator.check.construct import Inputs
from generator.check.kinds import CLAIM
from generator.check.load import parse_document
from generator.check.rules import broken_rules
from generator.check.schema import schema_errors
from generator.errors import ContentError
from generator.history import files_at, renamed_since
from generator.model import Claim, Content, Correction, Figure, Position

FOLDER = CLAIM.location  # where claim files live
EDITION = "content/edition.yaml"
_ADVICE = "but no corrections entry was added; add one (date, kind, note) that says what changed and why"


def unrecorded_changes(root: Path, content: Content, ref: str) -> list[ContentError]:
    """Every change since revision ``ref`` to a claim published there that its corrections log does not record.

    A renamed claim is compared with its file at ``ref``: the one git finds renamed (``-M``), else the one
    named by an alias.
    """
    before = _claims_at(root, ref)
    edition = _published_at(root, ref)
    renamed = {
        PurePosixPath(new).stem: PurePosixPath(old).stem for new, old in renamed_since(root, ref, FOLDER).items()
    }
    errors: list[ContentError] = []
    if edition and content.edition.doc and content.edition.published != edition:
        message = f"was {edition} at {ref}; the edition's publication date never changes once published: restore it"
        errors.append(content.edition.doc.error(("published",), message))
    for claim in content.claims:
        former = [claim.id, renamed.get(claim.id, claim.id), *claim.aliases]
        found = next((name for name in former if name in before), None)
        if found is not None and (before[found].published or edition):  # else not published at ref: edits are free
            label = ref if found == claim.id else f"{ref} (as {found})"
            errors.extend(_unrecorded(claim, before[found], label, content))
    return errors


def _unrecorded(claim: Claim, old: Claim, ref: str, content: Content) -> Iterator[ContentError]:
    """What is wrong with the changes to ``claim``, published at ``ref`` as ``old``, and their entries."""
    yield from _rewritten_log(claim, old, ref)
    if old.published and claim.published != old.published:
        message = f"was {old.published} at {ref}; a claim's publication date never changes: restore it"
        yield claim.doc.error(("published",), message)
    added = [entry for entry in claim.corrections if entry not in old.corrections]
    if old.withdrawn and claim.withdrawn and claim.withdrawn != old.withdrawn:
        message = f"the withdrawal published at {ref} was changed; restore its date and reason as they were"
        yield claim.doc.error(("withdrawn",), message, at_key=True)
    elif old.withdrawn and not claim.withdrawn and not added:
        message = f"was withdrawn at {ref} ({old.withdrawn.date}); restoring it needs a corrections entry that says why"
        yield claim.doc.error(("id",), message)
    if not added:
        yield from _differences(claim, old, ref)
    else:
        yield from _entry_errors(claim, old, ref, added, content)


def _published_at(root: Path, ref: str) -> str | None:
    """The edition's publication date at ``ref``, if it had one."""
    raw = files_at(root, ref, EDITION).get(EDITION)
    doc = parse_document(raw, EDITION) if raw is not None else []
    if isinstance(doc, list) or not isinstance(doc.data, dict):
        return None
    published = doc.data.get("published")
    return published if isinstance(published, str) else None


def _entry_errors(
    claim: Claim, old: Claim, ref: str, added: list[Correction], content: Content
) -> Iterator[ContentError]:
    """What the new entries must say: the former headline when it changed; kind correction for a broken rule."""
    last, published = len(claim.corrections) - 1, content.published_on(claim)
    for entry in added:
        if published and entry.date < published:
            message = (
                f"is before the claim's publication date ({published}); date the entry the day the change is published"
            )
            yield claim.doc.error(("corrections", claim.corrections.index(entry), "date"), message)
    if claim.claim != old.claim and not any(entry.former_claim == old.claim for entry in added):
        message = f"the claim changed since {ref}; the new corrections entry must give former_claim: {old.claim}"
        yield claim.doc.error(("corrections", last), message)
    broken = broken_rules(old, content) if claim.verdict != old.verdict else []
    if broken and not any(entry.kind == "correction" for entry in added):
        message = (
            f"the verdict {old.verdict!r} at {ref} broke the rule {broken[0].id!r}: changing it fixes an error, "
            "so the new entry's kind is correction, not update"
        )
        yield claim.doc.error(("corrections", last, "kind"), message)


def _rewritten_log(claim: Claim, old: Claim, ref: str) -> Iterator[ContentError]:
    """The corrections log only grows: an entry published at ``ref`` may not be edited or removed."""
    gone = [entry for entry in old.corrections if entry not in claim.corrections]
    if gone:
        dates = ", ".join(entry.date for entry in gone)
        message = (
            f"the entr{'ies' if len(gone) > 1 else 'y'} of {dates} at {ref} {'were' if len(gone) > 1 else 'was'} "
            "changed or removed; restore the published entries as they were and add a new one"
        )
        yield claim.doc.error(("corrections",), message, at_key=True)


def _claims_at(root: Path, ref: str) -> dict[str, Claim]:
    """The claims at ``ref`` that can be compared: new claims and files broken at ``ref`` are not."""
    claims = {}
    for path, raw in files_at(root, ref, FOLDER).items():
        if PurePosixPath(path).suffix != ".yaml":
            continue
        doc = parse_document(raw, path)
        if isinstance(doc, list) or schema_errors(doc, CLAIM.name):
            continue
        claims[PurePosixPath(path).stem] = CLAIM.build(doc, Inputs())  # no texts: quotes are not compared
    return claims


def _differences(claim: Claim, old: Claim, ref: str) -> Iterator[ContentError]:
    if claim.claim != old.claim:
        yield claim.doc.error(("claim",), f"changed from {old.claim!r} at {ref} to {claim.claim!r}, {_ADVICE}")
    for field in ("headline", "bottom_line", "verdict"):  # what a reader reads first, and the rating itself
        before, now = getattr(old, field), getattr(claim, field)
        if before and now != before:
            yield claim.doc.error((field,), f"changed from {before!r} at {ref} to {now!r}, {_ADVICE}")
    was = {p.source: _figures(p) for p in old.positions}
    for index, position in enumerate(claim.positions):
        before, now = was.get(position.source, []), _figures(position)
        if [_key(f) for f in before] != [_key(f) for f in now]:
            where = ("positions", index, "figures") if position.figures else ("positions", index, "stance")
            message = f"changed from {_show(before)} at {ref} to {_show(now)}, {_ADVICE}"
            yield claim.doc.error(where, message)
    stances = {p.source: p.stance for p in old.positions}
    quotes = {p["source"]: _quotes(p) for p in old.doc.data["positions"]}
    for index, position in enumerate(claim.positions):
        stance = stances.get(position.source, "none")
        if position.stance != stance:
            message = f"changed from {stance!r} at {ref} to {position.stance!r}, {_ADVICE}"
            yield claim.doc.error(("positions", index, "stance"), message)
        had, has = quotes.get(position.source, []), _quotes(claim.doc.data["positions"][index])
        if sorted(had) != sorted(has):  # an order of quotes is no change of what the page quotes
            where = ("positions", index, "quotes") if has else ("positions", index, "source")
            yield claim.doc.error(where, f"{_quote_change(had, has)} since {ref}, {_ADVICE}")


def _quotes(position: dict[str, Any]) -> list[str]:
    """The texts of a position's quotes as written (a quote is plain text or a mapping with its voice)."""
    return [q["text"] if isinstance(q, dict) else q for q in position.get("quotes", [])]


def _quote_change(was: list[str], now: list[str]) -> str:
    added, removed = len([q for q in now if q not in was]), len([q for q in was if q not in now])
    parts = [f"{n} quote{'s' if n != 1 else ''} {verb}" for n, verb in ((added, "added"), (removed, "removed")) if n]
    return " and ".join(parts) if parts else "a quote repeated or dropped"


def _key(figure: Figure) -> tuple[str, float, str, str]:
    """What makes a figure a different figure: its number, qualifier, unit and date."""
    return figure.qualifier, figure.value, figure.unit, figure.date or ""


def _figures(position: Position) -> list[Figure]:
    return sorted(position.figures, key=_key)


def _show(figures: list[Figure]) -> str:
    shown = [f"{f.in_words} {f.unit}{f' ({f.date})' if f.date else ''}" for f in figures]
    return "; ".join(shown) or "none"
