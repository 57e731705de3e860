"""One parsed content file and where each of its values was written: the type the model, the check and the
render share, below all three (it imports only errors.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
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
class Positions:
    """Where each value (``locs``) and each mapping key (``key_locs``) of a document was written."""

    locs: Mapping[Path_, Loc]
    key_locs: Mapping[Path_, Loc]


Locate = Callable[[str, str], Positions]  # (path, text) -> the positions in the text (check/load.py parses it)


@dataclass(frozen=True)
class Document:
    """One parsed file: its data, its text, and where each value (and each mapping key) was written.

    The positions are found again in the text the first time an error needs them (``locate``), not kept from
    the first parse: a file that checks clean never needs them, and at 5,000 claims they were most of a build's
    memory (about 220 MB against the texts' 16 MB).
    """

    path: str
    data: Any
    text: str = field(repr=False)  # the file's text, as read
    locate: Locate = field(repr=False, compare=False)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The text's lines, which errors quote."""
        return tuple(self.text.splitlines())

    @cached_property
    def positions(self) -> Positions:
        """Where each value and each key was written (found in the text once, then kept)."""
        return self.locate(self.path, self.text)

    @property
    def locs(self) -> Mapping[Path_, Loc]:
        """Where each value was written."""
        return self.positions.locs

    @property
    def key_locs(self) -> Mapping[Path_, Loc]:
        """Where each mapping key was written."""
        return self.positions.key_locs

    def released(self) -> Document:
        """This file's path alone, for a build once its check passed: what the render reads of a Document."""
        return Document(self.path, None, "", _checked)

    def error(self, where: Path_, message: str, *, at_key: bool = False) -> ContentError:
        """A ContentError for the value at ``where`` (or its key), quoting the source line."""
        loc = (self.key_locs if at_key else self.locs).get(where) or self.locs.get(where, Loc(1, 1))
        return make_error(self.path, self.lines, loc, field_name(where), message)


def _checked(path: str, text: str) -> Positions:
    raise AssertionError(f"{path} was released after its check (Document.released): no error can point into it")


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
