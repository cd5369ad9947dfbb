"""Role matrix, roadmaps, listings and generated pages, rendered from a small dataset."""

import re

import pytest
import yaml
from markupsafe import Markup

from mkdocs.utils.meta import get_data

from macros.generated import _front_matter as front_matter, generated_pages
from macros.listings import (episode_list_html, episode_page_md, guest_list_html, guest_page_md, topic_list_html,
                             topic_page_md)
from macros.loader import load_site_data
from macros.matrix import role_matrix_html
from macros.roadmaps import roadmap_html
from macros.urls import Linker, page_url

from .datasets import write_dataset


@pytest.fixture
def data(tmp_path):
    return load_site_data(write_dataset(tmp_path))


def fake_cite(ref):
    return f"<cite-{ref.episode}-{ref.at}>"


def test_role_matrix_has_a_row_per_skill_and_a_column_per_lane(data):
    html = role_matrix_html(data.roles, Linker("role-lanes/"), fake_cite)
    assert html.count("<tr>") == 1 + len(data.roles.skills)
    assert html.count('<th scope="col">') == 1 + len(data.roles.lanes)


def test_role_matrix_is_readable_without_colour(data):
    html = role_matrix_html(data.roles, Linker("role-lanes/"), fake_cite)
    # every cell says its level in words, and the legend explains each symbol
    assert '<span class="level-symbol" aria-hidden="true">●</span> <span class="level-label">Core</span>' in html
    assert "<dd>Often helps.</dd>" in html
    assert "<cite-first-episode-17:25>" in html


def test_block_output_has_no_blank_or_indented_lines(data):
    html = role_matrix_html(data.roles, Linker("role-lanes/"), fake_cite).strip()
    assert all(line and not line[0].isspace() for line in html.splitlines())


def test_roadmap_draws_a_bar_per_phase_and_a_checklist(data):
    html = roadmap_html(data.roadmap("short-plan"), lambda ref: Markup("<i>c</i>"))
    assert html.count('<li class="roadmap-bar') == 2
    assert "--start: 1; --span: 2" in html and "--start: 3; --span: 1" in html
    assert html.count('type="checkbox"') == 2
    assert 'aria-label="Learn a thing."' in html
    assert "3+ weeks" in html and "Backed by <i>c</i>" in html


def test_roadmap_anchors_are_unique(data):
    html = roadmap_html(data.roadmap("short-plan"), fake_cite)
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 2


def test_episode_page_lists_each_distinct_start_once(data):
    md = episode_page_md(data, "second-episode", Linker("episodes/second-episode/"))
    assert md.count('class="chapter"') == 3
    assert '<li class="chapter" id="t-838">' in md and "Contrast / Case Study" in md
    assert "<!--cited-on:second-episode:838-->" in md
    assert "## Chapters" in md


def test_episode_page_links_guest_and_media(data):
    md = episode_page_md(data, "first-episode", Linker("episodes/first-episode/"))
    assert 'href="../../guests/ada/"' in md
    assert 'href="https://example.org/podcast/first.html"' in md
    assert "&amp;t=1045" in md


def test_guest_page_says_who_they_are_without_search_aids(tmp_path):
    data = load_site_data(write_dataset(tmp_path, guests=[
        ("name: Ada Lovelace\n", "name: Ada Lovelace\nrole: Analyst <b>\norganisation: Engine & Co\n")]))
    md = guest_page_md(data, "ada", Linker("guests/ada/"))
    # Facts from data arrive as text: escaped, never markup.
    assert '<p class="guest-role">Analyst &lt;b&gt; at Engine &amp; Co, as listed' in md
    assert "without accents" not in guest_page_md(data, "bo-li", Linker("guests/bo-li/"))
    assert "guest-role" not in guest_page_md(data, "bo-li", Linker("guests/bo-li/")), "no role: no line"
    assert "<!--guest-citations:ada-->" in md
    episode = episode_page_md(data, "first-episode", Linker("episodes/first-episode/"))
    assert '<span class="guest-role">(Analyst &lt;b&gt; at Engine &amp; Co)</span>' in episode


def test_a_role_longer_than_a_line_is_refused(tmp_path):
    from macros.errors import SiteError
    with pytest.raises(SiteError, match=r"ada\.yml.*role"):
        load_site_data(write_dataset(tmp_path, guests=[("name: Ada Lovelace\n", "name: Ada Lovelace\nrole: " + "x" * 81 + "\n")]))


