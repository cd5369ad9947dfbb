"""The light/dark toggle (overrides/partials/javascripts/palette.html).

The site applies the palette itself while the header is parsed, instead of
letting Material's bundle mount its palette component later; these tests hold
it to the behaviour readers expect from Material's toggle.
"""

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import wait_for_requests_to_settle

pytestmark = pytest.mark.browser

SCHEME = {"light": "default", "dark": "slate"}


@pytest.fixture
def context_for(new_page):
    """context_for(os_preference) -> a page in a browser context with that colour preference."""
    return lambda os_preference: new_page(color_scheme=os_preference)


def scheme(page):
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page):
    return page.locator("label[for^=__palette_]:visible")


def stored_palette(page):
    return page.evaluate(
        "Object.keys(localStorage).filter(key => key.endsWith('.__palette')).map(key => localStorage[key])")


@pytest.mark.parametrize("os_preference", ["light", "dark"])
def test_first_visit_follows_the_os_preference_before_first_paint(context_for, site_url, os_preference):
    page = context_for(os_preference)
    # The body's palette as the parser reaches the content, before any deferred script runs.
    page.add_init_script("""document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive") window.__schemeWhenParsed = document.body.dataset.mdColorScheme;
    })""")
    page.goto(site_url)
    assert page.evaluate("window.__schemeWhenParsed") == SCHEME[os_preference]
    assert scheme(page) == SCHEME[os_preference]
    expected = "Switch to light mode" if os_preference == "dark" else "Switch to dark mode"
    expect(visible_toggle(page)).to_have_count(1)
    expect(visible_toggle(page)).to_have_attribute("title", expected)
    assert stored_palette(page) == [], "nothing is stored until the reader chooses"


def test_the_toggle_switches_and_the_choice_survives_reloads_and_navigation(context_for, site_url):
    page = context_for("light")
    page.goto(site_url)
    wait_for_requests_to_settle(page)
    visible_toggle(page).click()
    assert scheme(page) == "slate"
    expect(visible_toggle(page)).to_have_attribute("title", "Switch to light mode")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    page.reload()
    assert scheme(page) == "slate", "the reader's choice beats the OS preference"
    wait_for_requests_to_settle(page)
    page.locator("nav.md-nav--primary a[href$='wiki/mlops-vs-devops/']").first.click()
    page.wait_for_url(f"{site_url}wiki/mlops-vs-devops/")
    assert scheme(page) == "slate"
    visible_toggle(page).click()
    assert scheme(page) == "default"
    page.goto(f"{site_url}guide/")
    assert scheme(page) == "default"


def test_enter_on_the_focused_toggle_switches(context_for, site_url):
    page = context_for("light")
    page.goto(site_url)
    page.locator("input[name=__palette]:checked").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


@pytest.mark.parametrize("os_preference", ["light", "dark"])
def test_browser_colours_follow_the_palette_and_material_mounts_no_second_toggle(
        context_for, site_url, os_preference):
    page = context_for(os_preference)
    page.goto(site_url)
    wait_for_requests_to_settle(page)
    # Material's component would add a second pair of tags; only ours may exist.
    assert page.locator("meta[name=theme-color]").count() == 1
    assert page.locator("meta[name=color-scheme]").count() == 1
    header = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector("header.md-header"));
        const hex = style.backgroundColor.match(/\\d+/g).slice(0, 3)
            .map(value => Number(value).toString(16).padStart(2, "0")).join("");
        return {background: "#" + hex, scheme: style.colorScheme};
    }""")
    assert page.locator("meta[name=theme-color]").get_attribute("content") == header["background"]
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == header["scheme"] == os_preference
