"""Quotations in the site's own words: every double-quoted fragment of editor prose is verbatim seed text.

A fragment in straight (``"…"``) or typographic (``“…”``) double quotes must be found, with the normalisation
of ``quotes:`` (quotes.NormalisedText), in the text of the sources its sentence names by ``{source-id}``; in
a sentence that names none, in the text of the source the record is about (a position's ``source``, a
contradiction's ``between``, a corroborated point's ``sources``, a source file itself); elsewhere (the
edition's overview) in any seed. A term in quotation marks that quotes no one is written ``{"term"}``: the
check leaves it alone and counts it, and the pages show it without the braces.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from generator.check import refs
from generator.check.markup import texts
from generator.check.quotes import NormalisedText
from generator.check.refs import TERM
from generator.document import Document, Path_
from generator.errors import ContentError

_QUOTED = re.compile(r'“([^“”]*)”|"([^"“”]*)"')  # a straight pair, or a typographic pair (may hold straight ones)
_MARK = re.compile(r'["“”]')
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_CONTEXT_KEYS = ("source", "between", "sources")  # the keys of a record that name the sources it is about


def terms(docs: Iterable[Document]) -> int:
    """How many ``{"term"}`` exceptions the prose of ``docs`` uses."""
    return sum(len(TERM.findall(text)) for doc in docs for _, text in texts(doc.data, refs.not_prose))


def quotation_errors(
    docs: Iterable[Document], seeds: Mapping[str, NormalisedText], known: set[str]
) -> Iterator[ContentError]:
    """A located error for every quoted fragment of editor prose not found in the seed it must come from.

    ``seeds`` holds the text of every usable source by id, ``known`` the id of every source file: a fragment
    that must come from a source whose file or seed is broken (reported already) is not compared.
    """
    for doc in docs:
        for where, text in texts(doc.data, _skip):
            own = _context(doc, where)
            if TERM.search(text) and where[-1] in refs.UNRENDERED:
                message = f'{{"…"}}: terms are not rendered in {where[-1]}; write the quotation marks alone'
                yield _at(doc, where, TERM.search(text).group(), message)  # type: ignore[union-attr]
            for fragment, start, named in _fragments(text, known):
                if fragment is None:
                    message = f"unmatched quotation mark {text[start]}; close the quotation, or {_TERM_ADVICE}"
                    yield _at(doc, where, text[start:start + 20].split("\n")[0], message)  # fmt: skip
                    continue
                wanted = named or [s for s in own if s in known] or sorted(known)
                if any(s not in seeds for s in wanted):
                    continue
                if not any(seeds[s].find(fragment) for s in wanted):
                    yield _at(
                        doc, where, text[start : start + 1 + len(fragment)], _message(fragment, wanted, named, own)
                    )


def _skip(key: str, item: Any) -> bool:
    """Text that is not prose of ours, and a former headline: a record of what the page said, kept as it was."""
    return key == "former_claim" or refs.not_prose(key, item)


_TERM_ADVICE = 'write {"…"} around a term that quotes no one'


def _message(fragment: str, wanted: list[str], named: list[str], own: list[str]) -> str:
    if named:
        where = f"the text of {_either(wanted)} (named in its sentence)"
    elif own and wanted == own:
        where = f"the text of {_either(wanted)}"
    else:
        where = "any seed text"
    return f'"{fragment}" is not found verbatim in {where}; quote the seed\'s own words, or {_TERM_ADVICE}'


def _either(ids: list[str]) -> str:
    names = [f"source '{s}'" for s in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _fragments(text: str, known: set[str]) -> Iterator[tuple[str | None, int, list[str]]]:
    """(fragment, offset of its opening mark, the known sources its sentence names) for each quotation in
    ``text``; (None, offset, []) for a quotation mark that opens or closes nothing."""
    masked = TERM.sub(lambda m: " " * len(m.group()), text)
    found = list(_QUOTED.finditer(masked))
    blank = masked
    for match in found:  # sentences are split outside quotations, but a quotation may end ours ("... it.")
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        end = inner[-1] if inner[-1:] in (".", "!", "?") else "x"
        blank = blank[: match.start()] + "x" * (match.end() - match.start() - 1) + end + blank[match.end() :]
    for stray in _MARK.finditer(blank):
        yield None, stray.start(), []
    for match in found:
        start = max((m.end() for m in _SENTENCE_END.finditer(blank, 0, match.start())), default=0)
        after = _SENTENCE_END.search(blank, match.end() - 1)
        sentence = text[start : after.end() if after else len(text)]
        named = list(dict.fromkeys(m.group(1) for m in refs.REF.finditer(sentence) if m.group(1) in known))
        yield match.group(1) if match.group(1) is not None else match.group(2), match.start(), named


def _context(doc: Document, where: Path_) -> list[str]:
    """The sources the record holding ``where`` is about: its own source ids, or the source file's id."""
    if doc.path.startswith("content/sources/") and isinstance(doc.data, dict):
        return [str(doc.data.get("id", ""))]
    record: Any = doc.data
    found: list[str] = []
    for key in where[:-1]:
        record = record[key]
        if isinstance(record, dict):
            for name in _CONTEXT_KEYS:
                value = record.get(name)
                if isinstance(value, str):
                    found = [value]
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    found = list(value)
    return found


def _at(doc: Document, where: Path_, needle: str, message: str) -> ContentError:
    """The error at the line and column where ``needle`` is written, from the value's first line on."""
    error = doc.error(where, message)
    first = needle.split()[0] if needle.split() else needle
    for number in range(error.line - 1, min(len(doc.lines), error.line + 60)):
        line = doc.lines[number]
        column = line.find(first, error.column - 1 if number == error.line - 1 else 0)
        if column >= 0:
            return dataclasses.replace(error, line=number + 1, column=column + 1, source_line=line)
    return error
