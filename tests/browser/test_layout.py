"""Layout facts of the reader-facing pages on a 390 px phone, on desktop and in print:
guest and listing pages, the role matrix, the 404 and the home page's first screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import DESKTOP, PHONE
from tests.conftest import ROOT
from tests.quality.conftest import PAGE_TYPES

pytestmark = pytest.mark.browser

# A guest page with many citations (the most cited guest of the guide); measured at
# 1,6xx px on a phone after the redesign, 6,842 px before it.
BUSY_GUEST = "guests/raphaelhoogvliets/"
PHONE_HEIGHT_LIMIT = 3200


@pytest.fixture
def load_page(new_page, site_url):
    """load_page(path, viewport, media=None) -> a loaded Playwright page."""
    def open_(path, viewport=PHONE, media=None):
        page = new_page(viewport=viewport)
        if media:
            page.emulate_media(media=media)
        page.goto(f"{site_url}{path}")
        page.wait_for_load_state("load")
        return page

    return open_


# Each word must sit on one line: a word split across two lines shows as client
# rects on two lines. A line may still break after a hyphen or a slash
# ("Data-" / "Driven"), as text does everywhere; those parts are measured apart.
BROKEN_WORDS = """selector => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /[^\\s\\-\\u2010-\\u2014\\/]+/g; let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("path, names", [
    ("guests/", ".listing-card-title a"),
    ("episodes/", ".listing-card-title a, .listing-card-people a"),
    ("topics/", ".topic-listing th a"),
])
def test_listing_names_never_break_mid_word_on_a_phone(load_page, path, names):
    page = load_page(path)
    assert page.locator(names).count() > 10
    assert page.evaluate(BROKEN_WORDS, names) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} scrolls sideways on a phone ({width} px)"


def test_listing_filters_narrow_and_label_every_control(load_page):
    page = load_page("episodes/", DESKTOP)
    form = page.locator("div.listing-filter")
    expect(form).to_be_visible()
    cards = page.locator("#episode-listing > li")
    total = cards.count()
    season, topic, words = (page.get_by_label(name, exact=True) for name in ("Season", "Topic", "Title or guest"))
    for control in (season, topic, words):
        expect(control).to_be_visible()
    season.select_option("7")
    shown = page.locator("#episode-listing > li:not([hidden])")
    assert 0 < shown.count() < total
    for text in shown.all_inner_texts():
        assert "Season 7," in text
    season.select_option("")
    words.press_sequentially("valdarrama")
    expect(shown).to_have_count(1)
    expect(page.locator(".listing-filter-count")).to_have_text(f"Showing 1 of {total}.")
    words.fill("")
    topic.select_option("MLOps")
    assert 0 < shown.count() < total


def test_without_javascript_every_entry_shows(new_page, site_url):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{site_url}guests/")
    assert page.locator("div.listing-filter").is_hidden()
    cards = page.locator("#guest-listing > li")
    assert cards.count() > 100 and page.locator("#guest-listing > li[hidden]").count() == 0


def test_a_guest_page_is_short_on_a_phone_and_has_no_fake_ranges(load_page):
    page = load_page(BUSY_GUEST)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= PHONE_HEIGHT_LIMIT, f"{BUSY_GUEST} is {height} px tall on a phone"
    citations = page.locator(".guest-citations")
    text = citations.inner_text()
    assert not re.search(r"\d:\d\d\s*[–-]\s*\d", text), "separate times read as a range"
    assert "without accents" not in page.locator("article").inner_text()
    # Every time is its own link to that second of the video.
    times = citations.locator("a.citation-time")
    assert times.count() >= 5
    for i in range(times.count()):
        assert re.search(r"[?&]t=\d+$", times.nth(i).get_attribute("href"))
    expect(page.locator(".guest-role")).to_have_text(re.compile(r"\S+ at \S+"))
    headings = page.locator("article h1, article h2, article h3").all_inner_texts()
    assert len(headings) == len(set(headings)), headings


def matrix_geometry(page):
    return page.evaluate("""() => {
      const region = document.querySelector('.role-matrix');
      const skill = region.querySelector('tbody th');
      const head = region.querySelector('thead th:nth-child(2)');
      const r = region.getBoundingClientRect(), s = skill.getBoundingClientRect(), h = head.getBoundingClientRect();
      return {regionLeft: r.left, regionTop: r.top, skillLeft: s.left, headTop: h.top,
              scrollWidth: region.scrollWidth, clientWidth: region.clientWidth,
              nestedScrollers: [...region.querySelectorAll('*')].filter(e => {
                const o = getComputedStyle(e).overflowX; return o === 'auto' || o === 'scroll'; }).length};
    }""")