def test_episode_pages_name_the_podcast_page_as_canonical(data):
    pages = generated_pages(data)
    assert pages["episodes/first-episode.md"].canonical_url == "https://example.org/podcast/first.html"
    assert pages["guests/ada.md"].canonical_url is None


def test_guest_page_builds_profile_urls_from_handles(data):
    md = guest_page_md(data, "ada", Linker("guests/ada/"))
    assert 'href="https://github.com/ada"' in md


def test_listings_link_every_episode_and_guest(data):
    episodes = episode_list_html(data, Linker("episodes/"))
    assert 'href="first-episode/"' in episodes and 'href="second-episode/"' in episodes
    guests = guest_list_html(data, Linker("guests/"))
    assert guests.index("Ada Lovelace") < guests.index("Bö Lì")


def test_listing_cards_carry_what_the_filters_match(data):
    episodes = episode_list_html(data, Linker("episodes/"))
    assert episodes.count('<li class="listing-card"') == 2
    assert 'data-season="1" data-topics="MLOps|Career growth" data-text="first episode: a talk ada lovelace"' in episodes
    # The filter form is hidden until the script runs: without it, everything shows.
    assert ('<div class="listing-filter" role="search" aria-label="Filter this list" '
            'data-filter-for="episode-listing">') in episodes
    assert '<option value="MLOps">MLOps</option>' in episodes
    guests = guest_list_html(data, Linker("guests/"))
    assert 'data-text="bo li"' in guests, "accents folded, as the script folds what is typed"


def test_listing_data_is_escaped_in_attributes(tmp_path):
    data = load_site_data(write_dataset(tmp_path, guests=[("name: Ada Lovelace", 'name: Ada "x" <i>')]))
    guests = guest_list_html(data, Linker("guests/"))
    assert '<i>' not in guests and 'data-text="ada &#34;x&#34; &lt;i&gt;"' in guests


def test_episode_page_shows_date_length_and_topics(data):
    md = episode_page_md(data, "first-episode", Linker("episodes/first-episode/"))
    assert '<time datetime="2021-06-25">June 25, 2021</time>' in md
    assert "<dd>65 minutes</dd>" in md
    assert '<a href="../../topics/mlops/">MLOps</a>, <a href="../../topics/career-growth/">Career growth</a>' in md


def test_topic_page_lists_guide_pages_then_episodes_newest_first(data):
    site_pages = [("MLOps", "wiki/mlops.md")]
    md = topic_page_md(data, "MLOps", site_pages, Linker("topics/mlops/"))
    assert '<a href="../../wiki/mlops/">MLOps</a>' in md
    assert md.index("Second Episode") < md.index("First Episode: A Talk")
    assert '<a href="../../guests/bo-li/">Bö Lì</a>' in md
    without_pages = topic_page_md(data, "Career growth", [], Linker("topics/career-growth/"))
    assert "Pages of this guide" not in without_pages and "First Episode: A Talk" in without_pages


def test_topic_list_counts_episodes_and_pages(data):
    html = topic_list_html(data, Linker("topics/"), {"MLOps": [("MLOps", "wiki/mlops.md")]})
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td>(\d+)</td>\s*<td>(\d+)</td>', html)
    assert rows == [("career-growth/", "Career growth", "1", "0"), ("mlops/", "MLOps", "2", "1")]


def test_generated_sources_cover_all_data(data):
    pages = generated_pages(data)
    assert set(pages) == {"episodes/first-episode.md", "episodes/second-episode.md",
                          "guests/ada.md", "guests/bo-li.md", "topics/mlops.md", "topics/career-growth.md"}
    assert pages["episodes/first-episode.md"].data_file == "data/episodes/first-episode.yml"
    assert pages["guests/bo-li.md"].data_file == "data/guests/bo-li.yml"
    assert pages["topics/mlops.md"].data_file is None, "a topic is made from many episode files"
    page = pages["episodes/first-episode.md"]
    assert get_data(page.source + "body")[1]["title"] == "First Episode: A Talk"
    assert '\nrender_macros: false\n' in page.source, "generated bodies are not Jinja templates"
    assert "## Chapters" in page.body(Linker("episodes/first-episode/"))


