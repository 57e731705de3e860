"""The search sections of a build's generated pages, read in another process while MkDocs builds the site.

Material's search reads each page's sections (mkdocs/sections.py) in MkDocs' one thread: at 1,000 claims, about a
ninth of a build. The pages are in the docs folder before MkDocs starts (engine.MkDocs.write), so a process
started by ``spawn`` reads them there as MkDocs will (``mkdocs.utils.meta.get_data`` after the front matter, then
``reading.heading_first``) and reads their sections, on the core the build's thread leaves to the cards.

It hands them over in files, a chunk of pages each, written whole and then renamed: the build never waits for
one. When the search index asks for a page whose chunk is not there yet (the process is late, was killed, or
failed), or whose text differs from the one the process read (its CRC-32), the build reads that page's sections
itself, as it did before: the index is the same either way (tests/test_ahead.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from generator.drawing import UNSTARTED, as_worker, ctrl_c_held
from generator.manifest import rendered
from generator.mkdocs.sections import Section, sections

log = logging.getLogger(__name__)

CHUNK = 50  # pages a file: the first chunk is ready soon after the process starts
AHEAD_FROM = 64  # fewer pages are read sooner than a process starts

Found = tuple[int, list[Section] | None]  # the CRC-32 of the text read, and its sections (None: outside the shape)


class SectionsAhead:
    """The sections of the generated pages of the docs folder ``docs`` that ``generator build`` wrote and marked
    (``pages``), read by a worker process into ``scratch`` (a folder in the build's staging folder, removed with
    it). The process is given the two folders only, and reads the names from the mark itself: a long list handed
    to a starting process would make the build wait until it has started Python."""

    def __init__(self, docs: Path, scratch: Path) -> None:
        names = pages(docs)
        self._scratch, self._chunk_of = scratch, {name: at // CHUNK for at, name in enumerate(names)}
        self._left = Counter(self._chunk_of.values())  # pages of each chunk not asked for yet
        self._loaded: dict[int, dict[str, Found]] = {}  # the chunks read, each until its last page is asked for
        self._process: Any = None
        self.ahead = 0  # how many pages' sections came from the process
        if len(names) < AHEAD_FROM:
            return
        scratch.mkdir(exist_ok=True)
        try:
            context = multiprocessing.get_context("spawn")
            self._process = context.Process(target=read_ahead, args=(str(docs), str(scratch)), daemon=True)
            with ctrl_c_held():
                self._process.start()
        except UNSTARTED as exc:
            log.info("search sections are read one page at a time: no process can read them ahead (%s)", exc)
            self._process = None

    def sections(self, name: str, html: str) -> list[Section] | None:
        """The sections of the page ``name`` whose text is now ``html``, if they were read ahead from that very
        text; else None: the caller reads them (a page outside the shape, which ``sections`` gives None, too)."""
        chunk = self._chunk_of.pop(name, None)  # a page is asked for once
        if self._process is None or chunk is None:
            return None
        self._left[chunk] -= 1
        loaded = self._loaded.pop(chunk, None) if self._left[chunk] == 0 else self._loaded.get(chunk)
        if loaded is None:
            loaded = self._load(chunk)
        found = loaded.get(name)
        if found is None or found[0] != zlib.crc32(html.encode("utf-8")):
            return None
        self.ahead += 1
        return found[1]

    def _load(self, chunk: int) -> dict[str, Found]:
        """The chunk's pages if the process has written it, else none (the build never waits for it)."""
        try:
            with (self._scratch / f"{chunk}.pickle").open("rb") as handle:
                loaded: dict[str, Found] = pickle.load(handle)  # written by this build's own process
        except (OSError, EOFError, pickle.UnpicklingError):
            return {}
        if self._left[chunk]:
            self._loaded[chunk] = loaded
        return loaded

    def wait(self) -> None:
        """Wait until the process has read every page (or ended): for tests, which must know what came ahead."""
        if self._process is not None:
            self._process.join()

    def stop(self) -> None:
        """End the process, done or not."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


def pages(docs: Path) -> list[str]:
    """The generated Markdown pages of a docs folder ``generator build`` wrote (manifest.rendered), in order."""
    return [name for name in rendered(docs) or () if name.endswith(".md")]


def read_ahead(docs: str, scratch: str) -> None:
    """In the worker: each chunk of the pages read from ``docs`` as MkDocs reads a generated page, its sections
    written to ``scratch`` as ``<chunk>.pickle`` through a rename, so the build reads whole chunks only. Ctrl-C is
    the build's to answer, and the process ends with the build (drawing.as_worker); any failure ends the reading
    quietly: the build reads the pages left itself, and says what is wrong with one, as ever."""
    as_worker()
    try:
        _read_ahead(Path(docs), Path(scratch))
    except Exception:  # never the build's error: it reads each page not read ahead itself
        return


def _read_ahead(docs: Path, scratch: Path) -> None:
    from mkdocs.structure.toc import TableOfContents
    from mkdocs.utils.meta import get_data

    from generator.mkdocs.reading import heading_first
    from generator.render.frontmatter import TOC

    names = pages(docs)
    for start in range(0, len(names), CHUNK):
        found: dict[str, Found] = {}
        for name in names[start : start + CHUNK]:
            with (docs / name).open(encoding="utf-8-sig", errors="strict") as handle:
                markdown, meta = get_data(handle.read())  # as mkdocs' File.content_string and Page.read_source
            if TOC in meta:  # a page of finished HTML (internals.take_finished_html): its content is its text
                html = heading_first(markdown, TableOfContents([]))[0]  # its toc holds h2s only (with_toc)
                found[name] = (zlib.crc32(html.encode("utf-8")), sections(html))
        temporary = scratch / f"{start // CHUNK}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump(found, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, scratch / f"{start // CHUNK}.pickle")
