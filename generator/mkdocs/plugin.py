"""The MkDocs plugin ``factcheck-explainer`` (listed under ``plugins:`` in mkdocs.yml): adds the generated pages.

It only calls the generator; keep it thin. ``mkdocs build`` and ``mkdocs serve`` both generate the pages,
and ``serve`` also watches the folders named in ``watch``. Under ``generator build`` MkDocs runs as under
``mkdocs build``, on a docs folder that holds the pages already (manifest.rendered): the plugin adds none, and
leaves the policies and the manifest to the build. Its state lives on the instance, which MkDocs keeps for a
whole ``mkdocs serve`` because the plugin has ``on_startup``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from generator.check.load import ReadCache
from generator.csp import Known, allow_served_script
from generator.errors import BuildFailed, ConfigError, messages
from generator.history import source_date_epoch
from generator.manifest import mark_incomplete, record_manifest, refuse_foreign, rendered
from generator.mkdocs import assets, internals
from generator.mkdocs.ahead import SectionsAhead
from generator.mkdocs.dirty import DirtySession
from generator.mkdocs.internals import on_reload_injection
from generator.mkdocs.preview import Preview, answering, preview_words
from generator.mkdocs.reading import add_skip_link, heading_first, trim
from generator.mkdocs.sections import Section, sections
from generator.outputs import config_folders, guard, refuse_unsafe_sources
from generator.packaged import asset_dirs
from generator.pipeline import generate, project_root
from generator.postbuild import build_scripts, refuse_unknown_scripts, shims
from generator.publish import STAGING
from generator.render.frontmatter import TOC, lost_metadata, toc_entries, written
from generator.render.incremental import PageMemo
from generator.render.pages import THEME_LINKS, THEME_ON_DEMAND, THEME_ON_DEMAND_SCRIPT, theme_links


class FactcheckConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    """The plugin's options in mkdocs.yml."""

    # Folders of the project, besides docs_dir, that `mkdocs serve` watches and rebuilds on.
    watch = opt.ListOfItems(opt.Type(str), default=["content", "seeds", "site_templates", "overrides"])
    # Rebuild on the system's change events for those folders (internals.rebuild_on_events); false: poll them
    # every half second, as MkDocs does its own, where a file system sends no events (a network mount).
    watch_events = opt.Type(bool, default=True)


