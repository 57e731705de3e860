"""The benchmark's baseline: plain MkDocs + Material building the very pages ``generator render`` writes for a
project, with the project's theme, plugins, navigation and Markdown extensions, but without the factcheck plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.build import export_markdown
from generator.render.pages import without_plugin
from generator.settings import config_file, read_mkdocs_yml


def write_project(plain: Path, project: Path) -> Path:
    """Write, under ``plain``, ``generator render``'s docs folder for ``project`` and mkdocs.yml without our plugin."""
    export_markdown(project, plain / "docs")  # the generated pages and the static files, as an engine reads them
    config = without_plugin(read_mkdocs_yml(project))  # with the engine guard's docs_dir tag read as its folder
    custom = (config.get("theme") or {}).get("custom_dir")
    if custom:  # the theme's overrides, at the same place relative to mkdocs.yml
        shutil.copytree(project / custom, plain / custom)
    config["docs_dir"] = "docs"
    config_file(plain).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return plain
