"""The content check: load every file, validate it against its schema, build the model, cross-check it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import crosscheck, markup, refs, seeds
from .claims import read_claim
from .errors import CheckFailed, ContentError
from .load import Document, ReadCache, load_document
from .model import (
    Content,
    DateNote,
    Edition,
    Reference,
    Rule,
    Source,
    Topic,
    Verdict,
)  # fmt: skip
from .pages import path_errors, site_pages
from .quotes import NormalisedText
from .schema import schema_errors

_FOLDERS = {"claim": "content/claims", "source": "content/sources"}
_SINGLE = {
    "edition": "content/edition.yaml",
    "verdicts": "content/verdicts.yaml",
    "topics": "content/topics.yaml",
}
_NO_EDITION = Edition("", "", ())  # stands in while edition.yaml is broken; its errors are reported


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
    docs = {kind: list(_load_kind(root, kind, errors, cache)) for kind in (*_SINGLE, *_FOLDERS)}
    verdicts = tuple(_verdict(item) for doc in docs["verdicts"] for item in doc.data["verdicts"])
    topics = tuple(Topic(t["id"], t["label"]) for doc in docs["topics"] for t in doc.data["topics"])
    seed_folder = seeds.folder_problem(root)
    errors.extend([seed_folder] if seed_folder else [])
    sources = tuple(s for doc in docs["source"] if (s := _source(root, doc, errors, seed_folder is None)))
    texts = {source.id: NormalisedText(source.text) for source in sources}
    claims = tuple(read_claim(doc, texts, errors) for doc in docs["claim"])
    edition = next((_edition(doc.data) for doc in docs["edition"]), _NO_EDITION)
    content = Content(edition, tuple(sorted(verdicts, key=lambda v: v.order)), topics, sources, claims)
    known = {kind: _ids_on_disk(root, kind) for kind in _FOLDERS}
    errors.extend(crosscheck.check(content, docs, known))
    errors.extend(refs.ref_errors(itertools.chain.from_iterable(docs.values()), known["source"]))
    errors.extend(path_errors(site_pages(content), static, docs_dir))
    if errors:
        raise CheckFailed(errors)
    return content


def _ids_on_disk(root: Path, kind: str) -> set[str]:
    """Ids of every file of ``kind``, valid or not, so one broken file does not break references to it."""
    folder = root / _FOLDERS[kind]
    return {path.stem for path in folder.glob("*.yaml")} if folder.is_dir() else set()


def _load_kind(root: Path, kind: str, errors: list[ContentError], cache: ReadCache | None) -> Iterator[Document]:
    """Yield the schema-valid documents of one kind; record every other problem in ``errors``."""
    for path, display in _files(root, kind, errors):
        loaded = load_document(path, display, cache)
        if isinstance(loaded, list):
            errors.extend(loaded)
            continue
        problems = schema_errors(loaded, kind)
        errors.extend(problems)
        if not problems:
            errors.extend(markup.markup_errors(loaded))
            yield loaded


def _files(root: Path, kind: str, errors: list[ContentError]) -> Iterator[tuple[Path, str]]:
    if kind in _SINGLE:
        path = root / _SINGLE[kind]
        if _usable(path, _SINGLE[kind], errors, missing_ok=False):
            yield path, _SINGLE[kind]
        return
    folder = root / _FOLDERS[kind]
    if not _usable(folder, _FOLDERS[kind], errors, missing_ok=False, folder=True):
        return
    for path in sorted(folder.iterdir()):
        display = f"{_FOLDERS[kind]}/{path.name}"
        if path.name.startswith("."):
            continue  # .gitkeep and editor files; never content
        if not _utf8(path.name):
            shown = os.fsencode(path.name).decode("utf-8", "replace")
            errors.append(_file_error(f"{_FOLDERS[kind]}/{shown}", "the file name is not valid UTF-8; rename it"))
            continue
        if path.suffix != ".yaml" and not path.is_symlink() and path.is_file():
            errors.append(_file_error(display, f"is not a .yaml file; name {kind} files <id>.yaml"))
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


def _edition(data: dict[str, Any]) -> Edition:
    order = (tuple(data.get(key, ())) for key in ("topic_order", "claim_order"))
    return Edition(data["title"], data["overview"], tuple(data["most_disputed"]), *order)


def _verdict(item: dict[str, Any]) -> Verdict:
    rules = tuple(
        Rule(r["id"], r["says"], r["test"], r.get("min"), r.get("max"), tuple(r.get("stances", ())))
        for r in item.get("rules", ())
    )
    return Verdict(item["id"], item["label"], item["definition"], item["order"], rules, item.get("unrated", False))


def _dates(items: list[dict[str, str]]) -> tuple[DateNote, ...]:
    return tuple(DateNote(d["date"], d["what"]) for d in items)


def _source(root: Path, doc: Document, errors: list[ContentError], seeds_usable: bool) -> Source | None:
    data = doc.data
    text = seeds.read_seed(root, doc, errors) if seeds_usable else None
    if text is None:
        return None
    refs = tuple(Reference(r["text"], r.get("url")) for r in data["references"])
    return Source(
        data["id"], data["name"], data["title"], data["title_kind"], data.get("author"), data["kind"],
        data["outlook"], data["framing"], _dates(data["dates"]), refs, data["seed"], data["sha256"], text, doc,
    )  # fmt: skip
