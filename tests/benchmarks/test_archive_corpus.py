"""The benchmark compares like with like: both variants build the same pages and citations."""

import re

import pytest

from tests.conftest import run_build

from .archive_build import generate

pytestmark = pytest.mark.slow


def site_summary(site):
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    citations = cited_on = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        citations += len(re.findall(r'<span class="citation" id="cite-\d+"', html))
        cited_on += html.count('class="cited-on"')
    return pages, citations, cited_on


def test_macros_and_prerendered_corpora_build_the_same_site(tmp_path):
    sizes = generate(tmp_path / "macros", 0.03, macros=True)
    generate(tmp_path / "prerendered", 0.03, macros=False)
    summaries = []
    for variant in ("macros", "prerendered"):
        result = run_build(tmp_path / variant, tmp_path / f"{variant}-site")
        assert result.returncode == 0, result.stdout + result.stderr
        summaries.append(site_summary(tmp_path / f"{variant}-site"))
    (pages_a, cites_a, cited_a), (pages_b, cites_b, cited_b) = summaries
    assert pages_a == pages_b
    assert cites_a == cites_b == sizes["topics"] * 12
    assert cited_a == cited_b > 0
