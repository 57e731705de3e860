"""Fast previews: under ``mkdocs serve --dirty``, MkDocs rebuilds only the pages whose Markdown changed.

MkDocs' dirty builds skip a page whose ``File.is_modified()`` is false, but a generated page always says it
is modified. Here each generated page compares its Markdown with the last successful build's, and the
whole site counts as changed when mkdocs.yml or the theme folder changed. Material's search index, which a
dirty reload would merge for one rebuilt page only, is put together here from the entries of every page,
in page order, so it equals a full build's. The plugin holds one ``DirtySession`` per ``mkdocs serve``;
without ``--dirty`` nothing here is used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from mkdocs.structure.files import File

from generator.mkdocs import internals


class PreviewFile(File):
    """A generated page that tells a dirty build whether it changed since the last one."""

    changed: bool = True

    def is_modified(self) -> bool:
        """True when the page's Markdown (or the site's configuration or theme) changed since the last build."""
        return self.changed


@dataclass
class DirtySession:
    """What the last successful build of this ``serve --dirty`` session produced."""

    active: bool = False
    fingerprint: str = ""  # of mkdocs.yml and the theme folder
    markdown: dict[str, str | bytes] = field(default_factory=dict)  # src_uri -> Markdown built
    entries: dict[str, list[Any]] = field(default_factory=dict)  # page URL -> its search index entries
    pending: tuple[str, list[PreviewFile]] = ("", [])  # this build's fingerprint and pages, until it succeeds

    def forget(self) -> None:
        """After a failed build (whose error replaced the pages), let the next build rebuild every page."""
        self.fingerprint, self.markdown = "", {}

    @classmethod
    def start(cls, command: str, dirty: bool) -> DirtySession:
        """A new session, active only under ``mkdocs serve --dirty`` (which then must not warn, see internals)."""
        session = cls(active=command == "serve" and dirty)
        if session.active:
            internals.quiet_dirty_warning()
        return session

    def generated_files(self, config: Any, root: Path, pages: dict[str, str | bytes]) -> list[File]:
        """The generated pages as MkDocs files; in a dirty session, each knows whether it changed."""
        if not self.active:
            return [File.generated(config, uri, content=text) for uri, text in pages.items()]
        fingerprint = _fingerprint(root, Path(config.config_file_path), Path(config.theme.custom_dir or root))
        previous = self.markdown if fingerprint == self.fingerprint else {}
        files: list[PreviewFile] = []
        for uri, text in pages.items():
            file = cast(PreviewFile, PreviewFile.generated(config, uri, content=text))  # it builds a cls
            file.changed = previous.get(uri) != text
            files.append(file)
        self.pending = (fingerprint, files)
        return list(files)

    def complete_search_index(self, config: Any) -> None:
        """Before the search plugin writes its index: give it every page's entries, not only the rebuilt ones'."""
        search = internals.search_plugin(config)
        if not self.active or search is None:
            return
        fresh: dict[str, list[Any]] = {}
        for entry in internals.search_entries(search):
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        fingerprint, files = self.pending
        known = self.entries if fingerprint == self.fingerprint else {}
        entries = {
            file.url: fresh.get(file.url, []) if file.changed else known.get(file.url, [])
            for file in files
            if file.is_documentation_page()
        }
        internals.replace_search_entries(search, [entry for page in entries.values() for entry in page])
        self.fingerprint, self.entries = fingerprint, entries
        self.markdown = {file.src_uri: _content(file) for file in files}


def _content(file: File) -> str | bytes:
    """A generated file as it was generated: text, or an image's bytes (a social card)."""
    try:
        return file.content_string
    except UnicodeDecodeError:
        return file.content_bytes


def _fingerprint(root: Path, config_file: Path, theme: Path) -> str:
    """Changes when mkdocs.yml or any file of the theme folder changes (name, size or modification time)."""
    digest = hashlib.sha256(config_file.read_bytes())
    for path in sorted(theme.rglob("*")) if theme != root else []:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
