"""Where the tool may write: the one guard every writer calls before it creates, replaces or deletes anything.

A path is refused when a symbolic link lies on it inside the project (a pull request can commit one:
``build/zensical/docs -> ../../content`` would make a writer fill, or empty, ``content/``), when it is the project
or holds it, and when it is, or lies inside, one of the project's own folders (its content, seeds, code,
templates, the docs and theme folders mkdocs.yml names). Whether a folder holds only what the tool wrote is the
manifest's job (publish.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.errors import BuildFailed

# Folders of the project an output must never be, or lie in: MkDocs and the swap would empty them.
PROJECT_FOLDERS = ("content", "seeds", "generator", "site_templates", "overrides", "tests", ".git")


def guard(root: Path, target: Path, *protected: Path) -> Path:
    """``target`` as an absolute path, if the tool may write it; BuildFailed (one line) otherwise.

    ``root`` is the project's folder; ``protected``: more folders the target must stay out of (mkdocs.yml's
    ``docs_dir`` and ``theme.custom_dir``: config_folders).
    """
    root = root.resolve()
    target = Path(os.path.abspath(target))
    for part in [target, *target.parents]:  # a link that lies in the project, however the path reaches it
        if part.is_symlink() and part.parent.resolve().is_relative_to(root):
            raise BuildFailed(
                f"refusing to write {target}: {part} is a symbolic link; the tool writes only real folders "
                "inside the project (remove the link)"
            )
    real = target.resolve()
    if real == root or real in root.parents:
        raise BuildFailed(f"refusing to build into {target}: it contains the project")
    for folder in (*(root / name for name in PROJECT_FOLDERS), *(p.resolve() for p in protected)):
        if real == folder or folder in real.parents:
            shown = f"{folder.relative_to(root)}/" if folder.is_relative_to(root) else str(folder)
            raise BuildFailed(f"refusing to build into {target}: it is or lies inside {shown}")
    return target


# Folders whose files must never be published as they are: a docs_dir there would put drafts, seeds or history
# on the site.
UNPUBLISHED = ("content", "seeds", ".git")


def refuse_unsafe_sources(config: Any) -> None:
    """BuildFailed when what a loaded MkDocs ``config`` publishes as it is could reach beyond the site's own files:
    a ``docs_dir`` that is the project, holds it, or lies in content/, seeds/ or .git/; a symbolic link in
    ``docs_dir``, the theme's ``custom_dir`` or overrides/ (a committed ``static/x -> /etc/passwd`` would be
    copied into the site, as a template could include one)."""
    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir)
    docs = docs_dir.resolve()
    for folder in (root, *(root / name for name in UNPUBLISHED)):
        inside = folder != root and (docs == folder or folder in docs.parents)
        if inside or docs == root or docs in folder.parents:  # lies in it, or holds it
            shown = "the project" if docs == root or docs in root.parents else f"{folder.relative_to(root)}/"
            raise BuildFailed(
                f"mkdocs.yml: docs_dir {docs_dir} would publish {shown} as it is; name a folder of static files "
                "instead (site_templates/static)"
            )
    for folder in (*config_folders(config), root / "overrides"):
        for path in [folder, *folder.rglob("*")] if folder.is_dir() and folder.resolve().is_relative_to(root) else []:
            if path.is_symlink():
                raise BuildFailed(
                    f"{path} is a symbolic link; the files a site is built from must be plain files in the project"
                )


def config_folders(config: Any) -> list[Path]:
    """The project folders a loaded MkDocs ``config`` names, which no output may be or lie in: ``docs_dir`` and
    ``theme.custom_dir``."""
    custom = config.theme.custom_dir
    return [Path(config.docs_dir), *([Path(custom)] if custom else [])]


def write_file(root: Path, path: Path, data: bytes, marker: bytes = b"") -> None:
    """Write ``path`` (guarded) through a temporary file and a rename, so that a link there is replaced, never
    followed; with a ``marker``, an existing file is replaced only if it starts with it (the tool wrote it)."""
    path = guard(root, path)
    if marker and path.is_file() and not path.is_symlink():
        with path.open("rb") as handle:
            if handle.read(len(marker)) != marker:
                raise BuildFailed(f"refusing to replace {path}: this tool did not write it; move it away")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.write_bytes(data)
    os.replace(temporary, path)
