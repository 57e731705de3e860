"""The check's per-file results, kept for a preview's next rebuild.

Under ``mkdocs serve`` (and the Zensical preview) the read cache (load.ReadCache) hands a rebuild the very
Document it parsed the last time for every file that did not change. A step of the check whose result depends
only on one document and on the values named in its key (the source ids on disk, the seeds' texts) then runs
again only for the documents an edit changed: the markup rules, the references, the quotations in prose, and
building a claim (its quotes located in the seeds). Without a read cache (a build) nothing is kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from generator.document import Document

T = TypeVar("T")
SIZE = 50_000  # results kept: four steps for 10,000 claims and more; the oldest are let go first


class FileMemo:
    """Results by document (its identity: the read cache's Document for an unchanged file) and step."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._results: OrderedDict[tuple[int, Hashable], tuple[Document, Any]] = OrderedDict()

    def get(self, doc: Document, step: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or its result for ``doc`` and ``step`` from an earlier check."""
        key = (id(doc), step)
        kept = self._results.get(key)
        if kept is not None and kept[0] is doc:  # the document is held: its id is no other's meanwhile
            self._results.move_to_end(key)
            result: T = kept[1]
            return result
        value = compute()
        self._results[key] = (doc, value)
        if len(self._results) > self._size:
            self._results.popitem(last=False)
        return value


FILES = FileMemo()  # used only by a check given a read cache (a preview)


def per_file(memo: FileMemo | None, doc: Document, step: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for ``doc``, kept in ``memo`` when there is one."""
    return compute() if memo is None else memo.get(doc, step, compute)
