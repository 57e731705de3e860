"""Selection in the open: what the methodology page counts about which claims this edition lists.

Computed from the positions, never from the editors' prose: who states each claim in its own voice (a
source whose stance is supports, without relaying a party), whose account a source relays (``relays``),
the outlooks of the sources that state it, the claims only one source addresses, and the verdicts by
outlook. The counts show where the selection leans, whatever the editors meant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.model import SILENT, SUPPORTS, Claim, Content, Source


@dataclass(frozen=True)
class Row:
    """One row of a selection table: who or which outlook, and its counts."""

    label: str  # a source's name, a party's label, or an outlook
    counts: tuple[int, ...]  # the table's columns, in order


@dataclass(frozen=True)
class Selection:
    """The tables the methodology page shows."""

    by_claimant: tuple[Row, ...]  # per source (claims it states) and per party (claims whose account is relayed)
    by_outlook: tuple[Row, ...]  # per outlook: claims stated by it, stated by it alone, single-source claims
    single_source: tuple[tuple[str, tuple[Claim, ...]], ...]  # per source name: the claims only it addresses
    verdicts: tuple[str, ...]  # the verdict labels, the columns of verdicts_by_outlook
    verdicts_by_outlook: tuple[Row, ...]  # per outlook (and "stated by no source"): claims per verdict


def selection(content: Content) -> Selection:
    """The selection tables of ``content``."""
    sources = {source.id: source for source in content.sources}
    outlooks = list(dict.fromkeys(source.outlook for source in content.sources))
    stated = {claim.id: _stating(claim) for claim in content.claims}
    by_outlook = {claim.id: {sources[s].outlook for s in stated[claim.id] if s in sources} for claim in content.claims}
    alone = {claim.id: _only(claim) for claim in content.claims}
    singles = [(s.name, tuple(c for c in content.claims if alone[c.id] == s.id)) for s in content.sources]
    return Selection(
        by_claimant=_by_claimant(content, stated),
        by_outlook=tuple(_outlook_row(outlook, content, by_outlook, alone, sources) for outlook in outlooks),
        single_source=tuple((name, claims) for name, claims in singles if claims),
        verdicts=tuple(verdict.label for verdict in content.verdicts),
        verdicts_by_outlook=_verdicts_by_outlook(content, by_outlook, outlooks),
    )


def _outlook_row(outlook: str, content: Content, by_outlook: dict[str, set[str]], alone: dict[str, str | None],
                 sources: dict[str, Source]) -> Row:  # fmt: skip
    """Claims stated by a source of ``outlook``, stated only by such sources, addressed only by one of them."""
    return Row(outlook, (
        sum(outlook in by_outlook[c.id] for c in content.claims),
        sum(by_outlook[c.id] == {outlook} for c in content.claims),
        sum(1 for c in content.claims if (only := alone[c.id]) is not None and sources[only].outlook == outlook),
    ))  # fmt: skip


def _stating(claim: Claim) -> list[str]:
    """The sources that state the claim in their own voice."""
    return [p.source for p in claim.positions if p.stance == SUPPORTS and not p.relays]


def _only(claim: Claim) -> str | None:
    """The one source that addresses the claim (its stance is not silent), if exactly one does."""
    addressing = [p.source for p in claim.positions if p.stance != SILENT]
    return addressing[0] if len(addressing) == 1 else None


def _by_claimant(content: Content, stated: dict[str, list[str]]) -> tuple[Row, ...]:
    own = Counter(source for ids in stated.values() for source in ids)
    relayed = Counter(party for claim in content.claims for party in {p.relays for p in claim.positions if p.relays})
    rows = [Row(source.name, (own[source.id],)) for source in content.sources]
    parties = [Row(party.label, (relayed[party.id],)) for party in content.parties if relayed[party.id]]
    return tuple(rows + parties)


def _verdicts_by_outlook(content: Content, by_outlook: dict[str, set[str]], outlooks: list[str]) -> tuple[Row, ...]:
    def row(label: str, members: list[Claim]) -> Row:
        return Row(label, tuple(sum(c.verdict == verdict.id for c in members) for verdict in content.verdicts))

    rows = [row(outlook, [c for c in content.claims if outlook in by_outlook[c.id]]) for outlook in outlooks]
    return (*rows, row("", [c for c in content.claims if not by_outlook[c.id]]))
