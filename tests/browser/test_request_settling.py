"""wait_for_requests_to_settle, which the privacy test relies on to see every
request a page makes: late ones are waited for, a page that never stops
requesting fails, and a request Playwright never reports finished is let go."""

import pytest

from tests import browser_fixtures, pages_server
from tests.browser_fixtures import wait_for_requests_to_settle

pytestmark = pytest.mark.browser

PAGES = {
    # A request issued well after the load event, as the search worker's are.
    "late.html": "<script>setTimeout(() => fetch('data.json?late'), 700)</script>",
    "polling.html": "<script>setInterval(() => fetch('data.json?poll=' + Date.now()), 200)</script>",
    "hanging.html": "<script>fetch('never-answered.json')</script>",
}


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("settling-site")
    for name, body in PAGES.items():
        (site / name).write_text(f"<!doctype html><title>{name}</title>{body}", encoding="utf-8")
    (site / "data.json").write_text("{}", encoding="utf-8")
    server, url = pages_server.start(site)
    yield url
    server.shutdown()


@pytest.fixture
def tab(new_page):
    return new_page()


def test_a_request_issued_after_load_is_waited_for(tab, tiny_site):
    tab.goto(tiny_site + "late.html")
    assert tiny_site + "data.json?late" not in tab.request_log.urls, "fired before load: nothing to test"
    assert wait_for_requests_to_settle(tab) == []
    assert tiny_site + "data.json?late" in tab.request_log.urls


def test_a_page_that_keeps_requesting_fails_with_what_it_requested(tab, tiny_site, monkeypatch):
    monkeypatch.setattr(browser_fixtures, "SETTLE_TIMEOUT_S", 3.0)
    tab.goto(tiny_site + "polling.html")
    with pytest.raises(AssertionError, match=r"still issuing requests after 3 s.*data\.json\?poll="):
        wait_for_requests_to_settle(tab)


def test_a_request_never_reported_finished_is_let_go_with_a_warning(tab, tiny_site, monkeypatch):
    monkeypatch.setattr(browser_fixtures, "STRAGGLER_S", 2.0)
    held = []
    tab.route("**/never-answered.json", lambda route: held.append(route))  # never answered
    tab.goto(tiny_site + "hanging.html")
    with pytest.warns(UserWarning, match="still in flight after 2 s"):
        assert wait_for_requests_to_settle(tab) == [tiny_site + "never-answered.json"]
