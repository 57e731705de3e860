"""``mkdocs serve`` with broken content: keep serving, and show the check's errors on the pages.

The plugin holds one ``Preview`` for the whole ``mkdocs serve`` session (MkDocs keeps a plugin with an
``on_startup`` across rebuilds). The error block is built without the site's templates: it has to show even
when a template is what is broken.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from markupsafe import escape

from generator.outputs import write_file
from generator.render.frontmatter import scalar
from generator.render.pages import HOME, claim_path, source_path
from generator.settings import site_info
from generator.translations import Language, english, language

# Not under "mkdocs.": MkDocs counts every error logged there, and in strict mode it would abort the preview.
log = logging.getLogger(__name__)


@dataclass
class Preview:
    """Whether ``mkdocs serve`` is running, and the pages of its last build whose content checked clean."""

    serving: bool = False
    last_good: dict[str, str | bytes] = field(default_factory=dict)

    def start(self, command: str) -> None:
        """Called at MkDocs start-up: errors are shown on pages only while serving; a build must fail."""
        self.serving = command == "serve"
        self.last_good = {}

    def remember(self, pages: dict[str, str | bytes]) -> dict[str, str | bytes]:
        """Keep the pages of a clean build, to show under the errors of a later broken one."""
        self.last_good = dict(pages)
        return pages

    def pages_with_errors(
        self, messages: list[str], root: Path, words: Language | None = None
    ) -> dict[str, str | bytes]:
        """The last good pages, each with the errors on top, plus an error page for every content file's page.

        The banner is in the site's language (``words``); the errors themselves are the check's, in English."""
        for message in messages:
            log.error(message)
        log.error(
            "The content check failed (%d problem%s). The preview shows the errors on every page and "
            "comes back as soon as the files are fixed.",
            len(messages),
            "" if len(messages) == 1 else "s",
        )
        words = words or english()
        block = _error_block(messages, words)
        pages = {name: text for name, text in self.last_good.items() if not name.endswith(".md")}
        for name in sorted({*self.last_good, HOME, *_content_pages(root)}):
            if name.endswith(".md"):
                good = self.last_good.get(name)
                pages[name] = _with_block(good if isinstance(good, str) else None, block, words)
        return pages


def _content_pages(root: Path) -> Iterable[str]:
    """The page of every claim and source file on disk, so a new file's page shows its errors too."""
    for kind, page_path in (("claims", claim_path), ("sources", source_path)):
        for path in (root / "content" / kind).glob("*.yaml"):
            if path.stem.isprintable() and path.stem.encode("utf-8", "surrogatepass").isascii():
                yield page_path(path.stem)  # other names are check errors: a page for them could not be written


def preview_words(root: Path, config: Any) -> Language:
    """The site's language for the preview's banner; English when mkdocs.yml cannot say (it may be what broke)."""
    try:
        return language(root, site_info(config).language)
    except Exception:  # a broken mkdocs.yml (or a configuration without it) is itself the error being shown
        return english()


def _error_block(messages: list[str], words: Language) -> str:
    items = "".join(f"<pre>{escape(message)}</pre>" for message in messages)
    title = escape(words.gettext("The content check failed"))
    shows = escape(words.gettext("This preview shows the last version that checked clean. Fix these problems:"))
    return (
        '<div class="fc-check-failed admonition failure" role="alert">'
        f'<p class="admonition-title">{title}</p>'
        f"<p>{shows}</p>{items}</div>\n\n"
    )


def _with_block(page: str | None, block: str, words: Language) -> str:
    if page is None:
        return f"---\ntitle: {scalar(words.gettext('The content check failed'))}\n---\n{block}"
    end = page.index("\n---\n", 4) + len("\n---\n")  # every generated page starts with front matter
    return page[:end] + block + page[end:]


ERROR_TITLE = "The preview could not build"


def answering(
    builder: Callable[..., None], site_dir: Path, root: Path, failed: Callable[[], None]
) -> Callable[..., None]:
    """``mkdocs serve``'s rebuild, which on any failure (a broken mkdocs.yml, an unknown plugin, a theme partial
    with a Jinja error) puts the error on every page instead of raising: MkDocs would otherwise hold every
    request until a build succeeds ("the server will appear stuck"). The pages come back with the next good
    build, and MkDocs' live reload shows them. ``failed`` is called after a failure (a dirty build then
    rebuilds every page)."""

    def build(*args: Any, **kwargs: Any) -> None:
        errors = _Collect()
        logging.getLogger("mkdocs").addHandler(errors)
        pages = sorted(site_dir.rglob("*.html"))  # MkDocs may empty the folder before it fails
        try:
            builder(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # mkdocs.exceptions.Abort is a SystemExit
            messages = [*errors.messages, describe(exc)]
            log.error("%s: %s. Every page shows it until the files are fixed.", ERROR_TITLE, "; ".join(messages))
            page = error_page(messages)
            for path in {*pages, *site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"}:
                write_file(root, path, page)
            failed()
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    return build


def describe(exc: BaseException) -> str:
    """One line for an error an engine raised: a template's file and line, when it names them."""
    where = f" ({exc.filename}:{exc.lineno})" if isinstance(exc, TemplateSyntaxError) and exc.filename else ""
    return f"{type(exc).__name__}: {exc}{where}"


def error_page(messages: list[str]) -> bytes:
    """A page that shows ``messages`` (escaped) and looks again every two seconds."""
    items = "".join(f"<pre>{escape(message)}</pre>" for message in messages)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
        f"<title>{ERROR_TITLE}</title></head><body><h1>{ERROR_TITLE}</h1>{items}"
        "<p>This page comes back as soon as the files are fixed.</p></body></html>\n"
    ).encode()


class _Collect(logging.Handler):
    """The errors MkDocs logs during one build (a configuration error is logged, then raised as 'Aborted')."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