def test_the_matrix_keeps_its_skill_column_and_header_in_view_on_a_phone(load_page):
    page = load_page("role-lanes/")
    region = page.locator(".role-matrix")
    region.scroll_into_view_if_needed()
    before = matrix_geometry(page)
    assert before["scrollWidth"] > before["clientWidth"], "on a phone the matrix scrolls sideways"
    assert before["nestedScrollers"] == 0, "one scroll area, not two nested"
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; }")
    after = matrix_geometry(page)
    assert abs(after["skillLeft"] - after["regionLeft"]) <= 2, "the skill column scrolled away"
    assert abs(after["headTop"] - after["regionTop"]) <= 2, "the header row scrolled away"
    expect(page.locator("#role-matrix-caption")).to_be_visible()
    expect(page.locator("#role-matrix-caption")).to_be_in_viewport()


def test_the_matrix_comes_early_with_its_legend_first(load_page):
    page = load_page("role-lanes/", DESKTOP)
    order = page.evaluate("""() => {
      const all = [...document.querySelectorAll('article h2, .role-legend, .role-matrix')];
      return all.map(e => e.matches('h2') ? 'h2' : e.className.split(' ')[0]);
    }""")
    assert order.index("role-legend") < order.index("role-matrix")
    assert order[:order.index("role-matrix")].count("h2") == 1, f"the matrix opens the page's first section: {order}"


# A4 at 96 dpi, and the narrower text column a printer's margins leave on Letter paper.
@pytest.mark.parametrize("paper_width", [794, 560])
def test_print_shows_all_five_lanes(load_page, paper_width):
    page = load_page("role-lanes/", {"width": paper_width, "height": 1123}, media="print")
    cells = page.evaluate("""() => {
      const region = document.querySelector('.role-matrix');
      const box = region.getBoundingClientRect();
      return [...region.querySelectorAll('thead th')].map(th => {
        const r = th.getBoundingClientRect();
        return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1;
      });
    }""")
    assert len(cells) == 6 and all(cells), f"lanes cut off at {paper_width} px: {cells}"


def test_the_404_offers_search_and_start_here(load_page, site_url):
    # GitHub Pages serves 404.html at the missing address; its links are absolute
    # (from site_url), so they work at any depth. The test server serves it by name.
    page = load_page("404.html", PHONE)
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    field = page.get_by_label("Search the site")
    expect(field).to_be_visible()
    links = page.locator(".not-found-routes a")
    assert links.count() >= 4
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).ok, href
    field.press_sequentially("mlops")
    field.press("Enter")
    page.wait_for_url(re.compile(r"\?q=mlops"))
    # The index loads on the first search: slow on a busy machine, so a long wait.
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_first_screen_offers_three_routes_before_tags(load_page, viewport):
    page = load_page("", viewport)
    routes = page.locator(".home-routes a strong")
    expect(routes).to_have_text(["Read the guide", "Look something up in the wiki", "Find a guest or episode"])
    for i in range(3):
        expect(routes.nth(i)).to_be_in_viewport()
    assert page.locator(".md-tags").count() == 0 or page.evaluate(
        "document.querySelector('.md-tags').getBoundingClientRect().top > "
        "document.querySelector('.home-routes').getBoundingClientRect().bottom")
    assert page.title() != "ML for Software Engineers - ML for Software Engineers"


def test_nav_labels_are_unique(load_page):
    page = load_page("", DESKTOP)
    # The page links of the sidebar (the active page also has a label that opens its
    # table of contents: the same entry, not a second one).
    labels = page.evaluate("""() => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')]
        .filter(a => !a.closest('.md-nav--secondary'))
        .map(a => a.textContent.trim()).filter(Boolean)""")
    duplicates = {label for label in labels if labels.count(label) > 1}
    assert not duplicates, duplicates


SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.mark.parametrize("name, path", sorted(PAGE_TYPES.items()), ids=sorted(PAGE_TYPES))
def test_every_page_type_fits_a_phone_and_is_photographed(load_page, name, path):
    """Nothing but the role matrix's own region scrolls sideways at 390 px. The full-page
    screenshots (test-results/screenshots/, kept by CI) are for a person to look at."""
    page = load_page(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path or '/'} scrolls sideways on a phone ({width} px)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"phone-{re.sub(r'[^a-z0-9]+', '-', name)}.png", full_page=True)
