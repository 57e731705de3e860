"""``generator build`` with MkDocs, and ``generator render``: the pipeline's pages built into a staging folder,
our steps on MkDocs' output (postbuild.py), then one swap into place (publish.py)."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from generator.errors import BuildFailed
from generator.history import source_date_epoch
from generator.manifest import refuse_foreign
from generator.outputs import config_folders, guard, refuse_unsafe_sources
from generator.packaged import asset_dirs
from generator.pipeline import Said, generate, load_mkdocs_config
from generator.postbuild import add_policies, build_scripts, shims
from generator.publish import BuildResult, publish
from generator.settings import require_address, require_site_url, site_info, with_repository

log = logging.getLogger(__name__)


def build(
    root: Path, site_dir: Path, deploy: bool = False, site_url: str | None = None, repository_url: str | None = None
) -> BuildResult:
    """Check the content, build with MkDocs into a staging folder, and replace ``site_dir`` only on success.

    ``deploy``: the site is for publishing, so it must have its public address: mkdocs.yml's site_url, or
    ``site_url`` given here (which wins, e.g. the address the Pages workflow is given), and say who publishes
    it (content/publisher.yaml). ``repository_url``: the address of the repository the site is built from
    (mkdocs.yml's extra.repository_url unless given here).
    """
    started = time.perf_counter()
    root = root.resolve()
    site_dir = guard(root, site_dir)
    refuse_foreign(site_dir)  # before the check: say at once when the folder is not ours
    require_address("--site-url", site_url)
    overrides = {"site_url": site_url} if site_url else {}
    config = load_mkdocs_config(root, site_dir=str(site_dir), strict=True, **overrides)  # the one read of it
    with_repository(config, repository_url)
    from generator.mkdocs.plugin import plugin_of  # MkDocs is imported once the build needs it (engines.py)

    plugin = plugin_of(config)
    if plugin is None:
        raise BuildFailed("mkdocs.yml does not list the factcheck-explainer plugin under plugins:")
    if deploy:
        require_site_url(site_info(config))
    guard(root, site_dir, *config_folders(config))
    refuse_unsafe_sources(config)  # before MkDocs reads them
    pages = generate(config, deploy=deploy)  # check and render (template errors too), before anything is written
    built: list[int] = []

    def fill(staging: Path) -> None:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        plugin.prepared = pages  # the plugin takes them instead of checking and rendering a second time
        plugin.accepted = None  # publish() records the manifest; the plugin leaves the folders alone
        plugin.policies = False  # our own step, run below on the engine's output as for every engine
        try:
            _run_mkdocs(config, root)
        finally:
            plugin.prepared, plugin.accepted, plugin.policies = None, None, True  # publish() records the manifest
        polyfills = config.extra.get("polyfills", [])
        known = build_scripts(map(Path, config.theme.dirs), root)
        built.append(add_policies(staging, known, shims(asset_dirs(config), polyfills), ()))

    publish(root, site_dir, fill, *config_folders(config))
    return BuildResult(built[0], time.perf_counter() - started)


def export_markdown(root: Path, out_dir: Path) -> BuildResult:
    """Check and render the content, and write the generated Markdown (and JSON) to ``out_dir``, atomically.

    The folder can serve as another tool's docs folder, e.g. a successor of MkDocs that ignores hooks.
    """
    started = time.perf_counter()
    root = root.resolve()
    out_dir = guard(root, out_dir)
    refuse_foreign(out_dir)
    config = load_mkdocs_config(root)
    guard(root, out_dir, *config_folders(config))
    refuse_unsafe_sources(config)
    pages = generate(config)

    def fill(staging: Path) -> None:
        for folder in asset_dirs(config):  # the package's assets, then the project's own over them
            shutil.copytree(folder, staging, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
        for name, text in pages.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")

    publish(root, out_dir, fill, *config_folders(config))
    return BuildResult(len(pages), time.perf_counter() - started)


def _run_mkdocs(config: Any, root: Path) -> None:
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
