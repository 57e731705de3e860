"""`python -m generator new ID`: a commented claim file for editors, never overwriting anything."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, problems

from generator.check.schema import schema_for
from generator.cli import main

Make = Callable[..., Path]


@pytest.fixture
def editable(project: Make) -> Path:
    root = project()
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    return root


def test_new_writes_every_field_with_the_schema_line_first(editable: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(editable), "new", "attack-time", "--source", "beta"]) == 0
    path = editable / "content/claims/attack-time.yaml"
    assert capsys.readouterr().out == (  # a project begun before init wrote schemas/
        f"wrote {path}; fill it in, then run: python -m generator check\n"
        f"its first line names a schema in {editable / 'schemas'}/, for editors' hints: write them there with the "
        "`schemas` command\n"
    )
    lines = path.read_text().splitlines()
    schema = lines[0].removeprefix("# yaml-language-server: $schema=")  # relative to the file, from any depth
    assert schema == "../../schemas/claim.schema.json"  # the project's schemas/ (init, schemas), never a venv's
    fields = list(schema_for("claim")["properties"])
    written = [line.removeprefix("# ").split(":")[0] for line in lines if line[:1].isalpha() or line[:2] == "# "]
    keys = [key for key in written if key in fields]
    assert keys == fields  # every field, in the schema's order; those written only when needed as comments
    assert [line.split(":")[0] for line in lines if line.startswith("# ") and line[2:].split(":")[0] in fields] == [
        "# published",
        "# withdrawn",
    ]
    assert keys[-1] == "corrections"
    assert 'verdict: ""  # the state of the evidence: corroborated, disputed' in lines
    # The named source comes first, waiting for a stance; the others are pre-filled as silent.
    assert [line.strip() for line in lines if "source:" in line and "- source" in line] == [
        "- source: beta",
        "- source: alpha",
    ]


def test_the_scaffold_fails_the_check_on_exactly_the_fields_to_fill(editable: Path) -> None:
    main(["--root", str(editable), "new", "attack-time", "--source", "beta"])
    new = "content/claims/attack-time.yaml"
    assert [p for p in problems(editable) if p.startswith(new)] == [
        f"{new}:5:11: headline: must not be empty",
        f"{new}:6:8: claim: must not be empty",
        f"{new}:7:11: claimant: must not be empty",
        f"{new}:8:9: topics: must list at least 1 item",
        f"{new}:10:10: verdict: '' must be a lowercase slug: a-z, 0-9 and single hyphens",
        f"{new}:11:17: verdict_reason: must not be empty",
        f"{new}:12:14: bottom_line: must not be empty",
        f"{new}:17:13: positions[0].stance: '' is not one of supports, disputes, qualifies, reports-only, silent",
        f"{new}:18:11: positions[0].note: must not be empty",
        f"{new}:20:9: positions[0].quotes[0]: must not be empty",
    ]


@pytest.mark.parametrize(
    ("claim_id", "sources", "message"),
    [
        ("death-toll", [], "error: a claim with id 'death-toll' exists already: {root}/content/claims/death-toll.yaml"),
        ("Death-Toll", [], "error: 'Death-Toll' is not a valid id: use a lowercase slug (a-z, 0-9, single hyphens)"),
        ("../escape", [], "error: '../escape' is not a valid id: use a lowercase slug (a-z, 0-9, single hyphens)"),
        ("fine-id", ["gamma"], "error: no source with id gamma; known: alpha, beta"),
    ],
)
def test_new_refuses_without_writing(
    editable: Path, capsys: pytest.CaptureFixture[str], claim_id: str, sources: list[str], message: str
) -> None:
    before = sorted((editable / "content").rglob("*"))
    argv = ["--root", str(editable), "new", claim_id] + [a for s in sources for a in ("--source", s)]
    assert main(argv) == 1
    assert capsys.readouterr().err == message.format(root=editable) + "\n"
    assert sorted((editable / "content").rglob("*")) == before
