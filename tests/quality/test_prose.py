"""codespell over the prose and data: no misspellings, American spelling throughout."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_codespell_finds_nothing():
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run([str(codespell), "--toml", "pyproject.toml", "docs", "data", "README.md",
                             "CONTRIBUTING.md"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
