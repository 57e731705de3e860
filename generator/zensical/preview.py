"""``generator preview``: the site on localhost, rebuilt when an editor changes content, seeds or templates.

With MkDocs this is ``mkdocs serve`` (the plugin watches and re-renders). Zensical runs no plugin, so here the
generator does the watching: it renders into build/zensical/docs, which ``zensical serve`` watches in turn.
Files are rewritten in place, and only when they changed: ``zensical serve`` stops noticing a docs folder that
is swapped for a new one. Content errors show on the pages, as under ``mkdocs serve`` (mkdocs/preview.py).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import watchfiles
import yaml

from generator.check.load import ReadCache
from generator.errors import GeneratorError, messages
from generator.manifest import refuse_foreign
from generator.mkdocs.preview import Preview, error_page, preview_words
from generator.outputs import config_folders, guard, write_file
from generator.packaged import asset_dirs
from generator.pipeline import generate
from generator.publish import publish, sync
from generator.render.incremental import PageMemo
from generator.settings import config_file, load_mkdocs_config, read_mkdocs_yml
from generator.zensical.engine import (
    CONFIG,
    CONFIG_MARKER,
    dies_with_parent,
    require_version,
    write_overrides,
    zensical_config,
)
from generator.zensical.proxy import Front, free_port, parse_address, require_free
from generator.zensical.server import Zensical

log = logging.getLogger(__name__)
WATCHED = ("content", "seeds", "site_templates", "overrides")
WORK = Path("build/zensical")  # under the project; /build/ is ignored by git


def serve(root: Path, engine: str, addr: str) -> int:
    """Serve the project at ``root`` on ``addr`` until interrupted; return the exit code."""
    if engine == "mkdocs":
        require_free(addr)  # one line instead of MkDocs' traceback
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file(root)), "-a", addr]
        return subprocess.call(command, preexec_fn=dies_with_parent())
    with suppress(KeyboardInterrupt), running(root, addr, None) as server:
        log.info("Zensical serves the preview on http://%s/ (Ctrl-C stops it)", addr)  # it listens by now
        return server.wait()
    return 0


@contextmanager
def running(root: Path, addr: str, output: IO[str] | None) -> Iterator[Zensical]:
    """``zensical serve`` behind our front on ``addr`` (proxy.py), fed by a watcher that re-renders the pages;
    all stop on leaving. It yields once the preview answers. When Zensical stops on an error, the front shows
    it on every page, and the next change to a watched file starts Zensical again (server.py); so does a
    change to the theme folder, whose overrides Zensical reads only at its start.

    Everything it writes goes through the guard (outputs.guard): no symbolic link on the way, the docs folder
    only if it is empty or holds what its manifest lists, the config only if this tool wrote it.
    """
    require_version()
    root = root.resolve()
    work = root / WORK
    renderer = Renderer(root)
    protected = config_folders(renderer.config)
    docs = guard(root, work / "docs", *protected)
    refuse_foreign(docs)
    for written_by_zensical in ("site", ".cache"):  # its output and cache, also never through a link
        guard(root, work / written_by_zensical, *protected)
    front = Front(parse_address(addr), ("127.0.0.1", free_port()))  # a busy address: one line, before anything

    def prepare() -> None:
        publish(root, work / "overrides", lambda out: write_overrides(out, renderer.config), *protected)

    zensical = Zensical(work, front.upstream, output, prepare)
    front.unavailable = lambda: _stopped_page(zensical.error)
    try:
        refresh(renderer, work)
        config = yaml.safe_dump(zensical_config(read_mkdocs_yml(root)), sort_keys=False)
        write_file(root, work / CONFIG, (CONFIG_MARKER + config).encode("utf-8"), CONFIG_MARKER.encode("utf-8"))
        theme = _theme_folder(renderer.config)

        def changed(paths: set[Path]) -> None:
            if zensical.stopped() or any(theme in path.parents for path in paths):
                zensical.start()

        with _watching(renderer, work, changed):
            zensical.start()
            front.start()
            try:
                yield zensical
            finally:
                front.shutdown()
                zensical.close()
    finally:
        front.server_close()


def _theme_folder(config: Any) -> Path:
    custom = config.theme.custom_dir
    return Path(custom).resolve() if custom else Path("/nonexistent")


def _stopped_page(error: str | None) -> bytes:
    """What the front answers while Zensical is not running."""
    if error is None:
        return error_page(["Zensical is starting, or stopped without an error: see the terminal."])
    return error_page(
        [f"Zensical stopped: {error}", "Fix the file: the preview starts Zensical again when it changes."]
    )


class Renderer:
    """Renders the project's pages for the preview: only pages whose inputs changed (incremental.py), and the
    last good pages with the errors on top while the content is broken, as under ``mkdocs serve``."""

    def __init__(self, root: Path) -> None:
        self.config = load_mkdocs_config(root)  # read at start: mkdocs.yml is not watched (a change needs a restart)
        self.preview = Preview()
        self.preview.start("serve")
        self.cache: ReadCache = {}
        self.memo = PageMemo()

    def pages(self) -> dict[str, str | bytes]:
        """Every page, or, when the content or a template is broken, the last good pages with the errors."""
        root = Path(self.config.config_file_path).resolve().parent
        try:
            pages = generate(self.config, self.cache, self.memo)
        except Exception as exc:  # as the plugin: the preview keeps answering, and says what happened
            return self.preview.pages_with_errors(messages(exc), root, preview_words(root, self.config))
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


@contextmanager
def _watching(renderer: Renderer, work: Path, changed: Callable[[set[Path]], None]) -> Iterator[None]:
    """Re-render into ``work`` whenever a file under WATCHED changes (watchfiles gives a burst of changes as one
    set, once 50 ms passed without another), then tell ``changed`` which files did."""
    stop = threading.Event()
    root = Path(renderer.config.config_file_path).resolve().parent
    folders = [root / folder for folder in WATCHED if (root / folder).is_dir()]

    def loop() -> None:
        for batch in watchfiles.watch(*folders, stop_event=stop, step=50, ignore_permission_denied=True):
            seen = {Path(path).resolve() for _, path in batch}
            try:
                started = time.perf_counter()
                count = refresh(renderer, work)
                log.info("re-rendered: %d files changed (%.2f s)", count, time.perf_counter() - started)
                changed(seen)
            except (OSError, GeneratorError) as exc:  # a full disk, a guard's refusal: say it, keep watching
                message = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) else str(exc)
                log.error("the preview could not update its pages: %s", message)

    worker = threading.Thread(target=loop, name="render", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()
