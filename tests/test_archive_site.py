"""The real site at the podcast archive's size: the counts the importer reported, and
backlinks, guest citations and topic pages that stay right with ~600 generated pages."""

import json
from collections import defaultdict

import pytest

from macros.urls import topic_slug

from .conftest import ROOT
from .sitemap import built_pages

pytestmark = pytest.mark.slow

REPORT = json.loads((ROOT / "data" / "import-report.json").read_text(encoding="utf-8"))


def page_dirs(site, folder):
    return {p.parent.name for p in (site / folder).glob("*/index.html")}


def test_the_committed_report_describes_the_committed_data():
    """data/import-report.json is what `make import` did last; it must match data/ as committed."""
    assert REPORT["written"]["episodes"] == sorted(
        p.stem for p in (ROOT / "data/episodes").glob("*.yml") if p.stem not in REPORT["kept"]["episodes"])
    assert REPORT["written"]["guests"] == sorted(
        p.stem for p in (ROOT / "data/guests").glob("*.yml") if p.stem not in REPORT["kept"]["guests"])


def test_the_site_has_a_page_for_each_episode_guest_and_topic_the_importer_wrote(built_site):
    episodes = set(REPORT["written"]["episodes"]) | set(REPORT["kept"]["episodes"])
    guests = set(REPORT["written"]["guests"]) | set(REPORT["kept"]["guests"])
    assert page_dirs(built_site, "episodes") == episodes
    assert page_dirs(built_site, "guests") == guests
    assert page_dirs(built_site, "topics") == {topic_slug(name) for name in REPORT["topics"]}
    # At archive scale: every episode with chapters but the rejected one, every person on one.
    assert len(episodes) >= 190 and len(guests) >= 170 and len(REPORT["topics"]) >= 100


def test_the_listings_have_one_row_per_page(built_site):
    for folder, count in (("episodes", len(page_dirs(built_site, "episodes"))),
                          ("guests", len(page_dirs(built_site, "guests"))),
                          ("topics", len(REPORT["topics"]))):
        tree = next(p for p in built_pages(built_site) if p.path == built_site / folder / "index.html").tree
        # Episodes and guests are listed as cards, topics in a table.
        rows = tree.xpath('//*[contains(@class, "listing-cards")]/li[contains(@class, "listing-card")]'
                          ' | //table[contains(@class, "listing")]/tbody/tr')
        assert len(rows) == count, f"{folder}/: {len(rows)} rows for {count} pages"


@pytest.fixture(scope="module")
def citations(built_site):
    """Every citation of the built site: (page file, episode slug, chapter seconds)."""
    found = []
    for page in built_pages(built_site):
        for span in page.tree.xpath('//span[contains(concat(" ", @class, " "), " citation ")]'):
            for link in span.xpath('.//a[@class="citation-time"]'):
                found.append((page.path, span.get("data-episode"), int(link.get("data-at"))))
    assert len(found) > 100
    return found


def test_cited_on_lists_exactly_the_pages_that_cite_each_chapter(built_site, citations):
    expected = defaultdict(set)
    for page, episode, seconds in citations:
        expected[(episode, seconds)].add(page)
    pages = {p.path: p for p in built_pages(built_site)}
    actual = defaultdict(set)
    for slug in page_dirs(built_site, "episodes"):
        page = pages[built_site / "episodes" / slug / "index.html"]
        for chapter in page.tree.xpath('//li[contains(@class, "chapter")]'):
            seconds = int(chapter.get("id").removeprefix("t-"))
            for link in chapter.xpath('.//details[contains(@class, "cited-on")]//a'):
                target, fragment = page.resolve(link.get("href"))
                assert fragment.startswith("cite-"), link.get("href")
                actual[(slug, seconds)].add(target)
    assert actual == expected


def test_each_guest_page_lists_the_pages_citing_their_episodes(built_site, citations, site_data):
    pages = {p.path: p for p in built_pages(built_site)}
    citing = defaultdict(set)
    for page, episode, _ in citations:
        citing[episode].add(page)
    for guest in site_data.guests:
        page = pages[built_site / "guests" / guest.id / "index.html"]
        listed = {page.resolve(a.get("href"))[0]
                  for a in page.tree.xpath('//div[@class="guest-citations"]//a[@class="cited-page"]')}
        expected = set().union(*(citing[e.slug] for e in site_data.episodes_of(guest.id)))
        assert listed == expected, guest.id
        if not expected:
            assert page.tree.xpath('//p[@class="guest-citations-empty"]'), guest.id


def test_topic_pages_list_their_episodes_and_the_guide_pages_with_that_tag(built_site, site_data):
    pages = {p.path: p for p in built_pages(built_site)}
    tagged = defaultdict(set)
    for page in pages.values():
        for tag in page.tree.xpath('//nav[contains(@class, "md-tags")]//a/@href'):
            tagged[tag.rsplit("#", 1)[-1]].add(page.path)
    for name in REPORT["topics"]:
        page = pages[built_site / "topics" / topic_slug(name) / "index.html"]
        episodes = {page.resolve(a.get("href"))[0].parent.name
                    for a in page.tree.xpath('//ul[@class="topic-episodes"]/li/a[1]')}
        assert episodes == {e.slug for e in site_data.episodes if name in e.topics}, name
        guide = {page.resolve(a.get("href"))[0] for a in page.tree.xpath('//ul[@class="topic-pages"]/li/a')}
        assert guide == tagged.get(f"tag:{topic_slug(name)}", set()), name
    assert any(pages[built_site / "topics" / topic_slug(name) / "index.html"].tree.xpath('//ul[@class="topic-pages"]')
               for name in REPORT["topics"]), "no topic is merged with a tag of the guide"
