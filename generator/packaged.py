"""Where the templates, theme overrides, static assets and scaffold come from: the project first, then the package.

A story repository may hold only ``content/``, ``seeds/`` and ``mkdocs.yml``: whatever it does not provide
itself is taken from the ``site_templates/`` folder shipped in the wheel (as ``generator/_site_templates``,
see ``pyproject.toml``), or, in a checkout of this repository, from ``site_templates/`` beside the package.
A project's own files win: ``overrides/site_templates/`` first, then its ``site_templates/``.

Each of those folders has the same layout: ``pages/`` (the page templates), ``theme/`` (overrides of theme
partials), ``static/`` (styles, scripts, the vendored search shim: MkDocs' docs_dir) and ``scaffold/`` (what
``init``, ``new-source`` and ``new`` write).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.outputs import refuse_unsafe_sources

TEMPLATES = "site_templates"
OVERRIDES = Path("overrides") / TEMPLATES
SCHEMAS = "schemas"  # a project's copy of the JSON Schemas, for editors' IDEs
_PACKAGE = Path(__file__).resolve().parent


def packaged_templates() -> Path:
    """The ``site_templates`` folder this installation ships (inside the wheel, or beside it in a checkout)."""
    installed = _PACKAGE / "_site_templates"
    return installed if installed.is_dir() else _PACKAGE.parent / TEMPLATES


def template_roots(root: Path) -> list[Path]:
    """The ``site_templates`` folders, first match wins: the project's overrides, its own, the package's."""
    return _unique([root / OVERRIDES, root / TEMPLATES, packaged_templates()])


def template_dirs(root: Path) -> list[Path]:
    """Folders Jinja2 looks in for a page template (``pages/`` of each root), first match wins."""
    return [folder / "pages" for folder in template_roots(root)]


def find_template(root: Path, name: str) -> Path:
    """The first root that holds ``name`` (e.g. "scaffold/new-claim.yaml"), the package's when no other does."""
    return next((d / name for d in template_roots(root) if (d / name).is_file()), packaged_templates() / name)


def theme_dir() -> Path:
    """The Material partial overrides this package ships; a project's ``theme.custom_dir`` comes before them."""
    return packaged_templates() / "theme"


def assets_dir() -> Path:
    """The static assets (styles, scripts, the offline-search shim) this package ships."""
    return packaged_templates() / "static"


def schema_file(kind: str) -> Path:
    """The JSON Schema for one kind of content file, as installed."""
    return _PACKAGE / "schemas" / f"{kind}.schema.json"


def schema_folder(root: Path) -> Path:
    """Where a project's content files find their JSON Schemas: the package's own folder when the project
    holds it (this repository), else the project's ``schemas/`` (written by ``init`` and ``schemas``); never a
    virtual environment, whose path is one machine's and changes with every install."""
    packaged = schema_file("x").parent
    return packaged if packaged.resolve().is_relative_to(root.resolve()) else root / SCHEMAS


def modeline(path: Path, kind: str, root: Path) -> str:
    """The first line of a content file: tells editors' IDEs its schema, relative to the file, from any depth."""
    target = schema_folder(root).resolve() / f"{kind}.schema.json"
    where = os.path.relpath(target, path.parent.resolve())
    return f"# yaml-language-server: $schema={Path(where).as_posix()}"


def schema_texts() -> dict[str, str]:
    """Every JSON Schema this installation checks with, by file name: what ``init`` and ``schemas`` copy."""
    folder = schema_file("x").parent
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.schema.json"))}


def _unique(dirs: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    kept = []
    for folder in dirs:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            kept.append(folder)
    return kept


def asset_dirs(config: Any) -> list[Path]:
    """The packaged static assets, then the project's ``docs_dir`` when it is another folder (its files win)."""
    own, packaged = Path(config.docs_dir), assets_dir()
    refuse_unsafe_sources(config)
    return [packaged, own] if own.is_dir() and own.resolve() != packaged.resolve() else [packaged]
