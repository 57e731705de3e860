"""The benchmark's baseline: plain MkDocs + Material building the very pages ``generator render`` writes for a
project, with the project's theme, plugins, navigation and Markdown extensions, but without the factcheck plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.build import export_markdown
from generator.render.pages import THEME_LINKS, theme_links
from generator.settings import config_file, read_mkdocs_yml
from generator.translations import HEADING_IDS

PLUGIN = "factcheck-explainer"


def write_project(plain: Path, project: Path) -> Path:
    """Write, under ``plain``, ``generator render``'s docs folder for ``project`` and mkdocs.yml without our plugin."""
    export_markdown(project, plain / "docs")  # the generated pages and the static files, as an engine reads them
    config = read_mkdocs_yml(project)  # mkdocs.yml, with the engine guard's docs_dir tag read as its folder
    custom = (config.get("theme") or {}).get("custom_dir")
    if custom:  # the theme's overrides, at the same place relative to mkdocs.yml
        shutil.copytree(project / custom, plain / custom)
    config["plugins"] = [p for p in config.get("plugins", []) if p != PLUGIN]
    config["docs_dir"] = "docs"
    # What the plugin adds to the configuration: the heading ids the pages write ({ #figures }), and the
    # addresses the theme links to.
    extensions = list(config.get("markdown_extensions") or [])
    config["markdown_extensions"] = extensions + [HEADING_IDS] * (HEADING_IDS not in _names(extensions))
    config["extra"] = {**(config.get("extra") or {}), THEME_LINKS: theme_links()}
    config_file(plain).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return plain


def _names(extensions: list[str | dict[str, object]]) -> list[str]:
    """The names in mkdocs.yml's ``markdown_extensions`` (a name, or a one-key mapping to its options)."""
    return [item if isinstance(item, str) else next(iter(item)) for item in extensions]
