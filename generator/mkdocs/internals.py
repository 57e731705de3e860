"""Everything the generator relies on that MkDocs, Material or the vendored shim do not promise to keep.

Each function here touches one internal detail; tests/test_internals.py fails when an upgrade changes it,
so an upgrade breaks a test, never silently the site. Nothing here imports MkDocs: csp.py uses the shim
helpers on any HTML file, whatever built it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

# Material's search plugin (material/plugins/search/plugin.py): it collects ``search_index.entries`` (dicts
# with a "location" of "page.html#anchor") page by page (``index_sections``) and, under serve --dirty, merges
# the previous build's index (``search_index_prev``) into the one it writes in on_post_build.
SEARCH_INDEX = "search_index"
SEARCH_INDEX_PREV = "search_index_prev"

# mkdocs/commands/build.py logs this warning on every dirty build; strict mode turns it into a failure.
DIRTY_WARNING_LOGGER = "mkdocs.commands.build"
DIRTY_WARNING = "A 'dirty' build is being performed"

# The iframe-worker shim (site_templates/static/assets/vendor/iframe-worker/shim.js) runs search from file://
# by writing this inline script into a hidden iframe; the script embeds two of the shim's minified
# functions, named c and d, and the worker's URL as ${e}.
_SHIM_SCRIPT = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>", re.S)
SHIM_FUNCTIONS = ("c", "d")


def search_plugin(config: Any) -> Any:
    """Material's (or MkDocs') search plugin in a loaded configuration, or None."""
    return next((p for p in config.plugins.values() if hasattr(p, SEARCH_INDEX)), None)


# The plugins known to read a page's HTML only in on_page_content, on_page_context and on_post_page (their code, read
# for Material 9.7 and MkDocs 1.6): beside them alone, a build may hold a page's HTML as UTF-8 in between.
PLUGINS_READING_PAGES_IN_THEIR_EVENTS = frozenset(
    {"material.plugins.search.plugin", "material.plugins.offline.plugin", "mkdocs.contrib.search"}
)


def only_known_plugins(config: Any, ours: type) -> bool:
    """Whether every plugin of ``config`` is ours or one of PLUGINS_READING_PAGES_IN_THEIR_EVENTS: no other plugin,
    and no hook (MkDocs lists each file under ``hooks:`` among the plugins, as a module)."""
    return all(isinstance(plugin, ours) or type(plugin).__module__ in PLUGINS_READING_PAGES_IN_THEIR_EVENTS
               for plugin in config.plugins.values())  # fmt: skip


def search_entries(search: Any) -> list[dict[str, Any]]:
    """The entries the search plugin collected in this build, in page order."""
    entries: list[dict[str, Any]] = getattr(search, SEARCH_INDEX).entries
    return entries


def replace_search_entries(search: Any, entries: list[dict[str, Any]]) -> None:
    """Make the search plugin write exactly ``entries``, without merging in a previous build's index."""
    getattr(search, SEARCH_INDEX).entries = entries
    setattr(search, SEARCH_INDEX_PREV, None)


def boost_entry(search: Any, location: str, boost: float) -> None:
    """Multiply the search score of the entry at ``location`` (a page's own, not a section's) by ``boost``.

    Called in on_post_page, once the search plugin indexed the page (in on_page_context): its entries
    (``location``, then ``location#anchor`` for each section) are the last ones, so only those are looked at, not
    the whole index once a page (which took seconds at 1,000 claims)."""
    for entry in reversed(search_entries(search)):
        if entry["location"] == location:
            entry["boost"] = boost
        elif not entry["location"].startswith(f"{location}#"):
            break


def index_sections(search: Any, sections_of: Callable[[Any], list[Any] | None]) -> bool:
    """Have Material's search index read a page's sections from ``sections_of(page)`` (sections.Section: id,
    title, text, excluded), and from its own parser when that gives None; False when ``search`` is not
    Material's (MkDocs' own plugin indexes pages otherwise) or has no index (disabled).

    Material's ``SearchIndex.add_entry_from_context(page)``, which its plugin calls in on_page_context, skips a
    page whose front matter says ``search: {exclude: true}``, cuts ``page.content`` into sections with its
    ``Parser`` and hands each section not excluded to ``create_entry_for_section(section, page.toc, page.url,
    page)``, which reads the section's ``id``, ``title`` (a list of strings it replaces by the page's title when
    empty) and ``text`` (a list), and writes the entry (location, title, text, tags, boost): only the parse is
    replaced. This index's (a new one each build, made in on_config) ``add_entry_from_context`` is replaced."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]  # Material has no types

    index = getattr(search, SEARCH_INDEX, None)
    if not isinstance(index, SearchIndex):
        return False
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        found = None if (page.meta.get("search") or {}).get("exclude") else sections_of(page)
        if found is None:
            parse(page)
            return
        for section in found:
            if not section.excluded:
                taken = SimpleNamespace(id=section.id, title=[section.title] if section.title else [],
                                        text=[section.text])  # fmt: skip
                index.create_entry_for_section(taken, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context
    return True


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning that dirty builds may be inaccurate: the dirty preview here is exact."""
    logger = logging.getLogger(DIRTY_WARNING_LOGGER)
    if _no_dirty_warning not in logger.filters:
        logger.addFilter(_no_dirty_warning)


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


