"""The content check: load every file, validate it against its schema, build the model, cross-check it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from generator.check import crosscheck, markup, quotations, refs, seeds
from generator.check import kinds as k
from generator.check.aliases import alias_errors
from generator.check.construct import Inputs, loose_quote_errors
from generator.check.kinds import CLAIM, EDITION, KINDS, PUBLISHER, SOURCE, STANCES, TOPICS, VERDICTS, Kind
from generator.check.load import ReadCache, load_document
from generator.check.memo import FILES, FileMemo, per_file
from generator.check.publication import publication_errors
from generator.check.quotes import NormalisedText, normalised
from generator.check.schema import Vocabularies, is_valid, schema_errors
from generator.document import Document
from generator.errors import CheckFailed, ContentError
from generator.model import Claim, Content, Edition, Masthead
from generator.render.pages import path_errors, site_pages

T = TypeVar("T")
# Stands in while edition.yaml is broken; its errors are reported.
_NO_EDITION = Edition(title="", overview="", most_disputed=())


def check_project(
    root: Path, cache: ReadCache | None = None, static: Iterable[str] = (), docs_dir: str = ""
) -> Content:
    """Load and validate all content under ``root``; raise CheckFailed with every problem found.

    ``cache`` keeps each file's last parse between calls (see load.ReadCache); ``static`` names the files of
    the docs folder ``docs_dir``, which no generated page may replace.
    """
    linked = [name for name in ("content", "seeds") if (root / name).is_symlink()]
    if linked:  # everything below would be read through the link
        raise CheckFailed([_file_error(name, "is a symbolic link; content must be plain files") for name in linked])
    errors: list[ContentError] = []
    docs: dict[str, list[Document]] = {}
    invalid: dict[str, list[Document]] = {}  # read, but not schema-valid: their text is still checked
    schema: list[ContentError] = []  # the schema's errors, also in errors
    vocabularies: Vocabularies = ()
    memo = FILES if cache is not None else None  # a preview: each unchanged file's results are kept
    for kind in KINDS:  # the vocabularies first: later schemas accept their ids
        docs[kind.name], invalid[kind.name] = _load_kind(root, kind, vocabularies, (errors, schema), cache, memo)
        vocabularies += _vocabulary(kind, docs[kind.name]) or _loose_vocabulary(kind, invalid[kind.name])
    content, seed_texts = _content(root, docs, invalid[SOURCE.name], errors, memo)
    known = {kind.name: ids_on_disk(root, kind) for kind in KINDS if kind.folder}
    errors.extend(crosscheck.check(content, docs, known))
    errors.extend(alias_errors(content, known["claim"], known["source"]))
    errors.extend(publication_errors(content, docs[EDITION.name]))
    errors.extend(path_errors(site_pages(content), static, docs_dir))
    # One run reports all it can (CONTRIBUTING): the text of a file that failed its schema is checked too.
    every = {name: [*docs[name], *invalid[name]] for name in docs}
    ids = frozenset(known["source"])
    text_errors = [
        error
        for doc in itertools.chain.from_iterable(every.values())
        for error in per_file(memo, doc, ("refs", ids), partial(_one, refs.ref_errors, doc, known["source"]))
    ]
    text_errors += [error for doc in invalid[CLAIM.name] for error in loose_quote_errors(doc, seed_texts)]
    text_errors += [e for doc in invalid[CLAIM.name] for e in crosscheck.loose_claim_errors(doc, content, known, docs)]
    prose = [*every[EDITION.name], *every[SOURCE.name], *every[CLAIM.name]]
    seeds_read = _texts_key(seed_texts)
    text_errors += [
        error
        for doc in prose
        for error in per_file(
            memo,
            doc,
            ("quotations", ids, seeds_read),
            partial(_one, quotations.quotation_errors, doc, seed_texts, known["source"]),
        )
    ]
    errors.extend(_beside_schema_errors(text_errors, schema))
    if errors:
        raise CheckFailed(errors, content)
    return content


def _vocabulary(kind: Kind[Any], docs: list[Document]) -> Vocabularies:
    """A vocabulary's ids (stances in their order), once its file is valid; until then any slug is taken."""
    if not kind.vocabulary or not docs:
        return ()
    terms = sorted((t for doc in docs for t in kind.build(doc, Inputs())), key=lambda t: getattr(t, "order", 0))
    return ((kind.name, tuple(t.id for t in terms)),)


