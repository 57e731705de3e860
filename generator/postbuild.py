"""Our steps on a site an engine has built, outside any engine: the Content-Security-Policy of every page,
and a 404 page that links relatively (as the MkDocs plugin makes it), so that it works from disk too."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.csp import Known, add_policy, bundle_style_hashes, known_scripts, unknown_scripts
from generator.errors import BuildFailed
from generator.packaged import template_dirs
from generator.render.frontmatter import lost_metadata, written
from generator.render.redirects import POLICY as REDIRECT_POLICY


def shims(assets: list[Path], polyfills: list[str]) -> tuple[str, ...]:
    """The sources of the iframe-worker shims among ``polyfills`` (paths in the static folders, last one wins)."""
    named = [p for p in polyfills if p.endswith("shim.js")]
    found = [next((d / p for d in reversed(assets) if (d / p).is_file()), assets[-1] / p) for p in named]
    return tuple(path.read_text(encoding="utf-8") for path in found)


def zensical_style_hashes(site: Path) -> tuple[str, ...]:
    """The hashes of the stylesheets that the Zensical bundle in ``site`` writes into its search dialog."""
    bundles = sorted((site / "assets/javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise BuildFailed(f"Content-Security-Policy: expected one Zensical bundle, found {len(bundles)}")
    try:
        return bundle_style_hashes(bundles[0].read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BuildFailed(f"Content-Security-Policy: {exc}") from None


def build_scripts(theme_dirs: Iterable[Path], root: Path) -> Known:
    """The inline scripts a build of the project at ``root`` writes: those of the theme's templates (its
    overrides first) and of our page templates (csp.known_scripts)."""
    return known_scripts([*theme_dirs, *template_dirs(root)])


def refuse_unknown_scripts(page: str, known: Known, where: str) -> None:
    """BuildFailed naming the page ``where`` when it holds an inline script that no template of the build writes."""
    unknown = unknown_scripts(page, known)
    if unknown:
        raise BuildFailed(
            f"Content-Security-Policy: {where}: holds an inline script that no template of the build writes "
            f"({unknown[0]!r}); a setting or a file put it there, or the theme changed: nothing is published"
        )


def add_policies(site: Path, known: Known, worker_shims: tuple[str, ...], style_hashes: tuple[str, ...]) -> int:
    """Give every HTML page in ``site`` its policy, allowing the ``known`` scripts; return how many pages there are."""
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if f'<meta http-equiv="Content-Security-Policy" content="{REDIRECT_POLICY}">' in text:
            continue  # a former address of a claim (render/redirects.py): its page carries its own, stricter policy
        refuse_unknown_scripts(text, known, path.relative_to(site).as_posix())
        try:
            page = add_policy(text, known, worker_shims, style_hashes)
        except ValueError as exc:  # an unknown shim or a page without <head>: never ship a page without it
            raise BuildFailed(f"Content-Security-Policy: {path.relative_to(site)}: {exc}") from None
        path.write_text(page, encoding="utf-8")
    return len(pages)


# Zensical writes the 404 page with root-absolute addresses, which from disk (file://) point at the root of the
# file system: the page shows unstyled. It lies at the site's top, so "./" reaches the same files.
_ROOT_ABSOLUTE = re.compile(r'\b(href|src)="/(?!/)')
_CONFIG_PATHS = re.compile(r'"(base|search)":"/')


def relative_404(site: Path) -> None:
    """Make the top-level 404 page's links to the site's own files relative."""
    path = site / "404.html"
    page = path.read_text(encoding="utf-8")
    page = _ROOT_ABSOLUTE.sub(r'\1="./', page)
    page = _CONFIG_PATHS.sub(lambda m: f'"{m.group(1)}":"' + ("." if m.group(1) == "base" else "./"), page)
    path.write_text(page, encoding="utf-8")


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def require_metadata(site: Path, pages: Mapping[str, object], engine: str) -> None:
    """Fail when a generated page's <title> does not start with the title its front matter gave: the engine
    did not read the front matter (it would show as text on the page). Pages are {docs path: text}."""
    for path, text in pages.items():
        title = written(text).get("title")
        if title is None or not path.endswith(".md"):
            continue
        stem = path[: -len(".md")]
        built = next((b for b in (site / f"{stem}.html", site / stem / "index.html") if b.is_file()), None)
        found = _TITLE.search(built.read_text(encoding="utf-8")) if built else None
        shown = " ".join(html.unescape(found.group(1)).split()) if found else ""
        if not shown.startswith(" ".join(html.unescape(title).split())):
            raise BuildFailed(lost_metadata(path, engine))
