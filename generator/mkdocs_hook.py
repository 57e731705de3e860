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

from generator import assets, preview, settings
from generator import dirty as dirty_preview
from generator.build import refuse_project_folder, take_rendered
from generator.errors import BuildFailed, CheckFailed, GeneratorError
from generator.history import file_dates, source_date_epoch
from generator.publish import record_manifest, refuse_foreign
from generator.reading import add_skip_link, heading_first, trim
from generator.render import SiteInfo, make_env, render_site
from generator.validate import check_project

_PAGES: dict[Path, dict[str, str]] = {}  # rendered in on_pre_build, added in on_files
_ACCEPTED: list[Path] = []  # the site_dir a plain `mkdocs build` found empty or its own, until on_shutdown


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def site_info(config: Any) -> SiteInfo:
    """The settings pages need from mkdocs.yml (generator/settings.py)."""
    try:
        return settings.site_info(config)
    except GeneratorError as exc:
        raise PluginError(str(exc)) from None


def on_config(config: Any) -> Any:
    """Refuse an output folder MkDocs must not empty; make plain ``mkdocs build`` reproducible too.

    MkDocs empties ``site_dir`` after ``on_pre_build``: refusing here, or failing the check in
    ``on_pre_build``, leaves every file where it was.
    """
    root = _root(config)
    site_dir = Path(config.site_dir).resolve()
    assets.use_packaged_theme(config)  # a content-only project holds no theme overrides of its own
    try:
        refuse_project_folder(root, site_dir, Path(config.docs_dir).resolve(), *_theme_dirs(config))
        if not preview.STATE.serving:
            refuse_foreign(site_dir)
            _ACCEPTED[:] = [site_dir]
    except BuildFailed as exc:
        raise PluginError(str(exc)) from None
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    return config


def _theme_dirs(config: Any) -> list[Path]:
    custom = config.theme.custom_dir
    return [Path(custom).resolve()] if custom else []


def on_startup(command: str, dirty: bool) -> None:
    """Errors show on the pages only under ``mkdocs serve``; ``--dirty`` rebuilds only changed pages."""
    preview.start(command)
    dirty_preview.start(command, dirty)
    if dirty_preview.is_active():
        dirty_preview.quiet_dirty_warning()


def on_shutdown() -> None:
    """Record what a plain ``mkdocs build`` left in ``site_dir``, so the next build may replace it; reset the preview.

    MkDocs calls this after a finished build and after a failed one. The folder was empty or this tool's own
    when the build started and only MkDocs has written to it since, whether it holds a new site or, after a
    failure once MkDocs had emptied it, half of one. A folder the build never touched (the check failed
    before MkDocs emptied it) still matches its manifest and is left exactly as it was.
    """
    for site_dir in _ACCEPTED:
        try:
            refuse_foreign(site_dir)
        except BuildFailed:
            record_manifest(site_dir)
    _ACCEPTED.clear()
    preview.start("build")
    dirty_preview.start("build", False)


def on_pre_build(config: Any) -> None:
    """Check and render the content now, before MkDocs empties ``site_dir``: a failed check leaves it as it was."""
    root = _root(config)
    pages = take_rendered(root, site_info(config))  # `generator build` has checked and rendered just now: not twice
    _PAGES[root] = pages if pages is not None else generate_pages(root, config)


def on_files(files: Files, config: Any) -> Files:
    """Add one generated Markdown file per page (checked and rendered in ``on_pre_build``)."""
    root = _root(config)
    for file in dirty_preview.generated_files(config, root, _PAGES.pop(root)):
        files.append(file)
    return assets.add_packaged_assets(files, config)


def generate_pages(root: Path, config: Any) -> dict[str, str]:
    """Check the content and render every page.

    Any failure fails ``mkdocs build``; under ``mkdocs serve`` it is logged and shown on the pages
    instead, so the server keeps running and the pages come back when the files are fixed.
    """
    try:
        content = check_project(root)
        pages = render_site(content, make_env(root), site_info(config), file_dates(root))
    except CheckFailed as failed:
        return _failed([e.format_text() for e in failed.errors], root)
    except GeneratorError as exc:
        return _failed([str(exc)], root)
    except OSError as exc:  # a file that cannot be read
        return _failed([f"{exc.strerror or exc}: {exc.filename}"], root)
    except Exception as exc:  # a bug: the preview must still answer, and say what happened
        return _failed([f"{type(exc).__name__}: {exc}"], root)
    return preview.remember(pages)


def _failed(messages: list[str], root: Path) -> dict[str, str]:
    if not preview.STATE.serving:
        raise PluginError("\n".join(messages))
    return preview.pages_with_errors(messages, root)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when an editor changes content, seeds or templates."""
    root = _root(config)
    for folder in ("content", "seeds", "site_templates", "overrides"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def _shims(config: Any) -> tuple[str, ...]:
    """The sources of the worker shims listed under ``extra.polyfills`` (see generator/csp.py)."""
    paths = [assets.asset_path(config, p) for p in config.extra.get("polyfills", []) if p.endswith("shim.js")]
    return tuple(path.read_text(encoding="utf-8") for path in paths)


def _with_policy(output: str, config: Any) -> str:
    from generator.csp import add_policy

    try:
        return add_policy(output, _shims(config))
    except ValueError as exc:  # an unknown shim or a page without <head>: fail the build, never ship without it
        raise PluginError(f"Content-Security-Policy: {exc}") from None


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """The page's h1 heads its table of contents: the skip link lands on it (generator/reading.py)."""
    html, page.toc = heading_first(html, page.toc)
    return html


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page links relatively like every other page, so it works in a sub-folder and from disk."""
    if template_name == "404.html":
        from mkdocs.utils import normalize_url

        context["base_url"] = "."
        context["extra_css"] = [normalize_url(str(path), None, ".") for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Give every page a Content-Security-Policy with the hashes of its own inline scripts."""
    return _with_policy(output, config)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The same policy for pages built from theme templates alone (404.html), and a skip link to the h1."""
    return _with_policy(add_skip_link(output), config) if template_name.endswith(".html") else output


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    """In a dirty preview, complete the search index; drop the theme files readers never load."""
    dirty_preview.complete_search_index(config)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = list(search.config.lang or ["en"]) if search else ["en"]
    trim(Path(config.site_dir), languages)
