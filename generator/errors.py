"""Errors the generator reports. Content problems are collected, never raised one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.characters import LINE_SEPARATORS, REFUSED

# Printed errors show the characters the check refuses (characters.py), line feeds and line separators (so
# that one error stays on one line) as stand-ins: a file must not drive the terminal (escape sequences) or
# reorder what the editor reads. One character each, so the caret still fits.
_SHOWN = re.compile(f"\n|{REFUSED.pattern}|{LINE_SEPARATORS.pattern}")


def _visible(text: str) -> str:
    return _SHOWN.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text)


class GeneratorError(Exception):
    """Base class of every error the tool reports to a user without a traceback."""


@dataclass(frozen=True)
class ContentError:
    """A problem in an editor's file, found by load.py or validate.py.

    ``line`` and ``column`` are 1-based; ``source_line`` is the offending line as written.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    source_line: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"

    def format_text(self) -> str:
        """The one-line message followed by the quoted source line and a caret under the column."""
        if not self.source_line.strip():
            return _visible(str(self))
        gutter = f"{self.line:>5} | "
        caret = " " * (self.column - 1) + "^"
        return f"{_visible(str(self))}\n{gutter}{_visible(self.source_line)}\n{' ' * (len(gutter) - 2)}| {caret}"

    def format_github(self, prefix: str = "") -> str:
        """The error as a GitHub Actions annotation, so it shows on the changed line of a PR; ``prefix`` is the
        project's folder from the repository's top ("explainers/x/"), where GitHub looks for ``path``."""
        where = f"file={_escape(prefix + self.path, True)},line={self.line},col={self.column}"
        props = f"{where},title={_escape(self.field, True)}"
        return _visible(f"::error {props}::{_escape(self.message, False)}")


def _escape(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class CheckFailed(GeneratorError):
    """Raised by validate.check_project when any content error was found; carries all of them, and the model of
    the files that were valid (``content``, a validate.Content), which later checks (``check --base``) read."""

    def __init__(self, errors: list[ContentError], content: object = None) -> None:
        super().__init__(f"{len(errors)} problem(s) in the content")
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.column, e.field))
        self.content = content


class TemplateFailed(GeneratorError):
    """Raised by render.py when a template is broken: names the template and line."""


class ConfigError(GeneratorError):
    """Raised by settings.py when a setting in mkdocs.yml is missing or unusable: names the file and the setting."""


class BuildFailed(GeneratorError):
    """Raised by build.py when MkDocs fails after the content checked clean."""


def messages(exc: BaseException) -> list[str]:
    """What an error says to an editor, one line per problem, without a traceback: every error of a failed
    check, a GeneratorError's own words, which file the system refused and why, or, for a bug, its type and
    words. The command line, the MkDocs plugin and the Zensical preview all say errors through this."""
    if isinstance(exc, CheckFailed):
        return [error.format_text() for error in exc.errors]
    if isinstance(exc, GeneratorError):
        return [str(exc)]
    if isinstance(exc, OSError):  # a file that cannot be read or written
        return [f"{exc.strerror or exc}: {exc.filename}"]
    return [f"{type(exc).__name__}: {exc}"]


class Terminated(BaseException):
    """Raised by the command line's SIGTERM handler, so a terminated build cleans up like an interrupted one.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way out (MkDocs logs
    "Error reading page ..." there) reports it as a failure of the page being read when the signal came.
    """
