"""Vocabularies are data: content/stances.yaml drives the check, the pages and ClaimReview; the schemas share
common.schema.json through $ref, and each pattern's message lives in the schema (x-message)."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from conftest import MINI, REPO, edit, problems
from referencing import Registry, Resource

from generator.check.schema import COMMON, registry
from generator.check.validate import check_project
from generator.model import NAMED_STANCES
from generator.render.render import SiteInfo, make_env, render_site
from generator.render.structured import Publisher, claim_review

STANCES = "content/stances.yaml"
VERDICTS = "content/verdicts.yaml"
TOLL = "content/claims/death-toll.yaml"
SCHEMAS = REPO / "generator" / "schemas"
Make = Callable[..., Path]
# The mini project's stances with a new one, added last: the check, the pages and the scaffold follow the file.
MENTIONS = MINI[STANCES] + (
    "  - id: mentions\n            label: Mentions in passing\n            order: 6\n            appears: true\n"
    "            definition: The source names the claim without saying more.\n"
)


def _render(root: Path) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Test desk", None, None))


def test_the_stance_file_drives_the_methodology_list_and_every_label(project: Make) -> None:
    stances = MENTIONS.replace("label: Reports only", "label: Relays").replace(
        "The source relays the claim, or a figure for it, without endorsing it.", "The source passes it on."
    )
    pages = _render(project({STANCES: stances, **edit(TOLL, "stance: disputes", "stance: mentions")}))
    section = pages["methodology.md"].split("## Stances")[1].split("## Who says it")[0]
    assert re.findall(r"<dt[^>]*>(.*?)</dt><dd>(.*?)</dd>", section) == [
        ("Supports", "The source states the claim or treats it as true."),
        ("Disputes", "The source states something that conflicts with the claim."),
        ("Qualifies", "The source accepts part of the claim, or gives a different figure or reservation."),
        ("Relays", "The source passes it on."),
        ("Silent", "The source does not address the claim."),
        ("Mentions in passing", "The source names the claim without saying more."),
    ]
    assert '<p class="fc-stance">Mentions in passing</p>' in pages["claims/death-toll.md"]
    assert "Mentions in passing</a></td>" in pages["matrix.md"]
    assert '<td data-label="Stance">Mentions in passing</td>' in pages["sources/beta.md"]


def test_appears_in_the_stance_file_decides_the_claim_review_appearances(project: Make) -> None:
    content = check_project(project({STANCES: MENTIONS, **edit(TOLL, "stance: disputes", "stance: mentions")}))
    claim = next(c for c in content.claims if c.id == "death-toll")
    names = [w["name"] for w in claim_review(claim, content, "u", Publisher("p"))["itemReviewed"]["appearance"]]
    assert names == ["Alpha's account (title given by this site)", "Beta reports"]  # supports, and "mentions"
    hidden = check_project(project({STANCES: MENTIONS.replace("order: 1\n            appears: true\n", "order: 1\n")}))
    claim = next(c for c in hidden.claims if c.id == "death-toll")
    assert (
        claim_review(claim, hidden, "u", Publisher("p"))["itemReviewed"]["appearance"] == []
    )  # alpha supports: no longer


CASES = [
    pytest.param(
        {STANCES: MENTIONS, **edit(TOLL, "stance: disputes", "stance: agrees")},
        [
            f"{TOLL}:25:13: positions[1].stance: 'agrees' is not one of "
            "supports, disputes, qualifies, reports-only, silent, mentions"
        ],
        id="a-claim-takes-only-the-listed-stances",
    ),
    pytest.param(
        {STANCES: MENTIONS, **edit(TOLL, "stance: disputes", "stance: mentions")},
        [],
        id="a-stance-added-to-the-file-is-accepted",
    ),
    pytest.param(
        edit(
            VERDICTS,
            "order: 1\n",
            "order: 1\n            rules: [{id: r, says: S., test: no-stance, stances: [agrees]}]\n",
        ),
        [
            f"{VERDICTS}:6:58: verdicts[0].rules[0].stances[0]: 'agrees' is not one of "
            "supports, disputes, qualifies, reports-only, silent"
        ],
        id="a-verdict-rule-names-only-listed-stances",
    ),
    pytest.param(
        edit(STANCES, "id: reports-only", "id: Reports-Only"),
        [f"{STANCES}:15:9: stances[3].id: 'Reports-Only' must be a lowercase slug: a-z, 0-9 and single hyphens"],
        id="a-stance-id-is-a-slug",
    ),
    pytest.param(
        edit(STANCES, "order: 2", "order: 1"),
        [f"{STANCES}:9:12: stances[1].order: 1 is already used by stances[0]"],
        id="stance-orders-are-unique",
    ),
    pytest.param(
        edit(STANCES, "id: qualifies", "id: supports"),
        [f"{STANCES}:11:9: stances[2].id: 'supports' is already used by stances[0]"],
        id="stance-ids-are-unique",
    ),
    pytest.param(
        {STANCES: MINI[STANCES].split("  - id: silent")[0]},
        [
            "content/claims/framing.yaml:16:13: positions[1].stance: 'silent' is not one of "
            "supports, disputes, qualifies, reports-only",
            f"{STANCES}:1:1: stances: lists no stance 'silent'; the check relies on it by id: add it back",
        ],
        id="the-stances-the-check-names-stay",
    ),
    pytest.param(
        {STANCES: None},
        [f"{STANCES}:1:1: (file): is missing"],
        id="without-the-file-any-slug-passes-the-schema-and-the-file-is-reported",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_stance_error_messages(project: Make, changes: dict[str, str | None], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def _schemas() -> dict[str, dict[str, Any]]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.json"))}


def test_every_ref_resolves_in_the_shared_registry_and_next_to_the_file_for_editors_ides() -> None:
    schemas = _schemas()
    assert COMMON in schemas and len(schemas) == 10
    checked = 0
    for name, schema in schemas.items():
        assert schema["$id"] == name  # relative: an IDE resolves "common.schema.json" next to the file
        resolver = registry().with_resource(name, Resource.from_contents(schema)).resolver(base_uri=name)
        for node in _nodes(schema):
            if "$ref" in node:
                target = resolver.lookup(node["$ref"]).contents
                assert isinstance(target, dict) and target, (name, node["$ref"])
                file = node["$ref"].split("#")[0]
                assert not file or (SCHEMAS / file).is_file()
                checked += 1
    assert checked > 50
    unresolvable = {"$id": "x.json", "$ref": "common.schema.json#/$defs/no-such-definition"}
    with pytest.raises(Exception, match="no-such-definition"):
        Registry().with_resource("x.json", Resource.from_contents(unresolvable)).resolver("x.json").lookup(
            unresolvable["$ref"]
        )


def test_both_validators_resolve_the_refs_to_the_shared_definitions() -> None:
    from generator.check.schema import EcmaValidator, _rust_registry

    slug = {"$id": "probe.json", "$ref": "common.schema.json#/$defs/slug"}
    python = EcmaValidator(slug, registry=registry())
    rust = jsonschema_rs.validator_for(slug, registry=_rust_registry())
    for value, valid in (("death-toll", True), ("Death-Toll", False), ("death-toll\n", False), ("a" * 81, False)):
        assert python.is_valid(value) is valid and rust.is_valid(value) is valid, value


def test_every_pattern_says_what_it_means_in_the_schema() -> None:
    patterns = [(name, node) for name, schema in _schemas().items() for node in _nodes(schema) if "pattern" in node]
    assert len(patterns) >= 7
    assert [(name, node["pattern"]) for name, node in patterns if not node.get("x-message")] == []


def test_vocabulary_nodes_name_a_vocabulary_the_check_fills() -> None:
    named = [
        node["x-vocabulary"] for schema in _schemas().values() for node in _nodes(schema) if "x-vocabulary" in node
    ]
    # a position's stance and relays, a source's kind, a verdict rule's stances
    assert sorted(named) == ["parties", "source-kinds", "stances", "stances"]


def test_only_history_runs_git() -> None:
    users = [p.name for p in sorted((REPO / "generator").rglob("*.py")) if '"git"' in p.read_text(encoding="utf-8")]
    assert users == ["history.py"]


def test_code_and_templates_name_only_the_stances_the_check_keeps() -> None:
    """A stance the check does not require (qualifies) lives in content/stances.yaml alone, not in code."""
    from generator.check.load import load_document

    doc = load_document(REPO / STANCES, STANCES)
    assert not isinstance(doc, list)
    data_only = [s["id"] for s in doc.data["stances"] if s["id"] not in NAMED_STANCES]
    assert data_only == ["qualifies"]
    files = [*(REPO / "generator").rglob("*.py"), *(REPO / "site_templates").rglob("*.*")]
    named = {
        (path.name, stance)
        for path in files
        for stance in data_only
        if re.search(rf"[\"']{stance}[\"']", path.read_text(encoding="utf-8"))
    }
    assert named == set()


# --- the parties and the source kinds are content too ------------------------------------------------------------


def test_parties_and_source_kinds_come_from_content(project: Make) -> None:
    wire = "  - id: wire\n            label: Wire copy\n            definition: Agency copy.\n"
    kinds = MINI["content/source-kinds.yaml"].rstrip() + "\n" + " " * 10 + wire.lstrip()
    changes = {
        "content/source-kinds.yaml": kinds,
        **edit("content/sources/beta.yaml", "kind: news-report", "kind: wire"),
    }
    content = check_project(project(changes))  # a newsroom declares its own kind: accepted, and labelled
    beta = next(s for s in content.sources if s.id == "beta")
    assert beta.label == "Wire copy, signed by B. Writer; takes neither side"
    assert [p.id for p in content.parties] == ["pakistani-authorities", "bla"]


def test_a_kind_or_party_not_declared_is_refused_with_the_declared_ones(project: Make) -> None:
    changes = {
        **edit("content/sources/beta.yaml", "kind: news-report", "kind: wire"),
        **edit(TOLL, "stance: disputes\n            note: Reports 15 deaths.",
               "stance: disputes\n            relays: officials\n            note: Reports 15 deaths."),
    }  # fmt: skip
    assert problems(project(changes)) == [
        f"{TOLL}:26:13: positions[1].relays: 'officials' is not one of pakistani-authorities, bla",
        "content/sources/beta.yaml:5:7: kind: 'wire' is not one of opinion, news-report",
    ]


def test_the_stances_the_code_names_have_one_owner(generator_nodes: Mapping[Path, tuple[ast.AST, ...]]) -> None:
    # model.py declares the stance ids the code relies on; no other module writes one of them as a literal.
    found = []
    for path, nodes in generator_nodes.items():
        if path.as_posix() == "generator/model.py":
            continue
        for node in nodes:
            if isinstance(node, ast.Constant) and node.value in NAMED_STANCES:
                found.append(f"{path}:{node.lineno}: {node.value!r}")
    assert found == []
