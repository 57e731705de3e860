"""MkDocs hook: adds the generated pages to the build. It only calls the generator; keep it thin.

Listed in mkdocs.yml under ``hooks:``, so ``mkdocs build`` and ``mkdocs serve`` both generate the pages,
and ``serve`` also watches content/ and seeds/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from generator import dirty as dirty_preview
from generator.build import source_date_epoch, take_rendered
from generator.errors import CheckFailed, GeneratorError
from generator.render import SiteInfo, make_env, render_site
from generator.validate import check_project


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def site_info(config: Any) -> SiteInfo:
    """The settings pages need from mkdocs.yml (``extra.content_edit_url`` prefixes a content file's path)."""
    return SiteInfo(config.site_name, config.site_url or None, config.extra.get("content_edit_url"))


def on_config(config: Any) -> Any:
    """Make plain ``mkdocs build`` reproducible too: dates derive from the last commit, not the clock."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(_root(config)))
    return config


def on_files(files: Files, config: Any) -> Files:
    """Check the content and add one generated Markdown file per page."""
    root = _root(config)
    pages = take_rendered(root, site_info(config))  # `generator build` has checked and rendered just now: not twice
    generated = pages if pages is not None else generate_pages(root, config)
    for file in dirty_preview.generated_files(config, root, generated):
        files.append(file)
    return files


def generate_pages(root: Path, config: Any) -> dict[str, str]:
    """Check the content and render every page; a failed check or template stops MkDocs with every problem."""
    try:
        content = check_project(root)
    except CheckFailed as failed:
        raise PluginError("\n".join(e.format_text() for e in failed.errors)) from None
    try:
        return render_site(content, make_env(root), site_info(config))
    except GeneratorError as exc:
        raise PluginError(str(exc)) from None


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when an editor changes content, seeds or templates."""
    root = _root(config)
    for folder in ("content", "seeds", "site_templates"):
        server.watch(str(root / folder))
    return server


def on_startup(command: str, dirty: bool) -> None:
    """Under ``mkdocs serve --dirty``, rebuild only the pages whose Markdown changed (generator/dirty.py)."""
    dirty_preview.start(command, dirty)
    if dirty_preview.is_active():
        dirty_preview.quiet_dirty_warning()


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    """In a dirty preview, complete the search index with the pages that were not rebuilt."""
    dirty_preview.complete_search_index(config)
