"""Shared fixtures: the project, a strict build of it, and copies to break."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.browser_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
PROJECT_PARTS = ["mkdocs.yml", "CONTRIBUTING.md", "docs", "data", "macros", "overrides"]


def run_build(project: Path, site_dir: Path, strict: bool = True, **env) -> subprocess.CompletedProcess:
    """Build a project directory; return the finished process with its output."""
    command = MKDOCS + ["build", "--site-dir", str(site_dir), "--config-file", str(project / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=300)


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A private copy of the project that a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_data():
    from macros.loader import load_site_data

    return load_site_data(ROOT / "data", docs_dir=ROOT / "docs")
