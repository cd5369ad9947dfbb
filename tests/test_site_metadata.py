"""What the built site tells link previews, search engines and answer tools.

Every page: a description, Open Graph and Twitter tags, JSON-LD that is valid
against the schema.org types it uses (a vendored subset of the vocabulary,
tests/fixtures/schemaorg-subset.json), and a last-updated date. The site:
/llms.txt with a Markdown copy of each page, and /citations.json whose every
record points at a real citation.
"""

import json
import re
from functools import cached_property
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from macros.timecodes import parse_timecode

from .conftest import ROOT, copy_project, run_build

pytestmark = pytest.mark.slow

VOCABULARY = json.loads((ROOT / "tests" / "fixtures" / "schemaorg-subset.json").read_text(encoding="utf-8"))
SOCIAL = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "twitter:card", "twitter:title",
          "twitter:description"]
_ISO_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


class BuiltPage:
    def __init__(self, site: Path, path: Path):
        self.path = path
        self.url = path.relative_to(site).as_posix().removesuffix("index.html")
        self.tree = lxml_html.fromstring(path.read_bytes())

    def meta(self, key: str) -> list[str]:
        return self.tree.xpath(f'//head/meta[@property="{key}" or @name="{key}"]/@content')

    @cached_property
    def json_ld(self) -> list[dict]:
        return [json.loads(s.text) for s in self.tree.xpath('//script[@type="application/ld+json"]')]

    def nodes(self):
        """Every typed node of the page's JSON-LD, nested ones included."""
        def walk(value):
            if isinstance(value, dict):
                if "@type" in value:
                    yield value
                for item in value.values():
                    yield from walk(item)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item)
        for document in self.json_ld:
            yield from walk(document)

    def top_types(self) -> set[str]:
        return {node["@type"] for document in self.json_ld for node in document.get("@graph", [])}


@pytest.fixture(scope="session")
def pages(built_site) -> dict[str, BuiltPage]:
    """Every HTML page of the built site by its URL ('' is home, '404.html' the not-found page)."""
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        page = BuiltPage(built_site, path)
        found[page.url] = page
    assert len(found) > 100, "the archive's generated pages are missing from the build"
    return found


def test_every_page_has_a_description_and_link_preview_tags(pages):
    problems = []
    for url, page in pages.items():
        description = page.meta("description")
        if len(description) != 1 or not description[0].strip():
            problems.append(f"{url or '/'}: {len(description)} meta descriptions")
            continue
        for key in SOCIAL:
            values = page.meta(key)
            if len(values) != 1 or not values[0].strip():
                problems.append(f"{url or '/'}: {key} given {len(values)} times")
        if page.meta("og:description") != description:
            problems.append(f"{url or '/'}: og:description is not the page's own description")
        if page.meta("twitter:card") != ["summary"]:
            problems.append(f"{url or '/'}: twitter:card is {page.meta('twitter:card')}")
    assert not problems, "\n".join(problems[:30])


def test_og_url_is_the_page_itself(pages):
    site_url = pages[""].meta("og:url")[0]
    wrong = [url for url, page in pages.items() if page.meta("og:url") != [site_url + url]]
    assert not wrong, f"og:url does not match the page on: {wrong[:10]}"


def _check_node(node: dict) -> list[str]:
    kind = node["@type"]
    known = VOCABULARY["types"].get(kind)
    if known is None:
        return [f"type {kind} is not in the vocabulary subset"]
    problems = [f"{kind}.{key} is not a property of {kind}" for key in node
                if not key.startswith("@") and key not in known["properties"]]
    problems += [f"{kind} lacks {key}" for key in VOCABULARY["required"].get(kind, []) if node.get(key) in (None, "", [])]
    return problems


def test_every_page_has_json_ld_valid_against_the_schema_org_vocabulary(pages):
    problems = []
    for url, page in pages.items():
        if len(page.json_ld) != 1:
            problems.append(f"{url or '/'}: {len(page.json_ld)} JSON-LD scripts")
            continue
        document = page.json_ld[0]
        if document.get("@context") != "https://schema.org":
            problems.append(f"{url or '/'}: @context is {document.get('@context')!r}")
        problems += [f"{url or '/'}: {p}" for node in page.nodes() for p in _check_node(node)]
        if url not in ("", "404.html") and "BreadcrumbList" not in page.top_types():
            problems.append(f"{url}: no BreadcrumbList")
    assert not problems, "\n".join(problems[:30])


