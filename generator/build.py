"""The pipeline: check everything, build the site into a temporary folder, then swap it into place."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildFailed
from .history import file_dates
from .render import SiteInfo, make_env, render_site
from .validate import check_project

log = logging.getLogger(__name__)
DOCS_DIR = "site_templates/docs"  # static assets; mkdocs.yml's docs_dir
# Pages build() has rendered, kept for the hook of the MkDocs run it starts so they are not rendered twice.
_RENDERED: dict[Path, tuple[SiteInfo, dict[str, str]]] = {}


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
    site = read_site_info(root)
    pages = render_site(content, make_env(root), site, file_dates(root))  # template errors surface here
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".site-build-", dir=site_dir.parent) as tmp:
        staging = Path(tmp) / "site"
        _RENDERED[root] = (site, pages)  # the hook takes them instead of checking and rendering a second time
        try:
            _run_mkdocs(root, staging)
        finally:
            _RENDERED.pop(root, None)
        written = sum(1 for _ in staging.rglob("*.html"))
        _replace(staging, site_dir, Path(tmp) / "previous")
    return BuildResult(written, time.perf_counter() - started)


def export_markdown(root: Path, out_dir: Path) -> BuildResult:
    """Check and render the content, and write the generated Markdown (and JSON) to ``out_dir``, atomically.

    The folder can serve as another tool's docs folder, e.g. a successor of MkDocs that ignores hooks.
    """
    started = time.perf_counter()
    root, out_dir = root.resolve(), out_dir.resolve()
    _refuse_unsafe_target(root, out_dir, marker="index.md")
    pages = render_site(check_project(root), make_env(root), read_site_info(root), file_dates(root))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".render-", dir=out_dir.parent) as tmp:
        staging = Path(tmp) / "out"
        shutil.copytree(root / DOCS_DIR, staging, ignore=shutil.ignore_patterns(".*"))
        for name, text in pages.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")
        _replace(staging, out_dir, Path(tmp) / "previous")
    return BuildResult(len(pages), time.perf_counter() - started)


def take_rendered(root: Path, site: SiteInfo) -> dict[str, str] | None:
    """The pages build() rendered for ``root`` and ``site`` just before starting MkDocs; None under plain mkdocs."""
    rendered, pages = _RENDERED.pop(root.resolve(), (None, None))
    return pages if rendered == site else None


def read_site_info(root: Path) -> SiteInfo:
    """The site settings from mkdocs.yml, read without MkDocs."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    extra = config.get("extra") or {}
    return SiteInfo(config["site_name"], config.get("site_url") or None, extra.get("content_edit_url"))


def _refuse_unsafe_target(root: Path, site_dir: Path, marker: str = "sitemap.xml") -> None:
    """Never replace the project, a folder it needs, or a folder this tool did not write."""
    if site_dir == root or site_dir in root.parents:
        raise BuildFailed(f"refusing to build into {site_dir}: it contains the project")
    for name in ("content", "seeds", "generator", "site_templates", "tests", ".git"):
        if site_dir == root / name or root / name in site_dir.parents:
            raise BuildFailed(f"refusing to build into {site_dir}: it is or lies inside {name}/")
    if site_dir.exists() and not site_dir.is_dir():
        raise BuildFailed(f"refusing to replace {site_dir}: it is a file, not a folder")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / marker).exists():
        raise BuildFailed(f"refusing to replace {site_dir}: it is not empty and holds no {marker}")


def source_date_epoch(root: Path) -> str:
    """The time of the project's last commit (0 outside git): every date MkDocs stamps derives from it."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False
        )
    except OSError:
        return "0"
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else "0"


def _run_mkdocs(root: Path, staging: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or source_date_epoch(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildFailed(f"MkDocs failed: {exc}") from None
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def _replace(staging: Path, site_dir: Path, parking: Path) -> None:
    """The only place that writes the output: move the old site aside, move the new one in."""
    if site_dir.exists():
        site_dir.rename(parking)
    staging.rename(site_dir)
    shutil.rmtree(parking, ignore_errors=True)
