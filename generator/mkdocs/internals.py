"""Everything the generator relies on that MkDocs, Material or the vendored shim do not promise to keep.

Each function here touches one internal detail; tests/test_internals.py fails when an upgrade changes it,
so an upgrade breaks a test, never silently the site. Nothing here imports MkDocs: csp.py uses the shim
helpers on any HTML file, whatever built it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# Material's search plugin (material/plugins/search/plugin.py): it collects ``search_index.entries`` (dicts
# with a "location" of "page.html#anchor") page by page and, under serve --dirty, merges the previous
# build's index (``search_index_prev``) into the one it writes in on_post_build.
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


def search_entries(search: Any) -> list[dict[str, Any]]:
    """The entries the search plugin collected in this build, in page order."""
    entries: list[dict[str, Any]] = getattr(search, SEARCH_INDEX).entries
    return entries


def replace_search_entries(search: Any, entries: list[dict[str, Any]]) -> None:
    """Make the search plugin write exactly ``entries``, without merging in a previous build's index."""
    getattr(search, SEARCH_INDEX).entries = entries
    setattr(search, SEARCH_INDEX_PREV, None)


def boost_entry(search: Any, location: str, boost: float) -> None:
    """Multiply the search score of the entry at ``location`` (a page's own, not a section's) by ``boost``."""
    for entry in search_entries(search):
        if entry["location"] == location:
            entry["boost"] = boost


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
