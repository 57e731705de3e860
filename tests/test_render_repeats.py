"""Work the render does once, not for every page or every time a page asks: counted in calls, never timed."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import translations
from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site
from generator.translations import Language, english

REPO = Path(__file__).resolve().parent.parent
SITE = SiteInfo("Test desk", None, None)


def test_the_writing_direction_of_a_language_is_worked_out_once(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every name, title and quote a page isolates asks for the site's direction; Babel parses the tag once."""
    content, env = check_project(project()), make_env(REPO)
    parsed: list[str] = []
    babel_locale = translations.Locale

    class Counted(babel_locale):  # type: ignore[misc]
        @classmethod
        def parse(cls, identifier: Any, *args: Any, **kwargs: Any) -> Any:
            parsed.append(identifier)
            return babel_locale.parse(identifier, *args, **kwargs)

    asked: list[str] = []
    text_direction = translations.text_direction

    def counted_text_direction(text: str) -> str | None:
        asked.append(text)
        return text_direction(text)

    monkeypatch.setattr(translations, "Locale", Counted)
    monkeypatch.setattr(translations, "text_direction", counted_text_direction)
    render_site(content, env, SITE)
    assert len(asked) > 10  # each a comparison with the site's direction
    assert parsed in ([], ["en"])  # none when an earlier test of this process asked already


def test_a_message_without_variables_is_translated_once(project: Callable[..., Path]) -> None:
    """``_("In context")`` is on every quote of every claim page: the catalogue is asked once per render."""
    asked: Counter[str] = Counter()
    words = copy.copy(english().translations)  # the package's catalogue is shared: count on a copy

    def gettext(message: str) -> str:
        asked[message] += 1
        return english().translations.gettext(message)

    words.gettext = words.ugettext = gettext  # type: ignore[method-assign]
    env = make_env(REPO, Language("en", words, english().locale))
    pages = render_site(check_project(project()), env, SITE)
    shown = sum(str(text).count(">In context</a>") for text in pages.values())
    assert shown >= 3
    assert asked["In context"] == 1
    assert asked["Verdict: %(verdict)s"] > 1  # with variables: asked each time, as Jinja does


def test_a_page_renders_its_title_and_description_once(project: Callable[..., Path]) -> None:
    """The front matter and the error report both use them: each block is rendered once (base.md)."""
    env, described = make_env(REPO), Counter[str]()
    text = env.filters["text"]

    @jinja2.pass_context
    def counted(context: jinja2.runtime.Context, value: str) -> str:
        described[context["page"].path] += 1
        return str(text(context, value))

    env.filters["text"] = counted
    pages = render_site(check_project(project()), env, SITE)
    assert "description: " in pages["claims/death-toll.md"]
    assert described["claims/death-toll.md"] == 1
