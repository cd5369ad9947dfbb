"""`make serve`'s rebuilds reuse unchanged pages (macros/cache.py) and stay right.

Each test drives macros/serve.py's own Builder on a copy of the project, as a
save under `make serve` would, and checks what it served: the edit shows,
"Cited on", guest citations, search and the Markdown copies follow a moved
citation, the result is the same files as a clean uncached `mkdocs build`,
and a page with a problem fails every rebuild until it is fixed.
"""

import json
import logging
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import cache as serve_cache
from macros.search_index import SHARDS
from macros.serve import BuildLog
from macros.urls import chapter_anchor
from tests.browser.serving import edit, in_process_builder
from tests.conftest import copy_project, run_build

pytestmark = pytest.mark.slow

PAGE = "docs/guide/interviews.md"
OLD = ("machine-learning-system-design-interview", 33 * 60 + 31)
NEW = ("ab-testing-and-product-experimentation", 63)  # its 1:03 chapter, cited by no page yet
NEW_GUEST = "jakobgraff"
MOVED_CITATION = ('cite("machine-learning-system-design-interview", "33:31")',
                  'cite("ab-testing-and-product-experimentation", "1:03")')
MARKER = "Serve cache marker sentence."
CACHED_PAGES = 500  # of ~560: a rebuild after one save must reuse nearly every page


@pytest.fixture(scope="module")
def builder(tmp_path_factory):
    """A Builder that has built the project once, with its cache filled."""
    project = copy_project(tmp_path_factory.mktemp("serve-cache") / "project")
    workdir = tmp_path_factory.mktemp("serve-work")
    cwd = Path.cwd()
    os.chdir(project)  # pymdownx.snippets reads CONTRIBUTING.md from the working directory
    build_log = BuildLog()
    logging.getLogger("mkdocs").addHandler(build_log)
    serve_cache.disable()
    try:
        builder = in_process_builder(project, workdir, build_log)
        builder.project = project
        builder()
        assert builder.server.build_errors == ()
        yield builder
    finally:
        serve_cache.disable()
        logging.getLogger("mkdocs").removeHandler(build_log)
        os.chdir(cwd)


def served(builder, path: str) -> BeautifulSoup:
    return BeautifulSoup((builder.site_dir / path).read_text(encoding="utf-8"), "html.parser")


def cited_on(builder, episode: str, seconds: int) -> list[str]:
    """The links in "Cited on" under one chapter of an episode page."""
    chapter = served(builder, f"episodes/{episode}/index.html").find(id=chapter_anchor(seconds))
    return [a["href"] for a in chapter.select("details.cited-on a")]


def cites_interviews(links) -> bool:
    return any("guide/interviews/#cite-" in href for href in links)


def search_text(site: Path, location: str) -> str:
    """The text of a page's search entries, from every shard of the index."""
    docs = [doc for shard in SHARDS
            for doc in json.loads((site / "search" / shard).read_text(encoding="utf-8"))["docs"]]
    return " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == location)


def citations_of(site: Path, episode: str) -> str:
    return json.dumps([entry for entry in json.loads((site / "citations.json").read_text(encoding="utf-8"))
                       ["citations"] if entry.get("episode") == episode])


# The one thing a clean build may write differently from a cached rebuild made
# seconds earlier: on a page with no commit (this copy is no git checkout),
# the time of day of the build in the tooltip of the page's date. The day is
# compared; so is every other byte of every file.
DATE_TOOLTIP_TIME = re.compile(rb'(git-revision-date-localized-plugin-date" title="[^"]*?) \d\d:\d\d:\d\d( UTC")')


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): DATE_TOOLTIP_TIME.sub(rb"\1\2", p.read_bytes())
            for p in site.rglob("*") if p.is_file()}


def test_a_save_shows_moves_backlinks_and_search_and_matches_a_clean_build(builder, tmp_path):
    page = builder.project / PAGE
    original = page.read_text(encoding="utf-8")
    assert cites_interviews(cited_on(builder, *OLD))
    assert not cites_interviews(cited_on(builder, *NEW))
    assert MARKER not in search_text(builder.site_dir, "guide/interviews/")
    try:
        edit(page, *MOVED_CITATION)
        edit(page, "# Interviews", f"# Interviews\n\n{MARKER}")
        builder()
        assert builder.server.build_errors == ()
        # The rebuild reused the other pages: the cache is what is under test.
        for store in ("markdown", "theme", "search", "llms"):
            assert builder.cache.stats[store][0] > CACHED_PAGES, builder.cache.summary()

        # (a) the edit shows, in the page and in its Markdown copy for llms.txt
        assert MARKER in served(builder, "guide/interviews/index.html").get_text()
        assert MARKER in (builder.site_dir / "guide/interviews/index.md").read_text(encoding="utf-8")
        # (b) "Cited on" and guest citations follow the moved citation, and so does /citations.json
        assert not cites_interviews(cited_on(builder, *OLD))
        assert cites_interviews(cited_on(builder, *NEW))
        assert "Interviews" in served(builder, f"guests/{NEW_GUEST}/index.html").get_text()
        assert "guide/interviews/" in citations_of(builder.site_dir, NEW[0])
        # (c) search has the new sentence
        assert MARKER in search_text(builder.site_dir, "guide/interviews/")

        # (d) the same files as a clean, uncached build of the same project
        clean = tmp_path / "clean"
        result = run_build(builder.project, clean)
        assert result.returncode == 0, result.stderr
        cached, uncached = site_files(builder.site_dir), site_files(clean)
        assert sorted(cached) == sorted(uncached)
        differing = [name for name in cached if cached[name] != uncached[name]]
        assert differing == []
    finally:
        page.write_text(original, encoding="utf-8")


BROKEN = {
    # MkDocs' own link check, made while Markdown converts (what the markdown store skips on a hit)
    "a link to a missing page": (("(roadmaps.md)", "(no-such-page.md)"), "no-such-page.md"),
    # the hooks' check of the page's HTML (html_policy.py)
    "a script in the page": (("# Interviews", "# Interviews\n\n<script>alert(1)</script>"), "script"),
    # the hooks' check of where citations sit (page_checks.py)
    "a citation in a heading": (("## Checklist", '## Checklist {{ cite("machine-learning-system-design-interview", '
                                                 '"33:31") }}'), "heading"),
}


@pytest.mark.parametrize("broken", BROKEN, ids=list(BROKEN))
def test_a_page_with_a_problem_fails_every_rebuild_until_fixed(builder, broken):
    (old, new), shown = BROKEN[broken]
    page = builder.project / PAGE
    original = page.read_text(encoding="utf-8")
    try:
        edit(page, old, new)
        for attempt in ("after the save", "on the next rebuild, nothing changed"):
            builder()
            assert any(shown in line for line in builder.server.build_errors), (attempt, builder.server.build_errors)
    finally:
        page.write_text(original, encoding="utf-8")
    builder()
    assert builder.server.build_errors == ()

