"""The GitHub workflows: valid against GitHub's schema, pinned, least privilege, clean under zizmor."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


CI = ROOT / ".github" / "workflows" / "ci.yml"
MAIN_ONLY = "github.ref == 'refs/heads/main' && (github.event_name == 'push' || github.event_name == 'workflow_dispatch')"


def load(workflow: Path) -> dict:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))


def test_the_two_workflows_exist():
    """Tests and deploy share one workflow (ci.yml), so deploy can need the tests of the same run."""
    assert {w.name for w in WORKFLOWS} == {"ci.yml", "links.yml"}


def test_workflows_match_githubs_schema():
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_reports_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_pins_and_timeouts(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}, "deny everything at the top; grant per job"
    for name, job in data["jobs"].items():
        assert "timeout-minutes" in job, f"job {name} has no timeout"
        assert "permissions" in job, f"job {name} does not state its permissions"
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{step['uses']} is not pinned by SHA"
            if "actions/checkout" in step.get("uses", ""):
                assert step.get("with", {}).get("persist-credentials") is False


def test_ci_runs_the_same_script_as_this_machine():
    ci = load(CI)
    assert any(step.get("run") == "bash .ci/run" for step in ci["jobs"]["test"]["steps"])
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in run
    assert ".ci/install-system-deps test" in run and ".ci/install-system-deps test" in (ROOT / "Makefile").read_text(
        encoding="utf-8"), "CI and `make test` install the system packages with the same script"


def jobs_publishing(workflow: dict) -> list[str]:
    """Jobs that upload or deploy a Pages site."""
    return [name for name, job in workflow["jobs"].items()
            if any(re.match(r"actions/(upload-pages-artifact|deploy-pages)@", step.get("uses", ""))
                   for step in job.get("steps", []))]


def needs(job: dict) -> set[str]:
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def upstream(workflow: dict, name: str) -> set[str]:
    """Every job `name` waits for, directly or through other jobs."""
    found, todo = set(), [name]
    while todo:
        for parent in needs(workflow["jobs"][todo.pop()]):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def test_publishing_needs_the_test_job_of_the_same_run():
    ci = load(CI)
    publishing = jobs_publishing(ci)
    assert sorted(publishing) == ["build", "deploy"]
    for name in publishing:
        assert "test" in upstream(ci, name), f"job {name} can publish without the tests passing"
    assert any(step.get("run") == "bash .ci/run" for step in ci["jobs"]["test"]["steps"])
    assert not any(jobs_publishing(load(w)) for w in WORKFLOWS if w != CI), "only ci.yml may publish"


def test_publishing_runs_only_from_main():
    """Guarded in the file, so a manual run on another branch, or a pull request, never publishes."""
    ci = load(CI)
    for name in jobs_publishing(ci):
        assert ci["jobs"][name].get("if") == MAIN_ONLY, f"job {name} is not limited to main"


def test_deploy_checkout_has_the_whole_history():
    steps = load(CI)["jobs"]["build"]["steps"]
    checkout = next(step for step in steps if "actions/checkout" in step.get("uses", ""))
    assert checkout["with"].get("fetch-depth") == 0


def test_every_job_that_installs_uses_the_locks_python():
    """Tests, deploy build and link check run in one pinned Python image: the one the locks are resolved for."""
    header = (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8").splitlines()[1]
    python = re.search(r"--python-version (\d+\.\d+\.\d+)", header).group(1)
    images = {}
    for workflow in WORKFLOWS:
        for name, job in load(workflow)["jobs"].items():
            if any("make" in step.get("run", "") or ".ci/run" in step.get("run", "") for step in job.get("steps", [])):
                images[f"{workflow.name}:{name}"] = job.get("container", {}).get("image")
    assert set(images) >= {"ci.yml:test", "ci.yml:build", "links.yml:linkcheck"}
    assert set(images.values()) == {f"python:{python}-bookworm"}, images
