"""``check --base REF``: verdict and figure changes since REF are recorded in the claim's corrections log.

The log only grows: entries published at REF stay as they were."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from generator.check.construct import Inputs
from generator.check.kinds import CLAIM
from generator.check.load import parse_document
from generator.check.schema import schema_errors
from generator.errors import ContentError
from generator.history import files_at, renamed_since
from generator.model import Claim, Content, Figure, Position

FOLDER = CLAIM.location  # where claim files live
_ADVICE = "but no corrections entry was added; add one (date, kind, note) that says what changed and why"


def unrecorded_changes(root: Path, content: Content, ref: str) -> list[ContentError]:
    """Every verdict or figure that differs from revision ``ref`` in a claim with no corrections entry added since.

    A renamed claim is compared with its file at ``ref``: the one git finds renamed (``-M``), else the one
    named by an alias.
    """
    before = _claims_at(root, ref)
    renamed = {
        PurePosixPath(new).stem: PurePosixPath(old).stem for new, old in renamed_since(root, ref, FOLDER).items()
    }
    errors: list[ContentError] = []
    for claim in content.claims:
        former = [claim.id, renamed.get(claim.id, claim.id), *claim.aliases]
        found = next((name for name in former if name in before), None)
        if found is None:
            continue
        old, label = before[found], ref if found == claim.id else f"{ref} (as {found})"
        errors.extend(_rewritten_log(claim, old, label))
        if not set(claim.corrections) - set(old.corrections):
            errors.extend(_differences(claim, old, label))
    return errors


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
    if claim.verdict != old.verdict:
        message = f"changed from {old.verdict!r} at {ref} to {claim.verdict!r}, {_ADVICE}"
        yield claim.doc.error(("verdict",), message)
    was = {p.source: _figures(p) for p in old.positions}
    for index, position in enumerate(claim.positions):
        before, now = was.get(position.source, []), _figures(position)
        if [_key(f) for f in before] != [_key(f) for f in now]:
            where = ("positions", index, "figures") if position.figures else ("positions", index, "stance")
            message = f"changed from {_show(before)} at {ref} to {_show(now)}, {_ADVICE}"
            yield claim.doc.error(where, message)


def _key(figure: Figure) -> tuple[str, float, str, str]:
    """What makes a figure a different figure: its number, qualifier, unit and date."""
    return figure.qualifier, figure.value, figure.unit, figure.date or ""


def _figures(position: Position) -> list[Figure]:
    return sorted(position.figures, key=_key)


def _show(figures: list[Figure]) -> str:
    shown = [f"{f.in_words} {f.unit}{f' ({f.date})' if f.date else ''}" for f in figures]
    return "; ".join(shown) or "none"