def test_page_types_match_what_the_page_is(pages):
    expected = {
        "guide/missing-skills/": "TechArticle", "wiki/mlops/": "TechArticle", "role-lanes/": "TechArticle",
        "episodes/": "CollectionPage", "guests/": "CollectionPage", "tags/": "CollectionPage",
        "guests/raphaelhoogvliets/": "ProfilePage", "topics/mlops/": "CollectionPage", "": "WebSite",
    }
    for url, kind in expected.items():
        assert kind in pages[url].top_types(), f"{url}: {pages[url].top_types()}"
    episode_pages = [u for u in pages if u.startswith("episodes/") and u != "episodes/"]
    assert episode_pages and all("PodcastEpisode" in pages[u].top_types() for u in episode_pages)


def test_breadcrumbs_lead_from_home_to_the_page(pages):
    page = pages["guide/projects/baseline-model/"]
    crumbs = next(n for n in page.json_ld[0]["@graph"] if n["@type"] == "BreadcrumbList")["itemListElement"]
    site = pages[""].meta("og:url")[0]
    assert [c["item"] for c in crumbs] == [site, site + "guide/", site + "guide/projects/",
                                           site + "guide/projects/baseline-model/"]
    assert [c["position"] for c in crumbs] == [1, 2, 3, 4]


def _seconds(iso: str) -> int:
    match = _ISO_DURATION.match(iso)
    assert match, f"{iso!r} is not an ISO 8601 duration"
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def test_episode_clips_are_the_chapters_in_order_within_the_episode(pages, site_data):
    problems = []
    for episode in site_data.episodes:
        url = f"episodes/{episode.slug}/"
        node = next(n for n in pages[url].nodes() if n["@type"] == "PodcastEpisode")
        clips = node["video"]["hasPart"]
        starts = [c["startOffset"] for c in clips]
        if starts != sorted(episode.starts) or len(set(starts)) != len(starts):
            problems.append(f"{url}: clip starts {starts} are not the chapter starts")
        for clip, following in zip(clips, clips[1:]):
            if clip["endOffset"] != following["startOffset"]:
                problems.append(f"{url}: clip at {clip['startOffset']} ends at {clip['endOffset']}")
        if episode.duration:
            length = parse_timecode(episode.duration)
            if _seconds(node["duration"]) != length or clips[-1]["endOffset"] != length:
                problems.append(f"{url}: duration {node['duration']}, last clip ends {clips[-1].get('endOffset')}")
            if any(not 0 <= c["startOffset"] < c["endOffset"] <= length for c in clips):
                problems.append(f"{url}: a clip lies outside 0..{length}")
        if episode.date and node.get("datePublished") != episode.date.isoformat():
            problems.append(f"{url}: datePublished {node.get('datePublished')}")
        if [a["name"] for a in node["actor"]] != [site_data.guests_by_id[g].name for g in episode.guests]:
            problems.append(f"{url}: actors are not the episode's guests")
    assert not problems, "\n".join(problems[:30])


# Material writes the date in an <aside>; theme_markup makes it a <div> (axe: no landmark inside <article>).
LAST_UPDATED = '//div[contains(@class, "md-source-file")]//span[contains(@class, "git-revision-date")]'


def test_every_page_shows_when_it_was_last_updated(pages):
    undated = [url or "/" for url, page in pages.items()
               if url != "404.html" and not page.tree.xpath(LAST_UPDATED)]
    assert not undated, f"no last-updated date on {len(undated)} pages, e.g. {undated[:10]}"
    articles = [n for p in pages.values() for n in p.nodes() if n["@type"] in ("TechArticle", "PodcastEpisode")]
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}$", n.get("dateModified", "")) for n in articles)


def test_llms_txt_names_the_site_and_lists_the_guide_and_wiki_with_descriptions(built_site, pages):
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# ML for Software Engineers\n")
    assert re.search(r"^> \S.+", text, re.M), "llms.txt has no summary line"
    site = pages[""].meta("og:url")[0]
    missing = []
    for url, page in pages.items():
        if url.startswith(("guide/", "wiki/")):
            description = page.meta("description")[0]
            if f"]({site}{url}index.md)" not in text or description not in text:
                missing.append(url)
    assert not missing, f"llms.txt lacks these pages or their descriptions: {missing}"


