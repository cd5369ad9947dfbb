"""Lighthouse, mobile preset, against the built site served as GitHub Pages serves it.

Targets: performance >= 0.98; accessibility, best practices and SEO 1.0, on
every page type, each the median of five runs. The report (scores, bytes on
first load, metrics and the failing audits) is written to
test-results/lighthouse.json. `make test` runs this on its own, after the
parallel suite: page-speed numbers need an otherwise idle machine.
"""

import json
import subprocess

import pytest

from tests.conftest import ROOT

from .conftest import PAGE_TYPES, QUALITY

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.isolated]

TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
REPORT = ROOT / "test-results" / "lighthouse.json"


@pytest.fixture(scope="module")
def lighthouse_report(site_url, node_modules):
    REPORT.parent.mkdir(exist_ok=True)
    paths = [PAGE_TYPES[kind] for kind in sorted(PAGE_TYPES)]
    subprocess.run(["node", str(QUALITY / "lighthouse.mjs"), site_url, str(REPORT), *paths],
                   check=True, timeout=900, cwd=QUALITY)
    return json.loads(REPORT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_lighthouse_scores(lighthouse_report, kind):
    result = lighthouse_report[PAGE_TYPES[kind]]
    assert result["runtimeError"] is None, result["runtimeError"]
    misses = [
        f"{category} {result['scores'][category]} < {target}: " + "; ".join(result["failing"][category][:5])
        for category, target in TARGETS.items() if result["scores"][category] < target
    ]
    assert not misses, f"{kind} ({PAGE_TYPES[kind] or '/'}), {result['bytes'] / 1024:.0f} KiB:\n" + "\n".join(misses)


def test_lighthouse_search_open_with_results(lighthouse_report):
    result = lighthouse_report["search-open"]
    assert result["runtimeError"] is None, result["runtimeError"]
    misses = [f"{category} {score} < 1: " + "; ".join(result["failing"][category][:5])
              for category, score in result["scores"].items() if score < 1]
    assert not misses, "search open with results:\n" + "\n".join(misses)
