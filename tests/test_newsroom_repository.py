"""A newsroom's repository: what `init` writes for GitHub (the workflow, requirements.txt, the schemas its
content files point to), annotations placed from the repository's top, and a new explainer that builds before
its first claim."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli
from test_newsroom import git

from generator.check.validate import check_project
from generator.cli import main
from generator.errors import CheckFailed
from generator.newsroom.init import WORKFLOW

SCHEMA_LINE = "# yaml-language-server: $schema="
TOOL = Path(sys.executable).parent  # where factcheck-explainer is installed, as on the workflow's runner


def repository(tmp_path: Path) -> Path:
    """An empty git repository on main, as a newsroom starts one."""
    repo = tmp_path / "desk"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit(repo: Path) -> None:
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "-m", "explainer")


def schema_targets(root: Path) -> dict[Path, Path]:
    """Each content file under ``root`` and the file its first line names as its schema."""
    targets = {}
    for path in sorted((root / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE), path
        targets[path] = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
    return targets


# --- a new explainer builds and previews before its first seed, source or claim ------------------------------------


def test_a_new_explainer_checks_clean_before_its_first_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "x"
    assert main(["init", str(root)]) == 0
    result = run_cli(capsys, root, "check")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("checked 0 claims, 0 sources, 6 verdicts, 1 topics: no problems")


@pytest.mark.slow  # builds a site
def test_a_new_explainer_builds_a_home_page_that_says_there_are_no_claims(tmp_path: Path) -> None:
    root = tmp_path / "x"
    assert main(["init", str(root)]) == 0
    assert main(["--root", str(root), "build"]) == 0
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert '<p class="fc-empty">There are no claims here yet.</p>' in home
    assert "Most disputed" not in home


def test_once_a_claim_exists_the_edition_must_list_one_as_most_disputed(tmp_path: Path) -> None:
    from test_newsroom import start_explainer

    root = start_explainer(tmp_path / "x")
    edition = root / "content/edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("most_disputed: [injuries]", "most_disputed: []"))
    with pytest.raises(CheckFailed) as failed:
        check_project(root)
    assert [str(e) for e in failed.value.errors] == [
        "content/edition.yaml:11:16: most_disputed: must list at least 1 item once content/claims/ holds a claim"
    ]


def test_an_empty_seeds_folder_is_still_an_error_once_a_source_names_a_seed(tmp_path: Path) -> None:
    from test_newsroom import start_explainer

    root = start_explainer(tmp_path / "x")
    for seed in (root / "seeds").glob("*.txt"):
        seed.unlink()
    with pytest.raises(CheckFailed) as failed:
        check_project(root)
    assert [str(e) for e in failed.value.errors] == [
        "seeds/:1:1: (folder): holds no .txt file; it must hold the verbatim text of every source (the files "
        "named by 'seed:' in content/sources/)"
    ]


# --- schema lines point into the project ----------------------------------------------------------------------


def test_every_schema_line_points_into_the_project_s_own_schemas(tmp_path: Path) -> None:
    from test_newsroom import start_explainer

    root = start_explainer(tmp_path / "x")  # init, new-source and new each wrote first lines
    targets = schema_targets(root)
    assert len(targets) == 12
    for path, target in targets.items():
        assert target.parent == (root / "schemas").resolve(), path
        packaged = REPO / "generator/schemas" / target.name
        assert target.read_bytes() == packaged.read_bytes(), path
    lines = {path.read_text(encoding="utf-8").splitlines()[0] for path in (root / "content/claims").glob("*.yaml")}
    assert lines == {f"{SCHEMA_LINE}../../schemas/claim.schema.json"}
    # The schemas' own references resolve in the copy: every file they name is there.
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(
        p.name for p in (REPO / "generator/schemas").glob("*.schema.json")
    )


def test_the_schema_lines_survive_moving_the_project(tmp_path: Path) -> None:
    from test_newsroom import start_explainer

    start_explainer(tmp_path / "x")
    moved = tmp_path / "elsewhere/deeper/x"
    moved.parent.mkdir(parents=True)
    (tmp_path / "x").rename(moved)
    assert all(target.is_file() for target in schema_targets(moved).values())


def test_this_repository_s_schema_lines_point_at_its_own_schemas() -> None:
    for path, target in schema_targets(REPO).items():
        assert target.parent == (REPO / "generator/schemas").resolve(), path


def test_the_schemas_command_brings_the_project_s_schemas_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "x"
    main(["init", str(root)])
    (root / "schemas/claim.schema.json").write_text("{}\n")  # as left by an older version of the tool
    result = run_cli(capsys, root, "schemas")
    assert (result.code, result.out) == (0, f"updated 1 schema file in {root / 'schemas'}\n")
    assert (root / "schemas/claim.schema.json").read_bytes() == (
        REPO / "generator/schemas/claim.schema.json"
    ).read_bytes()
    assert run_cli(capsys, root, "schemas").out == f"updated 0 schema files in {root / 'schemas'}\n"


# --- annotations and the workflow -------------------------------------------------------------------------------


def test_annotations_carry_the_path_from_the_repository_s_top(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repository(tmp_path)
    root = repo / "explainers/mill-fire"
    main(["init", str(root)])
    topics = root / "content/topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("id: general", "id: General"), encoding="utf-8")
    result = run_cli(capsys, root, "check", "--format", "github")
    assert result.code == 1
    assert result.out == (
        "::error file=explainers/mill-fire/content/topics.yaml,line=5,col=9,title=topics[0].id::'General' must be "
        "a lowercase slug: a-z, 0-9 and single hyphens\n"
    )
    text = run_cli(capsys, root, "check")  # the text format keeps the paths an editor reads in the project
    assert text.err.startswith("content/topics.yaml:5:9: topics[0].id: 'General' must be a lowercase slug")


@pytest.mark.parametrize("where", ["the repository's top", "outside git"])
def test_annotations_at_the_repository_s_top_or_outside_git_have_no_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    root = repository(tmp_path) if where == "the repository's top" else tmp_path / "x"
    assert main(["init", str(root)]) == 0  # a fresh repository's .git aside, the folder is empty
    topics = root / "content/topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("id: general", "id: General"), encoding="utf-8")
    assert run_cli(capsys, root, "check", "--format", "github").out.startswith(
        "::error file=content/topics.yaml,line=5,col=9,"
    )


def test_init_in_a_repository_s_subfolder_says_where_the_workflow_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repository(tmp_path)
    root = repo / "explainers/mill-fire"
    capsys.readouterr()
    assert main(["init", str(root)]) == 0
    assert capsys.readouterr().out == (
        f"started an explainer in {root}; next: put a text in {root / 'seeds'}/, then run new-source\n"
        f"to use its workflow, move {root / WORKFLOW} into the repository's top folder, as {WORKFLOW}\n"
    )
    workflow = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    job = workflow["jobs"]["check"]
    assert job["defaults"]["run"]["working-directory"] == "explainers/mill-fire"
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "explainers/mill-fire/site"


def steps(workflow: dict[str, object]) -> dict[str, dict[str, object]]:
    job = workflow["jobs"]["check"]  # type: ignore[index]
    return {step.get("name", step.get("uses")): step for step in job["steps"]}


def test_the_workflow_checks_pull_requests_and_deploys_main(tmp_path: Path) -> None:
    root = repository(tmp_path)
    main(["init", str(root)])
    workflow = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # YAML 1.1 reads `on` as True
    assert workflow["jobs"]["check"]["defaults"]["run"]["working-directory"] == "."
    found = steps(workflow)
    assert found["Install the tool"]["run"] == "python -m pip install -r requirements.txt"
    check = found["Content check, as annotations on the changed lines"]
    assert check["run"] == (
        "if git rev-parse --quiet --verify HEAD~1 > /dev/null; then\n"
        '  factcheck-explainer check --format github --base "$BASE" --base HEAD~1\n'
        "else  # the repository's first commit: nothing was published before it to compare with\n"
        "  factcheck-explainer check --format github\n"
        "fi\n"
    )
    deploy = found["Build for deployment, at the address Pages gives, from this repository (main only)"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["run"] == (
        'factcheck-explainer build --deploy --site-url "${SITE_URL%/}/" --repository-url "$REPOSITORY_URL"'
    )
    assert deploy["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}",
        "REPOSITORY_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    assert found["actions/upload-pages-artifact@v5"]["with"] == {"path": "site"}
    assert workflow["jobs"]["publish"]["steps"] == [{"id": "deploy", "uses": "actions/deploy-pages@v5"}]
    # Nothing but the tool is installed: no Makefile, test suite or script of this repository is named.
    text = (root / WORKFLOW).read_text(encoding="utf-8")
    assert "make " not in text and ".ci/" not in text and "pytest" not in text
    assert (root / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == "factcheck-generator==0.1.0"


@pytest.mark.parametrize("commits", [1, 2], ids=["the repository's first push", "a later push"])
def test_the_workflow_s_check_step_runs_as_written_in_the_new_repository(tmp_path: Path, commits: int) -> None:
    root = repository(tmp_path)
    main(["init", str(root)])
    commit(root)
    if commits == 2:
        topics = root / "content/topics.yaml"
        topics.write_text(topics.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        commit(root)
    check = steps(yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8")))[
        "Content check, as annotations on the changed lines"
    ]
    env = {**os.environ, "PATH": f"{TOOL}{os.pathsep}{os.environ['PATH']}", "BASE": "0" * 40}  # github.event.before
    done = subprocess.run(["bash", "-c", str(check["run"])], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("checked 0 claims, 0 sources, 6 verdicts, 1 topics: no problems")
