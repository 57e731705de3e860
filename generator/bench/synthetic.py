"""Synthetic but realistic content for the benchmark: five seeds, and claims that quote them verbatim.

Claim ``i`` depends only on ``i`` (and on the number of claims, for its related claims), so the projects of
every size share their first claims. Nothing here is about real events: places and actors are invented.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.check import kinds
from generator.model import SILENT
from generator.settings import CONFIG_FILE

SOURCES = (
    ("wire-report", "news-report", "headline"),
    ("ministry-statement", "commentary", "descriptive"),
    ("rights-monitor", "advocacy", "descriptive"),
    ("regional-analysis", "analysis", "headline"),
    ("local-explainer", "explainer", "descriptive"),
)
VERDICTS = ("corroborated", "consistent-unverified", "single-source", "disputed", "contradicted", "interpretation")
TOPICS = ("casualties", "places", "targets", "state-response", "communications", "leadership")
_PLACES = ("Karvan", "Doshli", "Meyra", "Tolbad", "Quorin", "Sadeh", "Palmir", "Hesh", "Varun", "Ostrel")
_ACTORS = ("the provincial government", "hospital officials", "a local rights group", "the armed group",
           "residents", "the interior ministry", "a police spokesman", "district officials")  # fmt: skip
_EVENTS = ("the attack on the checkpoint", "the siege of the market", "the blockade of the highway",
           "the raid on the depot", "the assault on the prison", "the clashes near the station")  # fmt: skip
_SEED_SENTENCES = (
    "{Actor} said that {n} people were killed in {event} in {place} on {date}.",
    "In {place}, {actor} reported that {event} lasted {h} hours before security forces regained control.",
    "{Actor} described {event} in {place} as \u201ca planned operation\u201d \u2014 a description others rejected.",
    "Independent verification of the figures from {place} was not possible, {actor} noted.",
    "{Actor} blamed {event} on outside backers and said {n} suspects had been detained in {place}.",
    "Mobile and internet services in {place} were cut for {h} hours, according to {actor}.",
    "At least {n} buildings in {place} were damaged during {event}, {actor} said on {date}.",
)


def write_project(root: Path, repo: Path, claims: int) -> Path:
    """Write a synthetic project with ``claims`` claims under ``root``, using the real templates and mkdocs.yml."""
    for name in (CONFIG_FILE, kinds.STANCES.location, kinds.PARTIES.location, kinds.SOURCE_KINDS.location):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(repo / name, root / name)
    stances = stances_taken(root)
    shutil.copytree(repo / "site_templates", root / "site_templates", dirs_exist_ok=True)
    seeds = {source: seed_text(index) for index, (source, _, _) in enumerate(SOURCES)}
    for index, (source, kind, title_kind) in enumerate(SOURCES):
        _write_seed(root, index, source, kind, title_kind, seeds[source])
    _dump(root / kinds.VERDICTS.location, {"verdicts": [_verdict(i, v) for i, v in enumerate(VERDICTS)]})
    _dump(root / kinds.TOPICS.location, {"topics": [{"id": t, "label": t.replace("-", " ").title()} for t in TOPICS]})
    sentences = {source: text.splitlines() for source, text in seeds.items()}
    written = [synthetic_claim(number, claims, sentences, stances) for number in range(claims)]
    written[0]["verdict"] = "disputed"  # the edition lists at least one, and the list follows the verdicts
    most = [c["id"] for c in written if c["verdict"] == "disputed"][:5]
    overview = "Five invented sources describe a series of invented events.\n\nThe texts *disagree* on most figures."
    selection = {"sources": "Five invented texts.", "claims": "Every invented point."}
    edition = {"title": "A synthetic edition", "overview": overview, "most_disputed": most, "selection": selection}
    _dump(root / kinds.EDITION.location, edition)
    for claim in written:
        _dump(root / kinds.CLAIM.location / f"{claim['id']}.yaml", claim)
    return root


def claim_id(number: int) -> str:
    """The id of synthetic claim ``number``."""
    return f"claim-{number:05d}"


def seed_text(index: int, sentences: int = 240) -> str:
    """A source text of ``sentences`` lines, one sentence each, so quotes can be cut out of whole lines."""
    rng = random.Random(f"seed-{index}")
    return "\n".join(_sentence(rng) for _ in range(sentences)) + "\n"


def _sentence(rng: random.Random) -> str:
    actor = rng.choice(_ACTORS)
    return rng.choice(_SEED_SENTENCES).format(
        Actor=actor[0].upper() + actor[1:], actor=actor, event=rng.choice(_EVENTS), place=rng.choice(_PLACES),
        n=rng.randint(2, 400), h=rng.randint(2, 40), date=f"{rng.randint(1, 28)} March 2026",
    )  # fmt: skip


_PUBLICATION = ("outlet", "url", "published", "retrieved", "archive", "reproduction")


def _write_seed(root: Path, index: int, source: str, kind: str, title_kind: str, text: str) -> None:
    raw = text.encode("utf-8")
    name, words = f"{index:03d}_{source}.txt", source.replace("-", " ")
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / name).write_bytes(raw)
    data: dict[str, Any] = {
        "id": source, "name": f"The {words}", "outlook": f"the outlook of the {words}",
        "title": f"The events in Karvan, as told by the {words}",
        "title_kind": title_kind, "kind": kind,
        "framing": f"A synthetic {kind.replace('-', ' ')} that reports figures from officials and residents.",
        "dates": [{"date": "2026-03-01", "what": "The first events it describes."}],
        "references": [{"text": f"Synthetic reference {index}.", "url": f"https://example.org/{source}"}],
        "publication": dict.fromkeys(_PUBLICATION, "unknown") | {"unknown_reason": "the text is synthetic"},
        "seed": name, "sha256": hashlib.sha256(raw).hexdigest(),
    }  # fmt: skip
    _dump(root / kinds.SOURCE.location / f"{source}.yaml", data)


def _verdict(order: int, verdict: str) -> dict[str, Any]:
    label = verdict.replace("-", " ").capitalize()
    return {"id": verdict, "label": label, "order": order + 1, "definition": f"The evidence is {label.lower()}."}


def stances_taken(root: Path) -> tuple[str, ...]:
    """The ids of content/stances.yaml that a source addressing a claim can take (all but silent), in order."""
    listed = yaml.load((root / kinds.STANCES.location).read_bytes(), Loader=yaml.CSafeLoader)["stances"]
    return tuple(s["id"] for s in sorted(listed, key=lambda s: s["order"]) if s["id"] != SILENT)


def synthetic_claim(
    number: int, total: int, sentences: dict[str, list[str]], stances: tuple[str, ...]
) -> dict[str, Any]:
    """Claim ``number`` of ``total``: every source's position (one of ``stances`` or silent), quotes and figures."""
    rng = random.Random(f"claim-{number}")
    place, event = rng.choice(_PLACES), rng.choice(_EVENTS)
    numeric = rng.random() < 0.5
    silent = set(rng.sample([s for s, _, _ in SOURCES], 2))
    positions = [
        _position(rng, source, () if source in silent else stances, 13 * index if numeric else None, sentences[source])
        for index, (source, _, _) in enumerate(SOURCES)
    ]
    speaking = [p["source"] for p in positions if p["stance"] != SILENT]
    related = sorted({claim_id((number + step) % total) for step in (1, 7, 31)} - {claim_id(number)})
    return {
        "id": claim_id(number),
        "headline": f"Deaths in {event} in {place}, claim {number}",
        "claim": f"{rng.randint(5, 300)} people were killed in {event} in {place}, claim {number}.",
        "claimant": rng.choice(_ACTORS).capitalize(),
        "topics": sorted(rng.sample(TOPICS, 2)),
        "dates": [{"date": f"2026-03-{rng.randint(1, 28):02d}", "what": f"The day of {event}."}],
        "verdict": rng.choice(VERDICTS),
        "verdict_reason": f"The sources that address {event} give figures that cannot be reconciled.",
        "bottom_line": "The figures conflict and no text reconciles them.",
        "summary": _summary(rng, place, event),
        "positions": positions,
        "contradictions": _contradictions(numeric, [p for p in positions if p["stance"] != SILENT]),
        "verification": {
            "corroborated": [{"point": f"Something happened in {place}.", "sources": speaking[:2]}],
            "unverified": [{"point": "The number of people killed.", "reason": "Every figure comes from one party."}],
            "would_settle": [f"An independent count of the dead in {place}, saying how each was classified."],
        },
        "related": related,
    }


