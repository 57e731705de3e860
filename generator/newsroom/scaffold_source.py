"""``factcheck-explainer new-source ID --seed FILE``: scaffold content/sources/ID.yaml for a text in seeds/.

Copies nothing: the text must already be in the project's ``seeds/``. Hashes it as the check does
(seeds.seed_digest) and writes the source file with every field hinted; never overwrites anything.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from generator.check.kinds import SOURCE_KINDS
from generator.check.load import MAX_BYTES
from generator.check.seeds import FOLDER, seed_digest
from generator.newsroom.scaffold import ScaffoldRefused, check_new_id, listed_items
from generator.packaged import find_template, modeline

_SEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.txt")  # the schema's pattern for 'seed:'
TEMPLATE = "scaffold/new-source.yaml"


def new_source(root: Path, source_id: str, seed: Path) -> Path:
    """Write content/sources/<source_id>.yaml naming ``seed`` (a file in the project's seeds/) and its SHA-256."""
    folder = root / "content" / "sources"
    check_new_id(root, folder, source_id, "source")
    name = _seed_name(root, seed)
    path = folder / f"{source_id}.yaml"
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    text = env.from_string(find_template(root, TEMPLATE).read_text(encoding="utf-8")).render(
        modeline=modeline(path, "source", root),
        id=source_id,
        seed=name,
        sha256=seed_digest(root / FOLDER / name),
        kinds=[item["id"] for item in listed_items(root, SOURCE_KINDS.location, "kinds")],
    )
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite a file made meanwhile
        handle.write(text)
    return path


def _seed_name(root: Path, seed: Path) -> str:
    """The seed's file name, once it is known to be a plain text file directly in the project's seeds/."""
    seeds = (root / FOLDER).resolve()
    # As given (from the current folder), else from the project's folder, else a bare name within seeds/.
    found = next((p for p in (seed, root / seed, root / FOLDER / seed) if p.exists() or p.is_symlink()), seed)
    if not (found.exists() or found.is_symlink()):
        raise ScaffoldRefused(f"no file {seed}: put the text in {root / FOLDER}/ first (new-source copies nothing)")
    if found.is_symlink() or not found.is_file():
        raise ScaffoldRefused(f"{seed} is not a plain file; seeds must be plain files")
    if found.resolve().parent != seeds:
        raise ScaffoldRefused(f"{seed} is not in {root / FOLDER}/: move it there first (new-source copies nothing)")
    if not _SEED_NAME.fullmatch(found.name):
        raise ScaffoldRefused(f"{found.name}: a seed's name ends in .txt and uses only A-Z, a-z, 0-9, '.', '_', '-'")
    if (size := found.stat().st_size) > MAX_BYTES:
        raise ScaffoldRefused(f"{seed} is {size} bytes; the limit is {MAX_BYTES}")
    return found.name
