"""The benchmark's baseline: plain Markdown pages, as many and as long as a project's generated pages, built by
MkDocs with the project's theme, plugins and navigation but without the factcheck plugin."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import yaml

from generator.pipeline import generate
from generator.render.pages import THEME_LINKS, theme_links
from generator.settings import config_file, load_mkdocs_config, read_mkdocs_yml

_WORDS = (
    "Officials said the figures would be revised as reports arrived from the districts. "
    "Residents described hours of gunfire, and several roads stayed closed until the next morning. "
    "The statement gave no details of how the count was made or who had carried it out. "
    "Analysts noted that the accounts of the two sides differed on almost every number. "
)


def write_project(plain: Path, project: Path) -> Path:
    """Write, under ``plain``, one plain Markdown page per page generated for ``project``, of the same length."""
    loaded = load_mkdocs_config(project)
    pages = generate(loaded)
    docs = plain / "docs"
    shutil.copytree(loaded.docs_dir, docs)
    shutil.copytree(project / "site_templates" / "theme", plain / "site_templates" / "theme")
    for name, text in pages.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # a social card: an image, not a page
            target.write_bytes(text)
            continue
        body = text if name.endswith(".json") else plain_page(name, len(text))
        target.write_text(body, encoding="utf-8")
    config = read_mkdocs_yml(project)  # mkdocs.yml, with the engine guard's docs_dir tag read as its folder
    config["plugins"] = [p for p in config.get("plugins", []) if p != "factcheck-explainer"]
    config["docs_dir"] = "docs"
    config["extra"] = {**(config.get("extra") or {}), THEME_LINKS: theme_links()}  # the theme links to them
    config_file(plain).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return plain


def plain_page(name: str, length: int) -> str:
    """Headings, paragraphs and a list, about ``length`` characters long."""
    parts = [f"# {Path(name).stem.replace('-', ' ').capitalize()}\n\n"]
    size = len(parts[0])
    for number in itertools.count(1):
        if size >= length:
            break
        block = f"## Section {number}\n\n{_WORDS}\n\n- {_WORDS[:80]}\n- {_WORDS[80:170]}\n\n{_WORDS}\n\n"
        block = block if size + len(block) <= length else _WORDS[: max(1, length - size)] + "\n"
        parts.append(block)
        size += len(block)
    return "".join(parts)
