"""Hostile data: every free-text field of every data file carries markup and quote-breaking text.

A copy of the project gets the same hostile string in each text field of each
*.yml under data/ (walked generically, whatever the files' layout), is built
with --strict, and must then
- contain no element or attribute the text tried to inject, in any page or in
  the search index (parsed as HTML, not searched for substrings), and
- show each string as the text it is: the h1, <title>, header, chapter list,
  citations, matrix and roadmap read the hostile text literally.
Identifier fields (slugs, ids, times, URLs, references) keep their values
here; test_loader.py shows that hostile values there are rejected by name.
"""

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import models
from macros.loader import load_site_data
from macros.rendering import join_words
from macros.urls import episode_src, guest_src, page_url

from .conftest import copy_project, run_build

pytestmark = pytest.mark.slow

# One string that tries every context at once: element, double- and single-quoted
# attribute, <title> (RCDATA), Jinja, CDATA, Markdown (code, emphasis, links,
# table cells, emoji), entities that a tag-stripper would decode, and full-width
# brackets that Unicode folding turns into real ones.
HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(1)> '
    "' onmouseover='alert(1) </title><script>alert(1)</script> "
    "{{ 7*7 }} {% raw %} ]]></ `hostile-code` *hostile-emphasis* a | b "
    "[hostile-link](javascript:alert(1)) :smile: "
    "&lt;script&gt;alert(1)&lt;/script&gt; \uff1cscript\uff1ealert(1)\uff1c/script\uff1e"
)
# For fields with a length limit, the longest of these that fits.
SHORT_HOSTILE = ("<b onclick=alert(1)>", '"<')

# Fields that hold identifiers, references, times or URLs: validation decides
# what they may contain (see test_loader.py), so the walk leaves them alone.
# A new field of that kind fails the hostile build with its validation message:
# add its key here.
IDENTIFIER_KEYS = {"slug", "id", "at", "duration", "episode", "level", "page", "unit", "guests",
                   "curated", "linkedin", "twitter", "github", "web"}


def _max_lengths() -> dict[str, int]:
    """Field name -> max_length, from the data models, so short fields get a payload that fits."""
    limits = {}
    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, models.BaseModel):
            for name, info in model.model_fields.items():
                for constraint in info.metadata:
                    if getattr(constraint, "max_length", None):
                        limits[name] = constraint.max_length
    return limits


def hostile_text(key: str, limits: dict) -> str:
    limit = limits.get(key)
    if limit is None:
        return HOSTILE
    return next(candidate for candidate in (HOSTILE, *SHORT_HOSTILE) if len(candidate) <= limit)


def is_identifier(key) -> bool:
    return key in IDENTIFIER_KEYS or str(key).endswith("_url")


def make_hostile(value, key=None, limits=None, in_list=False):
    """Replace every free-text string in a parsed YAML document with hostile text."""
    limits = _max_lengths() if limits is None else limits
    if isinstance(value, dict):
        # A skill's `levels` maps lane ids to level ids (its short form): references.
        references = key == "levels" and not in_list
        return {k: v if references and isinstance(v, str) else make_hostile(v, k, limits)
                for k, v in value.items()}
    if isinstance(value, list):
        return [make_hostile(item, key, limits, in_list=True) for item in value]
    if isinstance(value, str) and not is_identifier(key):
        return hostile_text(key, limits)
    return value


def poison_data(project: Path) -> int:
    """Rewrite every *.yml under data/ with hostile text; return how many files changed."""
    changed = 0
    for path in sorted((project / "data").rglob("*.yml")):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        hostile = make_hostile(original)
        if hostile != original:
            path.write_text(yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False), encoding="utf-8")
            changed += 1
    return changed


def injected(soup) -> list[str]:
    """Every element or attribute in `soup` that the hostile text could have created."""
    found = []
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"<{element.name} {attribute}=...>")
            if attribute in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {attribute}={value!r}>")
        if element.name == "script" and "alert" in element.get_text():
            # JSON-LD is data, not code: it may hold the text, with every "<" escaped.
            if element.get("type") != "application/ld+json" or "<" in element.get_text():
                found.append("<script>alert...</script>")
        if element.name == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        if element.name == "title" and element.find_parent("body") is not None:
            found.append("<title> in <body>")
        if element.get_text() in ("hostile-code", "hostile-emphasis", "hostile-link"):
            found.append(f"<{element.name}> made by Markdown from data text")
    return found


def parse(html: str):
    return BeautifulSoup(html, "lxml")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """(site folder, the hostile data as the loader reads it) for one strict build."""
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    assert poison_data(project) > 0, "test setup: no data file was changed"
    site = root / "site"
    result = run_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    data = load_site_data(project / "data", docs_dir=project / "docs")
    return site, data


def built_html(site: Path, src_uri: str):
    return parse((site / page_url(src_uri) / "index.html").read_text(encoding="utf-8"))


