"""``generator build`` with MkDocs and Material: the plugin adds the pages the build has generated, MkDocs
writes the site, then our post-steps run on it as on every engine's (postbuild.py)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.errors import BuildFailed
from generator.history import source_date_epoch
from generator.packaged import asset_dirs
from generator.pipeline import Said
from generator.postbuild import add_policies, build_scripts, shims
from generator.render.pages import Output


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

    def write(self, config: Any, root: Path, pages: dict[str, Output], folder: Path) -> int:
        """MkDocs builds into ``folder`` with the plugin handed ``pages``; then the policies of every page."""
        from generator.mkdocs.plugin import plugin_of

        plugin = plugin_of(config)
        config.site_dir = str(folder)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        plugin.prepared = pages  # the plugin takes them instead of checking and rendering a second time
        plugin.accepted = None  # publish() records the manifest; the plugin leaves the folders alone
        plugin.policies = False  # our own step, run below on the engine's output as for every engine
        try:
            run_mkdocs(config, root)
        finally:
            plugin.prepared, plugin.accepted, plugin.policies = None, None, True
        polyfills = config.extra.get("polyfills", [])
        known = build_scripts(map(Path, config.theme.dirs), root)
        return add_policies(folder, known, shims(asset_dirs(config), polyfills), ())


def run_mkdocs(config: Any, root: Path) -> None:
    """Build the loaded ``config`` with MkDocs, its dates derived from the project's last commit."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or source_date_epoch(root)
    said = Said()  # MkDocs logs a plugin's error and raises a generic "Aborted with a BuildError!"
    logging.getLogger("mkdocs").addHandler(said)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        told = [m for m in said.messages if not m.startswith("Error reading page")]  # the next one says why
        raise BuildFailed(f"MkDocs failed: {'; '.join(told) or exc}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
