"""Per-claim fragments of the pages that list every claim, kept from one preview render to the next.

The claim index (home and claims pages), the matrix, the contradictions page and each source's page write a few
rows per claim; at 1,000 claims an edit to one claim would render every row again. A template writes such a row
through a macro of one claim, ``{{ per_claim(row, claim, *args) }}``; under a preview (a ``PageMemo``), the
row's text is kept, keyed by the page, the macro's name, its other arguments (strings or numbers) and the claim,
and reused while the claim's file is unchanged. Everything else a row may read (mkdocs.yml's settings, the
templates, the seeds, the git dates, and every content file that is not a claim: sources, verdicts, stances,
topics, the edition) is the memo's epoch: when any of it changes, every row is rendered again. A clean build
renders every row.

A row must read only its claim and those files, as the default templates' rows do: a row of an override in
overrides/site_templates/ that reads other claims (say, a related claim's verdict) must not be written
through ``per_claim``, or the preview may show it stale (a clean build never does).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.runtime import Macro
from markupsafe import Markup

from generator.check.kinds import CLAIM

Heading = tuple[int, str, str]
FragmentKey = tuple[str, str, tuple[Hashable, ...], str]  # page path, macro name, its other arguments, claim id
Fragment = tuple[str, Markup, tuple[Heading, ...]]  # the claim file's SHA-256, the text, the headings it recorded


@dataclass
class FragmentMemo:
    """The rows of the last render of a ``mkdocs serve`` session, and the epoch they were rendered in."""

    epoch: str = ""
    texts: dict[FragmentKey, Fragment] = field(default_factory=dict)

    def start(self, site_wide: str, files: Mapping[str, str]) -> Fragments:
        """The rows for a render whose site-wide inputs digest to ``site_wide`` and whose content files to
        ``files`` (project-relative path -> SHA-256): the last render's, unless something besides a claim changed."""
        epoch = _epoch(site_wide, files)
        return Fragments(epoch, files, self.texts if epoch == self.epoch else {})

    def keep(self, fragments: Fragments) -> None:
        """Keep the rows this render used (those of a deleted claim or page are let go)."""
        self.epoch, self.texts = fragments.epoch, fragments.used


@dataclass
class Fragments:
    """The rows one render may reuse, and those it used; ``files`` None: a clean build, nothing kept."""

    epoch: str = ""
    files: Mapping[str, str] | None = None
    known: Mapping[FragmentKey, Fragment] = field(default_factory=dict)
    used: dict[FragmentKey, Fragment] = field(default_factory=dict)

    def row(self, context: jinja2.runtime.Context, macro: Macro, claim: Any, args: tuple[Hashable, ...]) -> Markup:
        """``macro(claim, *args)``, rendered, or as the last render wrote it while ``claim``'s file is unchanged."""
        digest = self.files.get(claim.doc.path) if self.files is not None else None
        if digest is None:
            return Markup(macro(claim, *args))
        key = (context["page"].path, macro.name, args, claim.id)
        if (kept := self.known.get(key)) is None or kept[0] != digest:
            headings: list[Heading] = context["headings"]
            before = len(headings)
            kept = (digest, Markup(macro(claim, *args)), tuple(headings[before:]))
        else:
            context["headings"].extend(kept[2])  # a row that wrote a heading() puts it in the toc again
        self.used[key] = kept
        return kept[1]


@jinja2.pass_context
def per_claim(context: jinja2.runtime.Context, macro: Macro, claim: Any, *args: Hashable) -> Markup:
    """The template global: ``macro(claim, *args)``, reused from the last preview render when nothing it reads
    changed (``args``: strings or numbers, such as a source's id)."""
    fragments = context["fragments"]
    assert isinstance(fragments, Fragments)  # make_env puts one there, the preview's render its own
    return fragments.row(context, macro, claim, args)


def _epoch(site_wide: str, files: Mapping[str, str]) -> str:
    """The digest of what every row may read besides its own claim's file."""
    digest = hashlib.sha256(f"{site_wide}\n".encode())
    for path, sha in sorted(files.items()):
        if not path.startswith(f"{CLAIM.location}/"):
            digest.update(f"{path}\0{sha}\n".encode())
    return digest.hexdigest()
