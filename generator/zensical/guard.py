"""Keeps a plain ``zensical build`` or ``zensical serve`` from publishing an empty site.

Zensical reads mkdocs.yml but runs none of its MkDocs plugins, so on this project it would build a
site with no pages and say "No issues found". mkdocs.yml therefore names its docs folder through a YAML tag,
``docs_dir: !!python/object/apply:generator.zensical.guard.docs_dir [site_templates/static]``: MkDocs (and
ProperDocs) construct it while reading the file and get the folder back; Zensical constructs it too, and
gets an error it prints on one line before exiting 1. ``generator build --engine zensical`` writes Zensical a
config of its own, without the tag. Code that reads mkdocs.yml without MkDocs uses ``settings.read_mkdocs_yml``.
"""

from __future__ import annotations

import sys

import yaml

MESSAGE = (
    "this project generates its pages from content/: Zensical cannot run its MkDocs plugin, so a plain "
    "`zensical build` or `zensical serve` would publish an empty site. Run `python -m generator build "
    "--engine zensical` or `python -m generator preview --engine zensical` instead"
)


class NeedsGenerator(yaml.YAMLError):
    """Raised while Zensical reads mkdocs.yml: Zensical prints it as a configuration error and exits 1."""


def docs_dir(path: str) -> str:
    """``path`` for MkDocs and ProperDocs; an error when Zensical is the one reading mkdocs.yml."""
    if _read_by_zensical():
        raise NeedsGenerator(MESSAGE)
    return path


def _read_by_zensical() -> bool:
    """True when a caller's module is Zensical's (not merely imported: the tests import every engine)."""
    frame = sys._getframe(1)
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).split(".")[0] == "zensical":
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False
