"""Browser fixtures for the whole suite (a pytest plugin, loaded by tests/conftest.py):
Debian's chromium via Playwright, against the built site served on loopback."""

import time
import warnings
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
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# wait_for_requests_to_settle: how long the page must go without a new request.
QUIET_S = 1.0
# ...and how long without a new request before what Playwright still counts as
# in flight is let go (see RequestLog).
STRAGGLER_S = 5.0
# ...and how long a page may go on issuing requests before that is a failure.
SETTLE_TIMEOUT_S = 60.0
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


def open_page(browser, **context_options):
    """A page in a fresh browser context (empty storage), with the suite's step
    timeout and a RequestLog. Closing page.context closes both. In a test, use
    the new_page fixture, which closes them."""
    context = browser.new_context(**{"viewport": DESKTOP, **context_options})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.request_log = RequestLog(page)
    return page


@pytest.fixture
def new_page(browser):
    """new_page(**context options) -> a page as open_page gives; all closed after the test."""
    pages = []

    def new(**context_options):
        pages.append(open_page(browser, **context_options))
        return pages[-1]

    yield new
    for page in pages:
        page.context.close()


@pytest.fixture
def page(new_page, site_url):
    return new_page()


class RequestLog:
    """Every request a page makes, in order, and those Playwright has not yet
    reported as finished or failed."""

    def __init__(self, page):
        self.requests: list = []
        self.in_flight: set = set()
        self.last_request = time.monotonic()
        page.on("request", self._issued)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    @property
    def urls(self) -> list[str]:
        return [request.url for request in self.requests]

    def _issued(self, request):
        self.requests.append(request)
        self.in_flight.add(request)
        self.last_request = time.monotonic()

    def _ended(self, request):
        self.in_flight.discard(request)


def wait_for_requests_to_settle(page) -> list[str]:
    """Wait until the page has stopped issuing requests of its own: none new for
    QUIET_S and none in flight. Returns the URLs Playwright still counts as in
    flight when nothing new came for STRAGGLER_S (normally none), and warns.

    Not Playwright's "networkidle", which needs every request reported finished:
    on a loaded CI machine it once did not fire in 60 s on the role matrix page,
    which alone goes idle in about 1.5 s. The tests need to know the page has
    stopped asking for things; a request never reported finished has still been
    seen, and the warning names it in the test summary.
    """
    log = page.request_log
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright deliver the page's events
        quiet = time.monotonic() - log.last_request
        if quiet >= QUIET_S and not log.in_flight:
            return []
        if quiet >= STRAGGLER_S:
            stragglers = sorted(request.url for request in log.in_flight)
            warnings.warn(f"{page.url}: still in flight after {STRAGGLER_S:.0f} s with no new "
                          f"request: {stragglers}")
            return stragglers
    raise AssertionError(f"{page.url} was still issuing requests after {SETTLE_TIMEOUT_S:.0f} s; "
                         f"the last ten: {log.urls[-10:]}")


def foreign_requests(page, site_url):
    """Requests that left the site's own origin."""
    own = urlsplit(site_url).netloc
    return [url for url in page.request_log.urls
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own]