def _loose_vocabulary(kind: Kind[Any], docs: list[Document]) -> Vocabularies:
    """The ids of a vocabulary file that failed its schema, when every item still has a well-formed id and
    order: later files are then checked against them in the same run, instead of after the file is fixed."""
    items = [item for doc in docs for value in doc.data.values() if isinstance(value, list) for item in value]
    ranked: list[tuple[int, str]] = []
    for item in items:
        ident, order = (item.get("id"), item.get("order", 0)) if isinstance(item, dict) else (None, None)
        if not isinstance(ident, str) or not is_valid("slug", ident) or type(order) is not int:
            return ()
        ranked.append((order, ident))
    if not kind.vocabulary or not ranked:
        return ()
    return ((kind.name, tuple(ident for _, ident in sorted(ranked, key=lambda pair: pair[0]))),)


def _content(
    root: Path,
    docs: dict[str, list[Document]],
    broken: list[Document],
    errors: list[ContentError],
    memo: FileMemo | None = None,
) -> tuple[Content, dict[str, NormalisedText]]:
    """The model of every schema-valid document, and each source's seed normalised for matching (once: the
    quotes and the quotations in prose are both located in it); seeds are read here, also those of ``broken``
    source files whose ``seed`` and ``sha256`` are well formed, so that their quotes are compared at once."""
    seed_folder = seeds.folder_problem(root, bool(ids_on_disk(root, SOURCE)))
    errors.extend([seed_folder] if seed_folder else [])
    readable = [*docs[SOURCE.name], *(doc for doc in broken if seeds.names_its_seed(doc))]
    texts = {
        doc.path: text for doc in readable
        if seed_folder is None and (text := seeds.read_seed(root, doc, errors)) is not None
    }  # fmt: skip
    kinds = {kind.id: kind.label for kind in _all(k.SOURCE_KINDS, docs)}
    sources = tuple(s for doc in docs[SOURCE.name] if (s := SOURCE.build(doc, Inputs(seeds=texts, kind_labels=kinds))))
    seed_texts = {source.id: normalised(source.text) for source in sources}
    seed_texts |= {doc.data["id"]: normalised(texts[doc.path]) for doc in broken if doc.path in texts}
    located = Inputs(texts=seed_texts, errors=errors)
    seeds_read = _texts_key(seed_texts)
    content = Content(
        edition=next((EDITION.build(doc, Inputs()) for doc in docs[EDITION.name]), _NO_EDITION),
        verdicts=tuple(sorted(_all(VERDICTS, docs), key=lambda v: v.order)),
        topics=tuple(_all(TOPICS, docs)),
        sources=sources,
        claims=tuple(_claim(doc, located, memo, seeds_read) for doc in docs[CLAIM.name]),
        stances=tuple(sorted(_all(STANCES, docs), key=lambda s: s.order)),
        masthead=next((PUBLISHER.build(doc, Inputs()) for doc in docs[PUBLISHER.name]), Masthead()),
        parties=tuple(_all(k.PARTIES, docs)),
        source_kinds=tuple(_all(k.SOURCE_KINDS, docs)),
    )
    return content, seed_texts


def _claim(doc: Document, located: Inputs, memo: FileMemo | None, seeds_read: Hashable) -> Claim:
    """The claim of ``doc``, its quotes located in the seeds; the quotes not found are added to ``located.errors``."""

    def build() -> tuple[Claim, list[ContentError]]:
        found: list[ContentError] = []
        return CLAIM.build(doc, Inputs(texts=located.texts, errors=found)), found

    claim, found = per_file(memo, doc, ("claim", seeds_read), build)
    located.errors.extend(found)
    return claim


def _one(step: Callable[..., Iterable[ContentError]], doc: Document, *args: Any) -> list[ContentError]:
    """The errors a check over many documents finds in ``doc`` alone."""
    return list(step([doc], *args))


def _texts_key(seed_texts: Mapping[str, NormalisedText]) -> Hashable:
    """What the per-file results that read the seeds depend on: every seed's text, by source id."""
    return tuple(sorted((source, text.text) for source, text in seed_texts.items()))


def _all(kind: Kind[tuple[T, ...]], docs: dict[str, list[Document]]) -> Iterator[T]:
    """Every item of a vocabulary file (one file, a list of items)."""
    return (item for doc in docs[kind.name] for item in kind.build(doc, Inputs()))


