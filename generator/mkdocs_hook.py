"""MkDocs hook: adds the generated pages to the build. It only calls the generator; keep it thin.

Listed in mkdocs.yml under ``hooks:``, so ``mkdocs build`` and ``mkdocs serve`` both generate the pages,
and ``serve`` also watches content/ and seeds/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator import preview
from generator.build import source_date_epoch
from generator.errors import CheckFailed, GeneratorError
from generator.history import file_dates
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


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``mkdocs serve``: only then are content errors shown on the pages."""
    preview.start(command)


def on_shutdown() -> None:
    """The server stopped: later builds in this process fail on content errors again."""
    preview.start("build")


def on_files(files: Files, config: Any) -> Files:
    """Check the content and add one generated Markdown file per page.

    A content or template error fails ``mkdocs build``; under ``mkdocs serve`` it is logged and shown on
    the pages instead, so the server keeps running and the pages come back when the files are fixed.
    """
    root = _root(config)
    try:
        content = check_project(root)
        pages = render_site(content, make_env(root), site_info(config), file_dates(root))
    except CheckFailed as failed:
        pages = _failed([e.format_text() for e in failed.errors], root)
    except GeneratorError as exc:
        pages = _failed([str(exc)], root)
    else:
        preview.remember(pages)
    for src_uri, markdown in pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files


def _failed(messages: list[str], root: Path) -> dict[str, str]:
    if not preview.STATE.serving:
        raise PluginError("\n".join(messages))
    return preview.pages_with_errors(messages, root)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when an editor changes content, seeds or templates."""
    root = _root(config)
    for folder in ("content", "seeds", "site_templates"):
        server.watch(str(root / folder))
    return server


def _shims(config: Any) -> tuple[str, ...]:
    """The sources of the worker shims listed under ``extra.polyfills`` (see generator/csp.py)."""
    paths = [Path(config.docs_dir) / p for p in config.extra.get("polyfills", []) if p.endswith("shim.js")]
    return tuple(path.read_text(encoding="utf-8") for path in paths)


def _with_policy(output: str, config: Any) -> str:
    from generator.csp import add_policy

    try:
        return add_policy(output, _shims(config))
    except ValueError as exc:  # an unknown shim or a page without <head>: fail the build, never ship without it
        raise PluginError(f"Content-Security-Policy: {exc}") from None


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Give every page a Content-Security-Policy with the hashes of its own inline scripts."""
    return _with_policy(output, config)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The same policy for pages built from theme templates alone (404.html)."""
    return _with_policy(output, config) if template_name.endswith(".html") else output
