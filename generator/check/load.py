"""Read YAML files safely into plain data, remembering where every value stands in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.characters import LINE_SEPARATORS, REFUSED, name, refusal
from generator.document import Document, Loc, Path_, Positions, field_name, make_error
from generator.errors import ContentError
from generator.numbers import native_number, number_problem

MAX_BYTES = 256 * 1024  # a claim file is a few KiB; anything this large is a mistake or an attack
MAX_DEPTH = 32  # our schemas nest five levels deep
_FILE = "(file)"
_YAML = "(yaml)"
_BOOL_WORDS = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONFLICT = re.compile(r"^<{7}(?: |$)", re.MULTILINE)  # what git writes where a merge conflicts
_DEEP_DASHES = re.compile(rf"^[ ]*(?:-[ ]+){{{MAX_DEPTH + 1}}}", re.MULTILINE)  # a line opening too many lists

# The bytes and result of the last read of each file, kept by a long-running caller (the plugin under
# `mkdocs serve`) so that a rebuild re-parses only what changed. Keyed by (path, display name).
ReadCache = dict[tuple[str, str], tuple[bytes, "Document | list[ContentError]"]]


def load_document(path: Path, display: str, cache: ReadCache | None = None) -> Document | list[ContentError]:
    """Read one YAML file; return its Document, or every problem found reading it (from ``cache`` if unchanged)."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # never more: a huge file must not be read into memory
    if len(raw) > MAX_BYTES:
        return [_too_large(display, path.stat().st_size)]
    key = (str(path), display)
    last = cache.get(key) if cache is not None else None
    if last is not None and last[0] == raw:  # unchanged since the caller last read it (a preview rebuild)
        return last[1]
    result = parse_document(raw, display)
    if cache is not None:
        cache[key] = (raw, result)
    return result


def _too_large(display: str, size: int) -> ContentError:
    return ContentError(display, 1, 1, _FILE, f"file is {size} bytes; the limit is {MAX_BYTES}")


def parse_document(raw: bytes, display: str) -> Document | list[ContentError]:
    """Parse the bytes of one YAML file (read from disk or from git) like load_document."""
    if len(raw) > MAX_BYTES:
        return [_too_large(display, len(raw))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8"
        return [ContentError(display, line, column, _FILE, message)]
    lines = tuple(text.splitlines())
    if text.startswith("\ufeff"):
        return [
            ContentError(
                display,
                1,
                1,
                _FILE,
                "file starts with a byte-order mark; save it as UTF-8 without BOM",
            )
        ]
    if separator := LINE_SEPARATORS.search(text):  # the parser would break the line there: say so first
        start = separator.start()
        loc = Loc(text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1)
        shown = tuple(text.split("\n"))
        return [make_error(display, shown, loc, _YAML, refusal(separator.group()))]
    if conflict := _CONFLICT.search(text):
        at = Loc(text.count("\n", 0, conflict.start()) + 1, 1)
        message = "unresolved Git merge conflict (the line starts with <<<<<<<); keep the right version and delete "
        return [make_error(display, lines, at, _FILE, message + "the lines <<<<<<<, ======= and >>>>>>>")]
    too_deep = _prescan_depth(text)
    if too_deep:
        return [make_error(display, lines, too_deep, _YAML, f"nesting is deeper than {MAX_DEPTH} levels")]
    builder = _Builder(display, lines)
    try:
        builder.run(yaml.parse(text, Loader=yaml.CSafeLoader))
    except _Abort:
        pass  # the depth error is already recorded
    except yaml.reader.ReaderError as exc:  # a character YAML refuses anywhere, even in a comment
        builder.errors.append(_reader_error(display, lines, text, exc))
    except yaml.MarkedYAMLError as exc:
        builder.errors.append(_syntax_error(display, lines, exc))
    except yaml.YAMLError as exc:  # unmarked errors are rare; keep them readable
        builder.errors.append(ContentError(display, 1, 1, _YAML, str(exc)))
    if builder.errors:
        return builder.errors
    if builder.data is None:
        return [ContentError(display, 1, 1, _FILE, "file is empty; expected a YAML mapping")]
    return Document(display, builder.data, text, locate)


def locate(display: str, text: str) -> Positions:
    """Where each value and key of ``text`` was written: the text of a Document, which parsed without an error,
    parsed again (Document.positions, when an error needs them)."""
    builder = _Builder(display, tuple(text.splitlines()))
    builder.run(yaml.parse(text, Loader=yaml.CSafeLoader))
    return Positions(builder.locs, builder.key_locs)


def _syntax_error(display: str, lines: tuple[str, ...], exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    loc = Loc(mark.line + 1, mark.column + 1) if mark else Loc(1, 1)
    problem = exc.problem or "invalid YAML"
    if "tab" in problem or (0 < loc.line <= len(lines) and "\t" in lines[loc.line - 1]):
        problem += " (indent with spaces, not tabs)"
    context = f" {exc.context}" if exc.context else ""
    if "invalid Unicode character escape" in problem:  # "\ud83d\ude00": JSON's way of writing one character
        context += "; half a surrogate pair (\\ud800 to \\udfff) is not a character: write the character itself"
    return make_error(display, lines, loc, _YAML, f"{problem}{context}")


def _reader_error(display: str, lines: tuple[str, ...], text: str, exc: yaml.reader.ReaderError) -> ContentError:
    at = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))  # libyaml counts bytes
    loc = Loc(text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)
    char = chr(exc.character) if isinstance(exc.character, int) else exc.character
    return make_error(display, lines, loc, _YAML, refusal(char) if REFUSED.match(char) else _unreadable(char))


def _unreadable(char: str) -> str:
    return f"contains {name(char)}, which YAML does not allow in a file; delete it"


