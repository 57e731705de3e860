"""MkDocs side of the packaged files: the theme overrides and static assets a content-only project does not hold.

Called by the plugin so a project's ``mkdocs.yml`` needs no ``custom_dir`` and its ``docs_dir``
may be empty: the package's theme overrides sit after the project's own ``custom_dir`` and before Material,
and every packaged asset the project's ``docs_dir`` does not have itself is added to the build's files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.packaged import assets_dir, theme_dir
from generator.translations import HEADING_IDS


def use_packaged_theme(config: Any) -> None:
    """Put the packaged theme overrides right after the project's ``custom_dir`` (if any), once."""
    dirs: list[str] = config.theme.dirs
    packaged = theme_dir().resolve()
    if any(Path(folder).resolve() == packaged for folder in dirs):
        return
    dirs.insert(1 if config.theme.custom_dir else 0, str(packaged))


def use_heading_ids(config: Any) -> None:
    """Turn on ``attr_list`` for the generated pages' heading ids, unless mkdocs.yml does already."""
    if HEADING_IDS not in config.markdown_extensions:
        config.markdown_extensions.append(HEADING_IDS)


# The Markdown extensions (with the options) under which a page of finished HTML is what Python-Markdown would
# make of the same page with Markdown headings (tests/test_finished_html.py): MkDocs' three built-in ones (tables
# and fenced_code act on Markdown text, which these pages have none of) and attr_list (the headings' ids); the toc
# extension adds nothing to a heading without permalink or anchorlink, and its baselevel would change its level.
_FINISHED_FITS: dict[str, dict[str, tuple[object, ...]]] = {
    "toc": {"permalink": (None, False), "anchorlink": (None, False), "baselevel": (None, "1", 1)},
    "tables": {},
    "fenced_code": {},
    HEADING_IDS: {},
}


def finished_html_fits(config: Any) -> bool:
    """Whether MkDocs may take the generated pages as finished HTML under this configuration's Markdown
    extensions: only ``toc`` (without permalinks, anchor links or another base level) and ``attr_list``. Under any
    other extension the pages are written with Markdown headings and converted by MkDocs as they always were."""
    names = [str(name) for name in config.markdown_extensions]
    if any(name not in _FINISHED_FITS for name in names):
        return False
    options: dict[str, Any] = config.mdx_configs or {}
    return all(
        value in _FINISHED_FITS.get(name, {}).get(key, ())
        for name, settings in options.items()
        for key, value in (settings or {}).items()
    )


def use_site_words(env: Any, config: Any) -> None:
    """The theme overrides' words (``{% trans %}``, ``_()``) from the site's catalogue (translations.py).

    MkDocs adds Jinja's i18n extension to the theme's environment with its own (empty) translations."""
    from generator.pipeline import project_root
    from generator.render.compiled import COMPILED
    from generator.settings import site_info
    from generator.translations import language

    words = language(project_root(config), site_info(config).language)
    env.install_gettext_translations(words.translations, newstyle=True)
    env.bytecode_cache = COMPILED  # before the first template is loaded: compiled once a process, not a build


def add_packaged_assets(files: Files, config: Any) -> Files:
    """Add each packaged static asset that the project's ``docs_dir`` does not provide itself."""
    source = assets_dir()
    if Path(config.docs_dir).resolve() == source.resolve():
        return files  # this repository: its docs_dir is the packaged folder
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and not _hidden(relative) and files.get_file_from_path(relative) is None:
            files.append(File(relative, str(source), config.site_dir, config.use_directory_urls))
    return files


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))
