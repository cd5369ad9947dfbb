"""What a reader does: follow citations and backlinks, browse tags, navigate, tick checklists."""

import re
import pytest
from playwright.sync_api import expect

from macros.timecodes import parse_timecode
from macros.urls import page_url
from tests.browser_fixtures import wait_for_requests_to_settle
from tests.conftest import ROOT
from tests.test_site import front_matter


pytestmark = pytest.mark.browser


def test_citation_links_start_the_video_at_the_shown_time(page, site_url, site_data):
    page.goto(f"{site_url}guide/projects/mlops-lifecycle/")
    links = page.locator(".citation .citation-time")
    assert links.count() > 3
    for i in range(links.count()):
        link = links.nth(i)
        episode = site_data.episodes_by_slug[link.evaluate("a => a.closest('.citation').dataset.episode")]
        shown = parse_timecode(link.inner_text())
        assert link.get_attribute("href") == f"{episode.youtube_url}&t={shown}"
        chapter_titles = [c.title for c in episode.chapters if c.seconds == shown]
        assert link.get_attribute("title") == " / ".join(chapter_titles)


def landed_on(page):
    """The element a followed link pointed at (instant navigation does not set :target)."""
    page.wait_for_url(re.compile(r"#cite-\d+$"))
    target = page.locator(f"[id='{page.url.rsplit('#', 1)[1]}']")
    target.wait_for()
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile(r"\bis-target\b"))
    return target


def test_cited_on_leads_to_the_citation(page, site_url):
    page.goto(f"{site_url}episodes/mlops-at-scale-reproducibility-adoption/")
    chapter = page.locator("#t-2346")
    summary = chapter.locator(".cited-on summary")
    assert re.fullmatch(r"Cited on \d+ sections", summary.inner_text().strip())
    if chapter.locator("details.cited-on[open]").count() == 0:
        summary.click()  # long lists start collapsed
    entry = chapter.locator(".cited-on a").first
    label = entry.inner_text()
    entry.click()
    target = landed_on(page)
    assert "citation" in target.get_attribute("class").split()
    assert target.get_attribute("data-episode") == "mlops-at-scale-reproducibility-adoption"
    assert "2346" in target.locator(".citation-time").evaluate_all("links => links.map(a => a.dataset.at)")
    assert heading(page) in label


def test_guest_page_lists_citations_grouped_by_page(page, site_url):
    page.goto(f"{site_url}guests/raphaelhoogvliets/")
    assert heading(page) == "Raphaël Hoogvliets"
    groups = page.locator(".cited-pages > li")  # one line per citing page
    assert groups.count() >= 5
    first = groups.first.locator("a:not(.cited-page):not(.citation-time)").first  # its first section
    first.click()
    assert landed_on(page).get_attribute("data-episode") == "mlops-at-scale-reproducibility-adoption"


def heading(page):
    return page.locator("h1").inner_text().replace("\u00b6", "").strip()


def tagged_pages(site_url):
    """Tag -> the URLs of the pages whose front matter carries it."""
    tags = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        url = site_url + page_url(path.relative_to(ROOT / "docs").as_posix())
        for tag in front_matter(path).get("tags") or []:
            tags.setdefault(tag, []).append(url)
    return tags


def test_tag_index_lists_each_tags_pages(page, site_url):
    page.goto(f"{site_url}tags/")
    tags = tagged_pages(site_url)
    assert len(tags) >= 10
    for tag, urls in tags.items():
        section = page.locator(f"xpath=//h2[normalize-space(span[@class='md-tag'])='{tag}']/following-sibling::ul[1]")
        listed = section.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert sorted(listed) == sorted(urls), f"tag {tag!r}"


def test_instant_navigation_swaps_pages_without_a_reload(page, site_url):
    page.goto(site_url)
    # Material starts intercepting clicks once it has fetched sitemap.xml.
    wait_for_requests_to_settle(page)
    page.evaluate("window.__stillThisDocument = true")
    page.locator("nav.md-nav--primary a[href$='wiki/mlops-vs-devops/']").first.click()
    page.wait_for_url(f"{site_url}wiki/mlops-vs-devops/")
    expect(page.locator("h1")).to_contain_text("MLOps vs DevOps")
    assert page.evaluate("window.__stillThisDocument === true"), "the click reloaded the whole document"
    page.go_back()
    page.wait_for_url(site_url)
    expect(page.locator("h1")).not_to_contain_text("MLOps vs DevOps")
    assert page.evaluate("window.__stillThisDocument === true")


def tick(page, scope, index):
    """Click a checklist item's box where a reader sees it: Material draws the box
    as a pseudo-element just left of the item's text, over the hidden input."""
    item = page.locator(f"{scope} li.task-list-item").nth(index)
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    page.mouse.click(box["x"] - 12, box["y"] + 10)


def test_checklist_progress_survives_a_reload_and_resets(page, site_url):
    page.goto(f"{site_url}guide/projects/baseline-model/")
    boxes = page.locator(".md-content ul.task-list input[type=checkbox]")
    assert boxes.count() >= 6
    tick(page, ".md-content", 0)
    tick(page, ".md-content", 2)
    progress = page.locator(".checklist-progress").first
    assert progress.inner_text().startswith("2 of ")
    page.reload()
    boxes = page.locator(".md-content ul.task-list input[type=checkbox]")
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()
    page.locator(".checklist-reset").first.click()
    assert not boxes.nth(0).is_checked()
    page.reload()
    assert not page.locator(".md-content ul.task-list input[type=checkbox]").nth(0).is_checked()


def test_roadmap_checklists_are_remembered_too(page, site_url):
    page.goto(f"{site_url}guide/roadmaps/")
    tick(page, ".roadmap", 0)
    assert page.locator(".roadmap input[type=checkbox]").first.is_checked()
    page.reload()
    assert page.locator(".roadmap input[type=checkbox]").first.is_checked()


def test_checklist_is_usable_from_the_keyboard(page, site_url):
    page.goto(f"{site_url}guide/projects/baseline-model/")
    box = page.locator(".md-content ul.task-list input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert box.get_attribute("aria-label")
