"""The verdict rules of content/verdicts.yaml, applied to every claim. Part of the check.

The rules are data: each verdict lists the tests its claims must pass, with their parameters and the
sentence that states them (printed on the methodology page). This module holds only the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.document import Document
from generator.errors import ContentError
from generator.model import DISPUTES, SILENT, SUPPORTS, Claim, Content, Position, Rule, Source

# A test returns the positions that break the rule (empty: the claim passes) and what is wrong with them.
_Result = tuple[list[int], str]
_Test = Callable[[Claim, Rule, dict[str, Source]], _Result | None]


def check(content: Content) -> Iterator[ContentError]:
    """Every claim whose verdict breaks one of that verdict's rules."""
    verdicts = {v.id: v for v in content.verdicts}
    sources = {s.id: s for s in content.sources}
    for claim in content.claims:
        verdict = verdicts.get(claim.verdict)
        for rule in verdict.rules if verdict else ():
            broken = _TESTS[rule.test](claim, rule, sources)
            if broken is not None:
                yield claim.doc.error(("verdict",), _message(claim, rule, broken))


def broken_rules(claim: Claim, content: Content) -> list[Rule]:
    """The rules of ``claim``'s verdict that it breaks, under the scale of ``content``."""
    verdict = next((v for v in content.verdicts if v.id == claim.verdict), None)
    sources = {s.id: s for s in content.sources}
    return [rule for rule in (verdict.rules if verdict else ()) if _TESTS[rule.test](claim, rule, sources) is not None]


def edition_errors(content: Content, doc: Document) -> Iterator[ContentError]:
    """The home page's "most disputed" list names only claims whose verdict requires a conflict (its rules)."""
    conflicted = [v.id for v in content.verdicts if any(r.test == "conflict" for r in v.rules)]
    claims = {c.id: c for c in content.claims}
    for index, claim_id in enumerate(content.edition.most_disputed):
        claim = claims.get(claim_id)
        if conflicted and claim and claim.verdict not in conflicted:
            wanted = ", ".join(repr(v) for v in conflicted)
            yield doc.error(("most_disputed", index), f"{claim_id!r} has the verdict {claim.verdict!r}, not {wanted}")


def _message(claim: Claim, rule: Rule, broken: _Result) -> str:
    indexes, problem = broken
    shown = ", ".join(f"positions[{i}] ({claim.positions[i].source}, {claim.positions[i].stance})" for i in indexes)
    return f"{claim.verdict!r} breaks the rule {rule.id!r} ({rule.says}): {problem}{': ' + shown if shown else ''}"


def _speaking(claim: Claim) -> list[int]:
    return [i for i, p in enumerate(claim.positions) if p.stance != SILENT]


def _with(claim: Claim, stance: str) -> list[int]:
    return [i for i, p in enumerate(claim.positions) if p.stance == stance]


def _addressed_by(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    speaking = _speaking(claim)
    low, high = rule.min or 0, rule.max if rule.max is not None else len(claim.positions)
    if low <= len(speaking) <= high:
        return None
    return speaking, f"{len(speaking)} source(s) address the point"


def _no_stance(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    found = [i for i, p in enumerate(claim.positions) if p.stance in rule.stances]
    return (found, "these positions take a stance the rule excludes") if found else None


def _no_unexplained(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    open_ = [n for n, c in enumerate(claim.contradictions) if not c.explained]
    if not open_:
        return None
    return [], f"contradictions[{', '.join(map(str, open_))}] not explained by a quoted passage"


def _differing_outlooks(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    supporting = _with(claim, SUPPORTS)
    outlooks = {_outlook(claim.positions[i], sources) for i in supporting}
    if len(outlooks) >= (rule.min or 0):
        return None
    return supporting, f"the supporting sources have {len(outlooks)} distinct outlook(s), fewer than {rule.min}"


def _outlook(position: Position, sources: dict[str, Source]) -> str:
    source = sources.get(position.source)
    return source.outlook if source else position.source


def _one_party(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    supporting = _with(claim, SUPPORTS)
    parties = {claim.positions[i].relays for i in supporting}
    if not supporting or len(parties) != 1 or None in parties:
        return None
    return supporting, f"every supporting position relays the account of one party ({parties.pop()})"


def _conflict(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    if claim.contradictions or _with(claim, DISPUTES):
        return None
    return [], "no contradiction is listed and no position disputes the point"


def _held_and_rejected(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    """Someone holds it; someone rejects it: a source that disputes it, or a party a contradiction names."""
    missing = []
    if not _with(claim, SUPPORTS):
        missing.append("no position supports it")
    if not _with(claim, DISPUTES) and not claim.contradictions:
        missing.append("no position disputes it and no contradiction names who rejects it")
    return ([], "; ".join(missing)) if missing else None


def _disputed_within(claim: Claim, rule: Rule, sources: dict[str, Source]) -> _Result | None:
    held = {_outlook(claim.positions[i], sources) for i in _with(claim, SUPPORTS)}
    if any(_outlook(claim.positions[i], sources) in held for i in _with(claim, DISPUTES)):
        return None
    return _with(claim, DISPUTES), "no source disputing it shares the outlook of a source supporting it"


_TESTS: dict[str, _Test] = {
    "addressed-by": _addressed_by,
    "no-stance": _no_stance,
    "no-unexplained-contradiction": _no_unexplained,
    "supported-by-differing-outlooks": _differing_outlooks,
    "not-only-one-party": _one_party,
    "conflict": _conflict,
    "held-and-rejected": _held_and_rejected,
    "disputed-within-outlook": _disputed_within,
}
