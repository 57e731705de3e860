"""Preview rebuilds that re-render only the pages whose inputs changed.

Each page lists the content files it reads (pages.Page.inputs). A page's key is the digest of those files,
of what every page reads (mkdocs.yml's site settings, the templates, the seeds sources name, the git dates) and of the
list itself; a page whose key is unchanged since the last render keeps its Markdown. Pages that read every
content file (the index, claims, contradictions, matrix, corrections, methodology and source pages, and
claims.json) are re-rendered on any content edit; a claim page only when its own file, a related or
neighbouring claim, a source file or one of edition.yaml, verdicts.yaml and topics.yaml changed. Of the pages
that list every claim, only the edited claim's rows are rendered again (fragments.py).

The inputs describe the default templates: an override in overrides/site_templates/ that reads more (say,
every claim on a claim page) must list it in pages.py, or the preview may show a stale page (a clean build
never is).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.history import FileDates
from generator.render.fragments import FragmentMemo
from generator.render.pages import EVERYTHING, Output, Page
from generator.render.structured import ClaimsJson
from generator.settings import SiteInfo

TEMPLATE_FOLDERS = ("site_templates", "overrides/site_templates")


@dataclass
class PageMemo:
    """The key and Markdown of every page of the last render in one ``mkdocs serve`` session, and each claim's
    JSON in claims.json: an edit encodes only the claims it changed (structured.export_json)."""

    keys: dict[str, str] = field(default_factory=dict)
    texts: dict[str, Output] = field(default_factory=dict)
    rendered: int = 0  # pages the last render had to render (the others were reused)
    fragments: FragmentMemo = field(default_factory=FragmentMemo)  # the rows of the pages listing every claim
    claims_json: ClaimsJson = field(default_factory=dict)  # kept up to date by export_json

    def keyer(
        self,
        root: Path,
        files: Mapping[str, bytes],
        site: SiteInfo,
        history: Mapping[str, FileDates],
        seeds: Mapping[str, str],
        html: bool = False,
    ) -> Keyer:
        """A function from a page to its key, for this render's files, settings and ``seeds`` (the SHA-256 of the
        seed each source names, which the check has verified: no seed is read again), and whether the pages are
        finished HTML (render.make_env; mkdocs.yml's Markdown extensions decide it)."""
        site_wide = _site_wide(root, site, history, seeds, html)
        return Keyer(site_wide, {path: _sha(raw) for path, raw in sorted(files.items())})

    def reuse(self, page: Page, key: str) -> Output | None:
        """The Markdown the page had when its key was ``key``, if it has not changed since."""
        return self.texts.get(page.path) if self.keys.get(page.path) == key else None

    def remember(self, keys: dict[str, str], texts: Mapping[str, Output], rendered: int) -> None:
        """Keep this render's keys and pages for the next one."""
        self.keys, self.texts, self.rendered = keys, dict(texts), rendered


@dataclass(frozen=True)
class Keyer:
    """Computes page keys from digests of the site-wide inputs and of each content file."""

    site_wide: str
    files: Mapping[str, str]  # project-relative path of each content file -> SHA-256 of its bytes

    def key(self, page: Page) -> str:
        """The digest of everything ``page`` reads."""
        digest = hashlib.sha256(f"{self.site_wide}\n{page.template}\n".encode())
        names = sorted(self.files) if EVERYTHING in page.inputs else page.inputs
        for name in names:
            digest.update(f"{name}\0{self.files.get(name, '-')}\n".encode())
        return digest.hexdigest()


def _site_wide(
    root: Path, site: SiteInfo, history: Mapping[str, FileDates], seeds: Mapping[str, str], html: bool
) -> str:
    """What every page reads besides content files: settings, templates, the seeds sources name and git dates.

    Other files in seeds/ are never read: one of 2 GB would cost every rebuild its size in memory and time.
    """
    digest = hashlib.sha256(repr((site, sorted(history.items()), sorted(seeds.items()), html)).encode())
    for folder in TEMPLATE_FOLDERS:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if path.is_file():
                digest.update(f"{path.relative_to(root)}\0{_sha(path.read_bytes())}\n".encode())
    return digest.hexdigest()


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
