"""The editors' workflow: corrections log, ``check --base``, dates from git, and the pull-request workflow."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import MINI, edit, problems, write_project

from generator.cli import main
from generator.history import file_dates

TOLL = "content/claims/death-toll.yaml"
REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
ADVICE = "but no corrections entry was added; add one (date, kind, note) that says what changed and why"


def git(root: Path, *args: str, when: str = "2026-03-01T12:00:00+00:00") -> None:
    """Run git in ``root`` as a fixed author, at a fixed time, so commits (and the dates they give) are stable."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(root), *identity, *args], check=True, capture_output=True, env=env)


def committed(project: Make, changes: dict[str, str | None] | None = None) -> Path:
    """The mini project as the first commit of a new repository (branch main)."""
    root = project(changes)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first edition")
    return root


def rewrite(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def check_base(root: Path, capsys: pytest.CaptureFixture[str], ref: str = "main") -> tuple[int, list[str]]:
    code = main(["--root", str(root), "check", "--base", ref])
    return code, [line for line in capsys.readouterr().err.splitlines() if not line.startswith(" ")]


NEW_ENTRY = """
  - date: 2026-03-06
    kind: correction
    note: The figure was misread.
"""


# --- the corrections log in the check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "kind: update", "kind: retraction",
            f"{TOLL}:51:11: corrections[0].kind: 'retraction' is not one of correction, update",
            id="unknown-kind",
        ),
        pytest.param(
            "date: 2026-03-02", "date: 2026-03",
            f'{TOLL}:50:11: corrections[0].date: \'2026-03\' must be a full date written "YYYY-MM-DD"',
            id="partial-date",
        ),
        pytest.param(
            "date: 2026-03-02", "date: \u0662\u0660\u0662\u0666-03-02",  # Arabic-Indic digits are not ASCII digits
            f'{TOLL}:50:11: corrections[0].date: \'\u0662\u0660\u0662\u0666-03-02\' must be a full date written "YYYY-MM-DD"',
            id="non-ascii-digits",
        ),
        pytest.param(
            "date: 2026-03-02", "date: 2026-02-30",
            f"{TOLL}:50:11: corrections[0].date: '2026-02-30' is not a real date",
            id="impossible-date",
        ),
        pytest.param(
            "            note: Added Beta's figure of *15* deaths.\n", "",
            f"{TOLL}:50:5: corrections[0].note: required field is missing (add 'note:')",
            id="missing-note",
        ),
    ],
)  # fmt: skip
def test_corrections_entries_are_checked(project: Make, old: str, new: str, expected: str) -> None:
    assert problems(project(edit(TOLL, old, new))) == [expected]


# --- check --base -------------------------------------------------------------------------------------------------


def test_a_verdict_change_without_a_new_correction_fails(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:8:10: verdict: changed from 'disputed' at main to 'corroborated', {ADVICE}",
            "1 problem in 1 file",
        ],
    )


def test_a_verdict_change_with_a_new_correction_passes(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    (root / TOLL).write_text((root / TOLL).read_text() + NEW_ENTRY.lstrip("\n"))
    assert check_base(root, capsys) == (0, [])


def test_a_changed_figure_is_named_with_both_values(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, "- value: 15", "- value: 16")
    rewrite(root, TOLL, "- value: 12", "- value: 12\n        qualifier: about")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:18:7: positions[0].figures: changed from 12 deaths (2026-03-01) at main "
            f"to about 12 deaths (2026-03-01), {ADVICE}",
            f"{TOLL}:31:7: positions[1].figures: changed from 15 deaths at main to 16 deaths, {ADVICE}",
            "2 problems in 1 file",
        ],
    )