def ids_on_disk(root: Path, kind: Kind[Any]) -> set[str]:
    """Ids of every file of ``kind``, valid or not, so one broken file does not break references to it (and, for a
    build, how many claims it may draw cards for, before the check)."""
    folder = root / kind.location
    return {path.stem for path in folder.glob("*.yaml")} if folder.is_dir() else set()


def _load_kind(root: Path, kind: Kind[Any], vocabularies: Vocabularies,
               found: tuple[list[ContentError], list[ContentError]],
               cache: ReadCache | None, memo: FileMemo | None) -> tuple[list[Document], list[Document]]:  # fmt: skip
    """The schema-valid documents of one kind, and those read but not valid (mappings, whose text is still
    checked); every problem is recorded in ``found``'s first list, the schema's also in its second."""
    errors, schema = found
    valid, invalid = [], []
    for path, display in _files(root, kind, errors):
        loaded = load_document(path, display, cache)
        if isinstance(loaded, list):
            errors.extend(loaded)
            continue
        problems = schema_errors(loaded, kind.name, vocabularies)
        errors.extend(problems)
        schema.extend(problems)
        if not problems:
            valid.append(loaded)
        elif isinstance(loaded.data, dict):
            invalid.append(loaded)
        if not problems or isinstance(loaded.data, dict):
            marked = per_file(memo, loaded, "markup", partial(markup.markup_errors, loaded))
            errors.extend(_beside_schema_errors(marked, problems))
    return valid, invalid


def _beside_schema_errors(found: Iterable[ContentError], schema: list[ContentError]) -> list[ContentError]:
    """``found`` but the errors in a field that has a schema error itself (or lies in one): a value is
    reported once, for what its schema says, even when a later check would also object to it."""
    taken = {(error.path, error.field) for error in schema}
    return [
        error for error in found
        if not any((error.path, field) in taken for field in _enclosing(error.field))
    ]  # fmt: skip


def _enclosing(field: str) -> Iterator[str]:
    """``field`` and every field that holds it: 'a.b[0].c' -> a.b[0].c, a.b[0], a.b, a."""
    yield field
    for cut in range(len(field) - 1, 0, -1):
        if field[cut] in ".[":
            yield field[:cut]


def _files(root: Path, kind: Kind[Any], errors: list[ContentError]) -> Iterator[tuple[Path, str]]:
    if not kind.folder:
        if _usable(root / kind.location, kind.location, errors, missing_ok=kind.optional):
            yield root / kind.location, kind.location
        return
    folder = root / kind.location
    if not _usable(folder, kind.location, errors, missing_ok=False, folder=True):
        return
    for path in sorted(folder.iterdir()):
        display = f"{kind.location}/{path.name}"
        if path.name.startswith("."):
            continue  # .gitkeep and editor files; never content
        if not _utf8(path.name):
            shown = os.fsencode(path.name).decode("utf-8", "replace")
            errors.append(_file_error(f"{kind.location}/{shown}", "the file name is not valid UTF-8; rename it"))
            continue
        if path.suffix != ".yaml" and not path.is_symlink() and path.is_file():
            errors.append(_file_error(display, f"is not a .yaml file; name {kind.name} files <id>.yaml"))
        elif _usable(path, display, errors, missing_ok=False):
            yield path, display


def _utf8(name: str) -> bool:
    """Whether a file name read from disk is valid UTF-8 (undecodable bytes arrive as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _usable(path: Path, display: str, errors: list[ContentError], *, missing_ok: bool,
            folder: bool = False) -> bool:  # fmt: skip
    if path.is_symlink():
        errors.append(_file_error(display, "is a symbolic link; content must be plain files"))
        return False
    if not path.exists():
        if not missing_ok:
            errors.append(_file_error(display, "is missing"))
        return False
    if path.is_dir() != folder:
        errors.append(_file_error(display, "is a folder; expected a file" if not folder else "is not a folder"))
        return False
    if not folder and not path.is_file():  # a pipe or a device: reading it could block forever
        errors.append(_file_error(display, "is not a regular file; content must be plain files"))
        return False
    return True


def _file_error(display: str, message: str) -> ContentError:
    return ContentError(display, 1, 1, "(file)", message)
