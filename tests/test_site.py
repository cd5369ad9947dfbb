"""The real site, built with --strict: every link, anchor and citation resolves."""

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros.timecodes import parse_timecode

from .conftest import ROOT
from .sitemap import built_pages

pytestmark = pytest.mark.slow


def _nav_sources(nav):
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_sources(value)
        else:
            yield value


def mkdocs_config():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    # !ENV [NAME, default]: the default is what a plain build uses
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def markdown_pages():
    return sorted((ROOT / "docs").rglob("*.md"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path.relative_to(ROOT)}: no front matter"
    return yaml.safe_load(match.group(1)) or {}


def test_no_macro_error_was_rendered_into_a_page(built_site):
    for page in built_pages(built_site):
        text = page.path.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in text and "Macro Syntax Error" not in text, page.url


def test_every_internal_link_and_anchor_resolves(built_site):
    base = urlsplit(mkdocs_config()["site_url"]).path  # 404.html links absolutely, under site_url
    pages = {p.path: p for p in built_pages(built_site, base)}
    broken = []
    for page in pages.values():
        for element, attribute, href, _ in page.tree.iterlinks():
            if element.tag not in {"a", "link", "script", "img", "source"}:
                continue
            resolved = page.resolve(href)
            if resolved is None:
                continue
            file, fragment = resolved
            if not file.exists():
                broken.append(f"{page.url}: {href} -> missing {file.relative_to(built_site)}")
            elif fragment and element.tag == "a" and file.suffix == ".html":
                target = pages.get(file)
                if target is not None and fragment not in target.ids:
                    broken.append(f"{page.url}: {href} -> no id '{fragment}' on {target.url}")
    assert not broken, "\n".join(broken[:40])


def test_every_citation_points_at_a_chapter_start_of_its_episode(built_site, site_data):
    count = 0
    for page in built_pages(built_site):
        for span in page.tree.xpath('//span[contains(concat(" ", @class, " "), " citation ")]'):
            episode = site_data.episodes_by_slug[span.get("data-episode")]
            starts = {c.seconds for c in episode.chapters}
            times = span.xpath('.//a[@class="citation-time"]')
            assert times, f"{page.url}: citation without a time"
            for link in times:
                href = link.get("href")
                match = re.fullmatch(re.escape(episode.youtube_url) + r"&t=(\d+)", href)
                assert match, f"{page.url}: {href} is not {episode.slug}'s video"
                seconds = int(match.group(1))
                assert seconds in starts, f"{page.url}: t={seconds} is no chapter start of {episode.slug}"
                assert parse_timecode(link.text) == seconds, f"{page.url}: shows {link.text}, links t={seconds}"
                count += 1
            source = span.xpath('.//a[@class="citation-source"]')[0]
            file, fragment = page.resolve(source.get("href"))
            assert file == built_site / "episodes" / episode.slug / "index.html"
            assert fragment == f"t-{times[0].get('data-at')}"
    assert count > 100, f"only {count} citation links found in the whole site"


def test_every_nav_entry_is_a_page(built_site):
    for source in _nav_sources(mkdocs_config()["nav"]):
        assert (ROOT / "docs" / source).is_file(), f"nav names docs/{source}, which does not exist"


def test_each_episode_and_guest_in_the_data_has_exactly_one_page(built_site, site_data):
    episode_pages = {p.parent.name for p in (built_site / "episodes").glob("*/index.html")}
    guest_pages = {p.parent.name for p in (built_site / "guests").glob("*/index.html")}
    assert episode_pages == {e.slug for e in site_data.episodes}
    assert guest_pages == {g.id for g in site_data.guests}


def test_generated_pages_are_linked_from_their_listings(built_site, site_data):
    episodes = (built_site / "episodes" / "index.html").read_text(encoding="utf-8")
    guests = (built_site / "guests" / "index.html").read_text(encoding="utf-8")
    for episode in site_data.episodes:
        assert f'href="{episode.slug}/"' in episodes
    for guest in site_data.guests:
        assert f'href="{guest.id}/"' in guests


def test_the_nav_does_not_grow_with_the_archive(built_site, site_data):
    """Every page renders the nav: listing each episode and guest there would make
    every page's size and build time grow with the archive."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    sidebar = home.split('md-nav--primary', 1)[1].split('md-nav--secondary', 1)[0]
    assert "episodes/ml-system-design/" not in sidebar and "guests/svpino/" not in sidebar


def test_front_matter_of_every_page():
    config = mkdocs_config()
    allowed = next(p["tags"]["tags_allowed"] for p in config["plugins"] if isinstance(p, dict) and "tags" in p)
    problems = []
    for path in markdown_pages():
        name = path.relative_to(ROOT).as_posix()
        meta = front_matter(path)
        if not meta.get("title"):
            problems.append(f"{name}: no title")
        description = meta.get("description") or ""
        if not 70 <= len(description) <= 160:
            problems.append(f"{name}: description is {len(description)} characters; write 70-160")
        for tag in meta.get("tags") or []:
            if tag not in allowed:
                problems.append(f"{name}: tag '{tag}' is not in tags_allowed")
    assert not problems, "\n".join(problems)


def test_guide_and_wiki_pages_are_tagged():
    untagged = [p.relative_to(ROOT).as_posix() for p in markdown_pages()
                if p.parent.name in {"guide", "projects", "wiki"} and not front_matter(p).get("tags")]
    assert not untagged, untagged


TYPED_TIME = re.compile(r"(^|[^0-9:/=&?@'\"])[0-9]{1,2}:[0-5][0-9]([^0-9]|$)")


def test_no_timestamp_is_typed_by_hand():
    """Times belong in cite() calls, where they are checked and linked."""
    typed = []
    for path in markdown_pages():
        in_code = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            prose = re.sub(r"\{\{.*?\}\}|`[^`]*`", "", line)
            if not in_code and TYPED_TIME.search(prose):
                typed.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not typed, "\n".join(typed)


def test_search_index_folds_accents(built_site):
    index = json.loads((built_site / "search" / "search_documents.json").read_text(encoding="utf-8"))
    assert {"title_folded", "text_folded"} <= set(index["config"]["fields"])
    guest = next(d for d in index["docs"] if d["location"] == "guests/raphaelhoogvliets/")
    assert guest["title"] == "Raphaël Hoogvliets" and "Raphael" in guest["title_folded"]


ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"


@pytest.mark.skipif(not ORIGINALITY.exists(), reason="../shared/tools/originality.py is not beside this clone")
def test_prose_repeats_no_run_of_the_sources():
    result = subprocess.run([sys.executable, str(ORIGINALITY), "docs", "data"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_edit_button_of_a_generated_page_opens_its_data_file(built_site):
    def edit_link(page):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        return re.search(r'href="([^"]+)" title="Edit this page"', html).group(1)

    assert edit_link("episodes/ml-system-design").endswith("/edit/main/data/episodes/ml-system-design.yml")
    assert edit_link("guests/svpino").endswith("/edit/main/data/guests/svpino.yml")
    assert edit_link("guide/interviews").endswith("/edit/main/docs/guide/interviews.md")


def test_contributor_page_is_contributing_md(built_site):
    """The site's contributor page includes CONTRIBUTING.md, so the two cannot drift apart."""
    html = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M)
    assert len(headings) >= 6
    for heading in headings:
        assert f">{heading}<" in html, heading


