"""``generator build`` and ``generator render``: one build, whichever engine writes the pages.

Read ``build`` top to bottom: the output folder, the configuration, the check and render, the engine writing
the site into a staging folder (our post-steps included), and the one swap into place (publish.py). The
engines answer ``Engine``: MkDocs (mkdocs/engine.py), Zensical (zensical/engine.py) and the Markdown export
(``MarkdownExport`` below, ``generator render``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Protocol

from generator import settings
from generator.check.kinds import CLAIM
from generator.check.validate import ids_on_disk
from generator.manifest import Seen, refuse_foreign
from generator.outputs import config_folders, guard, refuse_unsafe_sources
from generator.packaged import asset_dirs
from generator.pipeline import generate_drawn_later
from generator.publish import BuildResult, Cards, publish, write_pages
from generator.render.pages import Output
from generator.settings import (
    load_mkdocs_config,
    require_address,
    require_site_url,
    site_info,
    with_repository,
)


class Engine(Protocol):
    """What a build asks of the engine that writes its site."""

    def takes_html(self, config: Any) -> bool:
        """Whether it takes the generated pages as finished HTML (MkDocs through our plugin), not Markdown."""

    def require(self) -> None:
        """BuildFailed, in one line, when the engine cannot run here."""

    def load_options(self, site_dir: Path) -> dict[str, Any]:
        """What MkDocs' loader sets in the configuration for this engine (mkdocs.yml stays the one source)."""

    def accept(self, config: Any) -> None:
        """BuildFailed when this engine cannot build the loaded configuration."""

    def write(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> None:
        """Write the site of ``pages`` into ``folder`` (which does not exist yet); once written, each text keeps
        only its front matter (publish.write_pages). The social cards (``Drawn``) are left out: the build puts
        them into ``folder`` afterwards (publish.Cards.place)."""

    def finish(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> int:
        """Our post-steps on the site the engine wrote into ``folder`` (postbuild.py), its pages only: the cards are
        placed after them (still drawn meanwhile); how many pages it has."""


def build(
    root: Path,
    site_dir: Path,
    deploy: bool = False,
    site_url: str | None = None,
    repository_url: str | None = None,
    engine: str = "mkdocs",
) -> BuildResult:
    """Check the content, let ``engine`` write the site into a staging folder, and replace ``site_dir`` only
    on success.

    ``deploy``: the site is for publishing, so it must have its public address: mkdocs.yml's site_url, or
    ``site_url`` given here (which wins, e.g. the address the Pages workflow is given), and say who publishes
    it (content/publisher.yaml). ``repository_url``: the address of the repository the site is built from
    (mkdocs.yml's extra.repository_url unless given here). ``engine``: mkdocs, zensical or markdown.
    """
    started = time.perf_counter()
    root, writer = root.resolve(), engine_named(engine)
    site_dir, seen = output_folder(root, site_dir)
    writer.require()
    config = configuration(root, writer, site_dir, site_url, repository_url, deploy)
    written: list[int] = []
    with Cards(site_dir) as cards:  # drawn in another process from the end of the check on (publish.Cards)
        cards.expect(len(ids_on_disk(root, CLAIM)))  # its workers start now, while the content is checked, if enough
        # Check and render (template errors too) before anything is written.
        pages = generate_drawn_later(config, deploy=deploy, html=writer.takes_html(config), draw=cards.start)

        def fill(staging: Path) -> None:
            writer.write(config, root, pages, staging)  # the engine writes the site (each text let go once written)
            written.append(writer.finish(config, root, pages, staging))  # our post-steps on its pages
            cards.place(pages, staging)  # the cards, where the engine would have copied them (last: drawn meanwhile)

        publish(root, site_dir, fill, *config_folders(config), seen=seen)  # the one swap into place
    return BuildResult(written[0], time.perf_counter() - started)


def export_markdown(root: Path, out_dir: Path) -> BuildResult:
    """``generator render``: the generated Markdown (and JSON) with the static files in ``out_dir``, atomically.

    The folder can serve as another tool's docs folder, e.g. a successor of MkDocs that ignores hooks.
    """
    return build(root, out_dir, engine="markdown")


def engine_named(name: str) -> Engine:
    """The engine called ``name``; its modules (and MkDocs' or Zensical's) are imported only now."""
    if name == "zensical":
        from generator.zensical.engine import Zensical

        return Zensical()
    if name == "markdown":
        return MarkdownExport()
    from generator.mkdocs.engine import MkDocs

    return MkDocs()


def output_folder(root: Path, site_dir: Path) -> tuple[Path, Seen]:
    """``site_dir``, resolved, once the guard passed it, and what it holds; refused at once when it holds what the
    tool did not write."""
    site_dir = guard(root, site_dir)
    return site_dir, refuse_foreign(site_dir)  # before the check: say at once when the folder is not ours


def configuration(
    root: Path, writer: Engine, site_dir: Path, site_url: str | None, repository_url: str | None, deploy: bool
) -> Any:
    """mkdocs.yml as MkDocs loads it (the one read of it), with the addresses given here; every setting the build
    needs checked, and the folders it reads and writes guarded, before the content is."""
    require_address("--site-url", site_url)
    overrides = {"site_url": site_url} if site_url else {}
    config = load_mkdocs_config(root, **writer.load_options(site_dir), **overrides)
    with_repository(config, repository_url)
    settings.check_settings(config)  # before the content: one line for a setting the pages cannot use
    writer.accept(config)
    if deploy:
        require_site_url(site_info(config))
    guard(root, site_dir, *config_folders(config))
    refuse_unsafe_sources(config)  # before an engine reads them
    return config


class MarkdownExport:
    """``generator render``: no engine; the docs folder an engine would read."""

    def takes_html(self, config: Any) -> bool:
        """Markdown headings: any engine's toc extension reads them."""
        return False

    def require(self) -> None:
        """Nothing to install."""

    def load_options(self, site_dir: Path) -> dict[str, Any]:
        return {}

    def accept(self, config: Any) -> None:
        """Any configuration."""

    def write(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> None:
        write_pages(folder, asset_dirs(config), pages)

    def finish(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> int:
        """No engine ran: nothing to add."""
        return len(pages)