class FactcheckPlugin(BasePlugin[FactcheckConfig]):  # type: ignore[no-untyped-call]  # as above
    """Check the content before MkDocs empties ``site_dir``, add one generated page per claim and source,
    give every page a Content-Security-Policy, and keep ``mkdocs serve`` answering while content is broken."""

    def __init__(self) -> None:
        self.preview = Preview()  # errors shown on the pages under `mkdocs serve`
        self.session = DirtySession()  # `mkdocs serve --dirty`
        self.read_cache: ReadCache = {}  # each content file's last parse, for fast preview rebuilds
        self.memo = PageMemo()  # each page's last Markdown under `mkdocs serve`: only changed inputs re-render
        self.pages: dict[str, str | bytes] = {}  # generated in on_pre_build, added in on_files
        self.metadata: dict[str, dict[str, str]] = {}  # each generated page's front matter as written
        self.generated: set[str] = set()  # the docs paths of the generated pages (on_files)
        self.ahead: SectionsAhead | None = None  # a build's pages' search sections, read in another process
        self.held: dict[str, bytes] = {}  # a build's generated pages' HTML, from MkDocs reading them to building them
        self.holding = False  # whether it holds them so: `generator build`, beside known plugins only (on_pre_build)
        self.html = True  # they are rendered as finished HTML: mkdocs.yml's Markdown extensions allow it (on_config)
        self.accepted: Path | None = None  # the site_dir a plain `mkdocs build` found empty or its own
        self.completed = False  # that build reached on_post_build, and no error followed
        # The docs folder holds the pages `generator build` checked and rendered (on_config): the plugin adds no
        # page, and the build adds each page's Content-Security-Policy itself (postbuild.py), as for every engine.
        self.rendered: list[str] | None = None  # those pages, in the site's order
        self.shims: tuple[str, ...] | None = None  # the worker shims' sources, read on this build's first page
        self.known: Known | None = None  # the inline scripts the templates write (csp.known_scripts), read with them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Errors show on the pages only under ``mkdocs serve``; ``--dirty`` rebuilds only changed pages."""
        self.preview.start(command)
        self.session = DirtySession.start(command, dirty)
        self.memo = PageMemo()

    def on_shutdown(self) -> None:
        """Record the manifest of the site a plain ``mkdocs build`` completed in ``site_dir``; reset.

        MkDocs calls this after a finished build and after a failed one. A build that failed once MkDocs had
        started emptying the folder leaves it marked incomplete (on_pre_build): nothing takes half a site for
        a whole one, and the next build replaces it. A folder the build never touched (the check failed before
        MkDocs emptied it) keeps its manifest and is left exactly as it was.
        """
        if self.ahead is not None:
            self.ahead.stop()
            self.ahead = None
        if self.accepted is not None and self.completed:
            record_manifest(self.accepted)
        self.accepted, self.completed = None, False
        self.on_startup(command="build", dirty=False)

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed (strict mode counts warnings after on_post_build) did not complete."""
        self.completed = False

    def on_config(self, config: Any) -> Any:
        """Refuse an output folder MkDocs must not empty; make plain ``mkdocs build`` reproducible too.

        MkDocs empties ``site_dir`` after ``on_pre_build``: refusing here, or failing the check in
        ``on_pre_build``, leaves every file where it was.
        """
        root = project_root(config)
        assets.use_packaged_theme(config)  # a content-only project holds no theme overrides of its own
        # The addresses the theme links to (render/pages.py); with MkDocs only, the script that loads Material's
        # bundle at a reader's first interaction (theme/main.html; Zensical's bundle is linked as it is).
        config.extra[THEME_LINKS] = {**theme_links(), THEME_ON_DEMAND: THEME_ON_DEMAND_SCRIPT}
        assets.use_heading_ids(config)
        self.html = assets.finished_html_fits(config)  # the pages as finished HTML (internals.take_finished_html)
        try:
            refuse_unsafe_sources(config)  # MkDocs copies docs_dir's files into the site as they are
            site_dir = guard(root, Path(config.site_dir), *config_folders(config))
            self.rendered = rendered_by_build(Path(config.docs_dir), site_dir)
            if not self.preview.serving and self.rendered is None:  # `generator build` publishes its own
                refuse_foreign(site_dir)
                self.accepted = site_dir
        except BuildFailed as exc:
            raise PluginError(str(exc)) from None
        os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """Check and render the content now, before MkDocs empties ``site_dir``: a failed check leaves it. The
        search plugin reads the sections of the pages the render finished from our code, not its parser."""
        self.shims = self.known = None  # an edit to the shim or a template shows in the next build of `mkdocs serve`
        self.held = {}
        self.holding = self.rendered is not None and internals.only_known_plugins(config, FactcheckPlugin)
        self.pages = {} if self.rendered is not None else self._generate(config)  # in docs_dir already: not twice
        if self.rendered is not None:  # `generator build`'s docs folder, in its staging folder: read ahead there
            self.ahead = SectionsAhead(Path(config.docs_dir), Path(config.docs_dir).with_name("sections"))
        if self.accepted is not None:  # plain `mkdocs build`: MkDocs empties site_dir next
            mark_incomplete(self.accepted)
        search = internals.search_plugin(config)  # its index is made anew in its on_config, every build
        if search is not None:
            internals.index_sections(search, self._sections)

    def _sections(self, page: Any) -> list[Section] | None:
        """The search sections of a page the render finished, read in the HTML our templates write
        (mkdocs/sections.py); None for any other page, which Material's search parser reads."""
        if page.file.src_uri in self.generated and TOC in page.meta:
            ahead = self.ahead.sections(page.file.src_uri, page.content) if self.ahead is not None else None
            return ahead if ahead is not None else sections(page.content)
        return None

    def _generate(self, config: Any) -> dict[str, str | bytes]:
        """Check and render every page; under ``mkdocs serve`` a failure shows on the pages instead.

        The server then keeps running, and the pages come back when the files are fixed.
        """
        root = project_root(config)
        try:
            memo = self.memo if self.preview.serving else None
            pages = generate(config, self.read_cache, memo, html=self.html)
        except Exception as exc:  # content, a file that cannot be read, or a bug: the preview must still answer
            return self._failed(messages(exc), root, config)
        return self.preview.remember(pages)

    def _failed(self, messages: list[str], root: Path, config: Any) -> dict[str, str | bytes]:
        if not self.preview.serving:
            raise PluginError("\n".join(messages))
        return self.preview.pages_with_errors(messages, root, preview_words(root, config))

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Add one generated Markdown file per page (checked and rendered in ``on_pre_build``)."""
        pages, self.pages = self.pages, {}
        self.metadata = {uri: written(text) for uri, text in pages.items()}
        self.generated = {*pages, *(self.rendered or ())}
        for file in self.session.generated_files(config, project_root(config), pages):
            files.append(file)
        for uri in self.rendered or ():  # read from docs_dir: in the order they are added when generated here
            if (found := files.get_file_from_path(uri)) is not None:
                files.remove(found)
                files.append(found)
        return assets.add_packaged_assets(files, config)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """Rebuild when an editor changes content, seeds or templates; a rebuild that fails shows its error."""
        root = project_root(config)
        # A content-only project has no site_templates/ or overrides/.
        folders = [str(root / folder) for folder in self.config.watch if (root / folder).is_dir()]
        if self.config.watch_events:  # an edit shows up to half a second sooner than at MkDocs' next poll
            internals.rebuild_on_events(server, folders)
        for folder in folders if not self.config.watch_events else ():
            server.watch(folder)
        # Never "stuck" on a failed rebuild: the error shows on the pages; the next build rebuilds them all.
        server.builder = answering(server.builder, Path(server.root), root, lambda: self.session.forget())
        if self.rendered is None:  # the reload script MkDocs adds as it serves a page is allowed there, and only there
            on_reload_injection(server, allow_served_script)
        return server

    def on_pre_page(self, page: Any, *, config: Any, files: Files) -> Any:
        """A generated page of finished HTML goes to the theme as it is, with the table of contents the render
        recorded: no Markdown conversion (internals.take_finished_html; render/frontmatter.with_toc)."""
        if page.file.src_uri in self.generated:
            internals.take_finished_html(page, TOC, toc_entries)
        return page

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        """Fail the build when MkDocs did not read a generated page's front matter as written: it would show
        the front matter as text, and the title in <title> and the link previews would be the file name."""
        expected = self.metadata.get(page.file.src_uri, {})
        if any(page.meta.get(key) != value for key, value in expected.items()):
            raise PluginError(lost_metadata(page.file.src_uri, "MkDocs"))
        return markdown

    def _on_page_content_toc(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """The page's h1 heads its table of contents: the skip link lands on it (generator/mkdocs/reading.py)."""
        html, page.toc = heading_first(html, page.toc)
        return html

    @event_priority(-100)  # after every other plugin's: each reads and changes the HTML first, as before
    def _on_page_content_hold(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """Under ``generator build``, a generated page's HTML is held as UTF-8 until MkDocs builds the page
        (on_page_context). MkDocs reads every page before it builds one, and a str with one character beyond
        Latin-1 takes two bytes a character: at 5,000 claims, the pages' text was most of the build's memory.
        Not beside a plugin or hook of a newsroom's, which may read a page's HTML in between (``holding``)."""
        if not self.holding or page.file.src_uri not in self.generated:
            return html
        self.held[page.file.src_uri] = html.encode("utf-8")
        page.markdown = ""  # the same text, which MkDocs reads no more (None would take the page's title away)
        return ""

    on_page_content = CombinedEvent(_on_page_content_toc, _on_page_content_hold)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """The theme overrides speak the site's language: its catalogue in the theme's Jinja environment; its
        templates compiled once a process, not on every build of ``mkdocs serve`` (render/compiled.py)."""
        try:
            assets.use_site_words(env, config)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        return env

    @event_priority(100)  # before the search plugin's, which reads the page
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        """A page held as UTF-8 since MkDocs read it (on_page_content) has its HTML again while it is built."""
        if (held := self.held.pop(page.file.src_uri, None)) is not None:
            page.content = held.decode("utf-8")
        return context

    def on_template_context(self, context: Any, *, template_name: str, config: Any) -> Any:
        """The 404 page links relatively like every other page, so it works in a sub-folder and from disk."""
        if template_name == "404.html":
            from mkdocs.utils import normalize_url

            context["base_url"] = "."
            context["extra_css"] = [normalize_url(str(path), None, ".") for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
        return context

    def _on_post_page_policy(self, output: str, *, page: Any, config: Any) -> str:
        """Give every page a Content-Security-Policy with the hashes of its own inline scripts (under ``generator
        build``, the build does: postbuild.py), and boost its headline in search (``_boost``)."""
        self._boost(page, config)
        return output if self.rendered is not None else self._with_policy(output, config, page.file.dest_uri)

    @event_priority(-100)  # after every other plugin's, which may read the page's HTML
    def _on_post_page_let_go(self, output: str, *, page: Any, config: Any) -> str:
        """Under ``generator build``, a generated page's HTML is let go once the page is built, not held until the
        last one is (on_page_context gave it back)."""
        if self.holding and page.file.src_uri in self.generated:
            page.content = None
        return output

    on_post_page = CombinedEvent(_on_post_page_policy, _on_post_page_let_go)

    @staticmethod
    def _boost(page: Any, config: Any) -> None:
        """A claim's headline ranks first in search (its ``headline_boost``): the search plugin has indexed the
        page (in on_page_context), and the page's own entry (the h1, the headline) is boosted, not its sections,
        which would otherwise outrank the pages their titles name (the contradictions page, a source's page)."""
        boost = page.meta.get("headline_boost")
        search = internals.search_plugin(config)
        if boost is not None and search is not None:
            internals.boost_entry(search, page.url, float(boost))

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The same policy for pages built from theme templates alone (404.html), and a skip link to the h1."""
        if not template_name.endswith(".html"):
            return output_content
        output_content = add_skip_link(output_content)
        if self.rendered is not None:
            return output_content
        return self._with_policy(output_content, config, template_name)

    def _with_policy(self, output: str, config: Any, where: str) -> str:
        from generator.csp import add_policy

        if self.shims is None or self.known is None:  # read once a build, on the first page, as every engine does
            self.shims = shims(asset_dirs(config), config.extra.get("polyfills", []))
            self.known = build_scripts(map(Path, config.theme.dirs), project_root(config))
        try:
            refuse_unknown_scripts(output, self.known, where)
            return add_policy(output, self.known, self.shims)
        except BuildFailed as exc:
            raise PluginError(str(exc)) from None
        except ValueError as exc:  # an unknown shim or a page without <head>: fail the build, never ship without it
            raise PluginError(f"Content-Security-Policy: {exc}") from None

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: Any) -> None:
        """In a dirty preview, complete the search index; drop the theme files readers never load."""
        self.completed = self.accepted is not None  # unless on_build_error follows
        self.session.complete_search_index(config)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        languages = list(search.config.lang or ["en"]) if search else ["en"]
        trim(Path(config.site_dir), languages)


def rendered_by_build(docs: Path, site_dir: Path) -> list[str] | None:
    """The pages of a docs folder that ``generator build`` wrote for MkDocs (manifest.rendered), honoured only
    beside the site it builds in publish's staging folder: a mark copied into a project's own docs_dir leaves a
    plain ``mkdocs build`` checking, generating and adding the policies as ever."""
    docs = docs.resolve()
    staged = docs.parent == site_dir.resolve().parent and docs.parent.name.startswith(STAGING)
    return rendered(docs) if staged else None


def plugin_of(config: Any) -> Any:
    """The project's factcheck plugin instance in a loaded configuration, or None when mkdocs.yml lists none."""
    plugins: Mapping[str, Any] = config.plugins
    return next((p for p in plugins.values() if isinstance(p, FactcheckPlugin)), None)
