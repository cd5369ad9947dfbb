"""Citations: "cite this episode at these chapter starts".

A citation names one episode and one or more time specs:
    "17:25"                 one chapter start
    "39:06-51:21"           a range: two chapter starts of the same episode
    "other-slug@12:00"      a time in another episode (rendered as its own group)
Every time must be a chapter start in data/episodes/<slug>.yml; anything else raises
CitationError with the nearest chapter starts.
"""

import bisect
import difflib
import re
from dataclasses import dataclass

from .errors import CitationError
from .models import Chapter, Episode
from .timecodes import TimecodeError, format_timecode, parse_timecode

_TIME = r"\d+:\d{2}(?::\d{2})?"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SPEC = re.compile(
    rf"^(?:(?P<ep1>{_SLUG})@)?(?P<t1>{_TIME})"
    rf"(?:\s*[-\u2013]\s*(?:(?P<ep2>{_SLUG})@)?(?P<t2>{_TIME}))?$"
)


@dataclass(frozen=True)
class Moment:
    """One chapter start of one episode (several chapters may share it)."""

    episode: Episode
    seconds: int
    chapters: tuple[Chapter, ...]

    @property
    def at(self) -> str:
        return format_timecode(self.seconds)

    @property
    def title(self) -> str:
        return " / ".join(c.title for c in self.chapters)


@dataclass(frozen=True)
class Span:
    """A single moment, or a range from one chapter start to a later one."""

    start: Moment
    end: Moment | None = None

    @property
    def episode(self) -> Episode:
        return self.start.episode

    @property
    def moments(self) -> tuple[Moment, ...]:
        return (self.start,) if self.end is None else (self.start, self.end)


def resolve_citation(episodes: dict, episode_slug: str, specs) -> list[Span]:
    """Turn cite()'s arguments into spans, or raise CitationError saying what is valid."""
    if not isinstance(episode_slug, str) or not episode_slug:
        raise CitationError(f"the first argument must be an episode slug, got {episode_slug!r}")
    specs = list(specs)
    if not specs:
        raise CitationError(
            f"cite('{episode_slug}') names no time; add at least one chapter start, "
            f"e.g. cite('{episode_slug}', '17:25')"
        )
    _episode(episodes, episode_slug)
    spans = []
    for spec in specs:
        if not isinstance(spec, str):
            raise CitationError(
                f"time {spec!r} must be a quoted string such as '17:25' (in cite() and in YAML)"
            )
        match = _SPEC.match(spec.strip())
        if not match:
            raise CitationError(
                f"'{spec}' is not a time or range; write '17:25', '1:01:58' or '39:06-51:21'"
            )
        first_slug = match["ep1"] or episode_slug
        start = _moment(episodes, first_slug, match["t1"])
        if match["t2"] is None:
            spans.append(Span(start))
            continue
        second_slug = match["ep2"] or first_slug
        if second_slug != first_slug:
            raise CitationError(
                f"range '{spec}' spans two episodes ({first_slug}, {second_slug}); a range runs "
                "between two chapter starts of one episode, so cite each episode separately"
            )
        end = _moment(episodes, second_slug, match["t2"])
        if end.seconds == start.seconds:
            raise CitationError(f"range '{spec}' starts and ends at the same chapter; cite '{start.at}' alone")
        if end.seconds < start.seconds:
            raise CitationError(
                f"range '{spec}' runs backwards; write the earlier chapter start first: '{end.at}-{start.at}'"
            )
        spans.append(Span(start, end))
    return spans


def _episode(episodes: dict, slug: str) -> Episode:
    if slug not in episodes:
        close = difflib.get_close_matches(slug, sorted(episodes), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise CitationError(f"unknown episode '{slug}'; {hint}episodes are the files in data/episodes/")
    return episodes[slug]


def _moment(episodes: dict, slug: str, text: str) -> Moment:
    episode = _episode(episodes, slug)
    try:
        seconds = parse_timecode(text)
    except TimecodeError as error:
        raise CitationError(f"in episode '{slug}': {error}") from None
    chapters = episode.starts.get(seconds)
    if not chapters:
        raise CitationError(
            f"unknown chapter {text} in episode {slug}; nearest chapter starts: "
            f"{', '.join(nearest_starts(episode, seconds))}"
        )
    return Moment(episode, seconds, chapters)


def nearest_starts(episode: Episode, seconds: int) -> list[str]:
    """The chapter starts either side of a time that is not one."""
    starts = sorted(episode.starts)
    i = bisect.bisect_left(starts, seconds)
    around = starts[max(i - 1, 0): i + 1]
    return [format_timecode(s) for s in around]


def citation_html(spans: list[Span], linker, guests_by_id: dict) -> str:
    """The inline HTML for resolved spans, grouped by episode in the order cited."""
    from .rendering import join_words, render_inline
    from .urls import video_at

    groups = []
    for span in spans:
        if not groups or groups[-1]["episode"].slug != span.episode.slug:
            episode = span.episode
            groups.append({
                "episode": episode,
                "episode_href": linker.episode(episode.slug, span.start.seconds),
                "names": join_words(guests_by_id[g].name for g in episode.guests),
                "spans": [],
            })
        groups[-1]["spans"].append({
            "moments": [
                {"at": m.at, "seconds": m.seconds, "title": m.title,
                 "video": video_at(m.episode.youtube_url, m.seconds)}
                for m in span.moments
            ]
        })
    # A citation may sit in a table cell, where Markdown splits the row at every "|",
    # even inside an attribute: written as a character reference it still reads "|".
    return render_inline("citation.html", groups=groups).replace("|", "&#124;")