def test_every_page_has_a_markdown_copy(built_site, pages):
    missing = [url for url in pages if url != "404.html" and not (built_site / url / "index.md").is_file()]
    assert not missing, f"{len(missing)} pages have no Markdown copy, e.g. {missing[:10]}"


def test_markdown_copies_of_generated_pages_have_their_title_and_citations(built_site, site_data):
    guest = site_data.guests_by_id["raphaelhoogvliets"]
    copy = (built_site / "guests" / guest.id / "index.md").read_text(encoding="utf-8")
    assert copy.startswith(f"# {guest.name}\n")
    assert "/guide/" in copy.split("## Cited in this guide", 1)[1], "the guest's citations are missing"
    episode = site_data.episodes_of(guest.id)[0]
    copy = (built_site / "episodes" / episode.slug / "index.md").read_text(encoding="utf-8")
    assert copy.startswith(f"# {episode.title}\n")
    assert re.search(r"Cited in this guide : \d+ citations? on \d+ pages?", copy)


def test_citations_file_resolves_to_real_citations(built_site, pages, site_data):
    document = json.loads((built_site / "citations.json").read_text(encoding="utf-8"))
    records = document["citations"]
    in_pages = sum(len(p.tree.xpath('//span[@class="citation"][@id]')) for p in pages.values())
    assert document["count"] == len(records) == in_pages > 0
    problems = []
    for record in records:
        page = pages.get(record["page"])
        if page is None:
            problems.append(f"{record['page']}: no such page")
            continue
        element = page.tree.get_element_by_id(record["anchor"], None)
        if element is None or element.get("data-episode") != record["episode"]:
            problems.append(f"{record['page']}#{record['anchor']}: no citation of {record['episode']} there")
        episode = site_data.episodes_by_slug.get(record["episode"])
        if episode is None:
            problems.append(f"{record['episode']}: unknown episode")
            continue
        if not record["seconds"] or any(s not in episode.starts for s in record["seconds"]):
            problems.append(f"{record['page']}#{record['anchor']}: {record['seconds']} are not chapter starts")
        if record["guests"] != list(episode.guests):
            problems.append(f"{record['page']}#{record['anchor']}: guests {record['guests']}")
        if record["url"] != f"{document['site_url']}{record['page']}#{record['anchor']}":
            problems.append(f"{record['url']}: not the page and anchor")
    assert not problems, "\n".join(problems[:30])


# (U+2028 is left to the unit test: the generated front matter is YAML, which reads it as a line break.)
HOSTILE = '</script><script>alert("x")</script><!-- & "quoted" end'


def test_hostile_titles_stay_text_in_previews_and_json_ld_outside_git(tmp_path):
    """A copy outside git (no history at all) still builds, and data cannot break out of <head>."""
    project = copy_project(tmp_path / "project")
    episode_file = next(iter(sorted((project / "data" / "episodes").glob("*.yml"))))
    episode = yaml.safe_load(episode_file.read_text(encoding="utf-8"))
    episode["title"] = "Ep " + HOSTILE
    episode_file.write_text(yaml.safe_dump(episode, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = BuiltPage(tmp_path / "site", tmp_path / "site" / "episodes" / episode_file.stem / "index.html")
    assert page.meta("og:title") == ["Ep " + HOSTILE]
    assert len(page.json_ld) == 1, "the JSON-LD script was cut short or duplicated"
    episode = next(n for n in page.nodes() if n["@type"] == "PodcastEpisode")
    assert episode["name"] == "Ep " + HOSTILE
    raw = page.path.read_text(encoding="utf-8")
    assert 'alert("x")' not in raw.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    # Dates without any git history: the build date. (Checked on other pages: Material prints
    # page.title into <h1> unescaped, so the hostile title's "<!--" hides the rest of its own page.)
    for other in ("guide/missing-skills", f"guests/{sorted((project / 'data' / 'guests').glob('*.yml'))[0].stem}"):
        tree = BuiltPage(tmp_path / "site", tmp_path / "site" / other / "index.html").tree
        assert tree.xpath(LAST_UPDATED), \
            f"{other}: no last-updated date without git history"
