"""The Markdown source of pages that exist only because data/ says so.

Each episode page is `{{ episode_page("slug") }}` behind front matter, so the
macros render it like any other page and it is never hand-maintained.
"""

import json

from .urls import episode_src, guest_src


def _front_matter(meta: dict) -> str:
    # JSON is YAML: each value is written as JSON, which quotes any title safely.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def episode_sources(data) -> dict[str, str]:
    pages = {}
    for episode in data.episodes:
        names = ", ".join(data.guests_by_id[g].name for g in episode.guests)
        meta = {
            "title": episode.title,
            "description": (f"Season {episode.season}, episode {episode.episode} with {names}: "
                            "every chapter linked to its second, and the guide pages citing it."),
            "search": {"boost": 0.5},
        }
        pages[episode_src(episode.slug)] = _front_matter(meta) + f'{{{{ episode_page("{episode.slug}") }}}}\n'
    return pages


def guest_sources(data) -> dict[str, str]:
    pages = {}
    for guest in data.guests:
        meta = {
            "title": guest.name,
            "description": (f"{guest.name} on the DataTalks.Club podcast: episodes, links, and every "
                            "place this guide cites them."),
            "search": {"boost": 3},
        }
        pages[guest_src(guest.id)] = _front_matter(meta) + f'{{{{ guest_page("{guest.id}") }}}}\n'
    return pages
