"""/citations.json: every citation of the built site, one record each, for machines.

Built from the backlink index the pages filled while they rendered
(backlinks.py), never by reading HTML back: each record is the citation
element the reader sees (its id is the sentence anchor), the episode it
cites, the chapter starts it links to and the episode's guests.
"""

import json
from pathlib import Path

from .metadata import absolute
from .urls import video_at

FILE_NAME = "citations.json"


def _anchor_number(anchor: str) -> int:
    return int(anchor.rsplit("-", 1)[-1])


def citation_records(index, data, site_url: str) -> list[dict]:
    """One record per citation element, by page and then in reading order."""
    links = index.for_episodes(e.slug for e in data.episodes)
    records = []
    for link in sorted(links, key=lambda l: (l.page_url, _anchor_number(l.anchor))):
        episode = data.episodes_by_slug[link.episode]
        records.append({
            "page": link.page_url,
            "url": absolute(site_url, link.url),
            "anchor": link.anchor,
            "page_title": link.page_title,
            "section": link.section_title,
            "episode": episode.slug,
            "episode_title": episode.title,
            "seconds": list(link.seconds),
            "video": [video_at(episode.youtube_url, s) for s in link.seconds],
            "guests": list(episode.guests),
        })
    return records


def citations_document(index, data, site_name: str, site_url: str) -> dict:
    records = citation_records(index, data, site_url)
    return {
        "site": site_name,
        "site_url": site_url,
        "about": ("Every citation on the site: the page and the id of the citation element "
                  "(url = page#anchor), the podcast episode cited (slug as in data/episodes/), "
                  "the chapter starts linked, in seconds, and the episode's guests (ids as in data/guests/)."),
        "count": len(records),
        "citations": records,
    }


def write_citations_file(site_dir: Path, document: dict) -> Path:
    path = Path(site_dir) / FILE_NAME
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
