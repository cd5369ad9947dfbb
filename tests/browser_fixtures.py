"""Browser fixtures for the whole suite (a pytest plugin, loaded by tests/conftest.py):
Debian's chromium via Playwright, against the built site served on loopback."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import pages_server
from tests.conftest import ROOT, run_build

CHROMIUM = Path("/usr/bin/chromium")
# How long one browser step (a load, a click, a wait for an element) may take.
# A guard against a hang, not a speed gate: on a 2-core machine, with the
# other test worker running chromium too, a page load has taken over 15 s.
STEP_TIMEOUT_MS = 30_000
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """Build the site for a loopback address and serve it there as GitHub Pages would.

    The site is built with SITE_URL set to the address it is served from, as
    `mkdocs serve` does: Material's instant navigation only follows links
    that match the sitemap, whose URLs come from site_url.
    """
    site = tmp_path_factory.mktemp("browser-site")
    server, url = pages_server.start(site)  # bound first: the build needs the address
    result = run_build(ROOT, site, SITE_URL=url)
    assert result.returncode == 0, result.stdout + result.stderr
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.exists(), "the browser tests need Debian's chromium: sudo apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser context (empty storage) whose requests are all recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def foreign_requests(page, site_url):
    """Requests that left the site's own origin."""
    own = urlsplit(site_url).netloc
    return [url for url in page.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own]
