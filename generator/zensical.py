"""``generator build --engine zensical``: the same pages, built by Zensical from the rendered Markdown.

Zensical reads mkdocs.yml but runs no hooks or plugins, so the pages are rendered first, into a docs folder
next to a config written for Zensical (it wants both folders inside the config's folder). Zensical runs as a
child process; then our own steps run on its output (postbuild.py), and publish.py swaps it into place.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from .build import DOCS_DIR, BuildResult, read_site_info, refuse_project_folder
from .engine_guard import load_config
from .errors import BuildFailed
from .history import file_dates
from .postbuild import add_policies, relative_404, shims, zensical_style_hashes
from .publish import publish, refuse_foreign
from .render import make_env, render_site
from .validate import check_project

TESTED = ((0, 0, 73), (0, 0, 74))  # the versions this code was tested with: from, and below
RANGE = ">=0.0.73,<0.0.74"
CONFIG = "zensical.yml"
THEME = "site_templates/theme"  # mkdocs.yml's theme.custom_dir
# Overrides that fit Material 9 only: Zensical's search is another component (whose dialog is already named).
MATERIAL_ONLY = ("partials/search.html",)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_SHOWN_LINES = 60


def build(root: Path, site_dir: Path) -> BuildResult:
    """Check and render the content, build it with Zensical, add our policies, and replace ``site_dir``."""
    started = time.perf_counter()
    root, site_dir = root.resolve(), site_dir.resolve()
    refuse_project_folder(root, site_dir)
    refuse_foreign(site_dir)
    require_version()
    pages = render_site(check_project(root), make_env(root), read_site_info(root), file_dates(root))
    config = zensical_config(load_config(root))
    built: list[int] = []

    def fill(output: Path) -> None:
        work = output.with_name("zensical")  # in publish's private staging folder, removed with it
        write_docs(work / "docs", root, pages)
        write_overrides(work / "overrides", root)
        (work / CONFIG).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        run(work)
        site = work / "site"
        relative_404(site)
        styles = zensical_style_hashes(site)
        built.append(add_policies(site, shims(root / DOCS_DIR, config["extra"].get("polyfills", [])), styles))
        site.rename(output)

    publish(site_dir, fill)
    return BuildResult(built[0], time.perf_counter() - started)


def require_version() -> str:
    """The installed Zensical's version; BuildFailed (one line) when it is missing or outside the tested range."""
    try:
        version = importlib.metadata.version("zensical")
    except importlib.metadata.PackageNotFoundError:
        raise BuildFailed(f"Zensical is not installed: pip install 'zensical{RANGE}'") from None
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:3])
    if not TESTED[0] <= numbers < TESTED[1]:
        raise BuildFailed(f"Zensical {version} is outside the tested range {RANGE}: pip install 'zensical{RANGE}'")
    return version


def zensical_config(mkdocs: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's settings for Zensical: no hook (it cannot run one), the overrides written by write_overrides.

    The ``classic`` variant looks like Material; the default ``modern`` one fails axe's contrast rule.
    """
    config = {key: value for key, value in mkdocs.items() if key != "hooks"}
    theme = {**config["theme"], "variant": "classic", "custom_dir": "overrides"}
    return {**config, "theme": theme, "docs_dir": "docs", "site_dir": "site"}


def write_overrides(overrides: Path, root: Path) -> None:
    """The project's theme overrides that fit Zensical too (the footer, the print address, the 404 page)."""
    shutil.copytree(root / THEME, overrides, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    for name in MATERIAL_ONLY:
        (overrides / name).unlink(missing_ok=True)


def write_docs(docs: Path, root: Path, pages: dict[str, str]) -> None:
    """The docs folder: the project's static files and every rendered page."""
    shutil.copytree(root / DOCS_DIR, docs, ignore=shutil.ignore_patterns(".*"))
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")


def run(work: Path, command: str = "build", *options: str) -> None:
    """Run ``zensical build`` on the config in ``work``; BuildFailed with its messages when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "zensical", command, "-f", str(work / CONFIG), *options],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildFailed("Zensical failed:\n" + _messages(result.stdout + result.stderr))


def _messages(output: str) -> str:
    """Zensical's diagnostics (paths are in the generated docs folder), without colours or its traceback."""
    text = _ANSI.sub("", output)
    diagnostics = text.split("Traceback (most recent call last):", 1)[0]
    lines = [line.rstrip() for line in diagnostics.splitlines() if line.strip() and line != "Build started"]
    return "\n".join((lines or text.strip().splitlines())[-_SHOWN_LINES:])
