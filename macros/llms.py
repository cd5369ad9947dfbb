"""The sections of /llms.txt, for the mkdocs-llmstxt plugin.

The plugin writes /llms.txt and a Markdown copy of each page it lists
(<page>/index.md). Its `sections:` would have to repeat every page and its
description by hand; `llms_sections` makes them from the nav and from each
page's own front matter instead, so a new page or a new episode is listed
with the description it already has.

"Optional" follows the llms.txt proposal: what a reader with little room
can skip (one page per episode, guest and topic).
"""

from markupsafe import escape

from .urls import EPISODES_DIR, GUESTS_DIR, TOPICS_DIR

GUIDE, WIKI, SITE, OPTIONAL = "Guide", "Wiki", "About the site and its listings", "Optional"


def nav_sources(nav) -> list[str]:
    """Markdown sources in the order the nav lists them (mkdocs.yml `nav:`)."""
    found = []

    def walk(item):
        if isinstance(item, str):
            if item.endswith(".md"):
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


def section_of(src_uri: str, generated: bool) -> str:
    if generated:
        return OPTIONAL
    if src_uri.startswith("guide/") or src_uri == "role-lanes.md":
        return GUIDE
    if src_uri.startswith("wiki/"):
        return WIKI
    return SITE


def llms_sections(descriptions: dict[str, str], nav, generated: set[str]) -> dict[str, list[dict[str, str]]]:
    """Section name -> [{src_uri: description}], nav pages in nav order, then the rest by path.

    `descriptions` holds every page of the site (src_uri -> its front matter's description).
    """
    ordered = [src for src in nav_sources(nav) if src in descriptions]
    ordered += sorted(set(descriptions) - set(ordered), key=_listing_order)
    sections: dict[str, list[dict[str, str]]] = {GUIDE: [], WIKI: [], SITE: [], OPTIONAL: []}
    for src in ordered:
        sections[section_of(src, src in generated)].append({src: " ".join(descriptions[src].split())})
    return {name: entries for name, entries in sections.items() if entries}


def _listing_order(src_uri: str):
    folders = {EPISODES_DIR: 0, GUESTS_DIR: 1, TOPICS_DIR: 2}
    return folders.get(src_uri.split("/", 1)[0], 3), src_uri


def with_title(content_html: str, title: str) -> str:
    """A page's content with its title as <h1>: Material prints the title of a page
    whose Markdown has no heading (the generated ones) outside the content."""
    if "<h1" in content_html:
        return content_html
    return f"<h1>{escape(title)}</h1>\n{content_html}"
