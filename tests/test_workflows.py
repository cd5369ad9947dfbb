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


def test_the_three_workflows_exist():
    assert {w.name for w in WORKFLOWS} == {"ci.yml", "deploy.yml", "links.yml"}


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
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert any(step.get("run") == "bash .ci/run" for step in ci["jobs"]["test"]["steps"])
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
