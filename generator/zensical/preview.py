"""``generator preview``: the site on localhost, rebuilt when an editor changes content, seeds or templates.

With MkDocs this is ``mkdocs serve`` (the plugin watches and re-renders). Zensical runs no plugin, so here the
generator does the watching: it renders into build/zensical/docs, which ``zensical serve`` watches in turn.
Files are rewritten in place, and only when they changed: ``zensical serve`` stops noticing a docs folder that
is swapped for a new one. Content errors show on the pages, as under ``mkdocs serve`` (mkdocs/preview.py).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import asset_dirs
from generator.check.load import ReadCache
from generator.errors import CheckFailed, GeneratorError
from generator.mkdocs.preview import Preview
from generator.pipeline import generate, load_mkdocs_config
from generator.render.incremental import PageMemo
from generator.zensical.engine import CONFIG, require_version, write_overrides, zensical_config
from generator.zensical.guard import load_config

log = logging.getLogger(__name__)
WATCHED = ("content", "seeds", "site_templates", "overrides")
WORK = Path("build/zensical")  # under the project; /build/ is ignored by git


def serve(root: Path, engine: str, addr: str) -> int:
    """Serve the project at ``root`` on ``addr`` until interrupted; return the exit code."""
    if engine == "mkdocs":
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", addr])
    with suppress(KeyboardInterrupt), running(root, addr, None) as server:
        log.info("Zensical serves the preview on http://%s/ (Ctrl-C stops it)", addr)
        return server.wait()
    return 0


@contextmanager
def running(root: Path, addr: str, output: IO[str] | None) -> Iterator[subprocess.Popen[bytes]]:
    """``zensical serve`` on ``addr``, fed by a watcher that re-renders the pages; both stop on leaving."""
    require_version()
    root = root.resolve()
    work = root / WORK
    renderer = Renderer(root)
    refresh(renderer, work)
    write_overrides(work / "overrides", renderer.config)  # read at start: a change to the theme needs a restart
    config = zensical_config(load_config(root))
    (work / CONFIG).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    with _watching(renderer, work):
        command = [sys.executable, "-m", "zensical", "serve", "-f", str(work / CONFIG), "-a", addr]
        server = subprocess.Popen(command, cwd=work, stdout=output, stderr=subprocess.STDOUT if output else None)
        try:
            yield server
        finally:
            stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server process: politely, then, after 20 s, for good."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class Renderer:
    """Renders the project's pages for the preview: only pages whose inputs changed (incremental.py), and the
    last good pages with the errors on top while the content is broken, as under ``mkdocs serve``."""

    def __init__(self, root: Path) -> None:
        self.config = load_mkdocs_config(root)  # read at start, like the theme
        self.preview = Preview()
        self.preview.start("serve")
        self.cache: ReadCache = {}
        self.memo = PageMemo()

    def pages(self) -> dict[str, str | bytes]:
        """Every page, or, when the content or a template is broken, the last good pages with the errors."""
        root = Path(self.config.config_file_path).resolve().parent
        try:
            pages = generate(self.config, self.cache, self.memo)
        except CheckFailed as failed:
            return self.preview.pages_with_errors([e.format_text() for e in failed.errors], root)
        except GeneratorError as exc:
            return self.preview.pages_with_errors([str(exc)], root)
        except OSError as exc:
            return self.preview.pages_with_errors([f"{exc.strerror or exc}: {exc.filename}"], root)
        except Exception as exc:  # a bug: the preview must keep answering, and say what happened (as the plugin)
            return self.preview.pages_with_errors([f"{type(exc).__name__}: {exc}"], root)
        return self.preview.remember(pages)


def refresh(renderer: Renderer, work: Path) -> int:
    """Render the pages (or error pages) into ``work``/docs, rewriting only what changed; return how many did."""
    files = {name: out if isinstance(out, bytes) else out.encode("utf-8") for name, out in renderer.pages().items()}
    for static in reversed(asset_dirs(renderer.config)):  # the project's static files win over the package's
        for path in static.rglob("*"):
            name = path.relative_to(static).as_posix()
            if path.is_file() and not name.startswith(".") and "/." not in name:
                files.setdefault(name, path.read_bytes())
    return sync(work / "docs", files)


def sync(docs: Path, files: dict[str, bytes]) -> int:
    """Make ``docs`` hold exactly ``files``, writing each changed file in place (atomically); return the count."""
    changed = 0
    for name, data in files.items():
        path = docs / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        changed += 1
    for path in sorted(docs.rglob("*"), reverse=True):  # files first, then the folders they leave empty
        name = path.relative_to(docs).as_posix()
        if path.is_file() and name not in files:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


class _Changed(FileSystemEventHandler):
    def __init__(self, pending: threading.Event) -> None:
        self.pending = pending

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in ("modified", "created", "deleted", "moved"):
            self.pending.set()


@contextmanager
def _watching(renderer: Renderer, work: Path) -> Iterator[None]:
    """Re-render into ``work`` whenever a file under WATCHED changes (one render for a burst of changes)."""
    pending, stop = threading.Event(), threading.Event()

    def loop() -> None:
        while not stop.is_set():
            if pending.wait(0.2):
                time.sleep(0.05)  # let an editor's save finish
                pending.clear()
                started = time.perf_counter()
                changed = refresh(renderer, work)
                log.info("re-rendered: %d files changed (%.2f s)", changed, time.perf_counter() - started)

    observer = Observer()
    root = Path(renderer.config.config_file_path).resolve().parent
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(_Changed(pending), str(root / folder), recursive=True)
    observer.start()
    worker = threading.Thread(target=loop, name="render", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        observer.stop()
        observer.join()
        worker.join()
