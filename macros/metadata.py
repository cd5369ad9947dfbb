"""What a page says about itself to link previews and search engines.

Pure functions: the hook (hooks.py, on_page_context) gathers the facts of a
page (title, description, URL, dates, the episode behind it) and these turn
them into Open Graph / Twitter card tags and one JSON-LD graph, which
overrides/main.html writes into the page's <head>.

Titles, names and descriptions come from data/ and from pull requests, so
nothing here is trusted: main.html escapes every tag value, and the JSON-LD
text is made safe to sit inside <script> by `json_ld_text`.
"""

import json
from dataclasses import dataclass
from urllib.parse import urljoin

from .listings import LINK_LABELS
from .timecodes import parse_timecode
from .urls import video_at

SCHEMA_ORG = "https://schema.org"
LANGUAGE = "en"
# The podcast every episode page belongs to (the archive's own name for it).
PODCAST_NAME = "DataTalks.Club podcast"

# Characters that could end a <script> element or open an HTML comment inside
# one ("</script>", "<!--"), written as JSON escapes: the JSON means the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class MetaTag:
    """One <meta> element: <meta {attribute}="{key}" content="{value}">."""

    attribute: str  # "property" for Open Graph, "name" for Twitter
    key: str
    value: str


def social_tags(*, title: str, description: str, url: str, site_name: str, kind: str) -> list[MetaTag]:
    """Open Graph and Twitter card tags; `kind` is og:type ("website" or "article")."""
    return [
        MetaTag("property", "og:type", kind),
        MetaTag("property", "og:site_name", site_name),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:description", description),
        MetaTag("property", "og:url", url),
        MetaTag("property", "og:locale", "en_US"),
        MetaTag("name", "twitter:card", "summary"),
        MetaTag("name", "twitter:title", title),
        MetaTag("name", "twitter:description", description),
    ]


def json_ld_text(document: dict) -> str:
    """The JSON for a <script type="application/ld+json">, safe whatever strings it holds."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration: 3725 -> 'PT1H2M5S', 0 -> 'PT0S'."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "", f"{secs}S" if secs else ""]
    return "PT" + ("".join(parts) or "0S")


def absolute(site_url: str, url: str) -> str:
    """A site-root URL ('guide/x/', '' for home) made absolute against site_url."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def website_node(*, site_name: str, site_url: str, description: str) -> dict:
    return {"@type": "WebSite", "@id": f"{site_url}#website", "name": site_name, "url": site_url,
            "description": description, "inLanguage": LANGUAGE}


def _part_of_site(site_url: str) -> dict:
    return {"@id": f"{site_url}#website"}


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """[(name, absolute URL), ...] from the home page down to the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def page_node(schema_type: str, *, title: str, description: str, url: str, site_url: str,
              date_modified: str | None = None, keywords: list[str] = (), main_entity: dict | None = None) -> dict:
    """A TechArticle, CollectionPage, ProfilePage or WebPage describing one page of the site."""
    node = {"@type": schema_type, "@id": f"{url}#page", "name": title, "url": url,
            "description": description, "inLanguage": LANGUAGE, "isPartOf": _part_of_site(site_url)}
    if schema_type == "TechArticle":
        node["headline"] = title
    if date_modified:
        node["dateModified"] = date_modified
    if keywords:
        node["keywords"] = list(keywords)
    if main_entity:
        node["mainEntity"] = main_entity
    return node


def person_node(guest, url: str) -> dict:
    """A guest as a schema.org Person: this site's page for them, and their own pages as sameAs."""
    same_as = [guest.page_url] + [
        LINK_LABELS[kind][1].format(value) for kind, value in guest.links.model_dump(exclude_none=True).items()
    ]
    return {"@type": "Person", "name": guest.name, "url": url, "sameAs": same_as}


def clips(episode) -> list[dict]:
    """One Clip per chapter start; a clip ends where the next begins, the last at the episode's end.

    Chapters that share a start are one clip (their titles joined, as on the
    episode page). Without a duration the last clip has no end.
    """
    starts = sorted(episode.starts)
    length = parse_timecode(episode.duration) if episode.duration else None
    result = []
    for index, start in enumerate(starts):
        clip = {"@type": "Clip", "name": " / ".join(c.title for c in episode.starts[start]),
                "startOffset": start, "url": video_at(episode.youtube_url, start)}
        end = starts[index + 1] if index + 1 < len(starts) else length
        if end is not None:
            clip["endOffset"] = end
        result.append(clip)
    return result


def youtube_id(youtube_url: str) -> str:
    """The video id of a canonical watch URL (models.normalise_youtube made every one canonical)."""
    return youtube_url.split("v=", 1)[1].split("&", 1)[0]


def podcast_episode_node(episode, *, url: str, description: str, guests: list[dict],
                         date_modified: str | None = None) -> dict:
    """The episode behind an episode page, its YouTube video and one Clip per chapter."""
    length = iso_duration(parse_timecode(episode.duration)) if episode.duration else None
    video = {"@type": "VideoObject", "name": episode.title, "url": episode.youtube_url,
             "description": description,
             "thumbnailUrl": f"https://i.ytimg.com/vi/{youtube_id(episode.youtube_url)}/hqdefault.jpg",
             "hasPart": clips(episode)}
    series = {"@type": "PodcastSeries", "name": PODCAST_NAME}
    node = {
        "@type": "PodcastEpisode", "@id": f"{url}#episode", "name": episode.title, "url": url,
        "description": description, "inLanguage": LANGUAGE,
        "episodeNumber": episode.episode,
        "partOfSeason": {"@type": "PodcastSeason", "seasonNumber": episode.season, "partOfSeries": series},
        "partOfSeries": series,
        "actor": guests,
        "sameAs": [u for u in (episode.page_url, episode.spotify_url, episode.apple_url) if u],
        "video": video,
    }
    if episode.date:
        node["datePublished"] = video["uploadDate"] = episode.date.isoformat()
    if length:
        node["duration"] = video["duration"] = length
    if date_modified:
        node["dateModified"] = date_modified
    if episode.topics:
        node["keywords"] = list(episode.topics)
    return node


def graph(*nodes: dict) -> dict:
    return {"@context": SCHEMA_ORG, "@graph": [n for n in nodes if n]}
