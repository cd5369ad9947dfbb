"""Link-preview tags, JSON-LD and data-file dates (macros/metadata.py, macros/page_head.py), without a build."""

import json
from datetime import date

import pytest

from macros.metadata import (breadcrumb_list, clips, iso_duration, json_ld_text, podcast_episode_node,
                             social_tags)
from macros.models import Episode
from macros.page_head import date_meta, parse_git_log


def make_episode(**changes) -> Episode:
    fields = {
        "slug": "hostile", "title": "A </script><!-- title & more", "season": 3, "episode": 7,
        "date": date(2022, 2, 27), "duration": "1:02:05", "guests": ["guest"],
        "page_url": "https://datatalks.club/podcast/hostile.html",
        "youtube_url": "https://www.youtube.com/watch?v=0Gqx1LtqRZU",
        "chapters": [{"at": "0:00", "title": "Intro"}, {"at": "5:11", "title": "Same start"},
                     {"at": "5:11", "title": "Shared"}, {"at": "1:01:58", "title": "Wrap-up"}],
    }
    fields.update(changes)
    return Episode.model_validate(fields)


@pytest.mark.parametrize("seconds, expected", [
    (0, "PT0S"), (59, "PT59S"), (60, "PT1M"), (3600, "PT1H"), (3725, "PT1H2M5S"), (7201, "PT2H1S"),
])
def test_iso_duration(seconds, expected):
    assert iso_duration(seconds) == expected


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!--", "a & b", "x\u2028y", "]]>"])
def test_json_ld_text_cannot_end_its_script_element(hostile):
    text = json_ld_text({"name": hostile})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": hostile}


def test_clips_run_from_each_chapter_start_to_the_next_and_the_last_to_the_end():
    parts = clips(make_episode())
    assert [(c["startOffset"], c.get("endOffset")) for c in parts] == [(0, 311), (311, 3718), (3718, 3725)]
    # Two chapters that share a start are one clip, named as on the episode page.
    assert parts[1]["name"] == "Same start / Shared"
    assert parts[1]["url"] == "https://www.youtube.com/watch?v=0Gqx1LtqRZU&t=311"


def test_the_last_clip_has_no_end_when_the_episode_has_no_duration():
    parts = clips(make_episode(duration=None))
    assert "endOffset" not in parts[-1] and parts[-2]["endOffset"] == parts[-1]["startOffset"]


def test_podcast_episode_carries_video_clips_guests_and_dates():
    guests = [{"@type": "Person", "name": "Guest"}]
    node = podcast_episode_node(make_episode(), url="https://site/episodes/hostile/", description="d", guests=guests,
                                date_modified="2026-11-20")
    assert node["@type"] == "PodcastEpisode" and node["actor"] == guests
    assert node["datePublished"] == "2022-02-27" and node["duration"] == "PT1H2M5S"
    assert node["partOfSeason"]["seasonNumber"] == 3 and node["episodeNumber"] == 7
    video = node["video"]
    assert video["@type"] == "VideoObject" and video["uploadDate"] == "2022-02-27"
    assert video["thumbnailUrl"] == "https://i.ytimg.com/vi/0Gqx1LtqRZU/hqdefault.jpg"
    assert [c["@type"] for c in video["hasPart"]] == ["Clip"] * 3
    assert node["sameAs"] == ["https://datatalks.club/podcast/hostile.html"]


def test_an_episode_without_date_or_duration_leaves_them_out():
    node = podcast_episode_node(make_episode(date=None, duration=None), url="u", description="d", guests=[])
    assert not {"datePublished", "duration"} & set(node)
    assert not {"uploadDate", "duration"} & set(node["video"])


def test_breadcrumb_positions_count_from_one():
    crumbs = breadcrumb_list([("Home", "https://s/"), ("Guide", "https://s/guide/"), ("Page", "https://s/guide/p/")])
    assert [(i["position"], i["name"]) for i in crumbs["itemListElement"]] == [(1, "Home"), (2, "Guide"), (3, "Page")]


def test_social_tags_take_the_page_description_and_are_all_present():
    tags = {t.key: t.value for t in social_tags(title="T", description="D", url="U", site_name="S", kind="article")}
    assert tags == {"og:type": "article", "og:site_name": "S", "og:title": "T", "og:description": "D", "og:url": "U",
                    "og:locale": "en_US", "twitter:card": "summary", "twitter:title": "T", "twitter:description": "D"}


def test_git_log_gives_each_file_its_latest_commit():
    # git log lists the newest commit first.
    log = "\x00300\n\ndata/episodes/a.yml\n\x00200\n\ndata/episodes/a.yml\ndata/guests/b.yml\n\x00100\n\ndata/x.yml\n"
    assert parse_git_log(log) == {"data/episodes/a.yml": 300, "data/guests/b.yml": 200, "data/x.yml": 100}
    assert parse_git_log("") == {}


