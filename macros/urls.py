"""Where things live: pages of this site and deep links into videos.

Pure functions of their arguments, so citations and listings can be rendered
and tested without a MkDocs build.
"""

import re
import unicodedata
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

EPISODES_DIR = "episodes"
GUESTS_DIR = "guests"
TOPICS_DIR = "topics"


def episode_src(slug: str) -> str:
    return f"{EPISODES_DIR}/{slug}.md"


def guest_src(guest_id: str) -> str:
    return f"{GUESTS_DIR}/{guest_id}.md"


def topic_slug(name: str) -> str:
    """'Career transition' -> 'career-transition': the topic page's file name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def topic_src(name: str) -> str:
    return f"{TOPICS_DIR}/{topic_slug(name)}.md"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a Markdown source ('guide/x.md' -> 'guide/x/')."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        parent = stem[: -len(name)]
        return parent if use_directory_urls else f"{parent}index.html"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def chapter_anchor(seconds: int) -> str:
    """The id of a chapter on its episode page: one per distinct start time."""
    return f"t-{seconds}"


def video_at(youtube_url: str, seconds: int) -> str:
    """A link that starts the video at this second."""
    return f"{youtube_url}&t={seconds}"


@dataclass(frozen=True)
class Linker:
    """Relative links from one page of the site to the others."""

    from_url: str
    use_directory_urls: bool = True

    def to_src(self, src_uri: str, anchor: str | None = None) -> str:
        target = page_url(src_uri, self.use_directory_urls)
        link = get_relative_url(target, self.from_url)
        if self.use_directory_urls and target.endswith("/") and not link.endswith("/"):
            link += "/"
        return f"{link}#{anchor}" if anchor else link

    def to_url(self, url: str) -> str:
        """A site-root URL such as 'guide/x/#goal' ('' is the home page), relative to this page."""
        path, _, anchor = url.partition("#")
        link = get_relative_url(path or "./", self.from_url)
        if (path.endswith("/") or not path) and not link.endswith("/"):
            link += "/"
        return f"{link}#{anchor}" if anchor else link

    def episode(self, slug: str, seconds: int | None = None) -> str:
        return self.to_src(episode_src(slug), chapter_anchor(seconds) if seconds is not None else None)

    def guest(self, guest_id: str) -> str:
        return self.to_src(guest_src(guest_id))

    def topic(self, name: str) -> str:
        return self.to_src(topic_src(name))
