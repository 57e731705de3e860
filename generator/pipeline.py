"""The one pipeline: from a loaded MkDocs configuration, check the content and render every page.

``generator build``, ``generator render``, the MkDocs plugin, the benchmark and its baseline all call
``generate`` (or ``check`` then ``render``) with the configuration MkDocs loaded: one reader of mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import BuildFailed
from .history import file_dates
from .load import ReadCache
from .model import Content
from .render import SiteInfo, make_env, render_site
from .validate import check_project


def project_root(config: Any) -> Path:
    """The project folder: the one holding mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def site_info(config: Any) -> SiteInfo:
    """The settings pages need from mkdocs.yml (``extra.content_edit_url`` prefixes a content file's path)."""
    return SiteInfo(config.site_name, config.site_url or None, config.extra.get("content_edit_url"))


def check(config: Any, cache: ReadCache | None = None) -> Content:
    """Load and validate the project's content; raise CheckFailed with every problem found."""
    root, docs = project_root(config), Path(config.docs_dir)
    static = [path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()]
    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    return check_project(root, cache, static, shown)


def render(content: Content, config: Any) -> dict[str, str]:
    """Every generated file of the checked ``content``, as {path inside the docs folder: text}."""
    root = project_root(config)
    return render_site(content, make_env(root), site_info(config), file_dates(root))


def generate(config: Any, cache: ReadCache | None = None) -> dict[str, str]:
    """Check the content, then render every page: what every build of the site starts with."""
    return render(check(config, cache), config)


def load_mkdocs_config(root: Path, **overrides: Any) -> Any:
    """Load ``root``/mkdocs.yml as MkDocs does (``!ENV`` included); a broken file is a BuildFailed, no traceback."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(str(root / "mkdocs.yml"), **overrides)
    except ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml: {exc}") from None
    except OSError as exc:
        raise BuildFailed(f"cannot read {root / 'mkdocs.yml'}: {exc.strerror or exc}") from None


def plugin_of(config: Any) -> Any:
    """The project's factcheck plugin instance in a loaded configuration, or None when mkdocs.yml lists none."""
    from .plugin import FactcheckPlugin

    plugins: Mapping[str, Any] = config.plugins
    return next((p for p in plugins.values() if isinstance(p, FactcheckPlugin)), None)
