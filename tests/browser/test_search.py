"""Material's search, driven with real key presses: guests with and without accents, topics."""

import random

import pytest

from macros.folding import fold
from macros.loader import load_site_data
from macros.search_index import SHARDS
from macros.urls import page_url
from tests.browser_fixtures import wait_for_requests_to_settle
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

# The guests the guide cites most (the sources' twelve) and a fixed random sample of the
# rest of the archive, 50 in all: each is ~4 searches typed key by key, and all ~180
# guests would take half an hour; the seed keeps every run on the same guests.
SAMPLE_SIZE, SAMPLE_SEED = 50, 12
SOURCE_GUESTS = {"svpino", "nadianahar", "mihaileric", "simonstiebellehner", "raphaelhoogvliets",
                 "theofilospapapanagiotou", "valeriybabushkin", "krzysztofszafanek", "jackblandin",
                 "benwilson", "arsenykravchenko", "lukewhipps"}
_ALL = sorted(load_site_data(ROOT / "data").guests, key=lambda g: g.id)
_REST = [g for g in _ALL if g.id not in SOURCE_GUESTS]
GUESTS = [g for g in _ALL if g.id in SOURCE_GUESTS] + random.Random(SAMPLE_SEED).sample(
    _REST, min(len(_REST), SAMPLE_SIZE - len(SOURCE_GUESTS)))


SETTLED_MS, SETTLE_LIMIT_MS = 1500, 20_000


def search(page, site_url, query, top=5):
    """Type a query into the search box key by key; return the top result pages' URLs."""
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    results.first.wait_for(state="visible")
    # The first answer comes from the guide, wiki and guests; the whole index (episodes,
    # topics) answers again when it is built (search-worker.js). Read the list once it
    # has stopped changing.
    hrefs, still_for, waited = None, 0, 0
    while still_for < SETTLED_MS and waited < SETTLE_LIMIT_MS:
        page.wait_for_timeout(250)
        waited += 250
        now = results.evaluate_all("links => links.map(a => a.href)")
        still_for = still_for + 250 if now == hrefs else 0
        hrefs = now
    pages = []
    for href in hrefs:
        url = href.split("#")[0].split("?")[0]  # drop Material's ?h= highlight and section anchors
        if url not in pages:
            pages.append(url)
    return pages[:top]


def test_the_index_is_fetched_when_the_reader_searches_not_when_a_page_loads(page, site_url):
    def shards_fetched():
        return [url for url in page.request_log.urls if url.split("?")[0].endswith(SHARDS)]

    page.goto(f"{site_url}role-lanes/")
    wait_for_requests_to_settle(page)
    assert shards_fetched() == [], "a page view downloaded the search index"
    assert search(page, site_url, "mlops"), "no result for mlops"
    assert f"{site_url}search/{SHARDS[0]}" in shards_fetched()


def queries_for(guest):
    """The full name as written, without accents, lowercased, and the family name alone.

    A family name of one to three letters ("Ma") alone is left out: search
    matches what a reader types as the start of a word, and that many letters
    start too many words for any one page to lead.
    """
    family = guest.name.split()[-1]
    queries = {guest.name, fold(guest.name), fold(guest.name).lower()}
    if len(family) > 3:
        queries.add(fold(family).lower())
    return sorted(queries)


@pytest.mark.parametrize("guest, query", [(g, q) for g in GUESTS for q in queries_for(g)],
                         ids=lambda value: value if isinstance(value, str) else value.id)
def test_every_guest_is_found_by_name_with_or_without_accents(page, site_url, guest, query):
    found = search(page, site_url, query, top=3)
    assert f"{site_url}guests/{guest.id}/" in found, f"{query!r} -> {found}"


def test_raphael_without_accent_finds_raphael_hoogvliets(page, site_url):
    for query in ("raphael", "Raphaël", "hoogvliets"):
        assert search(page, site_url, query, top=3)[0] == f"{site_url}guests/raphaelhoogvliets/", query


def pages_mentioning(phrase):
    """Site paths of the pages whose source mentions the phrase (any case)."""
    paths = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if phrase in path.read_text(encoding="utf-8").lower():
            paths.append(page_url(path.relative_to(ROOT / "docs").as_posix()))
    return paths


@pytest.mark.parametrize("query, treated_on", [
    ("leakage", ["guide/missing-skills/"]),
    ("drift", ["wiki/model-monitoring/"]),
    ("feature store", pages_mentioning("feature store")),
    ("mlops vs devops", ["wiki/mlops-vs-devops/"]),
    ("design doc", ["wiki/ml-system-design-documents/"]),
])
def test_topic_words_find_the_pages_that_treat_them(page, site_url, query, treated_on):
    assert treated_on, f"no page mentions {query!r}"
    found = search(page, site_url, query, top=8)
    assert any(f"{site_url}{path}" in found for path in treated_on), f"{query!r} -> {found}"
