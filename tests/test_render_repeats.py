"""Work the render does once, not for every page or every time a page asks: counted in calls, never timed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import translations
from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

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
