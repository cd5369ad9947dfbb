"""Keyboard only: search, navigation and checklists work, and focus is visible."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def focus_outline(page) -> str:
    return page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                         " return s.outlineStyle + ' ' + s.outlineWidth; }")


def test_search_from_the_keyboard(page, site_url):
    page.goto(f"{site_url}guide/")
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("hoogvliets", delay=40)
    page.locator("li.md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}guests/raphaelhoogvliets/**")


def test_tab_reaches_the_navigation_with_a_visible_focus(page, site_url):
    page.goto(site_url)
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        if href.endswith("guide/transferable-skills/"):
            break
    else:
        pytest.fail("Tab never reached the navigation link to 'Transferable skills'")
    outline = focus_outline(page)
    assert not outline.startswith("none") and not outline.endswith(" 0px"), outline
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}guide/transferable-skills/")


def test_checklist_ticks_from_the_keyboard_with_a_visible_focus(page, site_url):
    page.goto(f"{site_url}guide/projects/baseline-model/")
    box = page.locator(".md-content ul.task-list input[type=checkbox]").first
    box.focus()
    indicator = box.locator("xpath=following-sibling::span[1]")
    outline = indicator.evaluate("e => { const s = getComputedStyle(e, '::before'); return s.outlineStyle; }")
    label_outline = box.evaluate("e => getComputedStyle(e.closest('label')).outlineStyle")
    assert "none" not in (outline, label_outline) or label_outline != "none", "no visible focus on the checkbox"
    page.keyboard.press("Space")
    assert box.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not box.is_checked()