def test_the_walk_reaches_every_text_field_and_no_identifier():
    limits = {"symbol": 2}
    before = {"episodes": [{"slug": "a-b", "title": "T", "season": 1, "guests": ["ada"],
                            "chapters": [{"at": "0:00", "title": "C"}], "page_url": "https://x.org/"}],
              "skills": [{"id": "s", "name": "N", "levels": {"lane": "core", "other": {"level": "core"}}}],
              "levels": [{"id": "core", "label": "L", "symbol": "●"}]}
    after = make_hostile(before, limits=limits)
    assert after["episodes"][0]["title"] == after["episodes"][0]["chapters"][0]["title"] == HOSTILE
    assert after["skills"][0]["name"] == after["levels"][0]["label"] == HOSTILE
    assert after["levels"][0]["symbol"] == '"<'
    untouched = {k: v for k, v in after["episodes"][0].items() if k not in ("title", "chapters")}
    assert untouched == {k: v for k, v in before["episodes"][0].items() if k not in ("title", "chapters")}
    assert after["skills"][0]["levels"] == before["skills"][0]["levels"]
    assert after["levels"][0]["id"] == "core"


def test_no_page_contains_an_injected_element_or_attribute(hostile_site):
    site, _ = hostile_site
    problems = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        problems += [f"{path.relative_to(site)}: {found}" for found in injected(parse(path.read_text(encoding="utf-8")))]
    assert not problems, "\n".join(problems[:40])


def test_the_search_index_holds_no_injected_markup(hostile_site):
    site, data = hostile_site
    # The site ships its documents in more than one file (search_index.py): read them all.
    documents = [doc for path in sorted((site / "search").glob("*.json"))
                 for doc in json.loads(path.read_text(encoding="utf-8")).get("docs", [])]
    assert documents, "test setup: no search documents found"
    problems = []
    for doc in documents:
        for field in ("title", "text", "title_folded", "text_folded"):
            fragment = parse(doc.get(field, ""))
            problems += [f"{doc['location']} {field}: {found}" for found in injected(fragment)]
    assert not problems, "\n".join(problems[:40])
    # Material shows the title as HTML: it must read as the hostile text itself.
    titles = {doc["location"]: parse(doc["title"]).get_text() for doc in documents}
    for episode in data.episodes:
        assert titles[page_url(episode_src(episode.slug))] == episode.title
    folded = " ".join(doc.get("title_folded", "") + doc.get("text_folded", "") for doc in documents)
    assert "script" in folded, "the full-width brackets should have been folded into the index as words"


def assert_titled(page, title: str):
    """The theme shows the title as text in <h1>, <title> and the header."""
    assert page.find("h1").get_text() == title
    assert page.title.get_text().startswith(f"{title} - ")
    assert page.select(".md-header__topic .md-ellipsis")[-1].get_text().strip() == title


def test_episode_pages_show_the_hostile_text_as_text(hostile_site):
    site, data = hostile_site
    for episode in data.episodes:
        page = built_html(site, episode_src(episode.slug))
        assert_titled(page, episode.title)
        names = [data.guests_by_id[g].name for g in episode.guests]
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert all(name in description for name in names)
        shown = [li.get_text() for li in page.select(".chapter-title")]
        assert shown == [" / ".join(c.title for c in same) for same in episode.starts.values()]


def test_guest_pages_and_listings_show_the_hostile_text_as_text(hostile_site):
    site, data = hostile_site
    for guest in data.guests:
        assert_titled(built_html(site, guest_src(guest.id)), guest.name)
    listing = built_html(site, "episodes/index.md")
    shown = {a.get_text() for a in listing.select(".episode-cards .listing-card-title a")}
    assert {e.title for e in data.episodes} <= shown


def test_citations_carry_the_hostile_text_as_text(hostile_site):
    site, data = hostile_site
    page = built_html(site, "wiki/software-engineer-to-machine-learning.md")
    citations = page.select("span.citation")
    assert citations, "test setup: the page should cite episodes"
    for citation in citations:
        episode = data.episodes_by_slug[citation["data-episode"]]
        names = join_words(data.guests_by_id[g].name for g in episode.guests)
        assert citation.select_one(".citation-source").get_text() == names
        for time in citation.select(".citation-time"):
            chapters = episode.starts[int(time["data-at"])]
            assert time["title"] == " / ".join(c.title for c in chapters)
    # Citations sit in a Markdown table there: a `|` from a chapter title must not split a row.
    for table in page.select("table"):
        widths = {len(row.find_all(["td", "th"])) for row in table.select("tr")}
        assert len(widths) == 1, f"rows of different widths: {widths}"


def test_matrix_and_roadmap_show_the_hostile_text_as_text(hostile_site):
    site, data = hostile_site
    matrix = built_html(site, "role-lanes.md")
    assert [th.get_text() for th in matrix.select(".role-matrix tbody th")] == [s.name for s in data.roles.skills]
    roadmaps = built_html(site, "guide/roadmaps.md")
    headings = [h.get_text() for h in roadmaps.select(".roadmap-phase h3")]
    expected = [f"{p.label}: {p.title}" for r in data.roadmaps for p in r.phases]
    assert headings and set(headings) <= set(expected)
    steps = {li.get_text().strip() for li in roadmaps.select(".roadmap-phase li")}
    assert steps == {step for r in data.roadmaps for p in r.phases for step in p.steps}
