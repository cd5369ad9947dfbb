"""Loading and using any page type requests nothing outside the site's own origin."""

import pytest

from tests.browser_fixtures import foreign_requests, wait_for_requests_to_settle

from .conftest import PAGE_TYPES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_and_its_search_stay_on_the_site(page, site_url, kind):
    page.goto(site_url + PAGE_TYPES[kind])
    # Every request must be seen, the search worker's after load included.
    wait_for_requests_to_settle(page)
    # Use the page: open the search and get results, toggle the palette, tick a box if any.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("monitoring", delay=30)
    page.locator("li.md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.locator("label[for^=__palette_]:visible").click()
    if page.locator(".md-content li.task-list-item").count():
        item = page.locator(".md-content li.task-list-item").first
        item.scroll_into_view_if_needed()
        bounds = item.bounding_box()
        page.mouse.click(bounds["x"] - 12, bounds["y"] + 10)
    wait_for_requests_to_settle(page)
    assert page.request_log.urls, "no request was recorded at all"
    assert foreign_requests(page, site_url) == []
