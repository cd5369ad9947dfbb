"""The sections of /llms.txt, for the mkdocs-llmstxt plugin.

The plugin writes /llms.txt and a Markdown copy of each page it lists
(<page>/index.md). mkdocs.yml says which pages go in which section, with
globs; `llms_sections` orders them as the nav does and gives each the
description from its own front matter, so a new page or a new episode is
listed with the description it already has.

"Optional" follows the llms.txt proposal: what a reader with little room
can skip (one page per episode, guest and topic).
"""

import fnmatch

from markupsafe import escape


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


def llms_sections(descriptions: dict[str, str], nav, patterns: dict[str, list]) -> dict[str, list[dict[str, str]]]:
    """Section name -> [{src_uri: description}]: nav pages in nav order, then the rest by path.

    `descriptions` holds every page (src_uri -> its front matter's description);
    `patterns` is the plugin's `sections:` from mkdocs.yml (section -> globs). A
    page goes to the first section with a glob that matches it; a page no glob
    matches is left out.
    """
    ordered = [src for src in nav_sources(nav) if src in descriptions]
    ordered += sorted(set(descriptions) - set(ordered))
    globs = {name: [next(iter(p)) if isinstance(p, dict) else p for p in items] for name, items in patterns.items()}
    sections: dict[str, list[dict[str, str]]] = {name: [] for name in globs}
    for src in ordered:
        name = next((n for n, gs in globs.items() if any(fnmatch.fnmatch(src, g) for g in gs)), None)
        if name is not None:
            sections[name].append({src: " ".join(descriptions[src].split())})
    return {name: entries for name, entries in sections.items() if entries}


def with_title(content_html: str, title: str) -> str:
    """A page's content with its title as <h1>: Material prints the title of a page
    whose Markdown has no heading (the generated ones) outside the content."""
    if "<h1" in content_html:
        return content_html
    return f"<h1>{escape(title)}</h1>\n{content_html}"
