"""Pages that exist only because data/ says so: one per episode, guest and topic.

Each is a front matter written here plus a body the hook renders straight
from the data when MkDocs reads the page (listings.py), so there is no
hand-maintained copy and no Jinja to compile for hundreds of pages.
"""

from dataclasses import dataclass
from functools import partial
from typing import Callable

import yaml

from .listings import episode_page_md, guest_page_md, topic_page_md, topics_of
from .urls import episode_src, guest_src, topic_src


@dataclass(frozen=True)
class GeneratedPage:
    source: str                     # front matter only: the body comes from `body`
    body: Callable[[object], str]   # Linker -> Markdown of the page's body
    data_file: str | None = None    # where to edit it ("Edit this page"); None: made from many files
    canonical_url: str | None = None  # another site's page this one restates (an episode's own page)


def _front_matter(meta: dict) -> str:
    """Front matter that MkDocs reads back as exactly `meta`, whatever the titles hold.

    PyYAML writes it: non-ASCII as escapes (so line and paragraph separators
    cannot end a value early), long values on one line, and a value spanning
    lines indented, so no line of it can close the front matter.
    """
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, width=float("inf")) + "---\n"


def generated_pages(data, pages_by_tag: dict | None = None) -> dict[str, GeneratedPage]:
    """src_uri -> page. `pages_by_tag`: the site's own pages per tag, listed on topic pages."""
    pages = {}
    for episode in data.episodes:
        names = ", ".join(data.guests_by_id[g].name for g in episode.guests)
        meta = {
            "title": episode.title,
            "description": (f"Season {episode.season}, episode {episode.episode} with {names}: "
                            "every chapter linked to its second, and the guide pages citing it."),
            "search": {"boost": 0.5},
            "render_macros": False,
        }
        pages[episode_src(episode.slug)] = GeneratedPage(
            _front_matter(meta), partial(episode_page_md, data, episode.slug), data.file_of("episode", episode.slug),
            canonical_url=episode.page_url)
    for guest in data.guests:
        meta = {
            "title": guest.name,
            "description": (f"{guest.name} on the DataTalks.Club podcast: episodes, links, and every "
                            "place this guide cites them."),
            # Neutral: a name matches the page's title, which search already weighs
            # heavily; a higher boost let guest pages outrank the guide on any word
            # of their link list ("github").
            "search": {"boost": 1},
            "render_macros": False,
        }
        pages[guest_src(guest.id)] = GeneratedPage(
            _front_matter(meta), partial(guest_page_md, data, guest.id), data.file_of("guest", guest.id))
    for name, episodes in topics_of(data).items():
        site_pages = (pages_by_tag or {}).get(name, [])
        meta = {
            "title": name,
            "description": (f"{name}: {len(episodes)} podcast episode{'s' if len(episodes) != 1 else ''}"
                            + (f" and {len(site_pages)} page{'s' if len(site_pages) != 1 else ''} of this guide"
                               if site_pages else "") + " on this topic, with their guests."),
            "search": {"boost": 2},
            "render_macros": False,
        }
        pages[topic_src(name)] = GeneratedPage(_front_matter(meta), partial(topic_page_md, data, name, site_pages))
    return pages