def test_a_generated_page_date_looks_like_the_plugins():
    meta = date_meta(1_700_000_000)  # 2023-11-14 22:13 UTC
    assert meta["git_revision_date_localized_raw_iso_date"] == "2023-11-14"
    assert "November 14, 2023" in meta["git_revision_date_localized"]


# --- describe_page: what each kind of page gets ----------------------------------------------

from types import SimpleNamespace  # noqa: E402

from macros.errors import SiteError  # noqa: E402
from macros.page_head import describe_page  # noqa: E402

SITE = "https://example.org/site/"


def fake_config():
    return SimpleNamespace(site_url=SITE, site_name="Site <&>", site_description="What the site is.",
                           use_directory_urls=True)


def fake_page(src_uri, url, title, meta, ancestors=()):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, title=title, meta=meta,
                           ancestors=list(ancestors))


def fake_nav(*pages):
    return SimpleNamespace(pages=[SimpleNamespace(url=url, title=title) for url, title in pages])


def head_of(page, site_data, generated=()):
    described = describe_page(page, fake_config(), fake_nav(("", "Home"), ("episodes/", "Episodes")),
                              site_data, {src: None for src in generated})
    return {t.key: t.value for t in described["meta_tags"]}, json.loads(described["json_ld"])["@graph"]


def test_a_page_without_a_description_stops_the_build_naming_its_file(site_data):
    page = fake_page("wiki/new.md", "wiki/new/", "New", {"title": "New"})
    with pytest.raises(SiteError, match=r"docs/wiki/new\.md: front matter has no 'description'"):
        head_of(page, site_data)


def test_a_guide_page_is_a_tech_article_under_its_nav_sections(site_data):
    section = SimpleNamespace(title="Guide", children=[SimpleNamespace(is_page=True, url="guide/")])
    page = fake_page("guide/x.md", "guide/x/", "X", {"description": " Teaches\n x. ", "tags": ["MLOps"],
                                                    "git_revision_date_localized_raw_iso_date": "2026-01-02"},
                     ancestors=[section])
    tags, nodes = head_of(page, site_data)
    assert tags["og:description"] == "Teaches x." and tags["og:url"] == SITE + "guide/x/"
    assert tags["og:site_name"] == "Site <&>" and tags["og:type"] == "article"
    article, crumbs = nodes
    assert article["@type"] == "TechArticle" and article["dateModified"] == "2026-01-02"
    assert article["keywords"] == ["MLOps"]
    assert [i["item"] for i in crumbs["itemListElement"]] == [SITE, SITE + "guide/", SITE + "guide/x/"]


def test_an_episode_page_describes_its_episode_under_the_episodes_listing(site_data):
    episode = site_data.episodes[0]
    src = f"episodes/{episode.slug}.md"
    page = fake_page(src, f"episodes/{episode.slug}/", episode.title, {"description": "About it."})
    tags, nodes = head_of(page, site_data, generated=[src])
    node, crumbs = nodes
    assert node["@type"] == "PodcastEpisode" and node["name"] == episode.title
    assert [a["url"] for a in node["actor"]] == [f"{SITE}guests/{g}/" for g in episode.guests]
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Episodes", episode.title]


# --- llms.txt sections --------------------------------------------------------------------------

from macros.llms import llms_sections, with_title  # noqa: E402


def test_llms_sections_follow_the_nav_give_descriptions_and_take_the_first_matching_glob():
    descriptions = {"index.md": "Home.", "guide/b.md": "B\n  page.", "guide/a.md": "A page.",
                    "episodes/index.md": "All episodes.", "episodes/x.md": "X.", "other.md": "Unlisted."}
    nav = [{"Home": "index.md"}, {"Guide": ["guide/b.md", {"A": "guide/a.md"}]}, {"Episodes": "episodes/index.md"}]
    patterns = {"Guide": ["guide/*.md"], "Site": ["index.md", {"episodes/index.md": "ignored"}],
                "Optional": ["episodes/*.md"], "Empty": ["nothing/*.md"]}
    assert llms_sections(descriptions, nav, patterns) == {
        "Guide": [{"guide/b.md": "B page."}, {"guide/a.md": "A page."}],
        "Site": [{"index.md": "Home."}, {"episodes/index.md": "All episodes."}],
        "Optional": [{"episodes/x.md": "X."}],
    }


def test_a_page_without_a_heading_gets_its_escaped_title():
    assert with_title("<p>x</p>", "A <b> & c") == "<h1>A &lt;b&gt; &amp; c</h1>\n<p>x</p>"
    assert with_title('<h1 id="t">T</h1>', "Other") == '<h1 id="t">T</h1>'
