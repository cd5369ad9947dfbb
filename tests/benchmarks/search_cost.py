"""What search costs a reader: bytes of a first visit per page type, and the first result's wait.

    python -m tests.benchmarks.search_cost [--site DIR] [--query mlops]

Builds the site (or takes a built one), serves it as GitHub Pages would
(gzip), and in Debian's chromium with the CPU slowed four times (a mid-range
phone, as Lighthouse's mobile preset assumes) measures:
- bytes transferred on a first visit to each page type, with an empty cache,
  and how many of them are the search index;
- time from the last key of a query to the first result on screen, the
  first time search is used on a visit (this includes loading the index).
Pass --site to measure another build, e.g. one of an earlier commit.
Prints a table and writes test-results/search-cost.json.
"""

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from tests import pages_server
from tests.browser_fixtures import CHROMIUM, LAUNCH_ARGS, PHONE, open_page, wait_for_requests_to_settle
from tests.conftest import ROOT, run_build

PAGE_TYPES = {
    "home": "",
    "guide": "guide/missing-skills/",
    "wiki": "wiki/mlops/",
    "episode": "episodes/from-software-engineer-to-machine-learning/",
    "guest": "guests/svpino/",
    "listing": "episodes/",
}
THROTTLE = 4
RUNS = 3


def _throttle(page):
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})


def first_visit_bytes(browser, url: str) -> dict:
    """Bytes a first visit downloads, the search worker's included: Playwright reports
    a worker's requests with the page's, which a CDP session on the page does not see."""
    page = open_page(browser, viewport=PHONE)
    page.goto(url)
    wait_for_requests_to_settle(page)
    # A repeat served from the browser's cache reports a body of minus its headers: 0 in all.
    sizes = [(request.url, request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"])
             for request in page.request_log.requests]
    page.context.close()
    return {"bytes": sum(size for _, size in sizes),
            "search_index_bytes": sum(size for url, size in sizes if "/search/" in url)}


def first_result_ms(browser, url: str, query: str) -> float:
    page = open_page(browser, viewport=PHONE)
    _throttle(page)
    page.goto(url)
    wait_for_requests_to_settle(page)
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query[:-1], delay=60)
    started = page.evaluate("performance.now()")
    box.press(query[-1])
    page.locator("li.md-search-result__item").first.wait_for(state="visible", timeout=60_000)
    elapsed = page.evaluate("performance.now()") - started
    page.context.close()
    return elapsed


def measure(site: Path, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = pages_server.start(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            loads = {name: first_visit_bytes(browser, url + path) for name, path in PAGE_TYPES.items()}
            times = [first_result_ms(browser, url + PAGE_TYPES["guide"], query) for _ in range(RUNS)]
            browser.close()
    finally:
        server.shutdown()
    index_files = {p.name: p.stat().st_size for p in (site / "search").glob("*.json")}
    return {"first_visit": loads, "first_result_ms": statistics.median(times), "runs_ms": times,
            "index_files_bytes": index_files, "cpu_throttle": THROTTLE, "query": query}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build this one)")
    parser.add_argument("--query", default="mlops")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            result = run_build(ROOT, site)
            if result.returncode != 0:
                raise SystemExit(result.stdout + result.stderr)
        report = measure(site, args.query)
    print(f"{'page type':10} {'first visit':>12} {'of it, search index':>20}")
    for name, load in report["first_visit"].items():
        print(f"{name:10} {load['bytes'] / 1024:9.1f} KiB {load['search_index_bytes'] / 1024:17.1f} KiB")
    print(f"first result for {report['query']!r} at {THROTTLE}x CPU slowdown: "
          f"{report['first_result_ms']:.0f} ms (median of {RUNS}: {', '.join(f'{t:.0f}' for t in report['runs_ms'])})")
    out = ROOT / "test-results" / "search-cost.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
