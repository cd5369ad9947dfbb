"""`make serve` really reloads the open page when a page or a data file changes.

This runs the Makefile's own serve target on a copy of the project and
watches a real browser pick up each edit.
"""

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.serving import make_serve, open_served_page, project_to_serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A save rebuilds the whole archive-sized site (560 pages) before the reload;
# on a 2-core machine that runs other tests too, that can take a minute or more.
RELOAD_TIMEOUT = 150_000


@pytest.fixture
def served_copy(tmp_path):
    with make_serve(project_to_serve(tmp_path)) as served:
        yield served.project, served.url


def test_saving_a_page_or_a_data_file_reloads_the_open_page(served_copy, new_page):
    project, url = served_copy
    page = open_served_page(new_page, f"{url}guide/interviews/")
    markdown = project / "docs/guide/interviews.md"
    markdown.write_text(markdown.read_text(encoding="utf-8") + "\n\nLive reload marker one.\n", encoding="utf-8")
    expect(page.locator("article")).to_contain_text("Live reload marker one.", timeout=RELOAD_TIMEOUT)

    page.goto(f"{url}episodes/ml-system-design/")
    page.wait_for_timeout(1500)
    data = project / "data/episodes/ml-system-design.yml"
    episode = yaml.safe_load(data.read_text(encoding="utf-8"))
    chapter = next(c for c in episode["chapters"] if c["at"] == "51:59")
    chapter["title"] = "Fallback Strategies: edited while serving"
    data.write_text(yaml.safe_dump(episode, allow_unicode=True, sort_keys=False), encoding="utf-8")
    expect(page.locator("#t-3119")).to_contain_text("edited while serving", timeout=RELOAD_TIMEOUT)

