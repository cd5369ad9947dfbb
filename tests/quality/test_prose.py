"""codespell over the prose and data: no misspellings, American spelling throughout."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_codespell_finds_nothing():
    codespell = Path(sys.executable).parent / "codespell"
    # data/episodes/ and data/guests/ are left out: their titles and names are the podcast
    # archive's, spelled as it spells them ("Organisational", product names such as Hopin),
    # and are facts to copy, not prose to correct. The data written for this site is checked.
    result = subprocess.run([str(codespell), "--toml", "pyproject.toml", "docs", "data/roles.yml",
                             "data/roadmaps.yml", "README.md", "CONTRIBUTING.md"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
