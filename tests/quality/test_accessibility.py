"""axe-core (WCAG 2.1 A/AA and best practices) on every page type, light and dark: 0 violations."""

import pytest

from .conftest import PAGE_TYPES, pages_to_check

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page, node_modules):
    page.add_script_tag(path=str(node_modules / "axe-core" / "axe.min.js"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:4])
        for v in result["violations"]
    ]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, new_page, site_url):
    return new_page(color_scheme=request.param)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_has_no_axe_violations(scheme_page, site_url, node_modules, kind):
    # goto returns at the load event: the deferred scripts (Material's and the
    # site's) have run and mounted their DOM by then, which is all axe reads. Not
    # "networkidle": the search worker's background fetches keep the network busy
    # for seconds on a loaded machine, and they change nothing axe checks.
    scheme_page.goto(site_url + PAGE_TYPES[kind])
    violations = axe_violations(scheme_page, node_modules)
    assert not violations, f"{kind} ({PAGE_TYPES[kind] or '/'}):\n" + "\n".join(violations)


def test_open_search_with_results_has_no_axe_violations(scheme_page, site_url, node_modules):
    scheme_page.goto(site_url)
    box = scheme_page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("monitoring", delay=30)
    scheme_page.locator("li.md-search-result__item").first.wait_for()
    violations = axe_violations(scheme_page, node_modules)
    assert not violations, "search open with results:\n" + "\n".join(violations)


def test_every_page_has_no_axe_violations(scheme_page, site_url, node_modules):
    """Every hand-written page and a fixed sample of generated ones (why: pages_to_check)."""
    failures = []
    for path in pages_to_check():
        scheme_page.goto(site_url + path)
        violations = axe_violations(scheme_page, node_modules)
        if violations:
            failures.append(f"{path or '/'}:\n  " + "\n  ".join(violations))
    assert not failures, "\n".join(failures)