def test_rewording_a_published_correction_is_refused(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    rewrite(root, TOLL, "note: Added Beta's figure", "note: Added the figure")
    assert check_base(root, capsys) == (
        1,
        [
            f"{TOLL}:49:1: corrections: the entry of 2026-03-02 at main was changed or removed; "
            "restore the published entries as they were and add a new one",
            "1 problem in 1 file",
        ],
    )


def test_new_claims_and_unchanged_claims_need_no_correction(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project, {"content/claims/framing.yaml": None})
    write_project(root, {"content/claims/framing.yaml": MINI["content/claims/framing.yaml"]})
    rewrite(root, "content/claims/framing.yaml", "verdict: corroborated", "verdict: disputed")
    assert check_base(root, capsys) == (0, [])


def test_an_unknown_base_is_an_error_not_a_traceback(project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = committed(project)
    assert main(["--root", str(root), "check", "--base", "no-such-branch"]) == 1
    assert capsys.readouterr().err == "error: --base no-such-branch: git cannot find that revision in this repository\n"


# --- dates from git ----------------------------------------------------------------------------------------------


def test_pages_show_the_publication_date_and_the_latest_entry_not_the_commits(project: Make) -> None:
    from generator.check.validate import check_project
    from generator.render.render import SiteInfo, make_env, render_site

    root = project()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first edition", when="2026-03-10T12:00:00+00:00")
    rewrite(root, TOLL, "summary: The two", "summary: Both")
    git(root, "commit", "-q", "-am", "reword", when="2026-03-11T23:30:00-02:00")  # 2026-03-12 in UTC
    history = file_dates(root)
    assert history[TOLL].published == "2026-03-10" and history[TOLL].updated == "2026-03-12"
    pages = render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None), history)
    toll, framing = pages["claims/death-toll.md"], pages["claims/framing.md"]
    # Published: the edition's date (content/edition.yaml), not the first commit; last updated: the latest
    # corrections entry (4 March), not the last commit (12 March), which only reworded the summary.
    assert (
        '<p class="fc-page-dates">Topics: Casualties. Published <time datetime="2026-03-01">1 March 2026</time>; '
        'last updated <time datetime="2026-03-04">4 March 2026</time>. '
        '<a href="#corrections">Corrections and updates: 2</a></p>'
    ) in toll
    # The review's own date is the page's publication; the claim itself carries no date, because its
    # `dates` (2026-03-01) are the event's, not the day a source made the claim.
    assert '"claimReviewed": "Twelve people died in the attack.", "datePublished": "2026-03-01", "itemReviewed"' in toll
    assert '"2026-03-01"' not in toll.split('"itemReviewed"')[1].split('"reviewRating"')[0]
    assert (
        '<p class="fc-page-dates">Topics: Casualties. Published <time datetime="2026-03-01">1 March 2026</time>.</p>'
        in framing
    )


def test_a_project_inside_a_larger_repository_has_its_history(
    tmp_path: Path, project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()  # tmp_path/project, committed from tmp_path: paths in git start with project/
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first edition")
    assert file_dates(root)[TOLL].published == "2026-03-01"
    rewrite(root, TOLL, "verdict: disputed", "verdict: corroborated")
    assert check_base(root, capsys) == (
        1,
        [f"{TOLL}:8:10: verdict: changed from 'disputed' at main to 'corroborated', {ADVICE}", "1 problem in 1 file"],
    )


def test_no_git_means_no_dates(tmp_path: Path) -> None:
    assert file_dates(tmp_path) == {}


# --- the pull-request workflow runs what the README says ----------------------------------------------------------


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in setup.strip().splitlines()]


def _workflow_runs() -> list[str]:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    return [step["run"] for step in steps if "run" in step]


def test_the_readme_has_exactly_the_two_setup_commands() -> None:
    assert _readme_commands() == ["make site", "make test"]


def test_the_workflow_runs_the_readme_commands_and_the_annotated_check() -> None:
    runs = _workflow_runs()
    for command in _readme_commands():  # each alone on a line of a step
        assert any(command in (line.strip() for line in run.splitlines()) for run in runs), command
    check = next(run for run in runs if "generator check" in run)
    assert "--format github" in check and "--base" in check
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == "make test"


def test_the_workflow_uploads_the_site_and_publishes_main_only() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # PyYAML reads the key `on` as the boolean true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert workflow["jobs"]["publish"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_main_is_built_for_deployment_at_the_address_pages_gives() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    assert pages["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    build = next(step for step in steps if "--deploy" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"
    assert '--deploy --site-url "${SITE_URL%/}/" --repository-url "$REPOSITORY_URL"' in build["run"]
    # the repository publishes the site (content/publisher.yaml): its address comes from the CI context
    assert build["env"]["REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_pre_commit_runs_what_ci_runs() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert entries == [
        ".ci/in-venv python -m generator check",
        ".ci/check-explainers",
        ".ci/in-venv ruff check",
        ".ci/in-venv ruff format --check",
        ".ci/in-venv mypy",
        ".ci/in-venv lint-imports",
        "make test",
    ]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for tool in ("ruff check", "ruff format --check", "mypy", "lint-imports", "python -m generator check"):
        assert f"$(VENV)/bin/{tool}" in makefile  # the same tools as `make test`


def test_pre_commit_on_a_fresh_clone_says_what_to_run(tmp_path: Path) -> None:
    result = subprocess.run([REPO / ".ci/in-venv", "ruff", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        result.stderr == "no .venv yet: run 'make .venv/.installed' once (it installs the tools), then commit again\n"
    )


def test_the_workflow_uses_node_24_actions_and_never_cancels_a_deploy() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    uses = sorted(step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step)
    assert uses == [
        "actions/checkout@v6", "actions/configure-pages@v6", "actions/deploy-pages@v5", "actions/setup-python@v6",
        "actions/upload-pages-artifact@v5",
    ]  # fmt: skip
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert workflow["jobs"]["publish"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert ".ci/build-explainers site/explainers" in " ".join(_workflow_runs())
