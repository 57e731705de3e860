"""``python -m generator new ID``: scaffold a claim file for an editor. The only command that writes to content/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.check.crosscheck import reserved_name
from generator.check.kinds import CLAIM, SOURCE, STANCES, TOPICS, VERDICTS
from generator.check.load import load_document
from generator.check.schema import is_valid
from generator.errors import GeneratorError
from generator.model import SILENT
from generator.packaged import find_template, modeline

TEMPLATE = "scaffold/new-claim.yaml"  # a project's own copy first (packaged.find_template)


class ScaffoldRefused(GeneratorError):
    """Raised by new_claim and new_source: an id not a slug or taken already, a source or seed missing."""


def new_claim(root: Path, claim_id: str, sources: list[str]) -> Path:
    """Write content/claims/<claim_id>.yaml from the commented template; never overwrite anything."""
    folder = root / CLAIM.location
    check_new_id(root, folder, claim_id, "claim")
    known = sorted(p.stem for p in (root / SOURCE.location).glob("*.yaml"))
    unknown = [s for s in sources if s not in known]
    if unknown:
        raise ScaffoldRefused(f"no source with id {', '.join(unknown)}; known: {', '.join(known)}")
    ordered = [*sources, *(s for s in known if s not in sources)]
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False, trim_blocks=True
    )
    path = folder / f"{claim_id}.yaml"
    text = env.from_string(find_template(root, TEMPLATE).read_text(encoding="utf-8")).render(
        modeline=modeline(path, "claim", root),
        id=claim_id,
        sources=ordered,
        addressed=sources,
        topics=[item["id"] for item in listed_items(root, TOPICS.location, "topics")],
        verdicts=[item["id"] for item in listed_items(root, VERDICTS.location, "verdicts")],
        stances=[
            s["id"] for s in sorted(listed_items(root, STANCES.location, "stances"), key=_order) if s["id"] != SILENT
        ],
    )
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite a file made meanwhile
        handle.write(text)
    return path


def check_new_id(root: Path, folder: Path, new_id: str, kind: str) -> None:
    """Raise ScaffoldRefused unless ``new_id`` is a free, valid id for a new file in ``folder``."""
    if not is_valid("slug", new_id) or len(new_id) > 80:  # the definition every schema uses for ids
        raise ScaffoldRefused(f"{new_id!r} is not a valid id: use a lowercase slug (a-z, 0-9, single hyphens)")
    if reserved := reserved_name(new_id):
        raise ScaffoldRefused(reserved)
    if (root / "content").is_symlink() or folder.is_symlink():
        raise ScaffoldRefused(f"{folder} or its parent is a symbolic link; content must be plain folders")
    taken = {p.stem.casefold(): p for p in folder.glob("*.yaml")}
    if new_id.casefold() in taken:
        raise ScaffoldRefused(f"a {kind} with id {new_id!r} exists already: {taken[new_id.casefold()]}")


def listed_items(root: Path, location: str, key: str) -> list[dict[str, Any]]:
    """The items (with an id) under ``key`` of a vocabulary file, or none if it cannot be read (the check will
    say why): the hints of the scaffolds."""
    path = root / location
    if not path.is_file():
        return []
    doc = load_document(path, str(path))
    if isinstance(doc, list) or not isinstance(doc.data, dict):
        return []
    items = doc.data.get(key)
    return [item for item in items if isinstance(item, dict) and "id" in item] if isinstance(items, list) else []


def _order(item: dict[str, Any]) -> int:
    return item["order"] if isinstance(item.get("order"), int) else 0
