"""Who cites what: collected from every rendered page, filled in afterwards.

MkDocs renders all pages to HTML first and writes them out second. While
pages render, `BacklinkIndex.record` numbers each citation and notes the
section it sits in; when pages are written, `fill_placeholders` replaces the
placeholders that episode, guest and listing pages left behind. So "Cited on"
is complete whatever order pages render in.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from html import unescape

from .rendering import render_block
from .timecodes import format_timecode
from .urls import video_at

# A chapter's "Cited on" list starts open when it is this short, collapsed otherwise.
OPEN_UP_TO = 3
_CITATION_OPEN = re.compile(r'<span class="citation"(?= data-episode=)')


@dataclass(frozen=True)
class Backlink:
    episode: str
    seconds: tuple[int, ...]
    page_url: str
    page_title: str
    section_title: str | None
    anchor: str

    @property
    def url(self) -> str:
        return f"{self.page_url}#{self.anchor}"


# One pass over a page's HTML, in document order: section headings (with the
# ids the toc extension gives them) and citations (markup from citation.html,
# which never nests a <span>).
_SCAN = re.compile(
    r'<h(?P<level>[2-6])[^>]*\bid="(?P<heading_id>[^"]+)"[^>]*>(?P<heading>.*?)</h(?P=level)>'
    r'|<span class="citation" id="(?P<cite_id>cite-\d+)" data-episode="(?P<episode>[^"]+)">(?P<body>.*?)</span>',
    re.S,
)
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_AT = re.compile(r'class="citation-time"[^>]*\bdata-at="(\d+)"')


def scan_citations(html: str):
    """Yield (cite id, episode, seconds, section title or None) for each numbered citation."""
    section = None
    for match in _SCAN.finditer(html):
        if match["heading_id"]:
            text = _TAG.sub("", _PERMALINK.sub("", match["heading"]))
            section = " ".join(unescape(text).split())
        else:
            yield match["cite_id"], match["episode"], tuple(int(s) for s in _AT.findall(match["body"])), section


def number_citations(html: str) -> str:
    """Give every citation on a page an id ('cite-1', ...) to link back to."""
    counter = iter(range(1, 1_000_000))
    return _CITATION_OPEN.sub(lambda m: f'{m.group(0)} id="cite-{next(counter)}"', html)


class BacklinkIndex:
    """Every citation of the build, looked up by episode or by chapter start."""

    def __init__(self):
        self._by_episode: dict[str, list[Backlink]] = defaultdict(list)
        self._by_chapter: dict[tuple[str, int], list[Backlink]] = defaultdict(list)

    def record(self, page_url: str, page_title: str, html: str) -> str:
        """Number the page's citations, remember them, return the numbered HTML."""
        html = number_citations(html)
        for anchor, episode, seconds, section in scan_citations(html):
            self.add(Backlink(episode, seconds, page_url, page_title, section, anchor))
        return html

    def add(self, link: Backlink) -> None:
        self._by_episode[link.episode].append(link)
        for second in dict.fromkeys(link.seconds):
            self._by_chapter[(link.episode, second)].append(link)

    def for_episode(self, slug: str) -> list[Backlink]:
        return list(self._by_episode.get(slug, ()))

    def for_chapter(self, slug: str, seconds: int) -> list[Backlink]:
        return list(self._by_chapter.get((slug, seconds), ()))

    def for_episodes(self, slugs) -> list[Backlink]:
        return [link for slug in dict.fromkeys(slugs) for link in self._by_episode.get(slug, ())]


def _count_text(links: list[Backlink]) -> str:
    if not links:
        return "Not cited yet"
    pages = len({link.page_url for link in links})
    return (f"{len(links)} citation{'s' if len(links) != 1 else ''} on "
            f"{pages} page{'s' if pages != 1 else ''}")


def _one_per_section(links):
    seen, unique = set(), []
    for link in links:
        key = (link.page_url, link.section_title)
        if key not in seen:
            seen.add(key)
            unique.append(link)
    return unique


_PLACEHOLDER = re.compile(
    r"<!--(?P<kind>cited-on|citation-count|guest-citations):(?P<args>[a-z0-9:-]+)-->"
)


def fill_placeholders(html: str, index: BacklinkIndex, data, linker) -> str:
    """Replace the placeholders listings.py left with the collected backlinks."""

    def replace(match):
        kind, args = match["kind"], match["args"].split(":")
        if kind == "cited-on":
            links = _one_per_section(index.for_chapter(args[0], int(args[1])))
            if not links:
                return ""
            entries = [{"href": linker.to_url(l.url), "page_title": l.page_title,
                        "section_title": l.section_title} for l in links]
            return render_block("cited_on.html", entries=entries, open_up_to=OPEN_UP_TO).strip()
        if kind == "citation-count":
            what, key = args
            if what == "episode":
                return _count_text(index.for_episode(key))
            return _count_text(index.for_episodes(e.slug for e in data.episodes_of(key)))
        return _guest_citations(args[0], index, data, linker)

    return _PLACEHOLDER.sub(replace, html)


def _guest_citations(guest_id, index, data, linker) -> str:
    """What the site cites a guest on: by episode, then page, one line per section.

    Each time is its own link to the video at that second: times cited apart are
    never joined into what would read as a range, and a range's two ends are
    listed as the two chapter starts they are.
    """
    episodes = []
    for episode in data.episodes_of(guest_id):
        by_page: dict[str, dict[str | None, list[Backlink]]] = {}
        for link in index.for_episode(episode.slug):
            by_page.setdefault(link.page_url, {}).setdefault(link.section_title, []).append(link)
        if not by_page:
            continue
        pages = []
        for page_url, sections in by_page.items():
            lines = []
            for section_title, links in sections.items():
                seconds = sorted({s for link in links for s in link.seconds})
                lines.append({
                    "href": linker.to_url(links[0].url),
                    "section_title": section_title,
                    "times": [{"at": format_timecode(s), "video": video_at(episode.youtube_url, s),
                               "title": " / ".join(c.title for c in episode.starts[s])} for s in seconds],
                })
            pages.append({"title": next(iter(sections.values()))[0].page_title,
                          "href": linker.to_url(page_url), "sections": lines})
        pages.sort(key=lambda page: page["title"].casefold())
        episodes.append({"title": episode.title, "href": linker.episode(episode.slug), "pages": pages})
    return render_block("guest_citations.html", episodes=episodes,
                        several=len(data.episodes_of(guest_id)) > 1).strip()
