"""The pipeline: check everything, build the site into a temporary folder, then swap it into place."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .engine_guard import load_config
from .errors import BuildFailed
from .history import file_dates
from .publish import publish, refuse_foreign
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
    refuse_project_folder(root, site_dir)
    refuse_foreign(site_dir)  # before the check: say at once when the folder is not ours
    content = check_project(root)
    site = read_site_info(root)
    pages = render_site(content, make_env(root), site, file_dates(root))  # template errors surface here
    built: list[int] = []

    def fill(staging: Path) -> None:
        _RENDERED[root] = (site, pages)  # the hook takes them instead of checking and rendering a second time
        try:
            _run_mkdocs(root, staging)
        finally:
            _RENDERED.pop(root, None)
        built.append(sum(1 for _ in staging.rglob("*.html")))

    publish(site_dir, fill)
    return BuildResult(built[0], time.perf_counter() - started)


def export_markdown(root: Path, out_dir: Path) -> BuildResult:
    """Check and render the content, and write the generated Markdown (and JSON) to ``out_dir``, atomically.

    The folder can serve as another tool's docs folder, e.g. a successor of MkDocs that ignores hooks.
    """
    started = time.perf_counter()
    root, out_dir = root.resolve(), out_dir.resolve()
    refuse_project_folder(root, out_dir)
    refuse_foreign(out_dir)
    pages = render_site(check_project(root), make_env(root), read_site_info(root), file_dates(root))

    def fill(staging: Path) -> None:
        shutil.copytree(root / DOCS_DIR, staging, ignore=shutil.ignore_patterns(".*"))
        for name, text in pages.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")

    publish(out_dir, fill)
    return BuildResult(len(pages), time.perf_counter() - started)


def take_rendered(root: Path, site: SiteInfo) -> dict[str, str] | None:
    """The pages build() rendered for ``root`` and ``site`` just before starting MkDocs; None under plain mkdocs."""
    rendered, pages = _RENDERED.pop(root.resolve(), (None, None))
    return pages if rendered == site else None


def read_site_info(root: Path) -> SiteInfo:
    """The site settings from mkdocs.yml, read without MkDocs."""
    config = load_config(root)
    extra = config.get("extra") or {}
    return SiteInfo(config["site_name"], config.get("site_url") or None, extra.get("content_edit_url"))


# Folders of the project an output must never be, or lie in: MkDocs and the swap would empty them.
PROJECT_FOLDERS = ("content", "seeds", "generator", "site_templates", "overrides", "tests", ".git")


def refuse_project_folder(root: Path, target: Path, *more: Path) -> None:
    """Raise BuildFailed if ``target`` holds the project, or is or lies inside one of its folders (or ``more``)."""
    if target == root or target in root.parents:
        raise BuildFailed(f"refusing to build into {target}: it contains the project")
    for folder in (*(root / name for name in PROJECT_FOLDERS), *more):
        if target == folder or folder in target.parents:
            shown = f"{folder.relative_to(root)}/" if folder.is_relative_to(root) else str(folder)
            raise BuildFailed(f"refusing to build into {target}: it is or lies inside {shown}")


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