def test_pages_fetch_only_the_search_configuration_until_a_search(built_site, site_data):
    """Every page fetches search_index.json: it holds the configuration and the names of
    the shards, and no documents; the site's search worker loads the shards on the first
    query, the guide, wiki and guests first, the episodes and topics after."""
    folder = built_site / "search"
    stub = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["shards"] == ["search_documents.json", "search_archive.json"]
    first, later = (json.loads((folder / name).read_text(encoding="utf-8"))["docs"] for name in stub["config"]["shards"])
    pages_first = {d["location"].split("#")[0] for d in first}
    pages_later = {d["location"].split("#")[0] for d in later}
    assert not pages_first & pages_later, "a page's sections must stay in its page's shard"
    assert {f"episodes/{e.slug}/" for e in site_data.episodes} <= pages_later
    assert {f"guests/{g.id}/" for g in site_data.guests} <= pages_first
    assert {"guide/missing-skills/", "wiki/mlops/"} <= pages_first
    worker = re.compile(r'"search": ?"([^"]*assets/javascripts/search-worker\.js)\?material=(workers/[^"]+)"')
    for page in built_pages(built_site):
        match = worker.search(page.path.read_text(encoding="utf-8"))
        assert match, f"{page.url}: the page does not start the site's search worker"
        assert (built_site / "assets" / "javascripts" / match.group(2)).is_file(), match.group(2)
