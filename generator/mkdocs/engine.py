"""``generator build`` with MkDocs and Material: the checked and rendered pages in a docs folder, MkDocs run on
it as ``mkdocs build`` runs (the plugin does its part in its events), then our post-steps (postbuild.py)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.errors import BuildFailed
from generator.history import source_date_epoch
from generator.manifest import mark_rendered
from generator.packaged import asset_dirs
from generator.postbuild import add_policies, build_scripts, require_metadata, shims
from generator.publish import write_pages
from generator.render.pages import Output
from generator.settings import Said


class MkDocs:
    """The default engine (build.Engine)."""

    def require(self) -> None:
        """The command line has checked MkDocs and Material (engines.require_mkdocs) before importing this."""

    def load_options(self, site_dir: Path) -> dict[str, Any]:
        return {"site_dir": str(site_dir), "strict": True}

    def accept(self, config: Any) -> None:
        from generator.mkdocs.plugin import plugin_of

        if plugin_of(config) is None:
            raise BuildFailed("mkdocs.yml does not list the factcheck-explainer plugin under plugins:")

    def write(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> None:
        """The docs folder (static files and ``pages``, marked as rendered), built by MkDocs into ``folder``."""
        docs = folder.with_name("docs")  # in publish's private staging folder, removed with it
        write_pages(docs, asset_dirs(config), pages)
        mark_rendered(docs, pages)  # the plugin reads it from its docs_dir: it adds no page and no policy of its own
        config.docs_dir, config.site_dir = str(docs), str(folder)
        run_mkdocs(config, root)

    def finish(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> int:
        """Our post-steps: MkDocs read every page's front matter; each page's Content-Security-Policy."""
        require_metadata(folder, pages, "MkDocs")
        known = build_scripts(map(Path, config.theme.dirs), root)
        polyfills = config.extra.get("polyfills", [])
        return add_policies(folder, known, shims(asset_dirs(config), polyfills), ())


def run_mkdocs(config: Any, root: Path) -> None:
    """Build the loaded ``config`` as ``mkdocs build`` does (startup, build, shutdown events), its dates derived
    from the project's last commit."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or source_date_epoch(root)
    said = Said()  # MkDocs logs a plugin's error and raises a generic "Aborted with a BuildError!"
    logging.getLogger("mkdocs").addHandler(said)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        told = [m for m in said.messages if not m.startswith("Error reading page")]  # the next one says why
        raise BuildFailed(f"MkDocs failed: {'; '.join(told) or exc}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