def _summary(rng: random.Random, place: str, event: str) -> str:
    parts = [
        f"Three sources describe {event} in {place}; two say nothing about it.",
        f"Their figures range from {rng.randint(5, 50)} to {rng.randint(51, 300)} dead, all attributed to officials.",
        "The texts give *no* independent count, and **none** explains how its figure was reached.",
        "One of them notes that early reports varied widely and that communications were cut for hours.",
    ]
    return " ".join(parts)


def _position(rng: random.Random, source: str, stances: tuple[str, ...], offset: int | None,
              lines: list[str]) -> dict[str, Any]:  # fmt: skip
    """A source's position, one of ``stances`` (none: silent); with an ``offset``, a figure unlike every other's."""
    if not stances:
        return {"source": source, "stance": SILENT, "note": "Does not address the claim."}
    quotes = [_quote(line) for line in rng.sample(lines, rng.randint(1, 3))]
    position: dict[str, Any] = {
        "source": source,
        "stance": rng.choice(stances),
        "note": f"Reports the events and attributes its account to {rng.choice(_ACTORS)}, without a source.",
        "quotes": list(dict.fromkeys(quotes)),
    }
    if offset is not None:
        position["figures"] = [{
            "value": 40 + offset, "qualifier": rng.choice(("exact", "at-least", "about")),
            "unit": "deaths", "counts": "People killed in the attack", "date": "2026-03-02",
            "date_role": "reported", "attributed_to": rng.choice(_ACTORS),
        }]  # fmt: skip
    return position


def _quote(line: str) -> str:
    """A whole sentence, or the part before its first comma: both are verbatim."""
    head = line.split(",")[0]
    return head if len(head) > 40 else line


def _contradictions(numeric: bool, speaking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [p["source"] for p in speaking]
    items: list[dict[str, Any]] = [{
        "between": ids[:2], "parties": "officials and residents", "kind": "factual",
        "about": "Who carried out the attack.", "explained": False,
    }]  # fmt: skip
    if numeric:
        cited = {"source": ids[1], "text": speaking[1]["quotes"][0]}
        items.append({
            "between": ids[1:3], "kind": "numeric", "about": "The number of people killed.",
            "explained": True, "explanation": "The two figures were reported on different days.",
            "explanation_quotes": [cited],
        })  # fmt: skip
    return items


class _Dumper(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses aliases; write every value out


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    path.write_text(text, encoding="utf-8")
