"""Issue #20, item 5: a preview rebuild reads only the seeds sources name (both engines render through it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check.load import MAX_BYTES, ReadCache
from generator.pipeline import generate
from generator.render.incremental import PageMemo
from generator.settings import load_mkdocs_config

Make = Callable[..., Path]


def test_a_preview_rebuild_reads_no_seed_that_no_source_names(buildable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = buildable
    (root / "seeds/huge.txt").write_bytes(b"x" * (MAX_BYTES + 1))  # a 2 GB file, as far as the limit goes
    config, cache, memo = load_mkdocs_config(root), ReadCache(), PageMemo()
    read: list[str] = []
    real_read, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        read.append(self.name)
        return real_read(self)

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        read.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", open_)
    generate(config, cache, memo)
    claim = root / "content/claims/framing.yaml"
    claim.write_text(claim.read_text().replace("was brutal", "was very brutal"))
    assert "The attack was very brutal." in generate(config, cache, memo)["claims/framing.md"]
    assert "alpha.txt" in read and "huge.txt" not in read
