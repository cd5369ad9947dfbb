"""Backlinks: citations found in rendered HTML, placeholders filled afterwards."""

import re

import pytest

from macros.backlinks import BacklinkIndex, fill_placeholders, number_citations
from macros.citations import citation_html, resolve_citation
from macros.loader import load_site_data
from macros.urls import Linker

from .datasets import write_dataset


@pytest.fixture
def data(tmp_path):
    return load_site_data(write_dataset(tmp_path))


def page_html(data, *cites):
    """A rendered page: a heading with a permalink, then one paragraph per citation."""
    parts = ['<h1 id="t">Title</h1>']
    for heading, episode, times in cites:
        spans = resolve_citation(data.episodes_by_slug, episode, times)
        html = citation_html(spans, Linker("guide/a/"), data.guests_by_id)
        if heading:
            anchor = heading.lower().replace(" ", "-")
            parts.append(f'<h2 id="{anchor}">{heading}<a class="headerlink" href="#{anchor}">¶</a></h2>')
        parts.append(f"<p>As shown {html}.</p>")
    return "\n".join(parts)


def test_citations_are_numbered_in_order():
    html = number_citations('<span class="citation" data-episode="a"></span><span class="citation" data-episode="b">')
    assert 'id="cite-1" data-episode="a"' in html and 'id="cite-2" data-episode="b"' in html


def test_sections_are_recorded_without_permalink_text(data):
    index = BacklinkIndex()
    index.record("guide/a/", "Page A", page_html(data, (None, "first-episode", ["17:25"]),
                                                 ("Data work", "first-episode", ["17:25", "19:09"])))
    links = index.for_chapter("first-episode", 1045)
    assert [(l.section_title, l.anchor) for l in links] == [(None, "cite-1"), ("Data work", "cite-2")]
    assert index.for_chapter("first-episode", 1149)[0].url == "guide/a/#cite-2"


def test_order_of_pages_does_not_change_the_result(data):
    pages = [("guide/a/", "A", page_html(data, ("One", "first-episode", ["17:25"]))),
             ("wiki/b/", "B", page_html(data, ("Two", "first-episode", ["17:25"])))]
    forward, backward = BacklinkIndex(), BacklinkIndex()
    for url, title, html in pages:
        forward.record(url, title, html)
    for url, title, html in reversed(pages):
        backward.record(url, title, html)
    key = lambda links: sorted(l.url for l in links)  # noqa: E731
    assert key(forward.for_chapter("first-episode", 1045)) == key(backward.for_chapter("first-episode", 1045))


def test_placeholders_are_filled_with_relative_links(data):
    index = BacklinkIndex()
    index.record("guide/a/", "Page A", page_html(data, ("Data work", "second-episode", ["13:58-24:28"])))
    html = fill_placeholders(
        "<li><!--cited-on:second-episode:1468--></li><dd><!--citation-count:episode:second-episode--></dd>"
        "<dd><!--citation-count:guest:ada--></dd><!--guest-citations:bo-li-->",
        index, data, Linker("episodes/second-episode/"),
    )
    assert '<a href="../../guide/a/#cite-1">Page A › Data work</a>' in html
    assert '<details class="cited-on" open>' in html and "<summary>Cited on 1 section</summary>" in html
    assert "<dd>1 citation on 1 page</dd>" in html
    assert "<dd>Not cited yet</dd>" in html
    # A range's two ends are listed as the two chapter starts they are, each a link to its second.
    assert 'watch?v=BBBBBBBBBBB&amp;t=838"' in html
    assert ">13:58</a> and <a" in html and ">24:28</a>" in html and "–" not in html.split("guest-citations")[-1]


def test_uncited_chapter_gets_no_block(data):
    html = fill_placeholders("<li><!--cited-on:first-episode:0--></li>", BacklinkIndex(), data, Linker("x/"))
    assert html == "<li></li>"


def test_guest_without_citations_says_so(data):
    html = fill_placeholders("<!--guest-citations:ada-->", BacklinkIndex(), data, Linker("guests/ada/"))
    assert "No page of this guide cites this guest yet." in html


def test_guest_citations_group_by_episode_then_page_without_fake_ranges(data):
    index = BacklinkIndex()
    index.record("guide/a/", "Page A", page_html(data, ("One", "first-episode", ["17:25"]),
                                                 ("One", "first-episode", ["19:09"]),
                                                 ("Two", "first-episode", ["17:25"])))
    index.record("wiki/b/", "Page B", page_html(data, ("Three", "first-episode", ["19:09"])))
    html = fill_placeholders("<!--guest-citations:ada-->", index, data, Linker("guests/ada/"))
    lines = re.findall(r'<li><a class="cited-page" href="([^"]+)">([^<]+)</a>:(.*?)</li>', html, re.S)
    assert [(href, title) for href, title, _ in lines] == [("../../guide/a/", "Page A"), ("../../wiki/b/", "Page B")]
    first = lines[0][2]
    # Two citations in one section become one line with two times, each its own link: not "17:25–19:09".
    assert re.search(r">One</a> at <a class=\"citation-time\" href=\"[^\"]+t=1045\"[^>]*>17:25</a> and "
                     r"<a class=\"citation-time\" href=\"[^\"]+t=1149\"[^>]*>19:09</a>", first), first
    assert "–" not in html
    # One episode: its title is not repeated on every line, nor shown at all.
    assert data.episodes_by_slug["first-episode"].title not in html