@pytest.mark.parametrize("title", [
    "</title><script>alert(1)</script>", "a\n---\nb", "...\nend", "'\"quotes\"'", "- a list?",
    "key: value", "{{ 7*7 }}", "Raphaël \u2028 line\x85separators\u2029", "x\u2028y\x85z", "# comment", "&amp; ]]></",
])
def test_generated_front_matter_reads_back_as_written(title):
    """MkDocs must read exactly the title written; a lost or cut title is a silent mistake."""
    meta = {"title": title, "description": f"About {title}", "search": {"boost": 3}, "render_macros": False}
    body, read = get_data(front_matter(meta) + "Body text.")
    assert read == meta and body == "Body text."


@pytest.mark.parametrize("src, directory_urls, url", [
    ("index.md", True, ""),
    ("guide/index.md", True, "guide/"),
    ("guide/x.md", True, "guide/x/"),
    ("guide/x.md", False, "guide/x.html"),
])
def test_page_url_matches_mkdocs(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


def test_linker_relative_links():
    linker = Linker("guide/projects/one/")
    assert linker.to_src("wiki/mlops.md") == "../../../wiki/mlops/"
    assert linker.to_url("guide/x/#cite-2") == "../../x/#cite-2"
    assert Linker("").episode("a", 5) == "episodes/a/#t-5"
    # the home page's URL is '': a backlink to it must still leave the current page
    assert Linker("episodes/x/").to_url("#cite-1") == "../../#cite-1"
    assert Linker("").to_url("#cite-1") == "./#cite-1"


def test_a_topic_name_with_markup_stays_text_everywhere(tmp_path):
    hostile = '<img src=x onerror=alert(1)> "quoted" *stars*'
    data = load_site_data(write_dataset(tmp_path, episodes=[("topics: [MLOps]", f"topics: ['{hostile}']")]))
    pages = generated_pages(data)
    src = "topics/img-src-x-onerror-alert-1-quoted-stars.md"
    assert src in pages, "the file name keeps letters, digits and hyphens only"
    body = pages[src].body(Linker("topics/x/"))
    listing = topic_list_html(data, Linker("topics/"), {})
    episode = episode_page_md(data, "second-episode", Linker("episodes/second-episode/"))
    for html in (body, listing, episode):
        assert "<img" not in html, html
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; *stars*" in listing
    front = yaml.safe_load(pages[src].source.split("---\n")[1])
    assert front["title"] == hostile, "front matter holds the name as text, which the hooks escape as the page title"


_CITATION = re.compile(r'<span class="citation".*?</span>', re.S)
_CITED_NAMES = re.compile(r'<span class="citation"[^>]*>\s*<a class="citation-source"[^>]*>([^<]+)</a>')


def doubly_named(html: str) -> list[str]:
    """Sentences that name a guest and then cite the same guest by name: "X says … (X at 17:35)"."""
    from html import unescape
    found = []
    for block in re.findall(r"<(p|li|td)\b[^>]*>(.*?)</\1>", html, re.S):
        text = block[1]
        for match in _CITED_NAMES.finditer(text):
            before = unescape(re.sub(r"<[^>]+>", "", _CITATION.sub("", text[: match.start()])))
            sentence = re.split(r"(?<=[.!?])\s", before)[-1]
            for name in re.split(r", | and ", unescape(match[1])):
                if re.search(rf"\b{re.escape(name.split()[-1])}\b", sentence):
                    found.append(f"{name}: …{sentence[-80:]}")
    return found


def test_double_naming_is_detected():
    cite = '<span class="citation" data-episode="e"><a class="citation-source" href="x">Ada Lovelace</a> at 1:00</span>'
    assert doubly_named(f"<p>Lovelace argues this ({cite}).</p>") == ["Ada Lovelace: …Lovelace argues this ("]
    assert doubly_named(f"<p>One guest argues this ({cite}). Lovelace agrees.</p>") == []
    assert doubly_named(f"<p>Guests agree ({cite}; {cite}).</p>") == [], "a citation is not a naming"


def test_no_page_names_a_guest_next_to_a_citation_of_them(built_site):
    problems = [f"{page.relative_to(built_site)}: {problem}"
                for page in sorted(built_site.rglob("*.html"))
                for problem in doubly_named(page.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)
