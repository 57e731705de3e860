"""``generator build --engine zensical``: the same pages, built by Zensical from the rendered Markdown (build.py).

Zensical reads mkdocs.yml but runs no hooks or plugins, so the pages are rendered first, into a docs folder
next to a config written for Zensical (it wants both folders inside the config's folder). Zensical runs as a
child process; then our own steps run on its output (postbuild.py), and publish.py swaps it into place.
"""

from __future__ import annotations

import ctypes
import errno
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BuildFailed
from generator.packaged import asset_dirs, theme_dir
from generator.postbuild import (
    add_policies,
    build_scripts,
    relative_404,
    require_metadata,
    shims,
    zensical_style_hashes,
)
from generator.publish import write_pages
from generator.render.pages import Output, without_plugin
from generator.settings import read_mkdocs_yml, site_info
from generator.translations import language, translate_template

TESTED = ((0, 0, 73), (0, 0, 74))  # the versions this code was tested with: from, and below
RANGE = ">=0.0.73,<0.0.74"
CONFIG = "zensical.yml"
CONFIG_MARKER = "# Written by factcheck-explainer for Zensical from mkdocs.yml; rewritten at every start.\n"
# Overrides that fit Material 9 only: Zensical's search is another component (whose dialog is already named).
MATERIAL_ONLY = ("partials/search.html",)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_SHOWN_LINES = 60
ZENSICAL = (sys.executable, "-m", "zensical")
_NOISE = {"Build started", "No issues found"}  # Zensical prints these even when it then fails
_EXCEPTION = re.compile(r"^[\w.]*(Error|Exception)(\([^)]*\))?:")  # "RuntimeError: " before its message
# Zensical panics, thread by thread, when a write fails for lack of space (os error 28).
DISK_FULL = re.compile(r"No space left on device|os error 28|StorageFull")


class Zensical:
    """``generator build --engine zensical`` (build.Engine): the rendered pages, in a docs folder beside a
    config written for Zensical, built by Zensical in a child process; then our post-steps on its output."""

    def takes_html(self, config: Any) -> bool:
        """Zensical converts every page itself: its table of contents comes from Markdown headings."""
        return False

    def require(self) -> None:
        require_version()

    def load_options(self, site_dir: Path) -> dict[str, Any]:
        return {}  # the settings the pages read, as MkDocs reads them (!ENV too); Zensical reads its own config

    def accept(self, config: Any) -> None:
        """Zensical runs no plugin: any configuration MkDocs loads."""

    def write(self, loaded: Any, root: Path, pages: dict[str, Output], folder: Path) -> None:
        config = zensical_config(read_mkdocs_yml(root))
        if loaded.site_url:  # as MkDocs read it: from the environment (!ENV) or --site-url
            config["site_url"] = loaded.site_url
        assets = asset_dirs(loaded)
        work = folder.with_name("zensical")  # in publish's private staging folder, removed with it
        write_pages(work / "docs", assets, pages)
        write_overrides(work / "overrides", loaded)
        (work / CONFIG).write_text(CONFIG_MARKER + yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        run(work)
        (work / "site").rename(folder)

    def finish(self, loaded: Any, root: Path, pages: dict[str, Output], folder: Path) -> int:
        """Our post-steps: Zensical read every page's front matter; a relative 404 page; each page's policy."""
        require_metadata(folder, pages, "Zensical")
        relative_404(folder)
        styles = zensical_style_hashes(folder)
        known = build_scripts([folder.with_name("zensical") / "overrides", theme_templates()], root)
        polyfills = loaded.extra.get("polyfills", [])
        return add_policies(folder, known, shims(asset_dirs(loaded), polyfills), styles)


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


def theme_templates() -> Path:
    """The templates of Zensical's own theme, whose inline scripts the pages may run (csp.known_scripts)."""
    import zensical  # installed: require_version has checked

    return Path(zensical.__file__).parent / "templates"


def zensical_config(mkdocs: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's settings for Zensical: without our plugin (it cannot run one); overrides: write_overrides.

    The ``classic`` variant looks like Material; the default ``modern`` one fails axe's contrast rule.
    """
    config = without_plugin(mkdocs)  # it cannot run our plugin: what the plugin adds, given here
    theme = {**config["theme"], "variant": "classic", "custom_dir": "overrides"}
    return {**config, "theme": theme, "docs_dir": "docs", "site_dir": "site"}


def write_overrides(overrides: Path, loaded: Any) -> None:
    """The theme overrides that fit Zensical too (the footer, the print address, the 404 page): the package's,
    then the project's own ``theme.custom_dir`` over them; their words in the site's language, written in."""
    custom = loaded.theme.custom_dir
    for folder in [theme_dir(), *([Path(custom)] if custom else [])]:
        shutil.copytree(folder, overrides, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    for name in MATERIAL_ONLY:
        (overrides / name).unlink(missing_ok=True)
    words = language(Path(loaded.config_file_path).resolve().parent, site_info(loaded).language)
    for template in overrides.rglob("*.html"):
        template.write_text(translate_template(template.read_text(encoding="utf-8"), words), encoding="utf-8")


def run(work: Path, command: str = "build", *options: str) -> None:
    """Run ``zensical build`` on the config in ``work``; BuildFailed with its messages when it fails.

    A full disk is an OSError (ENOSPC), which publish.py reports in one line as for every engine.
    """
    result = subprocess.run(
        [*ZENSICAL, command, "-f", str(work / CONFIG), *options],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=dies_with_parent(),  # a killed build leaves no Zensical behind
    )
    if result.returncode != 0:
        output = _ANSI.sub("", result.stdout + result.stderr)
        if DISK_FULL.search(output):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(work))
        raise BuildFailed("Zensical failed:\n" + messages(output))


def messages(output: str) -> str:
    """Zensical's own diagnostics, and the error its traceback ends with, without the traceback or noise."""
    diagnostics, _, traceback = output.partition("Traceback (most recent call last):")
    lines = [line.rstrip() for line in diagnostics.splitlines() if line.strip() and line.strip() not in _NOISE]
    if traceback.strip():
        last = traceback.rstrip().splitlines()[-1]
        lines.append(_EXCEPTION.sub("", last).strip())
    return "\n".join((lines or output.strip().splitlines())[-_SHOWN_LINES:])


_PR_SET_PDEATHSIG = 1


def dies_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes a child process get SIGKILL when this process dies (Linux: prctl), so that a
    killed build or preview orphans no Zensical; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (AttributeError, OSError):
        return None
    parent = os.getpid()

    def set_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the signal was set
            os._exit(1)

    return set_signal
