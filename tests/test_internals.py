"""What generator/mkdocs/internals.py relies on in MkDocs, Material and the vendored shim: each test fails when it changes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.mkdocs import internals

REPO = Path(__file__).resolve().parent.parent
SHIM = (REPO / "site_templates/static/assets/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")


def _plain_project(root: Path) -> Path:
    """Two Markdown pages, Material and its search plugin: no factcheck plugin."""
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n\nWelcome.\n\n## Part\n\nMore.\n", encoding="utf-8")
    (root / "docs/other.md").write_text("# Other\n\nText.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme: {name: material}\nplugins: [search]\nuse_directory_urls: false\n",
        encoding="utf-8",
    )
    return root


def _build(root: Path, *, dirty: bool = False) -> object:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    mkdocs_build(config, dirty=dirty)
    return config


def test_materials_search_plugin_collects_entries_by_page_location(tmp_path: Path) -> None:
    config = _build(_plain_project(tmp_path))
    search = internals.search_plugin(config)
    assert search is not None
    entries = internals.search_entries(search)
    assert {entry["location"].split("#")[0] for entry in entries} == {"index.html", "other.html"}
    assert hasattr(search, internals.SEARCH_INDEX_PREV)  # what a dirty build merges: replace_search_entries drops it


def test_replaced_search_entries_are_what_the_plugin_writes(tmp_path: Path) -> None:
    root = _plain_project(tmp_path)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config.plugins.on_config(config)
    search = internals.search_plugin(config)  # its index exists from on_config (before, only after another build)
    assert search is not None
    config.plugins.on_pre_build(config=config)
    internals.replace_search_entries(search, [{"location": "only.html", "title": "Only", "text": ""}])
    (root / "site").mkdir()
    config.plugins.on_post_build(config=config)
    written = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert '"location":"only.html"' in written.replace(" ", "")
    assert "other.html" not in written


def test_mkdocs_warns_about_dirty_builds_in_the_words_the_filter_drops(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger(internals.DIRTY_WARNING_LOGGER)
    had_filter = internals._no_dirty_warning in logger.filters
    logger.removeFilter(internals._no_dirty_warning)
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(_plain_project(tmp_path / "a"), dirty=True)
        assert [r for r in caplog.records if str(r.msg).startswith(internals.DIRTY_WARNING)] != []
        caplog.clear()
        internals.quiet_dirty_warning()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(_plain_project(tmp_path / "b"), dirty=True)
        assert [r for r in caplog.records if str(r.msg).startswith(internals.DIRTY_WARNING)] == []
    finally:
        if not had_filter:
            logger.removeFilter(internals._no_dirty_warning)
        config = _build(_plain_project(tmp_path / "c"))  # plugins outlive a build: leave them as a clean one
        internals.replace_search_entries(internals.search_plugin(config), [])


def test_the_vendored_shim_writes_a_script_with_its_two_functions() -> None:
    script = internals.shim_script(SHIM, "assets/javascripts/workers/search.js")
    assert "assets/javascripts/workers/search.js" in script
    assert "${" not in script
    for name in internals.SHIM_FUNCTIONS:
        assert f"function {name}(" in script


def test_a_shim_whose_functions_were_renamed_is_refused() -> None:
    renamed = SHIM.replace("function c(", "function k(")
    assert renamed != SHIM
    with pytest.raises(ValueError, match="unknown iframe-worker shim"):
        internals.shim_script(renamed, "worker.js")


def test_the_reload_script_mkdocs_serve_adds_is_allowed_on_that_page_only() -> None:
    import functools
    import re
    from types import SimpleNamespace

    from mkdocs.livereload import LiveReloadServer

    from generator.csp import allow_served_script, script_hash

    # MkDocs' own injection, called as the server calls it (it uses nothing of the server's state).
    server = SimpleNamespace(
        **{internals.RELOAD_INJECTION: functools.partial(getattr(LiveReloadServer, internals.RELOAD_INJECTION), None)}
    )
    internals.on_reload_injection(server, allow_served_script)
    policy = "default-src 'self'; script-src 'self' 'sha256-known='; style-src 'self'"
    page = f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy}"></head><body>x</body></html>'
    served = getattr(server, internals.RELOAD_INJECTION)(page.encode(), 12345).decode()
    script = re.findall(r"<script>(.*?)</script>", served, re.S)[-1]
    assert "livereload(12345," in script  # MkDocs' poller, as it injects it
    assert f"script-src 'self' {script_hash(script)} 'sha256-known='; style-src 'self'" in served
    bare = "<html><head></head><body>x</body></html>"  # a page without our policy is served as MkDocs serves it
    assert "Content-Security-Policy" not in getattr(server, internals.RELOAD_INJECTION)(bare.encode(), 1).decode()


def test_a_page_taken_as_finished_html_is_what_mkdocs_renders_without_markdown(tmp_path: Path) -> None:
    """take_finished_html replaces Page.render: MkDocs calls ``page.render(config, files)`` after read_source (which
    fills ``markdown`` and ``meta``), then reads ``content`` and ``toc``; its get_toc reads the toc extension's
    tokens. A page without the key is converted as ever. Fails when any of that changes in MkDocs."""
    from mkdocs.commands import build as build_module
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    root = _plain_project(tmp_path)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    entries = [(2, "part", "Part &amp; whole")]

    def page(text: str) -> Page:
        file = File("p.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=False)
        file.content_string = text
        made = Page(None, file, config)
        internals.take_finished_html(made, "toc", lambda value: entries if value == "given" else [])
        build_module._populate_page(made, config, Files([file]))  # read_source, render, as a build does
        return made

    finished = page('---\ntitle: "P"\ntoc: "given"\n---\n<h2 id="part">Part &amp; whole</h2>\n*kept*')
    assert finished.content == '<h2 id="part">Part &amp; whole</h2>\n*kept*'
    assert [(item.level, item.id, item.title) for item in finished.toc] == [(2, "part", "Part &amp; whole")]
    assert next(iter(finished.toc)).active is True  # type: ignore[attr-defined]  # get_toc marks the first entry
    expected = get_toc([{"level": 2, "id": "part", "name": "Part &amp; whole", "children": []}])  # type: ignore[list-item]
    assert [(i.level, i.id, i.title) for i in finished.toc] == [(i.level, i.id, i.title) for i in expected]
    converted = page('---\ntitle: "P"\n---\n## Part\n\n*changed*')
    assert converted.content == '<h2 id="part">Part</h2>\n<p><em>changed</em></p>'
    assert [(item.level, item.id, item.title) for item in converted.toc] == [(2, "part", "Part")]


def test_material_indexes_the_sections_it_is_handed_as_the_ones_it_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """index_sections on Material's search plugin in a real build (a hook installs it in on_pre_build, as the
    plugin does): its parser reads no page, the entries come from the sections handed (tags, a boost, a page
    excluded, permalinks, the page title for a section without one), and search_index.json is byte for byte the
    one Material's parser gives. Fails when Material's index reads a page or a section otherwise."""
    from material.plugins.search.plugin import Parser

    root = _plain_project(tmp_path)
    (root / "docs/index.md").write_text(
        "---\ntags: [One, 2]\nsearch: {boost: 3}\n---\n# Home\n\nWelcome, *reader*.\n\n## Part\n\n- a\n- `b`\n",
        encoding="utf-8",
    )
    (root / "docs/hidden.md").write_text("---\nsearch: {exclude: true}\n---\n# Hidden\n\nText.\n", encoding="utf-8")
    (root / "docs/untitled.md").write_text("Text before any heading.\n\n## Part\n\nMore.\n", encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8") + "markdown_extensions: [{toc: {permalink: true}}]\n", encoding="utf-8"
    )
    materials = _build(root)
    written = (root / "site/search/search_index.json").read_bytes()
    (root / "hooks.py").write_text(
        "from generator.mkdocs import internals\nfrom generator.mkdocs.sections import sections\n\n\n"
        "def on_pre_build(config):\n"
        "    assert internals.index_sections(internals.search_plugin(config), lambda page: sections(page.content))\n",
        encoding="utf-8",
    )
    config_file.write_text(config_file.read_text(encoding="utf-8") + "hooks: [hooks.py]\n", encoding="utf-8")
    fed: list[str] = []
    feed = Parser.feed
    monkeypatch.setattr(Parser, "feed", lambda parser, data: fed.append(data) or feed(parser, data))
    ours = _build(root)
    assert fed == []
    assert (root / "site/search/search_index.json").read_bytes() == written
    entries = internals.search_entries(internals.search_plugin(ours))
    assert entries == internals.search_entries(internals.search_plugin(materials))
    assert {entry["location"] for entry in entries} >= {"index.html", "index.html#part", "untitled.html"}
    assert entries[0]["tags"] == ["One", "2"] and entries[0]["boost"] == 3


def test_boost_entry_sets_the_boost_of_the_page_just_indexed_only() -> None:
    """The plugin calls it in on_post_page, after Material's search plugin appended the page's entries."""
    from types import SimpleNamespace

    entries = [
        {"location": "a.html"},
        {"location": "a.html#part"},
        {"location": "b.html"},
        {"location": "b.html#part"},
        {"location": "b.html#more"},
    ]
    search = SimpleNamespace(**{internals.SEARCH_INDEX: SimpleNamespace(entries=entries)})
    internals.boost_entry(search, "b.html", 4.0)
    assert [entry.get("boost") for entry in entries] == [None, None, 4.0, None, None]


def test_a_served_project_rebuilds_on_a_change_event_and_not_on_a_read(tmp_path: Path) -> None:
    """``mkdocs serve`` rebuilds once its server's rebuild flag is set (internals.rebuild_on_events sets it from
    the system's change events); the build reads every content file, which must not start another one."""
    import threading
    import time

    from mkdocs.livereload import LiveReloadServer

    (tmp_path / "content").mkdir()
    claim = tmp_path / "content" / "a.yaml"
    claim.write_text("id: a\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    before = {thread.name for thread in threading.enumerate()}
    internals.rebuild_on_events(server, [str(tmp_path / "content")])
    assert "factcheck-watch" not in before and getattr(server, internals.REBUILD_FLAG) is False

    def flagged(within: float) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and not getattr(server, internals.REBUILD_FLAG):
            time.sleep(0.02)
        return bool(getattr(server, internals.REBUILD_FLAG))

    time.sleep(0.3)  # the watcher is listening
    claim.read_text(encoding="utf-8")
    assert not flagged(0.5)
    claim.write_text("id: b\n", encoding="utf-8")
    assert flagged(10)
    watcher = next(thread for thread in threading.enumerate() if thread.name == "factcheck-watch")
    server.shutdown()
    watcher.join(timeout=10)
    assert not watcher.is_alive()  # shutdown() stopped it


def test_a_file_name_the_watcher_cannot_read_turns_it_into_mkdocs_poll(tmp_path: Path) -> None:
    """watchfiles fails on a file name that is not UTF-8: the server then rebuilds, and polls the folder."""
    import os
    import time

    from mkdocs.livereload import LiveReloadServer

    (tmp_path / "content").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    internals.rebuild_on_events(server, [str(tmp_path / "content")])
    time.sleep(0.3)  # the watcher is listening
    (Path(os.fsdecode(os.fsencode(str(tmp_path / "content")) + b"/caf\xe9.yaml"))).write_text("id: x\n")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not getattr(server, internals.REBUILD_FLAG):
        time.sleep(0.02)
    assert getattr(server, internals.REBUILD_FLAG)
    assert str(tmp_path / "content") in server._watched_paths  # MkDocs' poll, from now on
    server.shutdown()


@pytest.mark.parametrize("events", [True, False])
def test_watch_events_false_leaves_the_project_folders_to_mkdocs_poll(buildable: Path, events: bool) -> None:
    """The plugin's ``watch_events`` option (for file systems that send no change events): off, MkDocs polls the
    project's folders as it polls its own; on, they are watched by events and not polled."""
    import threading

    from mkdocs.livereload import LiveReloadServer

    from generator.mkdocs.plugin import plugin_of
    from generator.settings import load_mkdocs_config

    yml = buildable / "mkdocs.yml"
    option = "  - factcheck-explainer:\n      watch_events: false  #" if not events else "  - factcheck-explainer  #"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - factcheck-explainer  #", option, 1), encoding="utf-8")
    config = load_mkdocs_config(buildable)
    plugin = plugin_of(config)
    assert plugin.config.watch_events is events
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(buildable / "site"))
    before = set(threading.enumerate())
    try:
        plugin.on_serve(server, config=config, builder=lambda: None)
        polled = sorted(Path(path).name for path in server._watched_paths if Path(path).parent == buildable)
        watching = any(thread.name == "factcheck-watch" for thread in set(threading.enumerate()) - before)
        assert (polled, watching) == (([], True) if events else (["content", "seeds", "site_templates"], False))
    finally:
        server.shutdown()
