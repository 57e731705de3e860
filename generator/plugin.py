"""The MkDocs plugin ``factcheck-explainer``: the hook's events, for projects that hold only content.

A story repository cannot name ``generator/mkdocs_hook.py`` under ``hooks:`` (that path exists only in a
checkout of this repository), so the installed package registers this plugin (``pyproject.toml``,
``mkdocs.plugins`` entry point) and its ``mkdocs.yml`` lists ``- factcheck-explainer`` last under ``plugins:``.
Each event calls the hook's function of the same name; the hook stays the one place with the behaviour.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from generator import mkdocs_hook as hook


class FactcheckPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Generates the fact-check pages in ``mkdocs build`` and ``mkdocs serve``."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        hook.on_startup(command, dirty)

    def on_shutdown(self) -> None:
        hook.on_shutdown()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        return hook.on_config(config)  # type: ignore[no-any-return]

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        hook.on_pre_build(config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return hook.on_files(files, config)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        return hook.on_serve(server, config, builder)

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        return hook.on_page_content(html, page, config, files)

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        return hook.on_template_context(context, template_name, config)

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        return hook.on_post_page(output, page, config)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return hook.on_post_template(output_content, template_name, config)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        hook.on_post_build(config)
