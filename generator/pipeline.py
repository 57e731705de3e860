"""The one pipeline: from a loaded MkDocs configuration, check the content and render every page.

``generator build`` and ``generator render`` call ``generate_drawn_later`` (the social cards drawn in another
process while the pages render, publish.Cards), the MkDocs plugin, the previews, the benchmark and its baseline
``generate`` (or ``check`` then ``render``), with the configuration MkDocs loaded: one reader of mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.check.load import ReadCache
from generator.check.validate import check_project
from generator.history import file_dates
from generator.model import Content, released
from generator.render.card import social_cards
from generator.render.incremental import PageMemo
from generator.render.pages import Drawn, Output, Page, held, materialise
from generator.render.render import make_env, render_site
from generator.settings import require_masthead, site_info
from generator.translations import language


def project_root(config: Any) -> Path:
    """The project folder: the one holding mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def check(config: Any, cache: ReadCache | None = None) -> Content:
    """Load and validate the project's content; raise CheckFailed with every problem found."""
    root = project_root(config)
    return check_project(root, cache, *docs_files(root, Path(config.docs_dir)))


def docs_files(root: Path, docs: Path) -> tuple[list[str], str]:
    """The files of the docs folder ``docs`` (relative to it), which no generated page may replace, and the
    folder as messages name it."""
    static = [path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()] if docs.is_dir() else []
    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    return static, shown


def render(
    content: Content,
    config: Any,
    memo: PageMemo | None = None,
    cache: ReadCache | None = None,
    html: bool = False,
    hold: Callable[[Output], Output] | None = None,
) -> dict[str, Output]:
    """Every generated file of the checked ``content``, as {path inside the docs folder: text}; the social cards
    as ``Drawn`` files, drawn only when written.

    With a ``memo`` of the last render (and the ``cache`` the check read the files through), only the pages
    whose inputs changed are rendered again (incremental.py); the others keep their text, and their cards'
    bytes: a preview draws a card once, when it changed.
    ``html``: for MkDocs through our plugin, which takes the pages as finished HTML (render.make_env).
    ``hold``: how a clean render keeps each file once made (render_site).
    """
    root = project_root(config)
    site, history = site_info(config), file_dates(root)
    env = make_env(root, language(root, site.language), html)  # the words of theme.language (translations.py)
    if memo is None or cache is None:
        return render_site(content, env, site, history, hold=hold)
    seeds = {source.seed: source.sha256 for source in content.sources}  # verified by the check
    keyer = memo.keyer(root, current_files(cache), site, history, seeds, html)
    keys: dict[str, str] = {}

    def reuse(page: Page) -> Output | None:
        keys[page.path] = keyer.key(page)
        return memo.reuse(page, keys[page.path])

    env.globals["fragments"] = fragments = memo.fragments.start(keyer.site_wide, keyer.files)
    pages: dict[str, Output] = {**materialise(render_site(content, env, site, history, reuse, memo.claims_json))}
    memo.fragments.keep(fragments)
    memo.remember(keys, pages, sum(memo.keys.get(path) != key for path, key in keys.items()))
    return pages


def current_files(cache: ReadCache) -> dict[str, bytes]:
    """The bytes of every content file the check has just read, by project-relative path; forget deleted ones."""
    for gone in [key for key in cache if not Path(key[0]).exists()]:
        del cache[gone]
    return {display: raw for (_, display), (raw, _) in cache.items()}


def generate(
    config: Any, cache: ReadCache | None = None, memo: PageMemo | None = None, deploy: bool = False, html: bool = False
) -> dict[str, str | bytes]:
    """Check the content, then render every page, every social card drawn: for the callers that hold every
    file anyway (the MkDocs plugin, the previews, the benchmark).

    ``deploy``: a build to publish, refused without who publishes it and where to report an error.
    ``html``: the pages as finished HTML (MkDocs through our plugin).
    """
    return materialise(generate_drawn_later(config, cache, memo, deploy, html))


def generate_drawn_later(
    config: Any,
    cache: ReadCache | None = None,
    memo: PageMemo | None = None,
    deploy: bool = False,
    html: bool = False,
    draw: Callable[[dict[str, Drawn]], None] | None = None,
) -> dict[str, Output]:
    """Check the content, then render every page; each social card is a ``Drawn`` file, drawn as publish writes
    it: what ``generator build`` starts with, so that 5,000 cards are never held at once.

    ``deploy``: a build to publish, refused without who publishes it and where to report an error.
    ``draw``: given every card ({docs path: card}, as the render makes it) once the content has checked, before
    the pages render: a build draws them meanwhile (publish.Cards), and holds each text as UTF-8 until it is
    written (pages.Encoded).
    """
    content = check(config, cache)
    if deploy:
        require_masthead(content.masthead, site_info(config))
    if cache is None:  # a build: no error points into a file after its check; a preview checks them again
        content = released(content)
    if draw is not None:
        site = site_info(config)
        draw(social_cards(content, site, language(project_root(config), site.language)))
    return render(content, config, memo, cache, html, held if draw is not None else None)