def shim_script(shim: str, worker: str) -> str:
    """The inline script the iframe-worker ``shim`` writes to start ``worker``; ValueError for an unknown shim."""
    template = _SHIM_SCRIPT.search(shim)
    functions = {name: re.search(rf"function {name}\(.*?\}}(?=function|var |let |const |\)\()", shim, re.S)
                 for name in SHIM_FUNCTIONS}  # fmt: skip
    if template is None or None in functions.values():
        raise ValueError("unknown iframe-worker shim: cannot compute the hash of the script it writes")
    script = template.group(1).replace("${e}", worker)
    for name, match in functions.items():
        script = script.replace(f"${{{name}}}", match.group() if match else "")
    return script


# mkdocs/livereload/__init__.py: under `mkdocs serve`, LiveReloadServer._inject_js_into_html(content, epoch)
# puts one inline <script> holding the reload poller before the page's last </body> as it serves the page; the
# script's text changes with every request (an epoch and a request id), so no build can know its hash.
RELOAD_INJECTION = "_inject_js_into_html"
_BODY_END = b"</body>"


def on_reload_injection(server: Any, allow: Any) -> None:
    """Have ``server`` pass every page it serves with MkDocs' reload script through ``allow(page, script)``,
    which returns the page to send: the only moment the script's text is known."""
    inject = getattr(server, RELOAD_INJECTION)

    def injected(content: bytes, epoch: Any) -> bytes:
        page: bytes = inject(content, epoch)
        at = content.rfind(_BODY_END)
        at = len(content) if at < 0 else at
        added = page[at : at + len(page) - len(content)]
        if not (added.startswith(b"<script>") and added.endswith(b"</script>")):
            return page  # an injection this code does not know: the script stays blocked, the page intact
        result: bytes = allow(page, added[len(b"<script>") : -len(b"</script>")].decode("utf-8"))
        return result

    setattr(server, RELOAD_INJECTION, injected)


# mkdocs/livereload/__init__.py: LiveReloadServer polls the paths given to its watch() every half second (watchdog's
# PollingObserver) and, once ``_want_rebuild`` is set under ``_rebuild_cond`` and ``build_delay`` passed without
# another change, rebuilds; its shutdown() ends the serving.
REBUILD_FLAG, REBUILD_CONDITION = "_want_rebuild", "_rebuild_cond"


def rebuild_on_events(server: Any, folders: list[str]) -> None:
    """Have ``server`` rebuild as soon as the system reports a change of a file under ``folders``, rather than at
    its next poll, up to half a second later. watchfiles reads the system's change events, and polls where they
    are known not to arrive (WSL's Windows drives; WATCHFILES_FORCE_POLLING=1 asks for it); it reports a burst of
    changes once 50 ms passed without another, and never a file that was only read. Should it fail (a file name
    that is not UTF-8), the server polls the folders from then on, as MkDocs polls its own."""
    import threading

    import watchfiles

    condition = getattr(server, REBUILD_CONDITION)
    stop = threading.Event()

    def rebuild() -> None:
        with condition:
            setattr(server, REBUILD_FLAG, True)
            condition.notify_all()

    def watch() -> None:
        try:
            for _ in watchfiles.watch(*folders, stop_event=stop, step=50, ignore_permission_denied=True):
                rebuild()
        except Exception:  # a file name watchfiles cannot decode (not UTF-8), a system limit: poll from now on
            if not stop.is_set():
                for folder in folders:
                    server.watch(folder)
                rebuild()  # whatever it failed on changed

    threading.Thread(target=watch, name="factcheck-watch", daemon=True).start()
    shutdown = server.shutdown

    def stopping(*args: Any, **kwargs: Any) -> Any:
        stop.set()
        return shutdown(*args, **kwargs)

    server.shutdown = stopping


def take_finished_html(page: Any, toc_key: str, entries: Any) -> None:
    """Let MkDocs take ``page`` as finished HTML when its front matter carries ``toc_key`` (render/frontmatter).

    MkDocs' ``Page.render`` (mkdocs/structure/pages.py) converts ``page.markdown`` (the text after the front
    matter, read by ``read_source``) with Python-Markdown and sets ``content``, ``toc`` (``get_toc`` of the toc
    extension's tokens), ``_title_from_render`` and ``present_anchor_ids``. For such a page this instance's
    ``render`` sets ``content`` to the text as it is and ``toc`` through MkDocs' own ``get_toc`` from the entries
    the render recorded (``entries(value)``: [(level, id, title)]), as the toc extension would give them: the
    title comes from the front matter (``_title_from_render`` stays None), and ``present_anchor_ids`` stays None,
    which MkDocs' anchor validation reads as "not known" (links into a generated page are ours, checked by our
    tests). Any other page (a Markdown page template of a newsroom's, without the key) is converted as ever.
    """
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    def render(config: Any, files: Any) -> None:
        if page.markdown is None or toc_key not in page.meta:
            Page.render(page, config, files)
            return
        page.content = page.markdown
        page.toc = get_toc([_token(*entry) for entry in entries(page.meta[toc_key])])  # type: ignore[misc]

    page.render = render


def _token(level: int, anchor: str, title: str) -> dict[str, Any]:
    """One entry of Python-Markdown's ``md.toc_tokens`` as MkDocs' get_toc reads it (a heading has no children:
    every entry the render records is an h2)."""
    return {"level": level, "id": anchor, "name": title, "children": []}
