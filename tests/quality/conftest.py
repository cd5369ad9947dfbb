"""Quality gates run against the built site in Debian's chromium."""

from pathlib import Path

import pytest

QUALITY = Path(__file__).resolve().parent
NODE_MODULES = QUALITY / "node_modules"

# One page of each type a reader meets.
PAGE_TYPES = {
    "home": "",
    "guide page": "guide/missing-skills/",
    "project page with checklists": "guide/projects/baseline-model/",
    "roadmaps": "guide/roadmaps/",
    "role matrix": "role-lanes/",
    "wiki page": "wiki/mlops-vs-devops/",
    "episode page": "episodes/mlops-at-scale-reproducibility-adoption/",
    "guest page": "guests/raphaelhoogvliets/",
    "tag index": "tags/",
    "episode listing": "episodes/",
    "guest listing": "guests/",
    "topic listing": "topics/",
    "not found": "404.html",
}


@pytest.fixture(scope="session")
def node_modules():
    assert (NODE_MODULES / "axe-core" / "axe.min.js").exists(), (
        "the quality tools are not installed: run `make test` (it runs npm ci in tests/quality)"
    )
    return NODE_MODULES