def _prescan_depth(text: str) -> Loc | None:
    """Find flow or compact nesting deeper than MAX_DEPTH before libyaml sees it (it slows quadratically)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # flow nesting cannot go deeper: only dashes can
        deep = _DEEP_DASHES.search(text)
        return Loc(text.count("\n", 0, deep.start()) + 1, 1) if deep else None
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        dashes = re.match(r"[ ]*(?:-[ ]+)*", line)
        if dashes and dashes.group().count("-") > MAX_DEPTH:
            return Loc(number, 1)
        for column, char in enumerate(re.sub(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"|#.*", _blank, line), start=1):
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return Loc(number, column)
    return None


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


class _Builder:
    """Turn libyaml parse events into plain data, refusing what our content never needs.

    Events are typed ``Any``: PyYAML's C events and its stubs do not agree on attributes.
    """

    def __init__(self, path: str, lines: tuple[str, ...]) -> None:
        self.path, self.lines = path, lines
        self.errors: list[ContentError] = []
        self.locs: dict[Path_, Loc] = {}
        self.key_locs: dict[Path_, Loc] = {}
        self.data: Any = None

    def _error(self, event: Any, where: Path_, message: str) -> None:
        loc = Loc(event.start_mark.line + 1, event.start_mark.column + 1)
        self.errors.append(make_error(self.path, self.lines, loc, field_name(where), message))

    def run(self, events: Iterator[Any]) -> None:
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._error(
                        event,
                        (),
                        "only one YAML document per file is allowed (remove the second '---')",
                    )
                    return
            elif isinstance(event, yaml.NodeEvent):
                self.data = self._node(event, events, ())

    def _node(self, event: Any, events: Iterator[Any], where: Path_) -> Any:
        if len(where) > MAX_DEPTH:
            self._error(event, where, f"nesting is deeper than {MAX_DEPTH} levels")
            raise _Abort
        self.locs[where] = Loc(event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self._error(event, where, f"aliases (*{event.anchor}) are not allowed; write the value out")
            return None
        if event.anchor is not None:
            self._error(event, where, f"anchors (&{event.anchor}) are not allowed; write the value out")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self._error(event, where, f"explicit tags ({tag}) are not allowed")
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(events, where)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, where)
        return self._scalar(event, where)

    def _sequence(self, events: Iterator[Any], where: Path_) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            items.append(self._node(event, events, (*where, len(items))))
        return items

    def _mapping(self, events: Iterator[Any], where: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                break
            key = self._key(event, events, where)
            value_event = next(events)
            if not isinstance(key, str):
                self._error(event, where, f"mapping keys must be text, not {_describe(key, event)}")
                self._node(value_event, events, (*where, "<value>"))
                continue
            here = (*where, key)
            if key in result:
                first = self.key_locs[here].line
                self._error(event, here, f"duplicate key '{key}' (first written on line {first})")
                self._node(value_event, events, (*where, "<duplicate>"))
                continue
            self.key_locs[here] = Loc(event.start_mark.line + 1, event.start_mark.column + 1)
            result[key] = self._node(value_event, events, here)
        return result

    def _key(self, event: Any, events: Iterator[Any], where: Path_) -> Any:
        """A mapping key: a scalar read like any value, at the mapping's depth; anything else is consumed."""
        if isinstance(event, yaml.ScalarEvent):
            saved = self.locs.get(where)
            key = self._node(event, events, where)
            if saved is not None:
                self.locs[where] = saved
            return key
        self._node(event, events, (*where, "<key>"))
        return event

    def _scalar(self, event: Any, where: Path_) -> Any:
        if event.tag is not None or not event.implicit[0]:
            value: Any = event.value
        else:
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
            self.locs[where] = Loc(self.locs[where].line, self.locs[where].column, event.value)
            if tag.endswith(":float") and event.value.lstrip("+-").lower() in (".inf", ".nan"):
                self._error(event, where, f"'{event.value}' is not a finite number")
                return None
            if tag.endswith((":int", ":float")) and (problem := number_problem(event.value, partial(_construct, tag))):
                self._error(event, where, problem)
                return None
            value = _construct(tag, event.value)
            number, problem = native_number(event.value) if tag.endswith(":str") else (None, None)
            if problem:
                self._error(event, where, problem)
                return None
            value = value if number is None else number  # ۱۹ is 19, as YAML reads 19
        if isinstance(value, str):
            for hidden in dict.fromkeys(REFUSED.findall(value) + LINE_SEPARATORS.findall(value)):  # once each
                self._refuse(event, where, hidden)
        return value

    def _refuse(self, event: Any, where: Path_, char: str) -> None:
        """A refused character, pointed at where it is written (at the value when it is written as an escape)."""
        line, column = event.start_mark.line, event.start_mark.column
        source = self.lines[line] if line < len(self.lines) else ""
        found = source.find(char, column)
        loc = Loc(line + 1, (found if found >= 0 else column) + 1)
        self.errors.append(make_error(self.path, self.lines, loc, field_name(where), refusal(char)))


def _construct(tag: str, value: str) -> Any:
    if tag.endswith((":str", ":timestamp", ":merge", ":value")):
        return value  # dates stay text (validated by pattern); '<<' and '=' are just text here
    return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))


def _describe(value: Any, event: Any) -> str:
    if isinstance(event, yaml.ScalarEvent) and _BOOL_WORDS.match(event.value):
        return f"the YAML boolean {event.value} (put it in quotes)"
    if isinstance(event, yaml.ScalarEvent):
        return f"{event.value or 'an empty key'} (put it in quotes)"
    return "a list or mapping"


class _Abort(Exception):
    """Stops building a document nested deeper than MAX_DEPTH; the error is already recorded."""
