"""The pipeline: check everything, build the site into a temporary folder, then swap it into place."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed
from .render import make_env, render_site
from .validate import check_project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    pages: int  # HTML pages written
    seconds: float  # wall-clock time of the whole build


def build(root: Path, site_dir: Path) -> BuildResult:
    """Check the content, build with MkDocs into a staging folder, and replace ``site_dir`` only on success."""
    started = time.perf_counter()
    root, site_dir = root.resolve(), site_dir.resolve()
    _refuse_unsafe_target(root, site_dir)
    content = check_project(root)
    render_site(content, make_env(root))  # template errors surface here, named, before anything is written
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".site-build-", dir=site_dir.parent) as tmp:
        staging = Path(tmp) / "site"
        _run_mkdocs(root, staging)
        pages = sum(1 for _ in staging.rglob("*.html"))
        _replace(staging, site_dir, Path(tmp) / "previous")
    return BuildResult(pages, time.perf_counter() - started)


def _refuse_unsafe_target(root: Path, site_dir: Path) -> None:
    """Never replace the project, a folder it needs, or a folder that is not a built site."""
    if site_dir == root or site_dir in root.parents:
        raise BuildFailed(f"refusing to build into {site_dir}: it contains the project")
    for name in ("content", "seeds", "generator", "site_templates", "tests", ".git"):
        if site_dir == root / name or root / name in site_dir.parents:
            raise BuildFailed(f"refusing to build into {site_dir}: it is or lies inside {name}/")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / "sitemap.xml").exists():
        raise BuildFailed(f"refusing to replace {site_dir}: it is not empty and holds no built site")


def _run_mkdocs(root: Path, staging: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildFailed(f"MkDocs failed: {exc}") from None


def _replace(staging: Path, site_dir: Path, parking: Path) -> None:
    """The only place that writes the output: move the old site aside, move the new one in."""
    if site_dir.exists():
        site_dir.rename(parking)
    staging.rename(site_dir)
    shutil.rmtree(parking, ignore_errors=True)
