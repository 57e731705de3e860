"""Issue #26: under a preview, claims.json encodes again only the claims an edit changed, to the same text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.check.load import ReadCache
from generator.pipeline import check, generate
from generator.render import structured
from generator.render.incremental import PageMemo
from generator.settings import load_mkdocs_config


def test_a_preview_edit_encodes_again_only_the_claim_it_changed(
    buildable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cache, memo = load_mkdocs_config(buildable), ReadCache(), PageMemo()
    generate(config, cache, memo)
    levels: list[int] = []
    encode = structured._encoded

    def counted(value: Any, level: int) -> str:
        levels.append(level)
        return encode(value, level)

    monkeypatch.setattr(structured, "_encoded", counted)
    claim = buildable / "content/claims/death-toll.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("- value: 12\n", "- value: 12.0\n"), encoding="utf-8")
    pages = generate(config, cache, memo)
    assert levels.count(2) == 1  # one claim encoded (a claim is two levels deep); the others as they were
    assert '"value": 12.0,' in pages["claims.json"]  # equal to 12, yet written as typed
    assert pages["claims.json"] == structured.export_json(check(config))  # the text of a clean render


def test_a_build_encodes_claims_json_claim_by_claim_to_the_text_of_the_whole(
    buildable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``json.dumps`` of the whole, indented, holds every small piece of its text at once: at 5,000 claims 210 MB
    above the check's memory at its peak, against 105 MB claim by claim. The text is the same."""
    content, levels = check(load_mkdocs_config(buildable)), []
    encode = structured._encoded

    def counted(value: Any, level: int) -> str:
        levels.append(level)
        return encode(value, level)

    monkeypatch.setattr(structured, "_encoded", counted)
    text = structured.export_json(content)
    assert levels.count(2) == len(content.listed) > 1  # a claim is two levels deep
    whole = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert '"claims": [\n    {\n      "id": ' in text and text == whole
