"""One parsed content file and where each of its values was written: the type the model, the check and the
render share, below all three (it imports only errors.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.errors import ContentError

Path_ = tuple[str | int, ...]  # where a value sits in a document: keys and list indexes


@dataclass(frozen=True)
class Loc:
    """A 1-based line and column; ``plain`` is the scalar's source text when it was unquoted."""

    line: int
    column: int
    plain: str | None = None


@dataclass(frozen=True)
class Document:
    """One parsed file: its data, and where each value (and each mapping key) was written."""

    path: str
    data: Any
    lines: tuple[str, ...] = field(repr=False)
    locs: Mapping[Path_, Loc] = field(repr=False)
    key_locs: Mapping[Path_, Loc] = field(repr=False)

    def error(self, where: Path_, message: str, *, at_key: bool = False) -> ContentError:
        """A ContentError for the value at ``where`` (or its key), quoting the source line."""
        loc = (self.key_locs if at_key else self.locs).get(where) or self.locs.get(where, Loc(1, 1))
        return make_error(self.path, self.lines, loc, field_name(where), message)


def field_name(where: Path_) -> str:
    """Format a data path the way editors read it: ``positions[2].quotes[0]``."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def make_error(path: str, lines: tuple[str, ...], loc: Loc, name: str, msg: str) -> ContentError:
    """Build a ContentError at ``loc``, quoting the line it points to."""
    source = lines[loc.line - 1] if 0 < loc.line <= len(lines) else ""
    return ContentError(path, loc.line, loc.column, name, msg, source)
