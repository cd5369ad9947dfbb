"""`make serve` survives content errors: a failed build leaves the last good
site up, shows its errors in the open page, and a fixed build reloads the page
without them. A site already broken at start serves an error page instead.

Each test runs the Makefile's own serve target on a copy of the project and
breaks it the way a contributor's save would.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.serving import edit, make_serve, open_served_page, project_to_serve
from tests.browser_fixtures import foreign_requests

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PANEL = "#serve-build-errors"  # macros/serve.py's ERROR_PANEL_ID
PAGE = "docs/guide/interviews.md"
TIMEOUT = 60_000  # a rebuild of the whole site on a busy machine
BAD_CITATION = ('"22:02"', '"22:03"')  # not a chapter start of that episode
HOSTILE_SLUG = "<script>window.panelScriptRan = true</script>"

# What breaks, how, and what of the error the page must show.
BREAKAGES = {
    "citation": (PAGE, *BAD_CITATION, ["guide/interviews.md", "22:03"]),
    "data file": ("data/episodes/mlops-at-scale-reproducibility-adoption.yml", "season: 19", "season: nineteen",
                  ["data/episodes/mlops-at-scale-reproducibility-adoption.yml", "season"]),
    "Jinja expression": (PAGE, "# Interviews", "# Interviews {{ serve_test_undefined_name }}",
                         ["guide/interviews.md", "serve_test_undefined_name"]),
    # A strict-mode warning: plain `mkdocs serve` held every request after one.
    "link": (PAGE, "(roadmaps.md)", "(no-such-page.md)", ["guide/interviews.md", "no-such-page.md"]),
}


def failure_reports(output: str) -> list[list[str]]:
    """The error lines the server printed for each failed build."""
    reports, current = [], None
    for line in re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines():  # without terminal colors
        if "The build failed" in line:
            current = []
            reports.append(current)
        elif current is not None and not line.startswith(("INFO", "WARNING", "ERROR", "DEBUG")):
            current.append(line)
        else:
            current = None
    return reports


@pytest.fixture
def served(tmp_path):
    with make_serve(project_to_serve(tmp_path)) as served:
        yield served


def test_each_broken_save_shows_its_error_until_the_fix_reloads_the_page(served, new_page):
    page = open_served_page(new_page, f"{served.url}guide/interviews/")
    heading = page.locator("article h1")
    expect(heading).to_contain_text("Interviews")
    for number, (name, (path, good, bad, shown)) in enumerate(BREAKAGES.items()):
        edit(served.project / path, good, bad)
        panel = page.locator(PANEL)
        for text in shown:
            expect(panel).to_contain_text(text, timeout=TIMEOUT)
        expect(heading).to_contain_text("Interviews")  # the last good page is still there
        served.assert_running()

        edit(served.project / path, bad, good)
        marker = f"Recovered from a broken {name}."
        edit(served.project / PAGE, "# Interviews", f"# Interviews\n\n{marker}")
        expect(page.locator("article")).to_contain_text(marker, timeout=TIMEOUT)
        expect(page.locator(PANEL)).to_have_count(0)
        served.assert_running()
    assert foreign_requests(page, served.url) == []

    assert "Traceback" not in served.output
    reports = failure_reports(served.output)
    assert len(reports) >= len(BREAKAGES), served.output
    for report in reports:
        assert report and len(report) == len(set(report)), f"an error printed twice or none:\n{report}"


def test_error_text_from_a_page_is_shown_as_text_not_run(served, new_page):
    page = open_served_page(new_page, f"{served.url}guide/interviews/")
    edit(served.project / PAGE, '"machine-learning-data-science-interview-prep", "22:02"',
         f'"{HOSTILE_SLUG}", "22:02"')
    panel = page.locator(PANEL)
    expect(panel).to_contain_text(HOSTILE_SLUG, timeout=TIMEOUT)
    assert panel.locator("script").count() == 0
    assert page.evaluate("window.panelScriptRan") is None
    assert foreign_requests(page, served.url) == []


def test_a_site_broken_at_start_serves_an_error_page_until_fixed(new_page, tmp_path):
    project = project_to_serve(tmp_path)
    edit(project / PAGE, *BAD_CITATION)
    with make_serve(project) as served:
        page = open_served_page(new_page, f"{served.url}guide/interviews/")
        expect(page.locator(PANEL)).to_contain_text("22:03")
        served.assert_running()

        edit(project / PAGE, *reversed(BAD_CITATION))
        expect(page.locator("article h1")).to_contain_text("Interviews", timeout=TIMEOUT)
        expect(page.locator(PANEL)).to_have_count(0)
        assert foreign_requests(page, served.url) == []
