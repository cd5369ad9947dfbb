"""What readers type finds what they want: lowercase, usual spellings, typos, partial names.

Each query names a page that must be among the first three results, run in
the browser against the built index with real key presses. A query that is
a page's own title must bring that page first. Listings, the tag index and
the contributor page never outrank a guide or wiki page for a topic.
"""

import pytest

from tests.conftest import ROOT

from .test_search import pages_mentioning, search

pytestmark = pytest.mark.browser

def pages_or_episodes_mentioning(phrase):
    """Guide and wiki pages, and episode pages whose data, that mention the phrase (any case)."""
    episodes = [f"episodes/{path.stem}/" for path in sorted((ROOT / "data" / "episodes").glob("*.yml"))
                if phrase in path.read_text(encoding="utf-8").lower()]
    return pages_mentioning(phrase) + episodes


# (query, a page that must be in the top three, or a list: one of them)
QUERIES = [
    # lowercase and mixed case find the same page
    ("mlops", "wiki/mlops/"),
    ("MLOps", "wiki/mlops/"),
    ("devops", "wiki/mlops-vs-devops/"),
    ("DevOps", "wiki/mlops-vs-devops/"),
    ("mlops vs devops", "wiki/mlops-vs-devops/"),
    ("pytorch", "guide/foundations-in-code/"),
    ("PyTorch", "guide/foundations-in-code/"),
    ("mlflow", "guide/ml-stack/"),
    ("MLflow", "guide/ml-stack/"),
    ("tensors", "guide/foundations-in-code/"),
    # usual alternative spellings
    ("k8s", "guide/ml-stack/"),
    ("kubernetes", "guide/ml-stack/"),
    ("a/b testing", pages_mentioning("a/b test")),
    ("ab testing", pages_mentioning("a/b test")),
    ("ci/cd", pages_or_episodes_mentioning("ci/cd")),
    ("cicd", pages_or_episodes_mentioning("ci/cd")),
    ("fastapi", ["wiki/model-packaging-and-serving/", "guide/projects/model-behind-an-api/"]),
    # topics
    ("feature store", pages_mentioning("feature store")),
    ("leakage", "guide/missing-skills/"),
    ("drift", ["wiki/drift-detection/", "wiki/model-monitoring/"]),
    ("design doc", "wiki/ml-system-design-documents/"),
    ("system design interview", ["guide/projects/system-design/", "wiki/machine-learning-system-design/",
                                 "episodes/machine-learning-system-design-interview/"]),
    ("baseline", "guide/projects/baseline-model/"),
    ("notebook to production", "wiki/notebook-to-production/"),
    ("production checklist", "wiki/production-ml-project-checklist/"),
    ("precision recall", "guide/missing-skills/"),
    ("skills matrix", "role-lanes/"),
    ("rag", ["wiki/ai-engineer-role/", "role-lanes/", "wiki/llm-evaluation/"]),
    ("data scientist", ["wiki/data-science/", "role-lanes/"]),
    ("portfolio", "wiki/machine-learning-portfolio-projects/"),
    # guests: full names, family names, partial names and one-letter typos
    ("babushkin", "guests/valeriybabushkin/"),
    ("babuskin", "guests/valeriybabushkin/"),
    ("valdarama", "guests/svpino/"),
    ("santiago", "guests/svpino/"),
    ("stiebelehner", "guests/simonstiebellehner/"),
    ("hoogvliet", "guests/raphaelhoogvliets/"),
    ("papapanagiotu", "guests/theofilospapapanagiotou/"),
    ("kravchenko", "guests/arsenykravchenko/"),
    ("mihail", "guests/mihaileric/"),
    ("nadia nahar", "guests/nadianahar/"),
    ("whipps", "guests/lukewhipps/"),
]

# A query that is a page's title: that page first.
TITLES = [
    ("Model monitoring", "wiki/model-monitoring/"),
    ("Evaluation", "wiki/evaluation/"),
    ("Job search", "wiki/job-search/"),
    ("Failure modes", "guide/failure-modes/"),
    ("Interviews", "guide/interviews/"),
    ("Roadmaps", "guide/roadmaps/"),
    ("Data pipelines", "wiki/data-pipelines/"),
    ("Career transition", "wiki/career-transition/"),
]

BELOW_CONTENT = ["episodes/", "guests/", "topics/", "tags/", "contributing/"]


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_page_in_the_top_three(page, site_url, query, expected):
    wanted = [expected] if isinstance(expected, str) else expected
    assert wanted, f"no page is expected for {query!r}"
    found = search(page, site_url, query, top=3)
    assert any(f"{site_url}{path}" in found for path in wanted), f"{query!r} -> {found}"


@pytest.mark.parametrize("query, expected", TITLES, ids=[q for q, _ in TITLES])
def test_a_page_title_brings_that_page_first(page, site_url, query, expected):
    for typed in (query, query.lower()):
        found = search(page, site_url, typed, top=3)
        assert found[0] == f"{site_url}{expected}", f"{typed!r} -> {found}"


@pytest.mark.parametrize("query", ["github", "episode", "guide", "mlops", "pipeline"])
def test_listings_and_the_contributor_page_rank_below_content(page, site_url, query):
    found = search(page, site_url, query, top=3)
    assert not any(found_url == f"{site_url}{listing}" for found_url in found for listing in BELOW_CONTENT), \
        f"{query!r} -> {found}"
